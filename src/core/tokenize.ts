/**
 * Words for the index: folded, spelling variants joined (aliases.ts), lightly stemmed, doubled letters
 * written once; numbers normalised to their digits whichever way they are written ("90,000", "90 000",
 * "ninety thousand", "90 thousand" are all `90000`; "2nd" is `2`); stop words dropped. A hyphenated
 * compound yields its parts and the joined word, so "build-up" also finds "buildup".
 */
import { fold } from './text';
import { canonicalSpelling, collapseDoubles } from './aliases';
import { wordsToNumber } from './figures';

export const STOP_WORDS = new Set(
  ('a an and are as at be been but by for from had has have he her his i if in into is it its of on or our ' +
    'she so than that the their them then there these they this to was we were what when which who will with would ' +
    'you your not no do does did said says say also about after over up out more s').split(' '),
);

export interface Token {
  /** The index term: folded, canonical spelling, stemmed. */
  term: string;
  /** The folded surface word (for numbers: the digits). */
  word: string;
  /** Offset of the word in the input. */
  offset: number;
  length: number;
}

// A number with thousands separators ("90,000", "90 000", "90.000") or decimals, an ordinal ("2nd"), or a word.
const WORD = /\d{1,3}(?:[ ,.\u00a0\u202f]\d{3})+(?![\d])|\d+(?:[.,]\d+)?(?:st|nd|rd|th)?(?![\p{L}\p{N}])|[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

const NUMBER_WORDS = new Set([
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen',
  'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty', 'thirty', 'forty', 'fifty', 'sixty',
  'seventy', 'eighty', 'ninety', 'hundred', 'thousand', 'million', 'billion', 'trillion',
]);
const SCALE_WORDS: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12, bn: 1e9 };
/** "70k", "2.5m", "3bn". */
const SUFFIX_SCALE: Record<string, number> = { k: 1e3, m: 1e6, bn: 1e9 };

/** Light stemmer: plural, verb and adverb endings and a final e, so "sanctions" finds "sanction", "invaded" "invade". */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ss') || w.endsWith('us') || w.endsWith('is')) return w;
  else if (w.endsWith('s')) w = w.slice(0, -1);
  else if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  else if (w.endsWith('ly') && w.length > 5) w = w.slice(0, -2);
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

const termCache = new Map<string, string>();
const TERM_CACHE_SIZE = 100_000;

/** The index term of a folded word (no number handling). */
export function termOf(word: string): string {
  let term = termCache.get(word);
  if (term === undefined) {
    term = collapseDoubles(stem(canonicalSpelling(word)));
    if (termCache.size >= TERM_CACHE_SIZE) termCache.clear();
    termCache.set(word, term);
  }
  return term;
}

// eslint-disable-next-line no-control-regex
const ASCII = /^[\x00-\x7f]*$/;

/** The folded word, numbers as plain digits ("90,000" → "90000", "2,5" → "2.5", "2nd" → "2", "70k" → "70000"). */
export function normalizeWord(raw: string): string {
  let w = ASCII.test(raw) ? raw.toLowerCase() : fold(raw);
  const first = w.charCodeAt(0);
  if (first >= 48 && first <= 57) {
    const scaled = /^(\d+(?:[.,]\d+)?)(k|m|bn)$/.exec(w);
    if (scaled) return numberText(Number(scaled[1].replace(',', '.')) * SUFFIX_SCALE[scaled[2]]);
    w = w.replace(/(?:st|nd|rd|th)$/, '');
    if (/^\d{1,3}(?:[ ,.\u00a0\u202f]\d{3})+$/.test(w)) return w.replace(/\D/g, '');
    return w.replace(',', '.');
  }
  if (w.includes("'") || w.includes('’')) w = w.replace(/['’]s$/, '').replace(/['’]/g, '');
  return w;
}

interface RawWord {
  word: string;
  offset: number;
  length: number;
}

function numberText(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(6)));
}

/** Runs of number words ("ninety thousand", "two hundred and five") and digits with a scale word ("90 thousand"), merged. */
function mergeNumbers(text: string, raw: RawWord[]): RawWord[] {
  const out: RawWord[] = [];
  const gapOk = (a: RawWord, b: RawWord) => /^[\s-]*$/.test(text.slice(a.offset + a.length, b.offset));
  for (let i = 0; i < raw.length; i++) {
    const w = raw[i];
    if (isNumber(w.word) && i + 1 < raw.length && raw[i + 1].word in SCALE_WORDS && gapOk(w, raw[i + 1])) {
      const next = raw[i + 1];
      out.push({ word: numberText(Number(w.word) * SCALE_WORDS[next.word]), offset: w.offset, length: next.offset + next.length - w.offset });
      i++;
      continue;
    }
    if (!NUMBER_WORDS.has(w.word)) {
      out.push(w);
      continue;
    }
    let j = i;
    while (j + 1 < raw.length) {
      const next = raw[j + 1];
      if (NUMBER_WORDS.has(next.word) && gapOk(raw[j], next)) j++;
      else if (next.word === 'and' && j + 2 < raw.length && NUMBER_WORDS.has(raw[j + 2].word) && raw[j].word === 'hundred') j += 2;
      else break;
    }
    const run = raw.slice(i, j + 1);
    const value = wordsToNumber(run.map((r) => r.word).join(' '));
    if (value === undefined) out.push(w);
    else {
      const last = raw[j];
      out.push({ word: numberText(value), offset: w.offset, length: last.offset + last.length - w.offset });
      i = j;
    }
  }
  return out;
}

function isNumber(word: string): boolean {
  const c = word.charCodeAt(0);
  return c >= 48 && c <= 57;
}

/** Whether two words are joined by a single hyphen ("build-up"). */
function hyphenated(text: string, a: RawWord, b: RawWord): boolean {
  const end = a.offset + a.length;
  return b.offset === end + 1 && text.charCodeAt(end) === 45;
}

export function tokenize(text: string, keepStopWords = false): Token[] {
  const raw: RawWord[] = [];
  for (const m of text.matchAll(WORD)) {
    const word = normalizeWord(m[0]);
    if (word) raw.push({ word, offset: m.index ?? 0, length: m[0].length });
  }
  const words = mergeNumbers(text, raw);
  const out: Token[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (keepStopWords || !STOP_WORDS.has(w.word)) {
      out.push({ term: isNumber(w.word) ? w.word : termOf(w.word), word: w.word, offset: w.offset, length: w.length });
    }
    // A hyphenated compound of words: also the joined word, right after its first part.
    if (i + 1 >= words.length || !hyphenated(text, w, words[i + 1]) || (i > 0 && hyphenated(text, words[i - 1], w))) continue;
    let j = i + 1;
    while (j + 1 < words.length && hyphenated(text, words[j], words[j + 1])) j++;
    if (j - i > 3) continue;
    const parts = words.slice(i, j + 1);
    if (parts.some((p) => /\d/.test(p.word))) continue;
    const joined = parts.map((p) => p.word).join('');
    const last = parts[parts.length - 1];
    out.push({ term: termOf(joined), word: joined, offset: w.offset, length: last.offset + last.length - w.offset });
  }
  return out;
}
