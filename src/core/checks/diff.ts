/** Word-level differences between a quotation and the source words it was aligned with. */
import type { Alignment, QuoteElement } from './quote';
import type { Word } from './words';

export interface DiffOp {
  /** `inserted`: words the briefing adds; `dropped`: source words it leaves out; `omitted`: words an ellipsis or bracket stands for. */
  type: 'equal' | 'inserted' | 'dropped' | 'changed' | 'omitted';
  /** The briefing's words, as written. */
  quote?: string;
  /** The source's words, as written. */
  source?: string;
}

/** Merge an alignment into runs: equal words, and hunks of inserted, dropped or changed words. */
export function wordDiff(align: Alignment, pattern: readonly QuoteElement[], quoteText: string, source: readonly Word[], sourceText: string): DiffOp[] {
  const q = (i: number) => quoteText.slice(pattern[i].start, pattern[i].end);
  const s = (i: number) => sourceText.slice(source[i].start, source[i].end);
  const out: DiffOp[] = [];
  let hunk: { quote: string[]; source: string[] } | undefined;
  const closeHunk = () => {
    if (!hunk) return;
    const type = hunk.quote.length && hunk.source.length ? 'changed' : hunk.quote.length ? 'inserted' : 'dropped';
    const op: DiffOp = { type };
    if (hunk.quote.length) op.quote = hunk.quote.join(' ');
    if (hunk.source.length) op.source = hunk.source.join(' ');
    out.push(op);
    hunk = undefined;
  };
  const push = (type: 'equal' | 'omitted', quote: string, src: string) => {
    closeHunk();
    const last = out[out.length - 1];
    if (type === 'equal' && last?.type === 'equal') {
      last.quote += ' ' + quote;
      last.source += ' ' + src;
    } else out.push({ type, quote, source: src });
  };
  for (const op of align.ops) {
    switch (op.op) {
      case 'equal':
        push('equal', q(op.q), s(op.s));
        break;
      case 'skip':
        push('omitted', q(op.q), op.s.map(s).join(' '));
        break;
      default:
        hunk ??= { quote: [], source: [] };
        if (op.op !== 'delete') hunk.quote.push(q(op.q));
        if (op.op !== 'insert') hunk.source.push(s(op.s));
    }
  }
  closeHunk();
  return out;
}

/** "dropped “do not”; changed “favours” to “favors”". */
export function describeDiff(ops: readonly DiffOp[], max = 3): string {
  const parts: string[] = [];
  for (const op of ops) {
    if (op.type === 'dropped') parts.push(`dropped “${op.source}”`);
    else if (op.type === 'inserted') parts.push(`inserted “${op.quote}”`);
    else if (op.type === 'changed') parts.push(`changed “${op.source}” to “${op.quote}”`);
  }
  if (parts.length > max) return parts.slice(0, max).join('; ') + `; and ${parts.length - max} more`;
  return parts.join('; ');
}
