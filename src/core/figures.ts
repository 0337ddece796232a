/**
 * Figures in text: numbers (digits with any thousands separator, or words: "ninety thousand"),
 * percentages, money, years and dates, each with a normalised value so that later checks can compare
 * a briefing's figure with its source's.
 */
import type { Figure } from './types';

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const SCALES: Record<string, number> = { hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?)';
/** The words a written number is made of ("ninety", "thousand"). */
export const NUMBER_WORDS: readonly string[] = [...Object.keys(UNITS), ...Object.keys(SCALES)];
const NUMBER_WORD = `(?:${NUMBER_WORDS.join('|')})`;

/** The value of a run of number words ("ninety thousand", "two hundred and fifty"), or undefined. */
export function wordsToNumber(words: string): number | undefined {
  const parts = words.toLowerCase().replace(/-/g, ' ').split(/\s+/).filter((w) => w && w !== 'and');
  if (!parts.length) return undefined;
  let total = 0;
  let current = 0;
  let seen = false;
  for (const w of parts) {
    if (w in UNITS) {
      current += UNITS[w];
      seen = true;
    } else if (w === 'hundred') {
      current = (current || 1) * 100;
      seen = true;
    } else if (w in SCALES) {
      total += (current || 1) * SCALES[w];
      current = 0;
      seen = true;
    } else return undefined;
  }
  return seen ? total + current : undefined;
}

function parseNumber(s: string): number {
  const t = s.replace(/[\s\u00a0\u202f]/g, '');
  // "90,000" / "90.000" (thousands) vs "2.5" / "2,5" (decimals): three digits after the last separator mean thousands.
  if (/^\d{1,3}([,.])\d{3}(\1\d{3})*$/.test(t)) return Number(t.replace(/[,.]/g, ''));
  if (/^\d{1,3}(,\d{3})+\.\d+$/.test(t)) return Number(t.replace(/,/g, ''));
  return Number(t.replace(',', '.'));
}

const SCALE_AFTER = '(?:\\s*(million|billion|trillion|thousand|bn|m|k)\\b)?';
const DIGITS = '\\d{1,3}(?:[,.\\u00a0\\u202f ]\\d{3})+(?!\\d)|\\d+(?:[.,]\\d+)?';
const FIGURE = new RegExp(
  [
    `(?<date1>\\b${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?\\b)`,
    `(?<date2>\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}(?:,?\\s+\\d{4})?\\b)`,
    `(?<iso>\\b\\d{4}-\\d{2}-\\d{2}\\b)`,
    `(?<money>[$€£]\\s?(?:${DIGITS})${SCALE_AFTER})`,
    `(?<num>(?<![\\w.])(?:${DIGITS})${SCALE_AFTER}(?:\\s*(?<pct>%|per\\s?cent|percent))?)`,
    `(?<words>\\b${NUMBER_WORD}(?:[\\s-]+(?:and\\s+)?${NUMBER_WORD})*\\b(?:\\s*(?<wpct>per\\s?cent|percent))?)`,
  ].join('|'),
  'gi',
);

function scaleOf(word: string | undefined): number {
  switch (word?.toLowerCase()) {
    case 'thousand': case 'k': return 1e3;
    case 'million': case 'm': return 1e6;
    case 'billion': case 'bn': return 1e9;
    case 'trillion': return 1e12;
    default: return 1;
  }
}

/**
 * After a number word, what `figuresIn` needs to keep a figure of words: a word worth ten or more, a
 * second number word, or a percentage (a lone "one" to "nine" is dropped). Sticky.
 */
const KEPT_WORDS = new RegExp(
  `(?:${NUMBER_WORDS.filter((w) => (UNITS[w] ?? SCALES[w]) >= 10).join('|')})\\b|${NUMBER_WORD}(?:[\\s-]+(?:and\\s+)?${NUMBER_WORD}|\\s*(?:per\\s?cent|percent))`,
  'iy',
);

/**
 * Could `figuresIn(text)` keep a figure of words starting at `at`, where a number word starts? Text
 * without digits holds no other figures, so when this is false for each of its number words it
 * holds none.
 */
export function mayStartWordFigure(text: string, at: number): boolean {
  KEPT_WORDS.lastIndex = at;
  return KEPT_WORDS.test(text);
}

/** Every match of FIGURE holds a digit or starts with a number word at a word boundary. */
const MAY_HOLD_FIGURE = new RegExp(`[0-9]|\\b${NUMBER_WORD}`, 'i');
const LEADING_DIGITS = new RegExp(`^(?:${DIGITS})`);
const MONTH_NAME = new RegExp(`(${MONTH})`, 'i');

function monthOf(s: string): number {
  return MONTHS.indexOf(s.toLowerCase().slice(0, 3)) + 1;
}

function dateFigure(text: string, start: number): Figure {
  const m = MONTH_NAME.exec(text);
  const month = m ? monthOf(m[1]) : 0;
  // The first number of four digits or more is the year, the first of fewer the day.
  let year: number | undefined;
  let day: number | undefined;
  for (const x of text.matchAll(/\d+/g)) {
    const n = Number(x[0]);
    if (n >= 1000) year ??= n;
    else day ??= n;
  }
  day ??= 0;
  const mm = String(month).padStart(2, '0');
  const dd = String(day).padStart(2, '0');
  return {
    kind: 'date',
    text,
    start,
    end: start + text.length,
    value: (year ?? 0) * 10000 + month * 100 + day,
    normal: year ? `${year}-${mm}-${dd}` : `${mm}-${dd}`,
  };
}

/** A figure written with digits: a number, a year or a percentage. */
function numberFigure(written: string, start: number, percent: boolean): Figure {
  const end = start + written.length;
  if (isDigits(written)) {
    // Digits alone, the common case: no separator, scale or percentage to read.
    const value = Number(written);
    return { kind: written.length === 4 && value >= 1000 && value <= 2999 ? 'year' : 'number', text: written, start, end, value };
  }
  const numText = LEADING_DIGITS.exec(written)?.[0] ?? written;
  const value = parseNumber(numText) * scaleOf(/\s*(million|billion|trillion|thousand|bn|m|k)\b/i.exec(written.slice(numText.length))?.[1]);
  if (percent) return { kind: 'percent', text: written, start, end, value };
  if (/^\d{4}$/.test(numText) && value >= 1000 && value <= 2999 && written === numText) return { kind: 'year', text: written, start, end, value };
  return { kind: 'number', text: written, start, end, value };
}

function isDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return s.length > 0;
}

/** Every figure in a text, in order. Small standalone number words ("one", "two") are left out. */
export function extractFigures(text: string): Figure[] {
  return MAY_HOLD_FIGURE.test(text) ? figuresIn(text) : [];
}

/** `extractFigures` without its quick check, for a caller that has made one (the result is the same). */
export function figuresIn(text: string): Figure[] {
  const out: Figure[] = [];
  FIGURE.lastIndex = 0;
  for (let m = FIGURE.exec(text); m !== null; m = FIGURE.exec(text)) {
    if (m[0] === '') FIGURE.lastIndex++;
    addFigure(out, m);
  }
  return out;
}

/** FIGURE tried at one offset only. */
const FIGURE_AT = new RegExp(FIGURE.source, 'iy');
/** A currency sign, or a digit after no `[A-Za-z0-9_]`. */
const SIGN_OR_DIGIT = /[$€£]|\b\d/g;

/**
 * The first three letters, lower case, of the words a match of FIGURE can start with: month names
 * and number words.
 */
export const FIGURE_WORD_STARTS: readonly string[] = [...new Set([...MONTHS, ...NUMBER_WORDS.map((w) => w.slice(0, 3))])];

/**
 * `figuresIn(text)` with FIGURE tried only where a match can start, which is much faster than trying
 * it everywhere: at a currency sign, at a digit after no `[A-Za-z0-9_]` (`\b` or the lookbehind of
 * `num`), or at a word after no `[A-Za-z0-9_]` whose first three letters are one of
 * FIGURE_WORD_STARTS in either case (`i` without `u` folds ASCII letters only). `words[0, count)`
 * must hold every such word's offset, in order (other offsets do no harm).
 */
export function figuresAt(text: string, words: ArrayLike<number>, count: number): Figure[] {
  const out: Figure[] = [];
  let k = 0;
  let sign = nextSignOrDigit(text, 0);
  for (let from = 0; ; ) {
    while (k < count && words[k] < from) k++;
    if (sign !== -1 && sign < from) sign = nextSignOrDigit(text, from);
    const at = k === count ? sign : sign !== -1 && sign < words[k] ? sign : words[k];
    if (at === -1) return out;
    FIGURE_AT.lastIndex = at;
    const m = FIGURE_AT.exec(text);
    if (m === null) from = at + 1;
    else {
      from = Math.max(FIGURE_AT.lastIndex, at + 1);
      addFigure(out, m);
    }
  }
}

function nextSignOrDigit(text: string, from: number): number {
  SIGN_OR_DIGIT.lastIndex = from;
  const m = SIGN_OR_DIGIT.exec(text);
  return m === null ? -1 : m.index;
}

/** Adds the figure of a match of FIGURE to `out`, unless it is a small standalone number word. */
function addFigure(out: Figure[], m: RegExpExecArray): void {
  const g = m.groups ?? {};
  const start = m.index ?? 0;
  const written = m[0];
  if (g.date1 || g.date2) {
    out.push(dateFigure(written, start));
  } else if (g.iso) {
    // `yyyy-mm-dd`, as the expression matches it.
    const y = Number(written.slice(0, 4));
    const mo = Number(written.slice(5, 7));
    const d = Number(written.slice(8, 10));
    out.push({ kind: 'date', text: written, start, end: start + written.length, value: y * 10000 + mo * 100 + d, normal: written });
  } else if (g.money) {
    const cur = written[0];
    const rest = written.slice(1).trim();
    const num = /^[\d.,\s\u00a0\u202f]+/.exec(rest)?.[0] ?? '0';
    const scale = scaleOf(/([a-z]+)\s*$/i.exec(rest)?.[1]);
    out.push({ kind: 'money', text: written, start, end: start + written.length, value: parseNumber(num.trim()) * scale, normal: cur });
  } else if (g.num) {
    out.push(numberFigure(written, start, !!g.pct));
  } else if (g.words) {
    if (!g.wpct && UNITS[written.toLowerCase()] < 10) return; // a lone "one", "two" (the common case, decided early)
    const words = written.replace(/\s*(per\s?cent|percent)$/i, '');
    const value = wordsToNumber(words);
    if (value === undefined) return;
    const multiWord = /\s|-/.test(words.trim());
    if (!multiWord && value < 10 && !g.wpct) return; // "one", "two": too common to be figures
    out.push({ kind: g.wpct ? 'percent' : 'number', text: written, start, end: start + written.length, value });
  }
}

/** Do two figures state the same thing? */
export function sameFigure(a: Figure, b: Figure): boolean {
  if (a.kind === 'date' || b.kind === 'date') {
    if (a.kind !== b.kind) return false;
    const [x, y] = [a.normal ?? '', b.normal ?? ''];
    // A date without a year matches the same day and month with any year.
    return x === y || x.slice(-5) === y || y.slice(-5) === x;
  }
  const numeric = (f: Figure) => (f.kind === 'year' ? 'number' : f.kind);
  return numeric(a) === numeric(b) && Math.abs(a.value - b.value) < 1e-9 * Math.max(1, Math.abs(a.value));
}
