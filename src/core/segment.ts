/**
 * Splits a document into blocks (paragraphs) and sentences with exact offsets, and marks boilerplate
 * (navigation, captions, widgets, "Recent Posts" tails) by general rules. Offsets always index the
 * original text: nothing here copies or rewrites it.
 */

export interface Span {
  start: number;
  end: number;
}

const ABBREVIATION = /(?:^|[\s(“"'])(?:Mr|Mrs|Ms|Mx|Dr|Prof|Gen|Col|Maj|Capt|Lt|Sgt|Adm|Cmdr|Sen|Rep|Gov|Pres|Amb|Hon|Rev|St|Mt|Ft|Jr|Sr|No|Nos|Vol|vs|etc|approx|Inc|Ltd|Corp|Co|Jan|Feb|Mar|Apr|Aug|Sep|Sept|Oct|Nov|Dec|e\.g|i\.e|[A-Z](?:\.[A-Z])*)\.\s*$/;
const OPEN_QUOTES = /[“]/g;
const CLOSE_QUOTES = /[”]/g;

/** Lines, as spans without their line break (a `\r` before `\n` is excluded too). */
export function lineSpans(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  while (start <= text.length) {
    let nl = text.indexOf('\n', start);
    if (nl === -1) nl = text.length;
    const end = nl > start && text[nl - 1] === '\r' ? nl - 1 : nl;
    spans.push({ start, end });
    start = nl + 1;
  }
  return spans;
}

/** Trim whitespace off a span. */
export function trimSpan(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

const TERMINAL = /[.!?…:;"”’)\]]$/;

/**
 * Paragraph blocks. A block is one line, or several consecutive lines when a line is evidently
 * wrapped mid-sentence (long, no terminal punctuation, next line continues in lower case).
 */
export function blocks(text: string): Span[] {
  const lines = lineSpans(text).map((s) => trimSpan(text, s)).filter((s) => s.end > s.start);
  const out: Span[] = [];
  let current: Span | undefined;
  let prevLine: Span | undefined;
  for (const line of lines) {
    const prevText = prevLine ? text.slice(prevLine.start, prevLine.end) : '';
    const adjacent = prevLine && !/\n[ \t\r]*\n/.test(text.slice(prevLine.end, line.start));
    const wrapped =
      current && prevLine && adjacent && prevText.length >= 50 && !TERMINAL.test(prevText) && /^[a-z0-9(“"‘'–-]/.test(text.slice(line.start, line.start + 1));
    if (current && wrapped) current.end = line.end;
    else {
      current = { ...line };
      out.push(current);
    }
    prevLine = line;
  }
  return out;
}

let segmenter: Intl.Segmenter | undefined;

/** Sentences of one block, corrected for abbreviations, initials and quotations that span sentence ends. */
export function sentences(text: string, block: Span): Span[] {
  segmenter ??= new Intl.Segmenter('en', { granularity: 'sentence' });
  // Line breaks inside a wrapped block would be sentence breaks to the segmenter: hide them (same length).
  const blockText = text.slice(block.start, block.end).replace(/[\r\n]/g, ' ');
  const raw: Span[] = [];
  for (const seg of segmenter.segment(blockText)) {
    const s = trimSpan(text, { start: block.start + seg.index, end: block.start + seg.index + seg.segment.length });
    if (s.end > s.start) raw.push(s);
  }
  const out: Span[] = [];
  let pendingQuotes = 0;
  for (const s of raw) {
    const prev = out[out.length - 1];
    const segText = text.slice(s.start, s.end);
    const prevText = prev ? text.slice(prev.start, prev.end) : '';
    const merge =
      prev !== undefined &&
      (ABBREVIATION.test(prevText) || pendingQuotes > 0 || /^[a-z]/.test(segText)) &&
      s.end - prev.start < 1200;
    if (merge) prev.end = s.end;
    else out.push({ ...s });
    const cur = out[out.length - 1];
    const curText = text.slice(cur.start, cur.end);
    pendingQuotes = Math.max(0, (curText.match(OPEN_QUOTES) ?? []).length - (curText.match(CLOSE_QUOTES) ?? []).length);
  }
  return out;
}

export function wordCount(s: string): number {
  return (s.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu) ?? []).length;
}

/**
 * A phrase of three or more words repeated three times or more in one line: a navigation banner.
 * (Any longer repeated phrase repeats its first three words too, so trigrams suffice.)
 */
function isRepetitive(line: string): boolean {
  const words = line.toLowerCase().split(/\s+/).filter(Boolean);
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

/** Section headers after which a page holds other articles, comments or widgets, not the article. */
const TAIL_HEADER =
  /^(?:#+\s*)?(recent posts|related( articles| posts| stories| news| content)?|popular( posts| articles| now)?|most (read|popular|viewed)|read more|you may also like|you might also like|more (from|stories|news)|latest (news|posts|articles)|trending( now)?|editor['’]s (choice|picks)|leave a (reply|comment)|be the first to comment|comments?|share this( article)?|tags?|about the author|subscribe.*|sign up.*|advertisement|#?ultimele .*|#?te-ar mai .*)\s*:?$/i;

/** Caption, credit and widget lines. */
const CAPTION = /^(?:photo|image|picture|video|foto|credit|source link|photo (?:source|credit)|image (?:source|credit))s?\b\s*:?/i;
const WIDGET = /^(?:[•·▪►»|*-]\s*)+\S|^(?:share|tweet|email|print|rss|follow us)\b/i;

export interface BoilerplateOptions {
  /** Lines (trimmed) that occur in several documents of the corpus. */
  repeatedLines?: ReadonlySet<string>;
}

/**
 * Boilerplate spans of a document: repetitive banners, caption and widget lines, and the tail after a
 * known section header (once the article body has begun).
 */
export function boilerplate(text: string, opts: BoilerplateOptions = {}): Span[] {
  const out: Span[] = [];
  const lines = lineSpans(text).map((s) => trimSpan(text, s)).filter((s) => s.end > s.start);
  let bodySeen = 0;
  for (const line of lines) {
    const t = text.slice(line.start, line.end);
    const words = wordCount(t);
    if (bodySeen >= 2 && TAIL_HEADER.test(t)) {
      out.push({ start: line.start, end: text.length });
      break;
    }
    if (isRepetitive(t) || CAPTION.test(t) || (WIDGET.test(t) && words < 8) || opts.repeatedLines?.has(t)) {
      out.push(line);
      continue;
    }
    if (words >= 12 && /[.!?”"’]$/.test(t)) bodySeen++;
  }
  return out;
}

export function overlaps(spans: readonly Span[], s: Span): boolean {
  return spans.some((b) => b.start < s.end && s.start < b.end);
}
