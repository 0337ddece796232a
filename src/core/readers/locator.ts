/**
 * Locators: the `#fragment` of a citation link that names a passage in its source file, and the way
 * back from a fragment to the passage's offsets in the document's text.
 *
 *   text, Markdown   `L<l1>C<c1>-L<l2>C<c2>`        lines and columns in the file (1-based, end inclusive)
 *   HTML             `L<l1>C<c1>-L<l2>C<c2>`        the same, in the .html file (the passage's span of markup)
 *   PDF              `page=<p>&text=<o1>-<o2>`      page p (1-based); characters o1 to o2 of the page's text
 *   DOCX             `paragraph=<n>&text=<o1>-<o2>` paragraph n (1-based, empty ones not counted); characters o1 to o2
 *   any extracted    `text=<o1>-<o2>`               characters of the whole extracted text (HTML text that has no
 *                                                  place in the file)
 *
 * Character offsets count UTF-16 code units from 0, end exclusive: the passage is `pageText.slice(o1, o2)`.
 * `page=<p>` alone names the whole page (PDF viewers understand it too), `paragraph=<n>` the whole paragraph.
 */
import type { CorpusDocument, SourceRange } from '../types';
import { formatFragment, parseFragment } from '../footnotes';
import { offsetToPosition } from '../text';
import { fileToText, textToFile } from './sourceMap';

type Doc = Pick<CorpusDocument, 'text' | 'lineStarts' | 'format' | 'pages' | 'paragraphs' | 'sourceMap'>;

export interface Span {
  start: number;
  end: number;
}

/** The 1-based line-and-column range of `[start, end)` given a text's line starts. */
export function lineRange(lineStarts: readonly number[], start: number, end: number): SourceRange {
  const s = offsetToPosition(lineStarts, start);
  const e = offsetToPosition(lineStarts, Math.max(start, end));
  return { startLine: s.line + 1, startColumn: s.character + 1, endLine: e.line + 1, endColumn: e.character };
}

/** Offsets of a (possibly partial) line-and-column range in a text of `length` characters. */
function lineOffsets(lineStarts: readonly number[], length: number, r: NonNullable<ReturnType<typeof parseFragment>>, text?: string): Span | undefined {
  const lines = lineStarts.length;
  const endLine = r.endLine ?? r.startLine;
  if (r.startLine < 1 || r.startLine > lines || endLine < r.startLine || endLine > lines) return undefined;
  const lineEnd = (l: number) => {
    const next = l + 1 < lines ? lineStarts[l + 1] - 1 : length;
    return text && next > lineStarts[l] && text[next - 1] === '\r' ? next - 1 : next;
  };
  const at = (l: number, column: number) => Math.min(lineStarts[l] + column, lineEnd(l));
  const start = at(r.startLine - 1, (r.startColumn ?? 1) - 1);
  const end = r.endColumn !== undefined ? at(endLine - 1, r.endColumn) : lineEnd(endLine - 1);
  return end >= start ? { start, end } : undefined;
}

/** Which unit (page or paragraph) holds `offset`, 0-based. */
function unitAt(starts: readonly number[], offset: number): number {
  return offsetToPosition(starts, offset).line;
}

function units(doc: Doc): { key: 'page' | 'paragraph'; starts: readonly number[] } | undefined {
  if (doc.format === 'pdf' && doc.pages?.length) return { key: 'page', starts: doc.pages };
  if (doc.format === 'docx' && doc.paragraphs?.length) return { key: 'paragraph', starts: doc.paragraphs };
  return undefined;
}

/** Is the document opened as its extracted text (PDF, DOCX) rather than as the file itself? */
export function opensAsExtract(doc: Pick<CorpusDocument, 'format'>): boolean {
  return doc.format === 'pdf' || doc.format === 'docx';
}

/** The range of `[start, end)` in the file as an editor shows it; undefined for PDF and DOCX. */
export function fileRange(doc: Doc, start: number, end: number): SourceRange | undefined {
  if (opensAsExtract(doc)) return undefined;
  if (doc.format === 'html') {
    const map = doc.sourceMap;
    const span = map ? textToFile(map, start, end) : undefined;
    return span && map ? lineRange(map.lineStarts, span.start, span.end) : undefined;
  }
  return lineRange(doc.lineStarts, start, end);
}

/** The fragment (without `#`) that names `[start, end)` of the document's text in its file. */
export function locatorFor(doc: Doc, start: number, end: number): string {
  const u = units(doc);
  if (u) {
    const i = unitAt(u.starts, start);
    return `${u.key}=${i + 1}&text=${start - u.starts[i]}-${end - u.starts[i]}`;
  }
  if (doc.format === 'html') {
    const range = fileRange(doc, start, end);
    return range ? formatFragment(range) : `text=${start}-${end}`;
  }
  return formatFragment(lineRange(doc.lineStarts, start, end));
}

function params(fragment: string): Map<string, string> | undefined {
  const out = new Map<string, string>();
  for (const part of fragment.split('&')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return undefined;
    out.set(part.slice(0, eq).toLowerCase(), part.slice(eq + 1));
  }
  return out;
}

function offsetPair(value: string | undefined): Span | undefined {
  const m = /^(\d+)-(\d+)$/.exec(value ?? '');
  if (!m) return undefined;
  const span = { start: Number(m[1]), end: Number(m[2]) };
  return span.end >= span.start ? span : undefined;
}

/** The offsets in the document's text that a fragment names; undefined when it names nothing there. */
export function locatorOffsets(doc: Doc, fragment: string): Span | undefined {
  let f = fragment.replace(/^#/, '');
  try {
    f = decodeURIComponent(f);
  } catch {
    /* keep as written */
  }
  const range = parseFragment(f);
  if (range) {
    if (opensAsExtract(doc)) return undefined;
    if (doc.format === 'html') {
      const map = doc.sourceMap;
      const span = map && lineOffsets(map.lineStarts, map.length, range);
      return span && map ? fileToText(map, span.start, span.end) : undefined;
    }
    return lineOffsets(doc.lineStarts, doc.text.length, range, doc.text);
  }
  const p = params(f);
  if (!p) return undefined;
  const u = units(doc);
  const unitKey = u && p.has(u.key) ? u.key : undefined;
  if (u && unitKey) {
    const n = Number(p.get(unitKey));
    if (!Number.isInteger(n) || n < 1 || n > u.starts.length) return undefined;
    const base = u.starts[n - 1];
    if (!p.has('text')) {
      let end = n < u.starts.length ? u.starts[n] : doc.text.length;
      while (end > base && /\s/.test(doc.text[end - 1])) end--;
      return { start: base, end };
    }
    const span = offsetPair(p.get('text'));
    if (!span || base + span.end > doc.text.length) return undefined;
    return { start: base + span.start, end: base + span.end };
  }
  if (p.size === 1 && p.has('text')) {
    const span = offsetPair(p.get('text'));
    return span && span.end <= doc.text.length ? span : undefined;
  }
  return undefined;
}
