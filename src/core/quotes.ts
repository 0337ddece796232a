/**
 * Quotations in a block of text, with who said them: `“…,” Stoltenberg said`, `Blinken said: “…”`,
 * `“…” said Blinken`, and `“…”, he reiterated` resolved to the last named speaker.
 */
import type { Span } from './segment';

export interface Quote extends Span {
  speaker?: string;
}

const SPEECH =
  'said|says|added|adds|stated|states|told|tells|warned|warns|noted|notes|stressed|stresses|reiterated|reiterates|declared|declares|insisted|insists|explained|explains|argued|argues|asked|asks|wrote|writes|tweeted|tweets|continued|concluded|remarked|announced|announces|underlined|underscored|emphasised|emphasized|claimed|claims|urged|urges|replied|responded|acknowledged|admitted|called|accused|accuses|demanded|demands|described|describes|expressed|vowed|pledged|promised|predicted|cautioned';
const NAME_WORD = "\\p{Lu}(?:[\\p{L}'’-]+|\\.)";
const NAME = `${NAME_WORD}(?:[ \\t]+${NAME_WORD}){0,3}`;
const PRONOUN = '(?:he|she|they|He|She|They)';
const NOT_NAMES = new Set(['The', 'A', 'An', 'It', 'This', 'That', 'These', 'Those', 'In', 'On', 'At', 'But', 'And', 'As', 'If', 'When', 'While', 'After', 'Before', 'We', 'I', 'You', 'He', 'She', 'They', 'Earlier', 'Later', 'Speaking', 'During']);

/** Pairs of quotation marks, outermost, within one block. */
function quotationSpans(text: string, block: Span): Span[] {
  const out: Span[] = [];
  let i = block.start;
  while (i < block.end) {
    const ch = text[i];
    if (ch === '“') {
      // Curly quotes nest: find the matching close.
      let depth = 0;
      let j = i;
      for (; j < block.end; j++) {
        if (text[j] === '“') depth++;
        else if (text[j] === '”' && --depth === 0) break;
      }
      if (j < block.end) {
        out.push({ start: i, end: j + 1 });
        i = j + 1;
        continue;
      }
    } else if (ch === '"' && (i === block.start || /[\s([{:—–-]/.test(text[i - 1]))) {
      const j = text.indexOf('"', i + 1);
      if (j !== -1 && j < block.end) {
        out.push({ start: i, end: j + 1 });
        i = j + 1;
        continue;
      }
    }
    i++;
  }
  return out;
}

/** The quoted words without the marks and the trailing comma that belongs to the attribution. */
function inner(text: string, q: Span): Span {
  let start = q.start + 1;
  let end = q.end - 1;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /[\s,;:]/.test(text[end - 1])) end--;
  return { start, end };
}

function cleanName(raw: string): string | undefined {
  const words = raw.trim().split(/\s+/).filter((w) => !NOT_NAMES.has(w));
  if (!words.length) return undefined;
  // "Ukrainian Foreign Minister Dmytro Kuleba": the name is the last two words.
  return words.slice(-2).join(' ').replace(/[.,]$/, '');
}

/** A speaker named just after the quotation: `,” Stoltenberg said` / `” said Blinken` / `”, he reiterated`. */
function speakerAfter(text: string, end: number, limit: number): string | 'pronoun' | undefined {
  const after = text.slice(end, Math.min(limit, end + 120));
  let m = new RegExp(`^[,.]?\\s*(?:(${NAME})|(${PRONOUN}))\\s+(?:also\\s+|then\\s+|later\\s+)?(?:${SPEECH})\\b`, 'u').exec(after);
  if (m) return m[2] || isPronoun(m[1]) ? 'pronoun' : cleanName(m[1]);
  m = new RegExp(`^[,.]?\\s*(?:${SPEECH})\\s+(${NAME})`, 'u').exec(after);
  if (m) return cleanName(m[1]);
  return undefined;
}

/** A speaker named just before the quotation: `Blinken said: “` / `Stoltenberg said that “`. */
function speakerBefore(text: string, start: number, blockStart: number): string | 'pronoun' | undefined {
  const before = text.slice(Math.max(blockStart, start - 160), start);
  const m = new RegExp(`(?:(${NAME})|\\b(${PRONOUN}))\\s+(?:also\\s+)?(?:${SPEECH})(?:\\s+[^“”".!?]{0,80}?)?(?:\\s+that)?\\s*[:,]?\\s*$`, 'u').exec(before);
  if (!m) return undefined;
  return m[2] || isPronoun(m[1]) ? 'pronoun' : cleanName(m[1]);
}

function isPronoun(word: string | undefined): boolean {
  return !!word && /^(?:he|she|they)$/i.test(word.trim());
}

/** Named speakers of speech verbs in a text (for resolving pronouns): `Lavrov said Russia…`. */
export function namedSpeakers(text: string): Array<{ at: number; name: string }> {
  const out: Array<{ at: number; name: string }> = [];
  for (const m of text.matchAll(new RegExp(`(${NAME})\\s+(?:also\\s+)?(?:${SPEECH})\\b`, 'gu'))) {
    const name = cleanName(m[1]);
    if (name) out.push({ at: m.index ?? 0, name });
  }
  return out;
}

/**
 * Quotations of at least two words in the given blocks, with speakers. `speakers` are named speakers
 * of the whole document (for pronouns); `fullNames` expands a surname to the full name used elsewhere.
 */
export function findQuotes(text: string, blocks: readonly Span[]): Quote[] {
  const speakers = namedSpeakers(text);
  const fullNames = new Map<string, string>();
  for (const s of speakers) {
    const parts = s.name.split(' ');
    if (parts.length === 2) fullNames.set(parts[1], s.name);
  }
  for (const m of text.matchAll(/(?=\b(\p{Lu}\p{Ll}+)[ \t]+(\p{Lu}\p{Ll}+)\b)/gu)) if (!fullNames.has(m[2])) fullNames.set(m[2], `${m[1]} ${m[2]}`);
  const expand = (name: string) => (name.includes(' ') ? name : fullNames.get(name) ?? name);

  const out: Quote[] = [];
  let last: string | undefined;
  for (const block of blocks) {
    let previousInBlock: string | undefined;
    for (const q of quotationSpans(text, block)) {
      const span = inner(text, q);
      const words = text.slice(span.start, span.end).split(/\s+/).filter(Boolean).length;
      // An unattributed quotation right after an attributed one in the same paragraph continues it.
      let who = speakerAfter(text, q.end, block.end) ?? speakerBefore(text, q.start, block.start) ?? previousInBlock;
      if (who === 'pronoun') {
        // The speaker the paragraph is about (the first known speaker it names), else the last one named.
        const known = new Set(speakers.map((s) => s.name.split(' ').pop() as string));
        const topic = [...text.slice(block.start, q.start).matchAll(/\p{Lu}[\p{L}'’-]+/gu)].map((m) => m[0]).find((w) => known.has(w));
        const prior = speakers.filter((s) => s.at < q.start).pop();
        who = topic ?? prior?.name ?? last;
      }
      const quote: Quote = { ...span };
      if (who) {
        quote.speaker = expand(who);
        last = quote.speaker;
        previousInBlock = quote.speaker;
      }
      if (words >= 2) out.push(quote);
    }
  }
  return out;
}
