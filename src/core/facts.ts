/** Facts: sentences that carry figures, dates, counts or named agreements and events. */
import { figuresIn, NUMBER_WORDS } from './figures';
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

/** Words at which a match of `extractFigures`'s number words, of COUNTS and of NAMED_AGREEMENT's last word begins. */
const KINDS = [MAY_FIGURE, MAY_COUNT, MAY_NAME_AGREEMENT];
const WORDS: ReadonlyArray<readonly string[]> = [
  NUMBER_WORDS,
  ['tens', 'hundreds', 'thousands', 'dozens', 'millions', 'billions'],
  ['agreement', 'accord', 'protocol', 'treat', 'declaration', 'process', 'summit', 'convention', 'pact', 'deal', 'charter', 'resolution', 'talks', 'ministerial', 'council', 'conference'],
];

/** For each three first letters (26³), the kinds of word starting with them. */
const FIRST_THREE = new Uint8Array(26 * 26 * 26);
KINDS.forEach((kind, k) => {
  for (const w of WORDS[k]) FIRST_THREE[((w.charCodeAt(0) - 97) * 26 + w.charCodeAt(1) - 97) * 26 + w.charCodeAt(2) - 97] |= kind;
});

/** A lower-case ASCII letter's index (0–25) for a letter in either case, else -1. */
function letterIndex(c: number): number {
  const i = (c | 32) - 97;
  return i >= 0 && i < 26 && c < 128 ? i : -1;
}

/** The kinds (of `kinds`) of word that `text` starts with at `i`, ASCII letters in either case. */
function wordStartsAt(text: string, i: number, kinds: number): number {
  if (i + 3 > text.length) return 0; // every word has three letters or more
  const a = letterIndex(text.charCodeAt(i));
  const b = letterIndex(text.charCodeAt(i + 1));
  const c = letterIndex(text.charCodeAt(i + 2));
  if (a < 0 || b < 0 || c < 0) return 0;
  const candidates = FIRST_THREE[(a * 26 + b) * 26 + c] & kinds;
  if (candidates === 0) return 0;
  let out = 0;
  for (let k = 0; k < KINDS.length; k++) {
    if ((candidates & KINDS[k]) === 0) continue;
    const words = WORDS[k];
    for (let n = 0; n < words.length; n++) {
      const w = words[n];
      if (i + w.length > text.length) continue;
      let j = 3;
      while (j < w.length && (text.charCodeAt(i + j) | 32) === w.charCodeAt(j)) j++;
      if (j === w.length && (text.charCodeAt(i) | 32) === w.charCodeAt(0) && (text.charCodeAt(i + 1) | 32) === w.charCodeAt(1) && (text.charCodeAt(i + 2) | 32) === w.charCodeAt(2)) {
        out |= KINDS[k];
        break;
      }
    }
  }
  return out;
}

/** ASCII characters: letters, digits, `_` (the rest of `\w`), anything else. */
const LETTER = 1;
const DIGIT = 2;
const UNDERSCORE = 3;
const ASCII_KIND = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  ASCII_KIND[c] = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? LETTER : c >= 48 && c <= 57 ? DIGIT : c === 95 ? UNDERSCORE : 0;
}

/**
 * Which of the expressions can match the sentence, from one pass over it: figures need a digit or a
 * number word at a word boundary (`\b`, so after anything but `[A-Za-z0-9_]`); COUNTS one of its
 * words at a word boundary; NAMED_AGREEMENT an agreement word after whitespace.
 */
function mayMatch(sentence: string): number {
  let out = 0;
  let inWord = false;
  agreementAt = 0;
  const n = sentence.length;
  for (let i = 0; i < n; i++) {
    const c = sentence.charCodeAt(i);
    if (c >= 128) {
      inWord = false;
      continue;
    }
    const kind = ASCII_KIND[c];
    if (kind === LETTER) {
      // A word starts: its first three letters tell whether it may be one of interest.
      if (!inWord && i + 3 <= n) {
        const b = sentence.charCodeAt(i + 1);
        const d = sentence.charCodeAt(i + 2);
        if (b < 128 && d < 128 && ASCII_KIND[b] === LETTER && ASCII_KIND[d] === LETTER) {
          let wanted = FIRST_THREE[((c | 32) - 97) * 676 + ((b | 32) - 97) * 26 + ((d | 32) - 97)] & ~out;
          if (wanted & MAY_NAME_AGREEMENT && i > 0 && !isSpaceCode(sentence.charCodeAt(i - 1))) wanted &= ~MAY_NAME_AGREEMENT;
          if (wanted !== 0) {
            const found = wordStartsAt(sentence, i, wanted);
            if (found & MAY_NAME_AGREEMENT) agreementAt = i;
            out |= found;
          }
        }
      }
    } else if (kind === DIGIT) out |= MAY_FIGURE;
    inWord = kind !== 0;
  }
  return out;
}

/** Where `mayMatch` found the first agreement word (0: anywhere). */
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
  const may = mayMatch(sentence);
  const figures = may & MAY_FIGURE ? figuresIn(sentence) : [];
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
