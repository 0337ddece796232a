/**
 * A quotation as a pattern over the source's words: its words, ellipses (any number of omitted words)
 * and square-bracket insertions (a clarification standing for a few words), and the alignment of that
 * pattern with the words of a passage.
 */
import { NEGATIONS, normWord, words, type Word } from './words';
import { Memo } from './memo';

export type QuoteElement =
  | { type: 'word'; norm: string; start: number; end: number }
  /** `…`, `...`, `[…]`: omitted words. */
  | { type: 'gap'; start: number; end: number }
  /** `[the president]`: words put in place of some of the source's. */
  | { type: 'insertion'; start: number; end: number };

const ELLIPSIS = /\[\s*(?:…|\.\s?\.\s?\.)\s*\]|\(\s*(?:…|\.\s?\.\s?\.)\s*\)|…|\.\s?\.\s?\.(?:\s?\.)*/g;
const BRACKET = /\[([^\]\n]{1,80})\]/g;
const SIC = /^\s*sic\s*!?\s*$/i;

/** Parse the quoted text (offsets are relative to `base`, the offset of `text` in the briefing). */
export function parseQuote(text: string, base = 0): QuoteElement[] {
  const relative = quoteMemo.get(text, () => parseRelative(text));
  return base === 0 ? relative : relative.map((e) => ({ ...e, start: e.start + base, end: e.end + base }));
}

const quoteMemo = new Memo<QuoteElement[]>();
const wordsMemo = new Memo<string[]>();

function parseRelative(text: string): QuoteElement[] {
  const base = 0;
  const marks: Array<{ start: number; end: number; type: 'gap' | 'insertion' | 'skip' | 'letters' }> = [];
  for (const m of text.matchAll(ELLIPSIS)) marks.push({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, type: 'gap' });
  for (const m of text.matchAll(BRACKET)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (marks.some((x) => x.start < end && start < x.end)) continue;
    if (SIC.test(m[1])) marks.push({ start, end, type: 'skip' });
    // "[t]he", "Russia[’s]": letters changed inside a word; the word compares with the brackets removed.
    else if (/[\p{L}\p{N}]/u.test(text[start - 1] ?? '') || /[\p{L}\p{N}]/u.test(text[end] ?? '')) marks.push({ start, end, type: 'letters' });
    else marks.push({ start, end, type: 'insertion' });
  }
  marks.sort((a, b) => a.start - b.start);
  // Text with brackets of in-word changes removed, and an offset map back to the quote.
  let clean = '';
  const map: number[] = [];
  const out: QuoteElement[] = [];
  const flush = () => {
    for (const w of words(clean)) out.push({ type: 'word', norm: w.norm, start: base + map[w.start], end: base + map[w.end - 1] + 1 });
    clean = '';
    map.length = 0;
  };
  let i = 0;
  for (const mark of marks) {
    if (mark.start < i) continue;
    for (; i < mark.start; i++) {
      clean += text[i];
      map.push(i);
    }
    if (mark.type === 'letters') {
      for (let k = mark.start + 1; k < mark.end - 1; k++) {
        clean += text[k];
        map.push(k);
      }
    } else {
      flush();
      if (mark.type !== 'skip') out.push({ type: mark.type, start: base + mark.start, end: base + mark.end });
    }
    i = mark.end;
  }
  for (; i < text.length; i++) {
    clean += text[i];
    map.push(i);
  }
  flush();
  return out;
}

export type AlignOp =
  | { op: 'equal'; q: number; s: number }
  /** A quoted word in place of a different source word. */
  | { op: 'replace'; q: number; s: number }
  /** A quoted word the source does not have. */
  | { op: 'insert'; q: number }
  /** A source word the quotation leaves out without an ellipsis. */
  | { op: 'delete'; s: number }
  /** Source words an ellipsis or a bracket stands for. */
  | { op: 'skip'; q: number; s: number[] };

export interface Alignment {
  ops: AlignOp[];
  /** Quoted words found in the source, in order. */
  matched: number;
  /** Quoted words in all. */
  quoteWords: number;
  /** Index range of source words the alignment spans (first to last aligned). */
  from: number;
  to: number;
  /** No word differs: the quotation is in the source (before the honesty check). */
  exact: boolean;
}

const MATCH = 2;
const MISMATCH = -1;
const GAP = -1;

/**
 * Align a quotation with `source[from, to)`: semi-global (the quotation may start and end anywhere in
 * the source), maximising matched words; ellipses and bracket insertions absorb source words for free.
 */
export function align(pattern: readonly QuoteElement[], source: readonly Word[], from = 0, to = source.length): Alignment {
  const m = pattern.length;
  const n = Math.max(0, to - from);
  const w = n + 1;
  const score = new Float64Array((m + 1) * w);
  // 1 diagonal, 2 up (quoted element without a source word), 3 left (source word skipped).
  const back = new Uint8Array((m + 1) * w);
  for (let i = 1; i <= m; i++) {
    const el = pattern[i - 1];
    const row = i * w;
    const prev = (i - 1) * w;
    const free = el.type !== 'word';
    score[row] = score[prev] + (free ? 0 : GAP);
    back[row] = 2;
    for (let j = 1; j <= n; j++) {
      let best: number;
      let dir: number;
      if (free) {
        // Consume no source word, or one more.
        best = score[prev + j];
        dir = 2;
        const left = score[row + j - 1];
        if (left >= best) {
          best = left;
          dir = 3;
        }
      } else {
        const same = source[from + j - 1].norm === el.norm;
        best = score[prev + j - 1] + (same ? MATCH : MISMATCH);
        dir = 1;
        const up = score[prev + j] + GAP;
        if (up > best) {
          best = up;
          dir = 2;
        }
        const left = score[row + j - 1] + GAP;
        if (left > best) {
          best = left;
          dir = 3;
        }
      }
      score[row + j] = best;
      back[row + j] = dir;
    }
  }
  // Free end: the best cell of the last row.
  let endJ = 0;
  for (let j = 1; j <= n; j++) if (score[m * w + j] > score[m * w + endJ]) endJ = j;
  const ops: AlignOp[] = [];
  let i = m;
  let j = endJ;
  let pendingSkip: number[] = [];
  while (i > 0) {
    const el = pattern[i - 1];
    const dir = j === 0 ? 2 : back[i * w + j];
    if (el.type !== 'word') {
      if (dir === 3) {
        pendingSkip.unshift(from + j - 1);
        j--;
      } else {
        ops.unshift({ op: 'skip', q: i - 1, s: pendingSkip });
        pendingSkip = [];
        i--;
      }
      continue;
    }
    if (dir === 1) {
      const s = from + j - 1;
      ops.unshift(source[s].norm === el.norm ? { op: 'equal', q: i - 1, s } : { op: 'replace', q: i - 1, s });
      i--;
      j--;
    } else if (dir === 2) {
      ops.unshift({ op: 'insert', q: i - 1 });
      i--;
    } else {
      ops.unshift({ op: 'delete', s: from + j - 1 });
      j--;
    }
  }
  let matched = 0;
  let exact = true;
  let lo = Infinity;
  let hi = -Infinity;
  for (const op of ops) {
    if (op.op === 'equal') matched++;
    if (op.op === 'replace' || op.op === 'insert' || op.op === 'delete') exact = false;
    if (op.op !== 'skip' && op.op !== 'insert') {
      lo = Math.min(lo, op.s);
      hi = Math.max(hi, op.s + 1);
    }
  }
  // Ellipses at the ends of the quotation stand for nothing in particular: they do not widen the span.
  for (const op of ops) if (op.op === 'skip') op.s = op.s.filter((s) => s >= lo && s < hi);
  const quoteWords = pattern.filter((e) => e.type === 'word').length;
  return { ops, matched, quoteWords, from: lo === Infinity ? from : lo, to: hi === -Infinity ? from : hi, exact: exact && quoteWords > 0 };
}

/** An ellipsis or bracket that hides a negation ("We do […] want a conflict"): not an honest omission. */
export function dishonestSkip(align: Alignment, pattern: readonly QuoteElement[], source: readonly Word[]): { q: number; words: string[] } | undefined {
  for (const op of align.ops) {
    if (op.op !== 'skip' || !op.s.length) continue;
    const el = pattern[op.q];
    const skipped = op.s.map((s) => source[s].norm);
    const hidesNegation = skipped.some((w) => NEGATIONS.has(w) || w.endsWith("n't"));
    const inside = op !== align.ops[0] && op !== align.ops[align.ops.length - 1];
    if (!inside) continue;
    if (el.type === 'insertion' && (hidesNegation || skipped.length > 8)) return { q: op.q, words: skipped };
    if (el.type === 'gap' && hidesNegation && skipped.length <= 5) return { q: op.q, words: skipped };
  }
  return undefined;
}

/** The folded words of a plain text (for anchors such as a link title). */
export function plainWords(text: string): string[] {
  return wordsMemo.get(text, () => words(text).map((w) => w.norm));
}

export { normWord };
