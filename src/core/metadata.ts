/**
 * Document metadata from front matter and from a news article's own conventions: the title line,
 * bylines, a name alone after the body, "source:" lines and dates.
 */
import type { DocumentMetadata } from './types';
import { countWords, trimmedLines, wordCount, type Span } from './segment';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = '(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.?';
const DATE_MDY = new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'i');
const DATE_DMY = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH},?\\s+(\\d{4})\\b`, 'i');
const DATE_ISO = /\b(\d{4})-(\d{2})-(\d{2})\b/;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function monthNumber(name: string): number {
  const m = name.toLowerCase().replace('.', '');
  return MONTHS.findIndex((full) => full.startsWith(m.slice(0, 3))) + 1;
}

/** Four digits in a row: every date that `parseDate` reads has its year so. */
const YEAR_DIGITS = /\d{4}/;

/** The first date in a string, as `YYYY-MM-DD`. */
export function parseDate(s: string): string | undefined {
  if (!YEAR_DIGITS.test(s)) return undefined;
  let m = DATE_ISO.exec(s);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  m = DATE_MDY.exec(s);
  if (m) return `${m[3]}-${pad(monthNumber(m[1]))}-${pad(Number(m[2]))}`;
  m = DATE_DMY.exec(s);
  if (m) return `${m[3]}-${pad(monthNumber(m[2]))}-${pad(Number(m[1]))}`;
  return undefined;
}

export interface FrontMatter {
  fields: Record<string, string>;
  /** Offset just after the closing `---` line; 0 when there is none. */
  end: number;
}

/** YAML-style `key: value` front matter between `---` lines at the very start of a document. */
export function parseFrontMatter(text: string): FrontMatter {
  const m = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) return { fields: {}, end: 0 };
  const fields: Record<string, string> = {};
  for (const line of m[1].split(/\r?\n/)) {
    const kv = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!kv) continue;
    let value = kv[2].trim();
    if (/^(['"]).*\1$/.test(value)) value = value.slice(1, -1);
    if (value) fields[kv[1].toLowerCase()] = value;
  }
  return { fields, end: m[0].length };
}

/**
 * A document's metadata while it is worked out: every field present (undefined while unknown), so that
 * the objects of every document have one shape and the code reading them is compiled once.
 */
export class MetadataFields {
  title: string | undefined = undefined;
  author: string | undefined = undefined;
  date: string | undefined = undefined;
  outlet: string | undefined = undefined;
  url: string | undefined = undefined;

  /** Takes the fields of `part` that hold more than white space, trimmed (`mergeMetadata`). */
  take(part: DocumentMetadata | MetadataFields): void {
    this.title = trimmedOr(part.title, this.title);
    this.author = trimmedOr(part.author, this.author);
    this.date = trimmedOr(part.date, this.date);
    this.outlet = trimmedOr(part.outlet, this.outlet);
    this.url = trimmedOr(part.url, this.url);
  }

  /** The fields known, in one order: title, author, date, outlet, url. */
  metadata(): DocumentMetadata {
    const md: DocumentMetadata = {};
    if (this.title !== undefined) md.title = this.title;
    if (this.author !== undefined) md.author = this.author;
    if (this.date !== undefined) md.date = this.date;
    if (this.outlet !== undefined) md.outlet = this.outlet;
    if (this.url !== undefined) md.url = this.url;
    return md;
  }
}

function trimmedOr(value: unknown, otherwise: string | undefined): string | undefined {
  if (typeof value !== 'string') return otherwise;
  const trimmed = value.trim();
  return trimmed ? trimmed : otherwise;
}

function fromFields(fields: Record<string, string>): MetadataFields {
  // Read from a map: front matter objects have as many shapes as there are sets of keys.
  const byKey = new Map(Object.entries(fields));
  const pick = (...keys: string[]) => {
    for (const k of keys) {
      const v = byKey.get(k);
      if (v) return v;
    }
    return undefined;
  };
  const md = new MetadataFields();
  const title = pick('title', 'headline');
  const author = pick('author', 'byline', 'authors', 'by');
  const date = pick('date', 'published', 'pubdate', 'publish_date', 'published_at');
  const outlet = pick('outlet', 'source', 'publisher', 'site', 'site_name', 'publication');
  const url = pick('url', 'link', 'canonical', 'source_url');
  if (title) md.title = title;
  if (author) md.author = author;
  if (date) md.date = parseDate(date) ?? date;
  if (outlet) md.outlet = outlet;
  if (url) md.url = url;
  return md;
}

const LABEL_LINE = /^[\p{L} ]{2,30}:\s*\S/u;
const NAME_LINE = /^\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){1,3}$/u;
const URL_LINE = /^(https?:\/\/\S+)$/;

/**
 * Metadata of a plain-text or Markdown article. `body` spans (boilerplate excluded) tell where the
 * article ends, for the "name alone after the body" rule. `trimmed` may pass the text's lines as
 * `trimmedLines(text)` gives them, when the caller has them already.
 */
export function extractMetadata(text: string, boilerplate: readonly Span[] = [], trimmed?: readonly Span[]): DocumentMetadata {
  return extractMetadataFields(text, boilerplate, trimmed).metadata();
}

/** `extractMetadata`, its fields as they were found (not trimmed). */
export function extractMetadataFields(text: string, boilerplate: readonly Span[] = [], trimmed?: readonly Span[]): MetadataFields {
  const fm = parseFrontMatter(text);
  const md = fromFields(fm.fields);
  const inBoilerplate = containedIn(boilerplate);
  const all = trimmed ?? trimmedLines(text);
  let first = 0;
  while (first < all.length && all[first].start < fm.end) first++;
  const spans = first ? all.slice(first) : all;
  const lineText = (i: number) => text.slice(spans[i].start, spans[i].end);

  // Title: the first line of several words near the top that is not navigation or a label.
  if (!md.title) {
    for (let i = 0; i < Math.min(12, spans.length); i++) {
      const line = { span: spans[i], text: lineText(i) };
      if (inBoilerplate(line.span)) continue;
      const t = line.text.replace(/^#+\s+/, '');
      const words = wordCount(t);
      if (line.text.startsWith('#') && !/^#+\s/.test(line.text)) continue; // "#Section / Name" tags
      if (words < 3 || words > 30 || LABEL_LINE.test(t) || URL_LINE.test(t)) continue;
      if (/[.!?]$/.test(t) && words > 20) break; // reached the body
      md.title = t;
      break;
    }
  }

  // The body ends with the last line of the body: twelve words or more, ending a sentence.
  let bodyEnd = -1;
  for (let i = spans.length - 1; i >= 0; i--) {
    const s = spans[i];
    if (endsBodyLine(text.charCodeAt(s.end - 1)) && countWords(text, s.start, s.end, 12) >= 12 && !inBoilerplate(s)) {
      bodyEnd = s.end;
      break;
    }
  }

  for (let i = 0; i < spans.length; i++) {
    const header = i < 15;
    // Past the header only a "source:" line is read.
    if (!header && (md.outlet || !mayLabelOutlet(text.charCodeAt(spans[i].start)))) continue;
    const t = lineText(i);
    if (!md.author && header) {
      const by = /^By:?\s+(?:-\s*)?(.*)$/i.exec(t);
      if (by) {
        const name = by[1].replace(DATE_MDY, '').replace(DATE_DMY, '').replace(/[\s,–—-]+$/, '').trim();
        if (name && NAME_LINE.test(name)) md.author = name;
      }
      const tagged = /^#\S.*\/\s*(.+)$/.exec(t);
      if (tagged && NAME_LINE.test(tagged[1].trim())) md.author = tagged[1].trim();
    }
    if (!md.date && header) {
      const d = parseDate(t);
      if (d && (wordCount(t) <= 8 || /^By\b/i.test(t))) md.date = d;
    }
    if (!md.outlet) {
      const src = /^(?:source|outlet|publisher|published by)\s*:\s*(.+)$/i.exec(t);
      if (src) {
        const value = src[1].replace(/\s+with agencies$/i, '').trim();
        if (URL_LINE.test(value)) md.url ??= value;
        else if (value) md.outlet = value;
      }
    }
    if (!md.url && header && URL_LINE.test(t)) md.url = t;
  }

  // A name alone on a line right after the body (before the page's tail) is the author.
  if (!md.author && bodyEnd >= 0) {
    let i = 0;
    while (i < spans.length && spans[i].start <= bodyEnd) i++;
    for (let j = i; j < Math.min(i + 2, spans.length); j++) {
      const t = lineText(j);
      if (NAME_LINE.test(t) && wordCount(t) <= 4 && !inBoilerplate(spans[j])) {
        md.author = t;
        break;
      }
    }
  }
  return md;
}

/** `.!?”"’`: a line of the body ends so. */
function endsBodyLine(c: number): boolean {
  return c === 46 || c === 33 || c === 63 || c === 0x201d || c === 34 || c === 0x2019;
}

/** `s`, `o` or `p` in either case: a line starting so may be a "source:" line. */
function mayLabelOutlet(c: number): boolean {
  const lower = c | 32;
  return lower === 115 || lower === 111 || lower === 112;
}

/** A test of whether a span lies inside one of `spans`; a binary search when they are in order without overlaps. */
function containedIn(spans: readonly Span[]): (s: Span) => boolean {
  const ordered = spans.every((b, i) => b.start <= b.end && (i === 0 || spans[i - 1].end <= b.start));
  if (!ordered) return (s) => spans.some((b) => b.start <= s.start && s.end <= b.end);
  return (s) => {
    let lo = 0;
    let hi = spans.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid].start <= s.start) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found >= 0 && s.end <= spans[found].end;
  };
}

/** Merge metadata: later sources override earlier ones, field by field (values trimmed, blank ones left out). */
export function mergeMetadata(...parts: Array<DocumentMetadata | undefined>): DocumentMetadata {
  const out = new MetadataFields();
  for (const part of parts) if (part) out.take(part);
  return out.metadata();
}
