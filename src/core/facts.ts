/** Facts: sentences that carry figures, dates, counts or named agreements and events. */
import { FIGURE_WORD_STARTS, figuresAt, mayStartWordFigure, NUMBER_WORDS } from './figures';
import { isLetterOrDigitCode, isSpaceCode } from './segment';
import type { Figure } from './types';

const AGREEMENT_WORDS = ['agreements?', 'accords?', 'protocols?', 'treaty', 'treaties', 'declaration', 'process', 'summit', 'convention', 'pact', 'deal', 'charter', 'resolution', 'talks', 'ministerial', 'council', 'conference'];
/**
 * A name (one to four capitalised words) before an agreement word, in lower or title case: "the
 * Minsk Protocol", "Good Friday Agreement". Case-sensitive, so a lower-case phrase is not a name.
 */
const NAMED_AGREEMENT = new RegExp(
  `\\b(?:\\p{Lu}[\\p{L}-]+\\s+){1,4}(?:${AGREEMENT_WORDS.map((w) => `[${w[0].toUpperCase()}${w[0]}]${w.slice(1)}`).join('|')})\\b`,
  'gu',
);
/** Capitalised words that do not name anything by themselves ("The talks", "Their summit"). */
const NOT_NAMES = new Set([
  ...'The A An This That These Those Its Our Their His Her My Your Any Every Each No Some All Both Such Another Last Next Previous Recent Further'.split(' '),
  ...'In On At For Of And But Or As By To With From After Before During Under Since Until If When While Why What How Whether Yesterday Today'.split(' '),
]);
const COUNTS = /\b(?:tens of thousands|hundreds of thousands|thousands|hundreds|dozens|millions|billions)\b/i;

export interface FactInfo {
  figures: Figure[];
  isFact: boolean;
}

const MAY_FIGURE = 1;
const MAY_COUNT = 2;
const MAY_NAME_AGREEMENT = 4;
/** A key of three first letters that a word starting a figure may have (see `figuresAt`). */
const FIGURE_WORD = 8;

/** Words at which a match of `extractFigures`'s number words, of COUNTS and of NAMED_AGREEMENT's last word begins. */
const KINDS = [MAY_FIGURE, MAY_COUNT, MAY_NAME_AGREEMENT];
const WORDS: ReadonlyArray<readonly string[]> = [
  NUMBER_WORDS,
  ['tens', 'hundreds', 'thousands', 'dozens', 'millions', 'billions'],
  ['agreement', 'accord', 'protocol', 'treat', 'declaration', 'process', 'summit', 'convention', 'pact', 'deal', 'charter', 'resolution', 'talks', 'ministerial', 'council', 'conference'],
];

/** A word of interest and its kind. */
interface KindWord {
  word: string;
  kind: number;
}

/**
 * UTF-16 code units as five-bit codes: ASCII letters in either case 1–26, digits 27, `_` 28 (the
 * rest of `\w`), anything else 0.
 */
const CODE = new Uint8Array(65536);
const DIGIT_CODE = 27;
for (let c = 0; c < 26; c++) {
  CODE[65 + c] = c + 1;
  CODE[97 + c] = c + 1;
}
for (let c = 48; c <= 57; c++) CODE[c] = DIGIT_CODE;
CODE[95] = 28;

/** The codes of three letters, the first highest: the key of a word's first three letters. */
function keyOf(word: string): number {
  return (CODE[word.charCodeAt(0)] << 10) | (CODE[word.charCodeAt(1)] << 5) | CODE[word.charCodeAt(2)];
}

/** For each key of three first letters, the kinds of word starting with them (0 for a key holding a code other than a letter's). */
const FIRST_THREE = new Uint8Array(1 << 15);
/** For each key of three first letters, the words starting with them (so that a word start is compared with a few words, not all). */
const BY_FIRST_THREE: Array<KindWord[] | undefined> = [];
KINDS.forEach((kind, k) => {
  for (const word of WORDS[k]) {
    const key = keyOf(word);
    FIRST_THREE[key] |= kind;
    (BY_FIRST_THREE[key] ??= []).push({ word, kind });
  }
});
for (const start of FIGURE_WORD_STARTS) FIRST_THREE[keyOf(start)] |= FIGURE_WORD;

// The words of FIGURE_WORD in the sentence `mayMatch` last read (offsets in the sentence, in order),
// where figures may start besides digits and currency signs.
let figureWords = new Int32Array(1024);
let figureWordCount = 0;

/**
 * The kinds (of `kinds`) of word that `text[i, end)` starts with, ASCII letters in either case; `key`
 * is the key of its first three letters.
 */
function wordStartsAt(text: string, i: number, end: number, key: number, kinds: number): number {
  const words = BY_FIRST_THREE[key];
  if (words === undefined) return 0;
  let out = 0;
  for (let n = 0; n < words.length; n++) {
    const { word, kind } = words[n];
    if ((kind & kinds & ~out) === 0 || i + word.length > end) continue;
    let j = 3;
    while (j < word.length && (text.charCodeAt(i + j) | 32) === word.charCodeAt(j)) j++;
    if (j === word.length) out |= kind;
  }
  return out;
}

/**
 * Which of the expressions can match the sentence `text[start, end)` (which is `sentence`): figures
 * need a digit or a number word at a word boundary (`\b`, so after anything but `[A-Za-z0-9_]`) that
 * may start a figure `figuresIn` keeps; COUNTS one of its words at a word boundary; NAMED_AGREEMENT
 * an agreement word after whitespace. Words that may start figures are kept in `figureWords`.
 */
function mayMatch(text: string, start: number, end: number, sentence: string): number {
  agreementAt = 0;
  figureWordCount = 0;
  if (figureWords.length < end - start) figureWords = new Int32Array(end - start);
  let out = 0;
  // The codes of the last four characters (none before the sentence's start), the latest lowest:
  // three letters after a code 0 begin a word, whose first three letters tell whether it may be one
  // of interest. Only those are looked at closer, so the loop hardly ever branches.
  let last = 0;
  for (let i = start; i < end; i++) {
    const code = CODE[text.charCodeAt(i)];
    last = ((last << 5) | code) & 0xfffff;
    out |= code === DIGIT_CODE ? MAY_FIGURE : 0;
    if (FIRST_THREE[last & 0x7fff] !== 0 && last >> 15 === 0) out = mayMatchAt(text, i - 2, start, end, last & 0x7fff, sentence, out);
  }
  return out;
}

/** `out` with what may match at the word starting at `i`, whose first three letters have `key`, in the sentence `text[start, end)`. */
function mayMatchAt(text: string, i: number, start: number, end: number, key: number, sentence: string, out: number): number {
  if (FIRST_THREE[key] & FIGURE_WORD) figureWords[figureWordCount++] = i - start;
  let wanted = FIRST_THREE[key] & (MAY_FIGURE | MAY_COUNT | MAY_NAME_AGREEMENT) & ~out;
  if (wanted & MAY_NAME_AGREEMENT && i > start && !isSpaceCode(text.charCodeAt(i - 1))) wanted &= ~MAY_NAME_AGREEMENT;
  if (wanted === 0) return out;
  let found = wordStartsAt(text, i, end, key, wanted);
  if (found & MAY_FIGURE && !mayStartWordFigure(sentence, i - start)) found &= ~MAY_FIGURE;
  if (found & MAY_NAME_AGREEMENT) agreementAt = i - start;
  return out | found;
}

/** Where `mayMatch` found the first agreement word, in the sentence (0: anywhere). */
let agreementAt = 0;

/**
 * No match of NAMED_AGREEMENT starts before this: its agreement word (at `at` or after) follows at
 * most four words of letters and hyphens, each followed by whitespace.
 */
function earliestAgreementStart(sentence: string, at: number): number {
  let p = at;
  for (let words = 0; words < 4; words++) {
    let q = p;
    while (q > 0 && isSpaceCode(sentence.charCodeAt(q - 1))) q--;
    if (q === p) break;
    let r = q;
    while (r > 0 && inWordOfName(sentence.charCodeAt(r - 1))) r--;
    if (r === q) break;
    p = r;
  }
  return p;
}

/** Letters, digits, hyphens and surrogates (letters beyond the Basic Multilingual Plane). */
function inWordOfName(c: number): boolean {
  return c === 45 || (c >= 0xd800 && c <= 0xdfff) || isLetterOrDigitCode(c);
}

/** The figures of a sentence and whether it states a fact worth citing. */
export function factInfo(sentence: string): FactInfo {
  return sentenceFacts(sentence, 0, sentence.length, sentence);
}

/**
 * `factInfo` of the sentence `text[start, end)`, which is `sentence`: the sentence is read in place,
 * which is faster than reading the slice.
 */
export function sentenceFacts(text: string, start: number, end: number, sentence: string): FactInfo {
  const may = mayMatch(text, start, end, sentence);
  const figures = may & MAY_FIGURE ? figuresAt(sentence, figureWords, figureWordCount) : [];
  if (figures.length > 0 || (may & MAY_COUNT && COUNTS.test(sentence))) return { figures, isFact: true };
  if (!(may & MAY_NAME_AGREEMENT)) return { figures, isFact: false };
  return { figures, isFact: namesAgreement(sentence, earliestAgreementStart(sentence, agreementAt)) };
}

/** Whether a name of an agreement or event stands in `sentence` at `from` or after. */
function namesAgreement(sentence: string, from: number): boolean {
  NAMED_AGREEMENT.lastIndex = from;
  for (let m = NAMED_AGREEMENT.exec(sentence); m; m = NAMED_AGREEMENT.exec(sentence)) {
    const words = m[0].split(/\s+/u);
    words.pop();
    if (words.some((w) => !NOT_NAMES.has(w))) return true;
    NAMED_AGREEMENT.lastIndex = m.index + 1;
  }
  return false;
}
