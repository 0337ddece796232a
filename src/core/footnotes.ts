/**
 * Markdown footnotes: finding references and definitions (outside code), the citation format, and
 * planning an insertion that adds the reference and its definition as one edit.
 *
 * Citation format (one line per definition):
 *   [^n]: <author>, “<title>”, <outlet>, <date>, <url>. [<path>#L<l1>C<c1>-L<l2>C<c2>](<path>#L<l1>C<c1>-L<l2>C<c2> "<opening words>")
 * Unknown fields are dropped with their separators.
 */
import type { DocumentMetadata, SourceRange } from './types';
import { parse, postprocess, preprocess } from 'micromark';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { eolOf, firstWords } from './text';

export interface FootnoteReference {
  label: string;
  /** Span of `[^label]`. */
  start: number;
  end: number;
}

export interface FootnoteDefinition {
  label: string;
  /** From the start of the definition's line to the end of its last continuation line (no line break). */
  start: number;
  end: number;
  /** Span of `[^label]` at the start of the definition. */
  labelStart: number;
  labelEnd: number;
  contentStart: number;
  content: string;
  /**
   * Spans within `[start, end)` that belong to the blockquotes and list items around the definition
   * (`> `, `- `, their indentation on continuation lines). Without them the definition reads as it
   * would at the top level.
   */
  outer: Array<[number, number]>;
  /** Inside another definition's content. */
  nested: boolean;
}

export interface Footnotes {
  references: FootnoteReference[];
  definitions: FootnoteDefinition[];
}

type Span = [number, number];
type MicromarkEvent = ReturnType<typeof postprocess>[number];

/** GFM compares footnote labels case-insensitively. */
export function labelKey(label: string): string {
  return label.toLowerCase();
}

export function isNumericLabel(label: string): boolean {
  return /^\d+$/.test(label);
}

function markdownEvents(text: string): MicromarkEvent[] {
  return postprocess(parse({ extensions: [gfmFootnote()] }).document().write(preprocess()(text, undefined, true)));
}

/** Constructs where `[^x]` is never a footnote reference. */
const OPAQUE = new Set<string>([
  'codeText',
  'codeFenced',
  'codeIndented',
  'htmlFlow',
  'htmlText',
  'autolink',
  'characterEscape',
  'characterReference',
  'resource',
  'definition',
  'gfmFootnoteCall',
  'gfmFootnoteDefinitionLabel',
]);
const CODE = new Set<string>(['codeText', 'codeFenced', 'codeIndented']);
/** Per-line prefixes of the blockquotes and list items a definition sits in. */
const CONTAINER_PREFIX = new Set<string>(['blockQuotePrefix', 'listItemIndent']);

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEndOf(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  const end = nl === -1 ? text.length : nl;
  return end > offset && text[end - 1] === '\r' ? end - 1 : end;
}

/** Sorted, non-overlapping union of spans. */
function union(spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const [s, e] of [...spans].sort((x, y) => x[0] - y[0])) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

function insideAny(spans: readonly Span[], offset: number): boolean {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (offset < spans[mid][0]) hi = mid - 1;
    else if (offset >= spans[mid][1]) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Code spans, fenced and indented code, where `[^n]` is not a footnote. */
export function codeSpans(text: string): Array<[number, number]> {
  let events: MicromarkEvent[];
  try {
    events = markdownEvents(text);
  } catch {
    return [];
  }
  const spans: Span[] = [];
  for (const [kind, token] of events) if (kind === 'enter' && CODE.has(token.type)) spans.push([token.start.offset, token.end.offset]);
  return spans;
}

/**
 * Footnote references and definitions, as GitHub and Pandoc read them (CommonMark with the GFM
 * footnote extension): not in code, in blockquotes and lists too, with indented continuation lines.
 * A reference whose label has no definition is found as well, outside code and other literal text.
 */
export function parseFootnotes(text: string): Footnotes {
  let events: MicromarkEvent[];
  try {
    events = markdownEvents(text);
  } catch {
    return { references: [], definitions: [] };
  }
  const references: FootnoteReference[] = [];
  const definitions: FootnoteDefinition[] = [];
  const opaque: Span[] = [];
  const prefixes: Span[] = [];
  const indents: Span[] = [];
  const open: FootnoteDefinition[] = [];
  let call: FootnoteReference | undefined;
  for (const [kind, token] of events) {
    const start = token.start.offset;
    const end = token.end.offset;
    if (kind === 'exit') {
      if (token.type === 'gfmFootnoteDefinition') open.pop();
      continue;
    }
    if (OPAQUE.has(token.type)) opaque.push([start, end]);
    switch (token.type) {
      case 'gfmFootnoteCall':
        call = { label: '', start, end };
        references.push(call);
        break;
      case 'gfmFootnoteCallString':
        if (call) call.label = text.slice(start, end);
        break;
      case 'gfmFootnoteDefinition': {
        const def: FootnoteDefinition = {
          label: '',
          start: lineStartOf(text, start),
          end: lineEndOf(text, end),
          labelStart: start,
          labelEnd: start,
          contentStart: start,
          content: '',
          outer: [],
          nested: open.length > 0,
        };
        definitions.push(def);
        open.push(def);
        break;
      }
      case 'gfmFootnoteDefinitionLabel': {
        const def = open[open.length - 1];
        if (def && def.labelEnd === def.labelStart) {
          def.labelStart = start;
          def.labelEnd = end;
        }
        break;
      }
      case 'gfmFootnoteDefinitionLabelString': {
        const def = open[open.length - 1];
        if (def && !def.label) def.label = text.slice(start, end);
        break;
      }
      case 'gfmFootnoteDefinitionIndent':
        indents.push([start, end]);
        break;
      default:
        if (CONTAINER_PREFIX.has(token.type)) prefixes.push([start, end]);
    }
  }
  for (const def of definitions) {
    const colon = def.labelEnd + 1;
    def.contentStart = Math.min(def.end, colon + (text[colon] === ' ' || text[colon] === '\t' ? 1 : 0));
    def.content = text.slice(def.contentStart, def.end);
    def.outer = outerPrefixes(text, def, prefixes, indents);
  }
  references.push(...undefinedReferences(text, definitions, union(opaque)));
  references.sort((a, b) => a.start - b.start);
  return { references, definitions };
}

/** The container prefixes on each line of a definition (see `FootnoteDefinition.outer`). */
function outerPrefixes(text: string, def: FootnoteDefinition, prefixes: readonly Span[], indents: readonly Span[]): Span[] {
  const out: Span[] = [];
  if (def.labelStart > def.start) out.push([def.start, def.labelStart]);
  const starts = new Map(prefixes.filter(([s]) => s > def.labelStart && s < def.end).map((p) => [p[0], p[1]]));
  for (let nl = text.indexOf('\n', def.labelStart); nl !== -1 && nl < def.end; nl = text.indexOf('\n', nl + 1)) {
    const lineStart = nl + 1;
    let at = lineStart;
    for (let next = starts.get(at); next !== undefined && next > at; next = starts.get(at)) at = next;
    const indent = indents.find(([s]) => s >= lineStart && s < lineEndOf(text, lineStart));
    if (indent && indent[0] < at) at = indent[0];
    if (at > lineStart) out.push([lineStart, at]);
  }
  return out;
}

/**
 * GFM reads `[^x]` as a reference only when `x` is defined. A reference to a label without a
 * definition is still one the writer meant: found outside code, HTML, escapes and link destinations.
 */
function undefinedReferences(text: string, definitions: readonly FootnoteDefinition[], opaque: readonly Span[]): FootnoteReference[] {
  const defined = new Set(definitions.map((d) => labelKey(d.label)));
  const out: FootnoteReference[] = [];
  for (const m of text.matchAll(/\[\^([^[\]\s]+)\]/g)) {
    const start = m.index ?? 0;
    if (defined.has(labelKey(m[1])) || insideAny(opaque, start)) continue;
    out.push({ label: m[1], start, end: start + m[0].length });
  }
  return out;
}

/** The highest numeric label plus one. */
export function nextNumericLabel(fn: Footnotes): string {
  let max = 0;
  for (const x of [...fn.references, ...fn.definitions]) if (/^\d+$/.test(x.label)) max = Math.max(max, Number(x.label));
  return String(max + 1);
}

/** The footnote label at an offset: a reference or a definition's label. */
export function footnoteAt(fn: Footnotes, offset: number): { label: string; start: number; end: number } | undefined {
  const ref = fn.references.find((r) => r.start <= offset && offset <= r.end);
  if (ref) return ref;
  const def = fn.definitions.find((d) => d.labelStart <= offset && offset <= d.labelEnd);
  return def ? { label: def.label, start: def.labelStart, end: def.labelEnd } : undefined;
}

export interface Citation {
  metadata: DocumentMetadata;
  /** Path of the source relative to the briefing's folder, `/`-separated. */
  path: string;
  range: SourceRange;
  /** A locator to use instead of the line-and-column range (PDF/DOCX: page and text offset). */
  fragment?: string;
  /** The passage's text; its opening words become the link title. */
  passage: string;
}

export function formatFragment(r: SourceRange): string {
  return `L${r.startLine}C${r.startColumn}-L${r.endLine}C${r.endColumn}`;
}

function encodeLinkPath(path: string): string {
  return encodeURI(path).replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29'));
}

/** The definition's text after `[^label]: `. */
export function formatCitation(c: Citation): string {
  const md = c.metadata;
  const fields = [md.author, md.title ? `“${md.title}”` : undefined, md.outlet, md.date, md.url]
    .map((f) => f?.replace(/\s+/g, ' ').trim())
    .filter((f): f is string => !!f);
  const target = `${encodeLinkPath(c.path)}#${c.fragment ?? formatFragment(c.range)}`;
  const linkText = target.replace(/[[\]\\]/g, (ch) => '\\' + ch);
  const title = firstWords(c.passage, 12).replace(/[\\"]/g, (ch) => '\\' + ch);
  const lead = fields.length ? fields.join(', ') + (/[.!?]$/.test(fields[fields.length - 1]) ? ' ' : '. ') : '';
  return `${lead}[${linkText}](${target} "${title}")`;
}

export function formatDefinition(label: string, c: Citation): string {
  return `[^${label}]: ${formatCitation(c)}`;
}

export interface CitationLink {
  /** The link destination as written. */
  target: string;
  /** Decoded path part, before `#`. */
  path: string;
  fragment?: string;
  range?: Partial<SourceRange> & { startLine: number };
  title?: string;
  /** Offsets of the whole link within the definition content. */
  start: number;
  end: number;
}

const LINK = /\[((?:[^\]\\]|\\.)*)\]\(\s*(<[^>]*>|[^\s)]+)(?:\s+(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'))?\s*\)/g;

/** Parse `#L5C1-L5C40`, `#L5`, `#L5-L9`. */
export function parseFragment(fragment: string): (Partial<SourceRange> & { startLine: number }) | undefined {
  const m = /^L(\d+)(?:C(\d+))?(?:-L?(\d+)(?:C(\d+))?)?$/.exec(fragment);
  if (!m) return undefined;
  const r: Partial<SourceRange> & { startLine: number } = { startLine: Number(m[1]) };
  if (m[2]) r.startColumn = Number(m[2]);
  if (m[3]) r.endLine = Number(m[3]);
  if (m[4]) r.endColumn = Number(m[4]);
  return r;
}

/** The first link in a definition whose destination is not a URL with a scheme (a file link). */
export function parseCitationLink(content: string): CitationLink | undefined {
  for (const m of content.matchAll(LINK)) {
    let target = m[2];
    if (target.startsWith('<')) target = target.slice(1, -1);
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
    const hash = target.indexOf('#');
    let path = hash === -1 ? target : target.slice(0, hash);
    try {
      path = decodeURIComponent(path);
    } catch {
      /* keep as written */
    }
    const link: CitationLink = { target, path, start: m.index ?? 0, end: (m.index ?? 0) + m[0].length };
    if (hash !== -1) {
      link.fragment = target.slice(hash + 1);
      const range = parseFragment(link.fragment);
      if (range) link.range = range;
    }
    const title = m[3] ?? m[4];
    if (title !== undefined) link.title = title.replace(/\\(.)/g, '$1');
    return link;
  }
  return undefined;
}

export interface InsertPlan {
  label: string;
  /** Replace `[start, end)` with `text`. */
  start: number;
  end: number;
  text: string;
  /** Offset within `text` where the cursor belongs (after the reference). */
  cursor: number;
  /** The definition to add, unless an existing one is reused or it is folded into `text`. */
  append?: { offset: number; text: string };
  reused: boolean;
}

/**
 * Plan inserting `text` plus a footnote reference at `[start, end)`, and the citation's definition
 * at the end of the document (or reuse an existing definition of the same passage).
 */
export function planCitationInsert(doc: string, start: number, end: number, text: string, citation: Citation, fn = parseFootnotes(doc)): InsertPlan {
  const eol = eolOf(doc);
  const wanted = `${encodeLinkPath(citation.path)}#${citation.fragment ?? formatFragment(citation.range)}`;
  const existing = fn.definitions.find((d) => parseCitationLink(d.content)?.target === wanted);
  const label = existing ? existing.label : nextNumericLabel(fn);
  const inserted = `${text}[^${label}]`;
  if (existing) return { label, start, end, text: inserted, cursor: inserted.length, reused: true };

  const definition = formatDefinition(label, citation);
  const lastNonSpace = doc.search(/\s*$/);
  const lastDef = fn.definitions[fn.definitions.length - 1];
  if (lastDef && lastDef.end >= lastNonSpace && end <= lastDef.start) {
    // Keep definitions together: right after the last one.
    return { label, start, end, text: inserted, cursor: inserted.length, append: { offset: lastDef.end, text: eol + definition }, reused: false };
  }
  // Otherwise at the end, after a blank line. Count the line breaks that will follow the last content.
  const tailStart = Math.max(lastNonSpace, end);
  const newlines = (doc.slice(tailStart).match(/\n/g) ?? []).length;
  const contentBefore = lastNonSpace > 0 || inserted.trim() !== '';
  const appendText = (contentBefore ? eol.repeat(Math.max(0, 2 - newlines)) : '') + definition + eol;
  const offset = doc.length;
  if (offset === end) {
    // The definition would touch the replaced text: make it part of the same replacement.
    return { label, start, end, text: inserted + appendText, cursor: inserted.length, reused: false };
  }
  return { label, start, end, text: inserted, cursor: inserted.length, append: { offset, text: appendText }, reused: false };
}
