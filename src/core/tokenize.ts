/** Words for the index: folded, numbers normalised, lightly stemmed; stop words dropped. */
import { fold } from './text';

export const STOP_WORDS = new Set(
  ('a an and are as at be been but by for from had has have he her his i if in into is it its of on or our ' +
    'she so than that the their them then there these they this to was we were what when which who will with would ' +
    'you your not no do does did said says say also about after over up out more s').split(' '),
);

export interface Token {
  /** The stemmed, folded term. */
  term: string;
  /** The folded surface word. */
  word: string;
  /** Offset of the word in the input. */
  offset: number;
  length: number;
}

// A number with thousands separators ("90,000", "90 000", "90.000") or decimals, or a word.
const WORD = /\d{1,3}(?:[ ,.\u00a0\u202f]\d{3})+(?![\d])|\d+(?:[.,]\d+)?|[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** Light stemmer: plural and verb endings, so "sanctions" finds "sanction" and "warned" "warn". */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return word.slice(0, -3) + 'y';
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('ss') || word.endsWith('us') || word.endsWith('is')) return word;
  if (word.endsWith('s')) return word.slice(0, -1);
  if (word.endsWith('ing') && word.length > 5) return word.slice(0, -3);
  if (word.endsWith('ed') && word.length > 4) return word.slice(0, -2);
  return word;
}

export function normalizeWord(raw: string): string {
  let w = fold(raw);
  if (/^\d/.test(w)) {
    if (/^\d{1,3}(?:[ ,.\u00a0\u202f]\d{3})+$/.test(w)) return w.replace(/\D/g, '');
    return w.replace(',', '.');
  }
  w = w.replace(/['’]s$/, '').replace(/['’]/g, '');
  return w;
}

export function tokenize(text: string, keepStopWords = false): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const word = normalizeWord(m[0]);
    if (!word) continue;
    if (!keepStopWords && STOP_WORDS.has(word)) continue;
    out.push({ term: stem(word), word, offset: m.index ?? 0, length: m[0].length });
  }
  return out;
}
