/**
 * Splits a document into blocks (paragraphs) and sentences with exact offsets, and marks boilerplate
 * (navigation, captions, widgets, "Recent Posts" tails) by general rules. Offsets always index the
 * original text: nothing here copies or rewrites it.
 */

import { sentenceSegmenter, sentenceStarts } from './sentenceBreaks';

export interface Span {
  start: number;
  end: number;
}

const ABBREVIATION = /(?:^|[\s(“"'])(?:Mr|Mrs|Ms|Mx|Dr|Prof|Gen|Col|Maj|Capt|Lt|Sgt|Adm|Cmdr|Sen|Rep|Gov|Pres|Amb|Hon|Rev|St|Mt|Ft|Jr|Sr|No|Nos|Vol|vs|etc|approx|Inc|Ltd|Corp|Co|Jan|Feb|Mar|Apr|Aug|Sep|Sept|Oct|Nov|Dec|e\.g|i\.e|[A-Z](?:\.[A-Z])*)\.\s*$/;

/** Lines, as spans without their line break (a `\r` before `\n` is excluded too). */
export function lineSpans(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  while (start <= text.length) {
    let nl = text.indexOf('\n', start);
    if (nl === -1) nl = text.length;
    const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    spans.push({ start, end });
    start = nl + 1;
  }
  return spans;
}

// Character classes of UTF-16 code units, filled in on first sight from the regular expressions that
// define them (so that they agree exactly): bit 1 `\s`, bit 2 `[\p{L}\p{N}]`, bit 4 one of `'’.-`,
// bit 8 a high surrogate, bit 32 `\p{Lu}`, bit 16 computed.
const SPACE = 1;
const LETTER_OR_DIGIT = 2;
const WORD_JOINER = 4;
const HIGH_SURROGATE = 8;
const KNOWN = 16;
const UPPERCASE_LETTER = 32;
const CLASSES = new Uint8Array(65536);

function classify(c: number): number {
  const ch = String.fromCharCode(c);
  let k = KNOWN;
  if (/\s/.test(ch)) k |= SPACE;
  if (/[\p{L}\p{N}]/u.test(ch)) k |= LETTER_OR_DIGIT;
  if (ch === "'" || ch === '’' || ch === '.' || ch === '-') k |= WORD_JOINER;
  if (c >= 0xd800 && c <= 0xdbff) k |= HIGH_SURROGATE;
  if (/\p{Lu}/u.test(ch)) k |= UPPERCASE_LETTER;
  CLASSES[c] = k;
  return k;
}

/** Is the UTF-16 code unit `\p{Lu}`? (False for surrogates.) */
export function isUppercaseCode(c: number): boolean {
  return (charClass(c) & UPPERCASE_LETTER) !== 0;
}

/** Is the UTF-16 code unit `[\p{L}\p{N}]`? (False for surrogates.) */
export function isLetterOrDigitCode(c: number): boolean {
  return (charClass(c) & LETTER_OR_DIGIT) !== 0;
}

/** Is the UTF-16 code unit `[\p{L}\p{N}]`, one of `'’.-`, or `\s`? (False for surrogates.) */
export function isWordOrSpaceCode(c: number): boolean {
  return (charClass(c) & (LETTER_OR_DIGIT | WORD_JOINER | SPACE)) !== 0;
}

function charClass(c: number): number {
  const k = CLASSES[c];
  return k === 0 ? classify(c) : k;
}

/** Is the UTF-16 code unit `\s`? */
export function isSpaceCode(c: number): boolean {
  return (charClass(c) & SPACE) !== 0;
}

/** Trim whitespace off a span. */
export function trimSpan(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && (charClass(text.charCodeAt(start)) & SPACE) !== 0) start++;
  while (end > start && (charClass(text.charCodeAt(end - 1)) & SPACE) !== 0) end--;
  return { start, end };
}

/** Lines trimmed of whitespace, empty ones left out. */
export function trimmedLines(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  while (start <= text.length) {
    let nl = text.indexOf('\n', start);
    if (nl === -1) nl = text.length;
    let s = start;
    let e = nl;
    while (s < e && (charClass(text.charCodeAt(s)) & SPACE) !== 0) s++;
    while (e > s && (charClass(text.charCodeAt(e - 1)) & SPACE) !== 0) e--;
    if (e > s) out.push({ start: s, end: e });
    start = nl + 1;
  }
  return out;
}

/** `.!?…:;"”’)]`: a line ending so is not wrapped mid-sentence. */
function isTerminal(c: number): boolean {
  return c === 46 || c === 33 || c === 63 || c === 0x2026 || c === 58 || c === 59 || c === 34 || c === 0x201d || c === 0x2019 || c === 41 || c === 93;
}

/** `[a-z0-9(“"‘'–-]`: a line starting so may continue the line before it. */
function continuesLine(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 40 || c === 0x201c || c === 34 || c === 0x2018 || c === 39 || c === 0x2013 || c === 45;
}

/** Does `text[from, to)` hold a blank line (`\n[ \t\r]*\n`)? */
function hasBlankLine(text: string, from: number, to: number): boolean {
  let afterNewline = false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      if (afterNewline) return true;
      afterNewline = true;
    } else if (c !== 32 && c !== 9 && c !== 13) afterNewline = false;
  }
  return false;
}

/**
 * Paragraph blocks. A block is one line, or several consecutive lines when a line is evidently
 * wrapped mid-sentence (long, no terminal punctuation, next line continues in lower case).
 */
export function blocks(text: string, lines: readonly Span[] = trimmedLines(text)): Span[] {
  const out: Span[] = [];
  let current: Span | undefined;
  let prevLine: Span | undefined;
  for (const line of lines) {
    const wrapped =
      current !== undefined &&
      prevLine !== undefined &&
      prevLine.end - prevLine.start >= 50 &&
      continuesLine(text.charCodeAt(line.start)) &&
      !isTerminal(text.charCodeAt(prevLine.end - 1)) &&
      !hasBlankLine(text, prevLine.end, line.start);
    if (current && wrapped) current.end = line.end;
    else {
      current = { start: line.start, end: line.end };
      out.push(current);
    }
    prevLine = line;
  }
  return out;
}

/** Opening and closing curly double quotes in `text[from, to)`, as opening minus closing. */
function quoteBalance(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x201c) n++;
    else if (c === 0x201d) n--;
  }
  return n;
}

const segmentStarts: number[] = [];

// The offsets of the opening curly quotes of the text last asked about, found with one pass of
// `indexOf`: sentences, then quotations, ask about them block by block, in order.
let openingsText: string | undefined;
let openings: number[] = [];
let openingsNext = 0; // the first of `openings` at or after the offset last asked about

/** The offset of the first opening curly quote `“` at or after `from` in `text`, or -1. */
export function nextOpeningQuote(text: string, from: number): number {
  if (text !== openingsText) {
    openingsText = text;
    openings = [];
    for (let i = text.indexOf('“'); i !== -1; i = text.indexOf('“', i + 1)) openings.push(i);
    openingsNext = 0;
  }
  if (openingsNext > 0 && openings[openingsNext - 1] >= from) openingsNext = 0;
  while (openingsNext < openings.length && openings[openingsNext] < from) openingsNext++;
  return openingsNext < openings.length ? openings[openingsNext] : -1;
}

/** Sentences of one block, corrected for abbreviations, initials and quotations that span sentence ends. */
export function sentences(text: string, block: Span): Span[] {
  // Line breaks inside a wrapped block would be sentence breaks to the segmenter: they are read as spaces.
  const starts = segmentStarts;
  if (!sentenceStarts(text, block.start, block.end, starts)) {
    starts.length = 0;
    const blockText = text.slice(block.start, block.end).replace(/[\r\n]/g, ' ');
    for (const seg of sentenceSegmenter().segment(blockText)) if (seg.index > 0) starts.push(seg.index);
  }
  // One sentence: nothing to merge.
  if (starts.length === 0) {
    const only = trimSpan(text, block);
    return only.end > only.start ? [only] : [];
  }
  const out: Span[] = [];
  // Without an opening quote in the block, no quotation is ever pending.
  const open = nextOpeningQuote(text, block.start);
  const quoted = open !== -1 && open < block.end;
  let pendingQuotes = 0;
  let balance = 0;
  for (let j = 0; j <= starts.length; j++) {
    let start = block.start + (j === 0 ? 0 : starts[j - 1]);
    let end = j === starts.length ? block.end : block.start + starts[j];
    while (start < end && (charClass(text.charCodeAt(start)) & SPACE) !== 0) start++;
    while (end > start && (charClass(text.charCodeAt(end - 1)) & SPACE) !== 0) end--;
    if (end <= start) continue;
    const prev = out.length ? out[out.length - 1] : undefined;
    const merge =
      prev !== undefined &&
      end - prev.start < 1200 &&
      (pendingQuotes > 0 || isLowerAscii(text.charCodeAt(start)) || (text.charCodeAt(prev.end - 1) === 46 && endsWithAbbreviation(text, prev)));
    if (merge) {
      if (quoted) balance += quoteBalance(text, prev.end, end);
      prev.end = end;
    } else {
      out.push({ start, end });
      if (quoted) balance = quoteBalance(text, start, end);
    }
    pendingQuotes = Math.max(0, balance);
  }
  return out;
}

/**
 * Does the span (ending with `.`) match ABBREVIATION? Its abbreviation is made of letters and dots
 * and starts the span or follows a delimiter, so only the last run of letters and dots and the
 * character before it need be read.
 */
function endsWithAbbreviation(text: string, span: Span): boolean {
  let from = span.end - 1;
  while (from > span.start && isLetterOrDot(text.charCodeAt(from - 1))) from--;
  return ABBREVIATION.test(text.slice(from > span.start ? from - 1 : span.start, span.end));
}

function isLetterOrDot(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 46;
}

function isLowerAscii(c: number): boolean {
  return c >= 97 && c <= 122;
}

/**
 * The number of words in `s[start, end)`: runs of `[\p{L}\p{N}][\p{L}\p{N}'’.-]*`. Counting stops at
 * `limit` (the result is then `limit`, or 1 for a limit below 1).
 */
export function countWords(s: string, start = 0, end = s.length, limit = Infinity): number {
  const stop = Math.max(limit, 1);
  let n = 0;
  // 1 inside a word. Words are counted with arithmetic rather than branches, which mispredict at
  // every word's start and end.
  let inWord = 0;
  for (let i = start; i < end; i++) {
    let k = CLASSES[s.charCodeAt(i)];
    if ((k & (KNOWN | HIGH_SURROGATE)) !== KNOWN) {
      k = rareClass(s, i, end);
      if (k & PAIR) i++;
    }
    const letter = (k >> 1) & 1; // LETTER_OR_DIGIT
    n += letter & ~inWord;
    inWord = letter | (inWord & (k >> 2)); // a WORD_JOINER continues a word
    if (n >= stop) return n;
  }
  return n;
}

/** Set by `rareClass` when the class is that of a surrogate pair (two code units). */
const PAIR = 128;

/** The class of a code unit not classified yet, or of a high surrogate with what follows it in `s[i, end)`. */
function rareClass(s: string, i: number, end: number): number {
  const k = charClass(s.charCodeAt(i));
  if ((k & HIGH_SURROGATE) === 0) return k;
  const d = i + 1 < end ? s.charCodeAt(i + 1) : 0;
  if (d >= 0xdc00 && d <= 0xdfff) return astralClass(s.slice(i, i + 2)) | PAIR;
  return KNOWN;
}

function astralClass(pair: string): number {
  return /[\p{L}\p{N}]/u.test(pair) ? LETTER_OR_DIGIT | KNOWN : KNOWN;
}

export function wordCount(s: string): number {
  return countWords(s, 0, s.length);
}

/**
 * A phrase of three or more words repeated three times or more in one line: a navigation banner.
 * (Any longer repeated phrase repeats its first three words too, so trigrams suffice.)
 */
function isRepetitive(text: string, start: number, end: number): boolean {
  if (!lineWordHashes(text, start, end)) return repeatsWords(text, start, end);
  // A line of fewer than nine words is not a banner.
  if (lineWords < 9) return false;
  const j = tripledTrigram();
  if (j === NO_TRIGRAM) return false;
  if (j !== UNSURE && sameTrigrams(text, start, end, j)) return true;
  return repeatsWords(text, start, end);
}

/** `isRepetitive` by its definition, on the line's words. */
function repeatsWords(text: string, start: number, end: number): boolean {
  // The line's words (split at whitespace, lower-cased), read until a trigram is seen three times
  // among at least nine words.
  const line = text.slice(start, end).toLowerCase();
  const counts = new Map<string, number>();
  let words = 0;
  let found = false;
  let w1 = '';
  let w2 = '';
  WORD.lastIndex = 0;
  for (let m = WORD.exec(line); m !== null; m = WORD.exec(line)) {
    const w = m[0];
    if (++words >= 3 && !found) {
      const key = `${w1} ${w2} ${w}`;
      const c = (counts.get(key) ?? 0) + 1;
      found = c >= 3;
      counts.set(key, c);
    }
    if (found && words >= 9) return true;
    w1 = w2;
    w2 = w;
  }
  return false;
}

/** A word of a line, as `split(/\s+/)` cuts them. */
const WORD = /\S+/g;

// Counts of hashed trigrams of one line: open addressing, slots of other lines told apart by a stamp.
const TRIGRAM_SLOTS = 4096;
const trigramKeys = new Int32Array(TRIGRAM_SLOTS);
const trigramCounts = new Uint8Array(TRIGRAM_SLOTS);
const trigramStamps = new Int32Array(TRIGRAM_SLOTS);
let trigramStamp = 0;
let trigramsCounted = 0;

/** Forget the trigrams counted so far. */
function newTrigramCount(): void {
  if (++trigramStamp === 0x7fffffff) {
    trigramStamps.fill(0);
    trigramStamp = 1;
  }
  trigramsCounted = 0;
}

/** Count a trigram of the current line; true when it has now been seen three times (or the table is full). */
function countTrigram(key: number): boolean {
  if (++trigramsCounted > TRIGRAM_SLOTS / 2) return true;
  let slot = (Math.imul(key, 0x9e3779b1) >>> 20) & (TRIGRAM_SLOTS - 1);
  for (;;) {
    if (trigramStamps[slot] !== trigramStamp) {
      trigramStamps[slot] = trigramStamp;
      trigramKeys[slot] = key;
      trigramCounts[slot] = 1;
      return false;
    }
    if (trigramKeys[slot] === key) return ++trigramCounts[slot] >= 3;
    slot = (slot + 1) & (TRIGRAM_SLOTS - 1);
  }
}

/**
 * UTF-16 code units lower-cased, for hashing words: 0 for whitespace (`\s`), NUL as 0x10000, -1 not
 * seen yet, -2 where lower-casing a whole line may differ from lower-casing the unit alone (`İ`
 * becomes two characters, `Σ` depends on its place in the word, surrogates pair up). The Kelvin sign
 * is a `k`, as in the line lower-cased.
 */
const FOLDED = new Int32Array(65536).fill(-1);
for (let c = 0; c < 128; c++) FOLDED[c] = c === 32 || (c >= 9 && c <= 13) ? 0 : c >= 65 && c <= 90 ? c | 32 : c || 0x10000;

function fold(c: number): number {
  const ch = String.fromCharCode(c);
  const lower = ch.toLowerCase();
  let v: number;
  if (/\s/.test(ch)) v = 0;
  else if (lower.length !== 1 || c === 0x3a3 || (c >= 0xd800 && c <= 0xdfff)) v = -2;
  else v = lower.charCodeAt(0);
  FOLDED[c] = v;
  return v;
}

/** Kept for the hashes of lines of up to twice as many characters; a longer line gets its own. */
const keptHashes = new Int32Array(4096);
/** The number of words of the line last read by `lineWordHashes`, and their hashes (garbage after them). */
let lineWords = 0;
let wordHashes = keptHashes;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * Puts in `lineWords` and `wordHashes` the number and hashes of the words of `text[start, end)`, split
 * at whitespace and lower-cased. False when the line has a character whose lower case depends on its
 * neighbours. Equal words always hash equal.
 */
function lineWordHashes(text: string, start: number, end: number): boolean {
  const most = ((end - start) >> 1) + 2; // words and spaces alternate
  const hashes = most <= keptHashes.length ? keptHashes : new Int32Array(most);
  wordHashes = hashes;
  let n = 0;
  let inWord = 0; // 1 inside a word
  let h = 0;
  // Arithmetic rather than branches, which would mispredict at every word's start and end: the
  // hash is written at every character and kept (n moves on) at the first one after a word.
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    let v = FOLDED[c];
    if (v < 0) {
      if (fold(c) < 0) return false;
      v = FOLDED[c];
    }
    const letter = (v | -v) >>> 31; // 1 for anything but whitespace
    hashes[n] = h;
    n += inWord & ~letter;
    h = Math.imul((((h ^ FNV_OFFSET) & -inWord) ^ FNV_OFFSET) ^ v, FNV_PRIME);
    inWord = letter;
  }
  if (inWord) hashes[n++] = h;
  lineWords = n;
  return true;
}

const NO_TRIGRAM = -1;
const UNSURE = -2;

/** The hash of the trigram of the line's words ending with word `j`. */
function trigramHash(j: number): number {
  return (Math.imul(Math.imul(wordHashes[j - 2], 31) + wordHashes[j - 1], 31) + wordHashes[j]) | 0;
}

/**
 * Of the line last read by `lineWordHashes`, the last word of the first trigram whose hash is seen
 * three times; NO_TRIGRAM when there is none, so that the line is certainly not repetitive (a hash
 * collision can only make one more); UNSURE when the line has too many trigrams to count.
 */
function tripledTrigram(): number {
  newTrigramCount();
  for (let j = 2; j < lineWords; j++) {
    if (countTrigram(trigramHash(j))) return trigramsCounted > TRIGRAM_SLOTS / 2 ? UNSURE : j;
  }
  return NO_TRIGRAM;
}

/**
 * Are the three trigrams of the line `text[start, end)` with the hash of the one ending with word
 * `j` (as `tripledTrigram` found it) the same words, lower-cased?
 */
function sameTrigrams(text: string, start: number, end: number, j: number): boolean {
  const hash = trigramHash(j);
  const firsts: number[] = [];
  for (let t = 2; t <= j; t++) if (trigramHash(t) === hash) firsts.push(t - 2);
  const spans = wordSpans(text, start, end);
  for (let w = 0; w < 3; w++) {
    for (let k = 1; k < firsts.length; k++) if (!sameWord(text, spans, firsts[0] + w, firsts[k] + w)) return false;
  }
  return firsts.length === 3;
}

/** Starts and ends of the words of a line, split at whitespace. */
function wordSpans(text: string, start: number, end: number): number[] {
  const out: number[] = [];
  let inWord = false;
  for (let i = start; i < end; i++) {
    const word = FOLDED[text.charCodeAt(i)] !== 0;
    if (word !== inWord) out.push(i);
    inWord = word;
  }
  if (inWord) out.push(end);
  return out;
}

/** Are words `a` and `b` (of `spans`) the same, lower-cased? Their characters are known to `FOLDED`. */
function sameWord(text: string, spans: readonly number[], a: number, b: number): boolean {
  const length = spans[2 * a + 1] - spans[2 * a];
  if (spans[2 * b + 1] - spans[2 * b] !== length) return false;
  for (let i = 0; i < length; i++) {
    if (FOLDED[text.charCodeAt(spans[2 * a] + i)] !== FOLDED[text.charCodeAt(spans[2 * b] + i)]) return false;
  }
  return true;
}

/** Section headers after which a page holds other articles, comments or widgets, not the article. */
const TAIL_HEADER =
  /^(?:#+\s*)?(recent posts|related( articles| posts| stories| news| content)?|popular( posts| articles| now)?|most (read|popular|viewed)|read more|you may also like|you might also like|more (from|stories|news)|latest (news|posts|articles)|trending( now)?|editor['’]s (choice|picks)|leave a (reply|comment)|be the first to comment|comments?|share this( article)?|tags?|about the author|subscribe.*|sign up.*|advertisement|#?ultimele .*|#?te-ar mai .*)\s*:?$/i;

/** Caption, credit and widget lines. */
const CAPTION = /^(?:photo|image|picture|video|foto|credit|source link|photo (?:source|credit)|image (?:source|credit))s?\b\s*:?/i;
const WIDGET = /^(?:[•·▪►»|*-]\s*)+\S|^(?:share|tweet|email|print|rss|follow us)\b/i;

/**
 * For each ASCII character, which of CAPTION, WIDGET and TAIL_HEADER may match a line starting with
 * it (their first characters, in either case); a line starting with another character may be any.
 */
const CAPTION_LINE = 1;
const WIDGET_LINE = 2;
const TAIL_LINE = 4;
const LINE_STARTS = new Uint8Array(128);
for (const [chars, kind] of [
  ['pivfcs', CAPTION_LINE],
  ['|*-stepfr', WIDGET_LINE],
  ['#rpmyltebcsau', TAIL_LINE],
] as const) {
  for (const ch of chars) {
    LINE_STARTS[ch.charCodeAt(0)] |= kind;
    LINE_STARTS[ch.toUpperCase().charCodeAt(0)] |= kind;
  }
}

/** The kinds of line (CAPTION_LINE, WIDGET_LINE, TAIL_LINE) that may start with the code unit `c`. */
function lineKindsStartingWith(c: number): number {
  return c < 128 ? LINE_STARTS[c] : CAPTION_LINE | WIDGET_LINE | TAIL_LINE;
}

/** `.!?”"’`: a line of the body ends so. */
function endsBodyLine(c: number): boolean {
  return c === 46 || c === 33 || c === 63 || c === 0x201d || c === 34 || c === 0x2019;
}

export interface BoilerplateOptions {
  /** Lines (trimmed) that occur in several documents of the corpus. */
  repeatedLines?: ReadonlySet<string>;
}

/**
 * Boilerplate spans of a document: repetitive banners, caption and widget lines, and the tail after a
 * known section header (once the article body has begun).
 */
export function boilerplate(text: string, opts: BoilerplateOptions = {}, lines: readonly Span[] = trimmedLines(text)): Span[] {
  const out: Span[] = [];
  const repeated = opts.repeatedLines;
  let bodySeen = 0;
  for (const line of lines) {
    const may = lineKindsStartingWith(text.charCodeAt(line.start));
    const t = may !== 0 || repeated ? text.slice(line.start, line.end) : '';
    if (bodySeen >= 2 && may & TAIL_LINE && TAIL_HEADER.test(t)) {
      out.push({ start: line.start, end: text.length });
      break;
    }
    if (
      (may & CAPTION_LINE && CAPTION.test(t)) ||
      (may & WIDGET_LINE && WIDGET.test(t) && countWords(text, line.start, line.end, 8) < 8) ||
      repeated?.has(t) ||
      isRepetitive(text, line.start, line.end)
    ) {
      out.push(line);
      continue;
    }
    // Two lines of the body are all the tail rule asks for: words are not counted after that.
    if (bodySeen < 2 && endsBodyLine(text.charCodeAt(line.end - 1)) && countWords(text, line.start, line.end, 12) >= 12) bodySeen++;
  }
  return out;
}

export function overlaps(spans: readonly Span[], s: Span): boolean {
  return spans.some((b) => b.start < s.end && s.start < b.end);
}
