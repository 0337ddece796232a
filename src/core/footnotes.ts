/**
 * Markdown footnotes: finding references and definitions (outside code), the citation format, and
 * planning an insertion that adds the reference and its definition as one edit.
 *
 * Citation format (one line per definition):
 *   [^n]: <author>, “<title>”, <outlet>, <date>, <url>. [<path>#L<l1>C<c1>-L<l2>C<c2>](<path>#L<l1>C<c1>-L<l2>C<c2> "<opening words>")
 * Unknown fields are dropped with their separators.
 */
import type { DocumentMetadata, SourceRange } from './types';
import { parseFootnotes, type Footnotes } from './footnoteParser';
import { eolOf, firstWords } from './text';
import { labelFor, type LabelStyle } from './labels';

export {
  codeSpans,
  isNumericLabel,
  labelKey,
  parseFootnotes,
  prepareFootnotes,
  type FootnoteDefinition,
  type FootnoteReference,
  type Footnotes,
} from './footnoteParser';

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

/** A path as a Markdown link destination: spaces and parentheses encoded. */
export function encodeLinkPath(path: string): string {
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

export interface PlanOptions {
  /** How a new footnote is labelled (default numeric); reusing a definition of the same passage always wins. */
  labelStyle?: LabelStyle;
}

/**
 * Plan inserting `text` plus a footnote reference at `[start, end)`, and the citation's definition
 * at the end of the document (or reuse an existing definition of the same passage).
 */
export function planCitationInsert(
  doc: string,
  start: number,
  end: number,
  text: string,
  citation: Citation,
  fn = parseFootnotes(doc),
  options: PlanOptions = {},
): InsertPlan {
  const eol = eolOf(doc);
  const wanted = `${encodeLinkPath(citation.path)}#${citation.fragment ?? formatFragment(citation.range)}`;
  const existing = fn.definitions.find((d) => parseCitationLink(d.content)?.target === wanted);
  const label = existing
    ? existing.label
    : options.labelStyle === 'named'
      ? labelFor(citation.metadata, [...fn.references, ...fn.definitions].map((x) => x.label))
      : nextNumericLabel(fn);
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
