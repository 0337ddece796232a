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
// bit 32 `\p{Lu}`, bit 16 computed.
const SPACE = 1;
const LETTER_OR_DIGIT = 2;
const WORD_JOINER = 4;
const KNOWN = 16;
const UPPERCASE_LETTER = 32;
const CLASSES = new Uint8Array(65536);

function classify(c: number): number {
  const ch = String.fromCharCode(c);
  let k = KNOWN;
  if (/\s/.test(ch)) k |= SPACE;
  if (/[\p{L}\p{N}]/u.test(ch)) k |= LETTER_OR_DIGIT;
  if (ch === "'" || ch === '’' || ch === '.' || ch === '-') k |= WORD_JOINER;
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

// The first opening curly quote at or after an offset, remembered for the text last asked about:
// blocks come in order, so one document costs one pass of `indexOf`.
let quoteText: string | undefined;
let quoteFrom = 0;
let quoteAt = -1;

function openQuoteFrom(text: string, from: number): number {
  if (text !== quoteText || from < quoteFrom || (quoteAt !== -1 && from > quoteAt)) {
    quoteText = text;
    quoteFrom = from;
    quoteAt = text.indexOf('“', from);
  }
  return quoteAt;
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
  const out: Span[] = [];
  // Without an opening quote in the block, no quotation is ever pending.
  const open = openQuoteFrom(text, block.start);
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
 * `limit` (the result is then `limit`).
 */
export function countWords(s: string, start = 0, end = s.length, limit = Infinity): number {
  let n = 0;
  let inWord = false;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    let k: number;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        k = astralClass(s.slice(i, i + 2));
        i++;
      } else k = KNOWN;
    } else k = charClass(c);
    if ((k & LETTER_OR_DIGIT) !== 0) {
      if (!inWord) {
        if (++n >= limit) return n;
        inWord = true;
      }
    } else if ((k & WORD_JOINER) === 0) inWord = false;
  }
  return n;
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
  const quick = repetitionHint(text, start, end);
  if (quick === 0) return false;
  const words = text.slice(start, end).toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length < 9) return false;
  const counts = new Map<string, number>();
  for (let i = 0; i + 3 <= words.length; i++) {
    const key = `${words[i]} ${words[i + 1]} ${words[i + 2]}`;
    const c = (counts.get(key) ?? 0) + 1;
    if (c >= 3) return true;
    counts.set(key, c);
  }
  return false;
}

// Counts of hashed trigrams of one line: open addressing, slots of other lines told apart by a stamp.
const TRIGRAM_SLOTS = 4096;
const trigramKeys = new Int32Array(TRIGRAM_SLOTS);
const trigramCounts = new Uint8Array(TRIGRAM_SLOTS);
const trigramStamps = new Int32Array(TRIGRAM_SLOTS);
let trigramStamp = 0;
let trigramsCounted = 0;

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

/** ASCII characters lower-cased, whitespace (`\s`) as 0 (and NUL as 128, for a hash only). */
const FOLDED = new Uint8Array(128);
for (let c = 0; c < 128; c++) FOLDED[c] = c === 32 || (c >= 9 && c <= 13) ? 0 : c >= 65 && c <= 90 ? c | 32 : c || 128;

/**
 * Other UTF-16 code units lower-cased (plus one), filled in on first sight: -1 for whitespace, -2
 * where lower-casing a whole line may differ from lower-casing the unit alone (`İ` becomes two
 * characters, `Σ` depends on its place in the word, surrogates pair up).
 */
const LOWERED = new Int32Array(65536);

function lowered(c: number): number {
  let l = LOWERED[c];
  if (l !== 0) return l;
  const ch = String.fromCharCode(c);
  const lower = ch.toLowerCase();
  if (/\s/.test(ch)) l = -1;
  else if (lower.length !== 1 || c === 0x3a3 || (c >= 0xd800 && c <= 0xdfff)) l = -2;
  else l = lower.charCodeAt(0) + 1;
  LOWERED[c] = l;
  return l;
}

/**
 * 0 when the line is certainly not repetitive, otherwise 1 (a hashed trigram occurs three times, or
 * the line has a character whose lower case depends on its neighbours: look closer). Words are
 * hashed lower-cased, so equal words always hash equal; a collision can only say "look closer".
 */
function repetitionHint(text: string, start: number, end: number): 0 | 1 {
  if (++trigramStamp === 0x7fffffff) {
    trigramStamps.fill(0);
    trigramStamp = 1;
  }
  trigramsCounted = 0;
  let n = 0;
  let h = 0;
  let inWord = false;
  let w1 = 0; // the hashes of the two words before
  let w2 = 0;
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c < 128) c = FOLDED[c];
    else {
      const l = lowered(c);
      if (l === -2) return 1;
      c = l === -1 ? 0 : l - 1; // the lower case, as for ASCII (the Kelvin sign is a `k`)
    }
    if (c !== 0) {
      h = inWord ? Math.imul(h ^ c, 0x01000193) : Math.imul(0x811c9dc5 ^ c, 0x01000193);
      inWord = true;
    } else if (inWord) {
      inWord = false;
      if (++n >= 3 && countTrigram((Math.imul(Math.imul(w1, 31) + w2, 31) + h) | 0)) return 1;
      w1 = w2;
      w2 = h;
    }
  }
  if (inWord && ++n >= 3 && countTrigram((Math.imul(Math.imul(w1, 31) + w2, 31) + h) | 0)) return 1;
  return 0;
}

/** Section headers after which a page holds other articles, comments or widgets, not the article. */
const TAIL_HEADER =
  /^(?:#+\s*)?(recent posts|related( articles| posts| stories| news| content)?|popular( posts| articles| now)?|most (read|popular|viewed)|read more|you may also like|you might also like|more (from|stories|news)|latest (news|posts|articles)|trending( now)?|editor['’]s (choice|picks)|leave a (reply|comment)|be the first to comment|comments?|share this( article)?|tags?|about the author|subscribe.*|sign up.*|advertisement|#?ultimele .*|#?te-ar mai .*)\s*:?$/i;

/** Caption, credit and widget lines. */
const CAPTION = /^(?:photo|image|picture|video|foto|credit|source link|photo (?:source|credit)|image (?:source|credit))s?\b\s*:?/i;
const WIDGET = /^(?:[•·▪►»|*-]\s*)+\S|^(?:share|tweet|email|print|rss|follow us)\b/i;

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
    const t = text.slice(line.start, line.end);
    if (bodySeen >= 2 && TAIL_HEADER.test(t)) {
      out.push({ start: line.start, end: text.length });
      break;
    }
    if (
      CAPTION.test(t) ||
      (WIDGET.test(t) && countWords(text, line.start, line.end, 8) < 8) ||
      repeated?.has(t) ||
      isRepetitive(text, line.start, line.end)
    ) {
      out.push(line);
      continue;
    }
    if (endsBodyLine(text.charCodeAt(line.end - 1)) && countWords(text, line.start, line.end, 12) >= 12) bodySeen++;
  }
  return out;
}

export function overlaps(spans: readonly Span[], s: Span): boolean {
  return spans.some((b) => b.start < s.end && s.start < b.end);
}
