/**
 * What the writer is asking for at the cursor: the text since the last trigger on the line (an opening
 * quotation mark or the prefix), or, with no trigger, the last few words of the current sentence.
 */

export type TriggerKind = 'quote' | 'prefix' | 'none';

export interface CompletionQuery {
  query: string;
  trigger: TriggerKind;
  /** Character in the line where the replaced text starts (the trigger included). */
  start: number;
  /** Character in the line where the replaced text ends (past an auto-closed quotation mark). */
  end: number;
}

export const DEFAULT_PREFIX = '@@';
const MAX_WORDS = 8;
const MAX_QUERY = 200;

function isOpening(before: string, index: number): boolean {
  return index === 0 || /[\s([{—–-]/.test(before[index - 1]);
}

/** The opening quotation mark that is still open at the end of `before`, if any. */
function openQuote(before: string): number {
  const curly = before.lastIndexOf('“');
  const curlyOpen = curly !== -1 && before.indexOf('”', curly) === -1 && isOpening(before, curly) ? curly : -1;
  let straight = -1;
  const positions: number[] = [];
  for (let i = 0; i < before.length; i++) if (before[i] === '"') positions.push(i);
  if (positions.length % 2 === 1) {
    const last = positions[positions.length - 1];
    if (isOpening(before, last)) straight = last;
  }
  return Math.max(curlyOpen, straight);
}

export function completionQuery(line: string, character: number, prefix: string = DEFAULT_PREFIX): CompletionQuery | undefined {
  const before = line.slice(0, character);
  if (/^\s{0,3}\[\^[^\]]+\]:/.test(line)) return undefined; // a footnote definition
  const prefixAt = prefix ? before.lastIndexOf(prefix) : -1;
  const quoteAt = openQuote(before);
  let result: CompletionQuery;
  if (prefixAt !== -1 && prefixAt >= quoteAt) {
    result = { query: before.slice(prefixAt + prefix.length), trigger: 'prefix', start: prefixAt, end: character };
  } else if (quoteAt !== -1) {
    result = { query: before.slice(quoteAt + 1), trigger: 'quote', start: quoteAt, end: character };
    const after = line[character];
    const opener = line[quoteAt];
    if ((opener === '"' && after === '"') || (opener === '“' && after === '”')) result.end = character + 1;
  } else {
    // No trigger: the words since the last sentence end, colon or the line's start (list and quote markers skipped).
    // A sentence end may carry closing quotes and footnote references: `said.”[^2] `.
    const m = /(?:^\s*(?:>\s*)*(?:[-*+]\s+|\d+[.)]\s+|#+\s+)?|[.!?:][”’"')\]]*(?:\[\^[^\]\s]+\])*\s+)([^.!?:]*)$/.exec(before);
    const tail = m ? m[1] : before;
    const words = tail.match(/\S+\s*/g) ?? [];
    const kept = words.slice(-MAX_WORDS).join('');
    result = { query: kept, trigger: 'none', start: character - kept.length, end: character };
  }
  if (result.query.length > MAX_QUERY || /\[\^/.test(result.query)) return undefined;
  return result;
}
