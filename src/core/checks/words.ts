/** Words with offsets, folded for comparison (case, accents, typographic apostrophes), cached per source document. */
import type { CorpusDocument, Passage } from '../types';
import { fold } from '../text';

export interface Word {
  /** Folded form, for comparison. */
  norm: string;
  start: number;
  end: number;
}

// A number with separators ("90,000", "2.5"), or a word with inner apostrophes ("don't", "Russia’s").
const WORD = /\p{N}+(?:[.,:]\p{N}+)*|[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*/gu;
const PLAIN = /^[a-z0-9]+$/;

export function normWord(raw: string): string {
  const lower = raw.toLowerCase();
  return PLAIN.test(lower) ? lower : fold(raw).replace(/’/g, "'");
}

/** The words of `text[from, to)`, with offsets into `text`. */
export function words(text: string, from = 0, to = text.length): Word[] {
  const out: Word[] = [];
  const slice = from === 0 && to === text.length ? text : text.slice(from, to);
  for (const m of slice.matchAll(WORD)) {
    const start = from + (m.index ?? 0);
    out.push({ norm: normWord(m[0]), start, end: start + m[0].length });
  }
  return out;
}

const cache = new WeakMap<CorpusDocument, Word[]>();

/** Every word of a source document (computed once per document object). */
export function documentWords(doc: CorpusDocument): Word[] {
  let w = cache.get(doc);
  if (!w) {
    w = words(doc.text);
    cache.set(doc, w);
  }
  return w;
}

/** Index of the first word that ends after `offset`. */
export function firstWordAfter(list: readonly Word[], offset: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Indices `[i, j)` of the words that lie within `[start, end)`. */
export function wordSpan(list: readonly Word[], start: number, end: number): [number, number] {
  let i = firstWordAfter(list, start);
  while (i < list.length && list[i].start < start) i++;
  let j = i;
  while (j < list.length && list[j].end <= end) j++;
  return [i, j];
}

/** Start indices in `list[from, to)` where the words `seq` occur in order, contiguously. */
export function findSequence(list: readonly Word[], seq: readonly string[], from = 0, to = list.length): number[] {
  const out: number[] = [];
  if (!seq.length) return out;
  for (let i = from; i + seq.length <= to; i++) {
    if (list[i].norm !== seq[0]) continue;
    let k = 1;
    while (k < seq.length && list[i + k].norm === seq[k]) k++;
    if (k === seq.length) out.push(i);
  }
  return out;
}

/** Words that turn a statement into its opposite when dropped. */
export const NEGATIONS = new Set(['not', "n't", 'no', 'never', 'none', 'nor', 'neither', 'nothing', 'nobody', 'without', 'cannot', "can't", "won't", "don't", "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't", "shouldn't", "wouldn't", "couldn't", "hasn't", "haven't", "hadn't"]);

const sentenceCache = new WeakMap<CorpusDocument, Passage[]>();

/** The document's sentences in order: its passages without the quotations and facts nested in others. */
export function documentSentences(doc: CorpusDocument): Passage[] {
  let s = sentenceCache.get(doc);
  if (!s) {
    s = [];
    const sorted = [...doc.passages].sort((a, b) => a.start - b.start || b.end - a.end);
    for (const p of sorted) if (!s.length || p.start >= s[s.length - 1].end) s.push(p);
    sentenceCache.set(doc, s);
  }
  return s;
}
