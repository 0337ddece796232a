/**
 * Words for the index: folded, spelling variants joined (aliases.ts), lightly stemmed, doubled letters
 * written once; numbers normalised to their digits whichever way they are written ("90,000", "90 000",
 * "ninety thousand", "90 thousand" are all `90000`; "2nd" is `2`); stop words dropped. A hyphenated
 * compound yields its parts and the joined word, so "build-up" also finds "buildup".
 *
 * `tokenize` gives tokens with their offsets (for queries and highlighting); `indexTerms` gives the same
 * terms, and only them, several times faster, for indexing.
 */
import { detachedString, fold } from './text';
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

// A number with thousands separators ("90,000", "90 000", "90.000") or decimals, an ordinal ("2nd") or a scale
// ("2.5m"), or a word.
const WORD =
  /\d{1,3}(?:[ ,.\u00a0\u202f]\d{3})+(?![\d])|\d+(?:[.,]\d+)?(?:[sS][tT]|[nN][dD]|[rR][dD]|[tT][hH]|[kK]|[mM]|[bB][nN])?(?![\p{L}\p{N}])|[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

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

/**
 * A bounded cache that keeps what is in use: entries live in a young generation; when it is full it becomes
 * the old one (the previous old one is dropped) and an entry found only in the old generation moves back
 * to the young one. Frequent words therefore survive every turnover, and the size stays below twice `generation`.
 */
class RecentCache<V> {
  private young = new Map<string, V>();
  private old = new Map<string, V>();

  constructor(private readonly generation: number) {}

  get(key: string): V | undefined {
    const value = this.young.get(key);
    if (value !== undefined) return value;
    const older = this.old.get(key);
    if (older !== undefined) this.set(key, older);
    return older;
  }

  set(key: string, value: V): void {
    if (this.young.size >= this.generation) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }

  clear(): void {
    this.young = new Map();
    this.old = new Map();
  }
}

const termCache = new RecentCache<string>(100_000);

/** The index term of a folded word (no number handling). */
export function termOf(word: string): string {
  let term = termCache.get(word);
  if (term === undefined) {
    term = collapseDoubles(stem(canonicalSpelling(word)));
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
    if (isNumber(w.word) && i + 1 < raw.length && isScaleWord(raw[i + 1].word) && isFinite(Number(w.word)) && gapOk(w, raw[i + 1])) {
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

const SCALE_WORD_SET = new Set(Object.keys(SCALE_WORDS));

function isScaleWord(word: string): boolean {
  return SCALE_WORD_SET.has(word);
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

/*
 * indexTerms: the terms of `tokenize(text)` in one pass over the character codes. It finds the same words
 * as WORD (the same alternatives, tried in the same order, with the same backtracking: wordEnd), looks each
 * up in tables of words already met (normalizeWord and the term are computed once per distinct word), and
 * merges numbers and joins hyphenated compounds as tokenize does, over reused arrays instead of tokens.
 * test/unit/indexTerms.test.ts holds it to tokenize.
 */

/** Character classes: \p{L}, \p{N}, an ASCII digit. */
const LETTER = 1;
const NUMERAL = 2;
const DIGIT = 4;
const KNOWN = 8;
const WORD_CHAR = LETTER | NUMERAL;

const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  ASCII_CLASS[c] = (/\p{L}/u.test(ch) ? LETTER : 0) | (/\p{N}/u.test(ch) ? NUMERAL : 0) | (/\d/.test(ch) ? DIGIT : 0);
}
/** Classes of the characters beyond ASCII in the Basic Multilingual Plane, filled in as they are met. */
const BMP_CLASS = new Uint8Array(65536);
const ASTRAL_CLASS = new Map<number, number>();

function classOfCodePoint(cp: number): number {
  const ch = String.fromCodePoint(cp);
  return (/\p{L}/u.test(ch) ? LETTER : 0) | (/\p{N}/u.test(ch) ? NUMERAL : 0);
}

/** Where the text being scanned ends (a passage is scanned in its document's text, which goes on). */
let textEnd = 0;

/** The code unit at `i`, 0 past the end (never NaN, so that the scanning code keeps to small integers). */
function codeAt(text: string, i: number): number {
  return i < textEnd ? text.charCodeAt(i) : 0;
}

/** The class of the code point at `i` (0 past the end); `width` tells how many code units it takes. */
let width = 1;
function classAt(text: string, i: number): number {
  width = 1;
  if (i >= textEnd) return 0;
  const c = codeAt(text, i);
  if (c < 128) return ASCII_CLASS[c];
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < textEnd) {
    const d = codeAt(text, i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) {
      width = 2;
      const cp = (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
      let cls = ASTRAL_CLASS.get(cp);
      if (cls === undefined) {
        cls = classOfCodePoint(cp);
        ASTRAL_CLASS.set(cp, cls);
      }
      return cls;
    }
  }
  let cls = BMP_CLASS[c];
  if (cls === 0) {
    cls = classOfCodePoint(c) | KNOWN;
    BMP_CLASS[c] = cls;
  }
  return cls & ~KNOWN;
}

function isAsciiDigit(text: string, i: number): boolean {
  const c = codeAt(text, i);
  return c >= 48 && c <= 57;
}

/** The end of a run of ASCII digits from `i`. */
function digitsEnd(text: string, i: number): number {
  while (isAsciiDigit(text, i)) i++;
  return i;
}

function isThousandsSeparator(c: number): boolean {
  return c === 32 || c === 44 || c === 46 || c === 0xa0 || c === 0x202f;
}

/** The length of an ordinal or scale suffix at `i` ("st", "nd", "rd", "th", "k", "m", "bn", any case), or 0. */
function suffixLength(text: string, i: number): number {
  const a = codeAt(text, i) | 32;
  const b = codeAt(text, i + 1) | 32;
  if (a === 107 || a === 109) return 1; // k, m
  if ((a === 115 && b === 116) || (a === 110 && b === 100) || (a === 114 && b === 100) || (a === 116 && b === 104) || (a === 98 && b === 110)) {
    return 2; // st, nd, rd, th, bn
  }
  return 0;
}

/** Where the word starting at `i` (a letter or number) ends. Sets `pureDigits` when it is digits only. */
let pureDigits = false;
function wordEnd(text: string, i: number): number {
  pureDigits = false;
  if (isAsciiDigit(text, i)) {
    const run = digitsEnd(text, i);
    // \d{1,3}(?:[ ,.\u00a0\u202f]\d{3})+(?![\d])
    if (run - i <= 3) {
      let end = run;
      let previous = -1;
      while (isThousandsSeparator(codeAt(text, end)) && isAsciiDigit(text, end + 1) && isAsciiDigit(text, end + 2) && isAsciiDigit(text, end + 3)) {
        previous = end;
        end += 4;
      }
      if (end > run) {
        if (!isAsciiDigit(text, end)) return end;
        if (previous > run) return previous;
      }
    }
    // \d+(?:[.,]\d+)?(?:st|nd|rd|th|k|m|bn)?(?![\p{L}\p{N}])
    const sep = codeAt(text, run);
    if ((sep === 46 || sep === 44) && isAsciiDigit(text, run + 1)) {
      const end = digitsEnd(text, run + 1);
      const suffix = suffixLength(text, end);
      if (suffix && !(classAt(text, end + suffix) & WORD_CHAR)) return end + suffix;
      if (!(classAt(text, end) & WORD_CHAR)) return end;
      pureDigits = true;
      return run; // the separator after the digits is no letter
    }
    const suffix = suffixLength(text, run);
    if (suffix && !(classAt(text, run + suffix) & WORD_CHAR)) return run + suffix;
    if (!(classAt(text, run) & WORD_CHAR)) {
      pureDigits = true;
      return run;
    }
  }
  // [\p{L}\p{N}]+(?:['’][\p{L}]+)*
  let j = i;
  for (;;) {
    const c = codeAt(text, j);
    if (c < 128) {
      if (ASCII_CLASS[c] & WORD_CHAR) j++;
      else break;
    } else if (classAt(text, j) & WORD_CHAR) j += width;
    else break;
  }
  for (;;) {
    const c = codeAt(text, j);
    if ((c !== 39 && c !== 0x2019) || !(classAt(text, j + 1) & LETTER)) return j;
    j += 1 + width;
    while (classAt(text, j) & LETTER) j += width;
  }
}

/** Word flags. */
const STOP = 1;
const NUMBER = 2; // starts with a digit
const HAS_DIGIT = 4;
const NUMBER_WORD = 8;
const SCALE_WORD = 16;
const AND = 32;
const EMPTY = 64; // normalised to nothing

interface WordInfo {
  word: string;
  /** The term, or null for a stop word. */
  term: string | null;
  flags: number;
  /** The term's id in the `TermIds` that `owner` stands for (see `indexTermIds`). */
  owner: object | undefined;
  id: number;
}

function hasDigit(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

function wordInfo(word: string): WordInfo {
  let flags = word ? 0 : EMPTY;
  if (STOP_WORDS.has(word)) flags |= STOP;
  if (isNumber(word)) flags |= NUMBER;
  if (hasDigit(word)) flags |= HAS_DIGIT;
  if (NUMBER_WORDS.has(word)) flags |= NUMBER_WORD;
  if (isScaleWord(word)) flags |= SCALE_WORD;
  if (word === 'and') flags |= AND;
  const term = flags & STOP ? null : flags & NUMBER ? word : collapseDoubles(stem(canonicalSpelling(word)));
  return { word, term, flags, owner: undefined, id: 0 };
}


/** Surface words (as written in the text) to their word and term, for those the packed tables below do not hold. */
const surfaceCache = new RecentCache<WordInfo>(100_000);

/**
 * A copy of text[start, end) that does not keep `text` alive: V8 makes a long substring a view of the
 * whole string, and a cached word (or its term, cut from it) would hold a passage's whole document.
 */
function detachedSlice(text: string, start: number, end: number): string {
  return detachedString(text.slice(start, end));
}

function surfaceWord(text: string, start: number, end: number): WordInfo {
  const key = detachedSlice(text, start, end);
  let info = surfaceCache.get(key);
  if (info === undefined) {
    const word = normalizeWord(key);
    // "The" after "the": the info of a surface word that is its own normalised word serves.
    const same = word === key ? undefined : surfaceCache.get(word);
    info = same !== undefined && same.word === word ? same : wordInfo(word);
    surfaceCache.set(key, info);
  }
  return info;
}

/**
 * In front of it, for the ASCII words that make up most running text, tables keyed by the characters
 * themselves, packed seven bits each into four integers while scanning (so words of up to sixteen
 * characters, exactly: no substring, no hashing of a string, no character compare). Both are two-way set
 * associative: a new word takes the first slot of its set and moves the occupant to the second, evicting
 * that one (a word found is not moved, so that a hit writes nothing). The small one stays in the
 * processor's cache and holds the common words; the large one, behind it, most of a corpus's vocabulary.
 */
class PackedTable {
  readonly keys: Int32Array;
  readonly infos: (WordInfo | undefined)[];
  // The flags and term of each slot's info again, so that a plain word is read from here alone.
  readonly flags: Int32Array;
  readonly terms: (string | null)[];
  /** The id of each slot's term in the `TermIds` that `idOwner` stands for (-1: not looked up). */
  readonly ids: Int32Array;
  idOwner: object | undefined;
  /** Words put in so far. */
  puts = 0;
  private readonly mask: number;

  constructor(readonly bits: number) {
    const slots = 2 << bits;
    this.mask = (1 << bits) - 1;
    this.keys = new Int32Array(slots * 4);
    this.infos = new Array<WordInfo | undefined>(slots).fill(undefined);
    this.flags = new Int32Array(slots);
    this.terms = new Array<string | null>(slots).fill(null);
    this.ids = new Int32Array(slots).fill(-1);
  }

  /** The slot holding the packed word, or -1. */
  find(h: number, k0: number, k1: number, k2: number, k3: number): number {
    const slot = (h & this.mask) << 1;
    // Both slots' places worked out first: code that only a match in the second would run is met late.
    const second = slot + 1;
    const at = slot << 2;
    const keys = this.keys;
    if (sameKey(keys, at, k0, k1, k2, k3)) return slot;
    if (sameKey(keys, at + 4, k0, k1, k2, k3)) return second;
    return -1;
  }

  /** Puts the word in the first slot of its set, moving the occupant to the second (evicting that one). */
  put(h: number, k0: number, k1: number, k2: number, k3: number, info: WordInfo): number {
    const slot = (h & this.mask) << 1;
    const at = slot << 2;
    const keys = this.keys;
    keys[at + 4] = keys[at];
    keys[at + 5] = keys[at + 1];
    keys[at + 6] = keys[at + 2];
    keys[at + 7] = keys[at + 3];
    this.infos[slot + 1] = this.infos[slot];
    this.flags[slot + 1] = this.flags[slot];
    this.terms[slot + 1] = this.terms[slot];
    this.ids[slot + 1] = this.ids[slot];
    keys[at] = k0;
    keys[at + 1] = k1;
    keys[at + 2] = k2;
    keys[at + 3] = k3;
    this.infos[slot] = info;
    this.flags[slot] = info.flags;
    this.terms[slot] = info.term;
    this.ids[slot] = -1;
    return slot;
  }

  clear(): void {
    this.keys.fill(0);
    this.infos.fill(undefined);
    this.terms.fill(null);
    this.ids.fill(-1);
    this.puts = 0;
  }

  /** A table with 2^bits sets holding the same words, whose sets are chosen by `hash` of their keys. */
  grown(bits: number, hash: (k0: number, k1: number, k2: number, k3: number) => number): PackedTable {
    const table = new PackedTable(bits);
    // Second slots first, so that each word keeps its rank in its new set.
    for (const second of [1, 0]) {
      for (let slot = second; slot < this.infos.length; slot += 2) {
        const info = this.infos[slot];
        if (info === undefined) continue;
        const at = slot << 2;
        const k = this.keys;
        table.put(hash(k[at], k[at + 1], k[at + 2], k[at + 3]), k[at], k[at + 1], k[at + 2], k[at + 3], info);
      }
    }
    return table;
  }
}

/**
 * The key at `at` is k0…k3. One function for both slots of a set: a match in the second slot, rarer,
 * is compared by code that has run (and been recorded) for the first, so that the compiled scanner does
 * not meet it for the first time.
 */
function sameKey(keys: Int32Array, at: number, k0: number, k1: number, k2: number, k3: number): boolean {
  return keys[at] === k0 && keys[at + 1] === k1 && keys[at + 2] === k2 && keys[at + 3] === k3;
}

const PACKED_CHARS = 16;
const NEAR_BITS = 13;
/** The far table starts small and grows (when as many words were put in as half its slots), up to 2^FAR_BITS sets. */
const FAR_FIRST_BITS = 14;
const FAR_BITS = 18;
const nearTable = new PackedTable(NEAR_BITS);
let farTable: PackedTable | undefined;

function packedHash(k0: number, k1: number, k2: number, k3: number): number {
  const h = Math.imul(k0 ^ Math.imul(k1 ^ Math.imul(k2 ^ Math.imul(k3, 0x2c1b3c6d), 0x297a2d39), 0x2c1b3c6d), 0x01000193);
  return h ^ (h >>> 15);
}

/**
 * The info of a packed word met for the first time (or evicted since). Its characters are ASCII letters
 * and digits, the first a letter: normalizeWord would lower-case it and do nothing else. A word with
 * capitals ("The") takes the info of its lower-case form if that is in the far table, and puts its own
 * there for the lower-case form too.
 */
function newPackedWord(far: PackedTable, text: string, start: number, end: number): WordInfo {
  // A capital lacks the bit 32 that lower-case letters and digits have.
  let capitals = false;
  for (let i = start; i < end; i++) if (!(codeAt(text, i) & 32)) capitals = true;
  if (!capitals) return wordInfo(detachedSlice(text, start, end));
  const lower = [0, 0, 0, 0];
  for (let i = start; i < end; i++) lower[(i - start) >> 2] |= (codeAt(text, i) | 32) << (7 * ((i - start) & 3));
  const h = farHash(lower[0], lower[1], lower[2], lower[3]);
  const found = far.find(h, lower[0], lower[1], lower[2], lower[3]);
  if (found >= 0) return far.infos[found] as WordInfo;
  const info = wordInfo(detachedSlice(text, start, end).toLowerCase());
  far.put(h, lower[0], lower[1], lower[2], lower[3], info);
  return info;
}

/** The slot of nearTable holding the ASCII word text[start, end), packed as k0…k3. */
function packedSlot(text: string, start: number, end: number, k0: number, k1: number, k2: number, k3: number): number {
  const h = packedHash(k0, k1, k2, k3);
  const near = nearTable.find(h, k0, k1, k2, k3);
  if (near >= 0) return near;
  const far = (farTable ??= new PackedTable(FAR_FIRST_BITS));
  const h2 = h >>> NEAR_BITS;
  let info: WordInfo;
  const found = far.find(h2, k0, k1, k2, k3);
  if (found >= 0) info = far.infos[found] as WordInfo;
  else {
    info = newPackedWord(far, text, start, end);
    far.put(h2, k0, k1, k2, k3, info);
    if (++far.puts > far.infos.length / 2 && far.bits < FAR_BITS) farTable = far.grown(Math.min(far.bits + 2, FAR_BITS), farHash);
  }
  return nearTable.put(h, k0, k1, k2, k3, info);
}

function farHash(k0: number, k1: number, k2: number, k3: number): number {
  return packedHash(k0, k1, k2, k3) >>> NEAR_BITS;
}

/** Runs of number words ("two hundred and five") to their digits. */
const numberWordsCache = new RecentCache<string>(2_000);

// The words held by indexTerms, reused from one call to the next (with their infos, when they have one).
let words: string[] = [];
let terms: (string | null)[] = [];
let infos: (WordInfo | undefined)[] = [];
let flagsOf = new Int32Array(256);
let starts = new Int32Array(256);
let ends = new Int32Array(256);

function grow(): void {
  const more = (a: Int32Array) => {
    const b = new Int32Array(a.length * 2);
    b.set(a);
    return b;
  };
  flagsOf = more(flagsOf);
  starts = more(starts);
  ends = more(ends);
}

/** The text between two words is only white space and hyphens. */
function gapOk(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = codeAt(text, i);
    if (c === 32 || c === 45 || (c >= 9 && c <= 13)) continue;
    if (c < 128 || !/\s/.test(text[i])) return false;
  }
  return true;
}

function setWord(k: number, word: string, term: string | null, flags: number, start: number, end: number, info?: WordInfo): void {
  words[k] = word;
  terms[k] = term;
  infos[k] = info;
  flagsOf[k] = flags;
  starts[k] = start;
  ends[k] = end;
}

function setInfo(k: number, info: WordInfo, start: number, end: number): void {
  setWord(k, info.word, info.term, info.flags, start, end, info);
}

/** The end of the word found by nextWord. */
let wordEndIndex = 0;

/**
 * The word starting at `i` (a letter or a number, code `c`): a slot of the packed table, or -1 with its
 * info in `wordInfoFound` (undefined for a number written in digits only); `wordEndIndex` is set to its end.
 */
let wordInfoFound: WordInfo | undefined;
function nextWord(text: string, i: number, c: number): number {
  if (c < 128 && !(ASCII_CLASS[c] & DIGIT)) {
    // An ASCII word, its characters packed as it is scanned; anything that may continue it beyond ASCII
    // letters and digits (an apostrophe, a letter beyond ASCII) goes to wordEnd.
    let k0 = 0;
    let k1 = 0;
    let k2 = 0;
    let k3 = 0;
    let j = i;
    let d = c;
    do {
      const n = j - i;
      const shift = 7 * (n & 3);
      if (n < 4) k0 |= d << shift;
      else if (n < 8) k1 |= d << shift;
      else if (n < 12) k2 |= d << shift;
      else k3 |= d << shift;
      d = codeAt(text, ++j);
    } while (d < 128 && ASCII_CLASS[d] & WORD_CHAR);
    let end = j;
    if (d === 39 || (d >= 128 && (d === 0x2019 || classAt(text, j) & WORD_CHAR))) end = wordEnd(text, i);
    wordEndIndex = end;
    if (end === j && j - i <= PACKED_CHARS) return packedSlot(text, i, j, k0, k1, k2, k3);
    wordInfoFound = surfaceWord(text, i, end);
    return -1;
  }
  const end = wordEnd(text, i);
  wordEndIndex = end;
  wordInfoFound = pureDigits ? undefined : surfaceWord(text, i, end);
  return -1;
}

/** Flags of words that may merge with the words around them into a number. */
const NUMERIC = NUMBER | NUMBER_WORD | SCALE_WORD | AND;

/** mergeNumbers over the word arrays, in place; returns the new count. */
function mergeNumberWords(text: string, count: number): number {
  let k = 0;
  for (let i = 0; i < count; i++) {
    const f = flagsOf[i];
    if (f & NUMBER && i + 1 < count && flagsOf[i + 1] & SCALE_WORD && isFinite(Number(words[i])) && gapOk(text, ends[i], starts[i + 1])) {
      setInfo(k++, wordInfo(numberText(Number(words[i]) * SCALE_WORDS[words[i + 1]])), starts[i], ends[i + 1]);
      i++;
      continue;
    }
    let j = i;
    if (f & NUMBER_WORD) {
      while (j + 1 < count) {
        if (flagsOf[j + 1] & NUMBER_WORD && gapOk(text, ends[j], starts[j + 1])) j++;
        else if (flagsOf[j + 1] & AND && j + 2 < count && flagsOf[j + 2] & NUMBER_WORD && words[j] === 'hundred') j += 2;
        else break;
      }
      const run = j === i ? words[i] : words.slice(i, j + 1).join(' ');
      let digits = numberWordsCache.get(run);
      if (digits === undefined) {
        const value = wordsToNumber(run);
        digits = value === undefined ? '' : numberText(value);
        numberWordsCache.set(run, digits);
      }
      if (digits) {
        setInfo(k++, wordInfo(digits), starts[i], ends[j]);
        i = j;
        continue;
      }
    }
    if (k !== i) setWord(k, words[i], terms[i], f, starts[i], ends[i], infos[i]);
    k++;
  }
  return k;
}

/** Words a and b (indices) are joined by a single hyphen. */
function joinedByHyphen(text: string, a: number, b: number): boolean {
  return starts[b] === ends[a] + 1 && codeAt(text, ends[a]) === 45;
}

/** The terms of the held words (numbers merged, compounds joined), emitted. */
function flushHeld(text: string, held: number): void {
  const count = mergeNumberWords(text, held);
  for (let i = 0; i < count; i++) {
    const term = terms[i];
    if (term !== null) emit(term, infos[i]);
    if (i + 1 >= count || !joinedByHyphen(text, i, i + 1) || (i > 0 && joinedByHyphen(text, i - 1, i))) continue;
    let j = i + 1;
    while (j + 1 < count && joinedByHyphen(text, j, j + 1)) j++;
    if (j - i > 3) continue;
    let digits = false;
    for (let p = i; p <= j; p++) if (flagsOf[p] & HAS_DIGIT) digits = true;
    if (digits) continue;
    let joined = words[i];
    for (let p = i + 1; p <= j; p++) joined += words[p];
    emit(termOf(joined), undefined);
  }
}

/**
 * Numbers for terms (a vocabulary's ids), remembered with the tokenizer's words so that a word met
 * again is not looked up again. Call `renumbered` when the ids given so far no longer hold.
 */
export class TermIds {
  /** The words' ids are this one's while they have this owner. */
  owner: object = {};

  constructor(readonly idOf: (term: string) => number) {}

  renumbered(): void {
    this.owner = {};
  }
}

// Where indexTerms and indexTermIds put what they find: terms into `termsOut`, or ids into `idsOut`.
let termsOut: string[] = [];
let idsOut: number[] | undefined;
let termIds: TermIds | undefined;

function emit(term: string, info: WordInfo | undefined): void {
  if (idsOut === undefined) termsOut.push(term);
  else if (info === undefined) idsOut.push((termIds as TermIds).idOf(term));
  else idsOut.push(idOfInfo(info));
}

function idOfInfo(info: WordInfo): number {
  const ids = termIds as TermIds;
  if (info.owner !== ids.owner) {
    info.id = ids.idOf(info.term as string);
    info.owner = ids.owner;
  }
  return info.id;
}

/**
 * The index terms of a text: exactly `tokenize(text).map((t) => t.term)` (stop words dropped), computed
 * without token objects. A word that can neither be part of a number nor of a hyphenated compound gives
 * its term at once; the others are held (with the words they may join) until a word that cannot join them,
 * and then merged and joined as tokenize does.
 */
export function indexTerms(text: string): string[] {
  const out: string[] = [];
  termsOut = out;
  idsOut = undefined;
  scanTerms(text);
  termsOut = [];
  return out;
}

/** The ids of `indexTerms(text.slice(start, end))` by `ids`, appended to `out`. */
export function indexTermIds(text: string, ids: TermIds, out: number[], start = 0, end = text.length): void {
  if (nearTable.idOwner !== ids.owner) {
    nearTable.ids.fill(-1);
    nearTable.idOwner = ids.owner;
  }
  idsOut = out;
  termIds = ids;
  try {
    scanTerms(text, start, end);
  } finally {
    idsOut = undefined;
    termIds = undefined;
  }
}

/** The terms of `text[start, end)`, as those of that slice. */
function scanTerms(text: string, start = 0, end = text.length): void {
  const n = Math.min(end, text.length);
  textEnd = n;
  let held = 0;
  let i = Math.max(0, start);
  const out = idsOut;
  while (i < n) {
    const c = codeAt(text, i);
    let slot: number;
    let end: number;
    if (c < 128) {
      const cls = ASCII_CLASS[c];
      if (!(cls & WORD_CHAR)) {
        i++;
        continue;
      }
      if (cls & DIGIT) {
        slot = nextWord(text, i, c);
        end = wordEndIndex;
      } else {
        // An ASCII word starting with a letter, packed as it is scanned (as nextWord does).
        let k0 = 0;
        let k1 = 0;
        let k2 = 0;
        let k3 = 0;
        let j = i;
        let d = c;
        do {
          const m = j - i;
          const shift = 7 * (m & 3);
          if (m < 4) k0 |= d << shift;
          else if (m < 8) k1 |= d << shift;
          else if (m < 12) k2 |= d << shift;
          else k3 |= d << shift;
          d = ++j < n ? text.charCodeAt(j) : 0;
        } while (d < 128 && ASCII_CLASS[d] & WORD_CHAR);
        if (d === 39 || d >= 128 || j - i > PACKED_CHARS) {
          // It may go on (an apostrophe, a letter beyond ASCII), or it is too long to pack.
          slot = nextWord(text, i, c);
          end = wordEndIndex;
        } else {
          slot = packedSlot(text, i, j, k0, k1, k2, k3);
          end = j;
          // Most words: a plain word, no number or compound in the making. Its id, and on.
          const flags = nearTable.flags[slot];
          if (held === 0 && out !== undefined && d !== 45 && !(flags & (NUMERIC | EMPTY))) {
            if (!(flags & STOP)) {
              let id = nearTable.ids[slot];
              if (id < 0) id = nearTable.ids[slot] = idOfInfo(nearTable.infos[slot] as WordInfo);
              out.push(id);
            }
            i = j;
            continue;
          }
        }
      }
    } else if (!(classAt(text, i) & WORD_CHAR)) {
      i += width;
      continue;
    } else {
      slot = nextWord(text, i, c);
      end = wordEndIndex;
    }
    const info = slot < 0 ? wordInfoFound : undefined;
    const flags = slot >= 0 ? nearTable.flags[slot] : info === undefined ? NUMBER | HAS_DIGIT : info.flags;
    if (!(flags & EMPTY)) {
      if (held > 0 && !(flags & NUMERIC) && !(i === ends[held - 1] + 1 && codeAt(text, i - 1) === 45)) {
        flushHeld(text, held);
        held = 0;
      }
      if (held > 0 || flags & (NUMBER | NUMBER_WORD) || codeAt(text, end) === 45) {
        if (held === starts.length) grow();
        if (slot >= 0) setInfo(held++, nearTable.infos[slot] as WordInfo, i, end);
        else if (info === undefined) {
          const digits = text.slice(i, end);
          setWord(held++, digits, digits, flags, i, end);
        } else setInfo(held++, info, i, end);
      } else if (!(flags & STOP)) {
        if (idsOut === undefined) termsOut.push(slot >= 0 ? (nearTable.terms[slot] as string) : ((info as WordInfo).term as string));
        else if (slot < 0) idsOut.push(idOfInfo(info as WordInfo));
        else {
          let id = nearTable.ids[slot];
          if (id < 0) id = nearTable.ids[slot] = idOfInfo(nearTable.infos[slot] as WordInfo);
          idsOut.push(id);
        }
      }
    }
    i = end;
  }
  if (held > 0) flushHeld(text, held);
  if (words.length > 4096) {
    words = [];
    terms = [];
    infos = [];
  }
}

/**
 * Words of every kind the scanner takes apart: plain, capitalised, long, with an apostrophe or a letter
 * beyond ASCII, compounds, numbers with separators, ordinals and scales, number words, punctuation beyond
 * ASCII, a character beyond the Basic Multilingual Plane.
 */
const PRIMER =
  'The Minister’s “plan” — announced on 3 March 2024 — costs £2.5bn (€2,9 bn) for 90,000 and 90 000 people, 1.000.000 ' +
  'and 1,000,0001 jobs; ninety thousand troops, two hundred and five ships, 90 thousand, the 2nd and 3rd, 70k, 2.5m, 10.5%. ' +
  'Zelenskyy’s build-up of self-driving x-ray F-35s, state-of-the-art COVID-19 e-mail; naïve café Straße jäässä 東京 𝐀𝐁𝐂 ‘it’s’ ' +
  "don't o'clock, an extraordinarilylongwordthatgoeson, internationalisation, colour, centre, Sergei, Dmitriy, defence.";

/**
 * Get ready to index a large corpus (a worker thread does, before its first document): the table of
 * words met is made at its full size at once, and every path of the scanner runs once on a sample, so
 * that the optimizing compiler has seen them all when it compiles the scanner. Otherwise the first
 * unusual word met later (a number word, a letter beyond ASCII), or the table growing, throws the
 * compiled scanner away, and it is compiled again. `ids`: of the kind the thread will number terms
 * with (the compiled scanner calls the function that numbers them; another is another reason to
 * compile it again).
 */
export function primeTokenizer(ids: TermIds = new TermIds(() => 0)): void {
  // Words met before (an earlier round of priming) are forgotten, so that each word's path is taken again;
  // a full-size table is emptied rather than made again.
  clearWordCaches();
  if (farTable?.bits === FAR_BITS) farTable.clear();
  else farTable = new PackedTable(FAR_BITS);
  indexTermIds(PRIMER, ids, []);
  indexTermIds(PRIMER.toUpperCase(), ids, []);
}

/** Forgets the cached words and terms (they are rebuilt as words are met again), to release their memory. */
export function clearTermCaches(): void {
  clearWordCaches();
  farTable = undefined;
}

/** Empties the caches of words and terms and the near table (not the far one). */
function clearWordCaches(): void {
  termCache.clear();
  surfaceCache.clear();
  numberWordsCache.clear();
  nearTable.clear();
}
