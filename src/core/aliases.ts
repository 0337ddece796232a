/**
 * Spelling variants that news outlets use for the same name, folded to one canonical spelling so that
 * "Zelenskiy", "Zelenskyy" and "Zelenskyi", "Sergei" and "Sergey", "Kiev" and "Kyiv", "Anthony" and
 * "Antony" index and search as one word. General transliteration rules do most of it; a small table
 * covers the rest. Words are expected folded (lower case, no diacritics).
 */

/** Variants no general rule joins, each to the canonical spelling. */
export const ALIAS_TABLE: ReadonlyMap<string, string> = new Map([
  ['kiev', 'kyiv'],
  ['kiew', 'kyiv'],
  ['kyyiv', 'kyiv'],
  ['anthony', 'antony'],
  ['kharkov', 'kharkiv'],
  ['lugansk', 'luhansk'],
  ['nikolaev', 'mykolaiv'],
  ['mykolayiv', 'mykolaiv'],
  ['chernobyl', 'chornobyl'],
  ['dnepr', 'dnipro'],
  ['zaporozhye', 'zaporizhzhia'],
  ['zaporizhia', 'zaporizhzhia'],
  ['volodimir', 'volodymyr'],
  ['aleksandr', 'alexander'],
  ['alexandr', 'alexander'],
  ['aleksei', 'alexey'],
  ['aleksey', 'alexey'],
  ['dmitri', 'dmitry'],
  ['dimitri', 'dmitry'],
  ['evgeny', 'yevgeny'],
  ['gaddafi', 'qaddafi'],
  ['kadhafi', 'qaddafi'],
  ['gadhafi', 'qaddafi'],
  ['muhammad', 'mohammed'],
  ['muhammed', 'mohammed'],
  ['mohammad', 'mohammed'],
  ['mohamed', 'mohammed'],
  ['peking', 'beijing'],
  ['bombay', 'mumbai'],
  ['burma', 'myanmar'],
  ['defence', 'defense'],
  ['defences', 'defenses'],
]);

/** Endings that transliterations of Slavic names write several ways: -iy, -yy, -yi, -ij, -yj, -ii → -y. */
const Y_ENDING = /(?:iy|yy|yi|ij|yj|ii)$/;
/** -ei → -ey (Sergei, Alexei, Andrei). */
const EI_ENDING = /ei$/;

/** British spellings to American ones: -our → -or (favour, labour), -ise → -ize (organise), -tre → -ter (centre). */
const OUR = /(?<=[a-z]{3})our(s|ed|ing|able|ite|ites)?$/;
const ISE = /(?<=[a-z]{3})is(e|es|ed|ing|ation|ations)$/;
const TRE = /(?<=[a-z]{3})tre(s)?$/;

/** The canonical spelling of a folded word. Short words are left alone. */
export function canonicalSpelling(word: string): string {
  const listed = ALIAS_TABLE.get(word);
  if (listed) return listed;
  if (word.length < 5 || /\d/.test(word)) return word;
  // Each pattern is tried only on words that contain its letters (most contain none of them).
  const last = word.charCodeAt(word.length - 1);
  if ((last === 121 || last === 105 || last === 106) && Y_ENDING.test(word)) return word.slice(0, -2) + 'y';
  if (last === 105 && EI_ENDING.test(word)) return word.slice(0, -2) + 'ey';
  if (word.length >= 6) {
    if (word.includes('our') && OUR.test(word)) return word.replace(OUR, 'or$1');
    if (word.includes('is') && ISE.test(word)) return word.replace(ISE, 'iz$1');
  }
  if (word.includes('tre') && TRE.test(word)) return word.replace(TRE, 'ter$1');
  return word;
}

/** Doubled consonants written once ("Zelenskyy", "Mohammed", "hitting"): a key that spelling variants and typos share. */
export function collapseDoubles(word: string): string {
  if (word.length < 4) return word;
  let out = '';
  let from = 0;
  for (let i = 1; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c === word.charCodeAt(i - 1) && isLetter(c, word[i])) {
      out += word.slice(from, i);
      from = i + 1;
    }
  }
  return from === 0 ? word : out + word.slice(from);
}

/** Consonants only: doubled vowels make different words ("reed" is not "red", "feed" not "fed"). */
function isLetter(code: number, ch: string): boolean {
  if (code >= 97 && code <= 122) return !VOWELS.has(code);
  return code > 127 && /\p{L}/u.test(ch);
}

const VOWELS = new Set([...'aeiou'].map((c) => c.charCodeAt(0)));
