/** From a passage to a citation, and from a citation link back to the text it names. */
import type { CorpusDocument, Passage, SourceRange } from './types';
import { parseFragment, type Citation } from './footnotes';
import { fileRange, locatorFor } from './readers/locator';
import { offsetToPosition, positionToOffset } from './text';
import { dirname, relativePath } from './fs';

/** The 1-based, GitHub-style range of `[start, end)` in a document. */
export function sourceRange(doc: Pick<CorpusDocument, 'lineStarts'>, start: number, end: number): SourceRange {
  const s = offsetToPosition(doc.lineStarts, start);
  const e = offsetToPosition(doc.lineStarts, Math.max(start, end));
  return { startLine: s.line + 1, startColumn: s.character + 1, endLine: e.line + 1, endColumn: e.character };
}

/** Offsets of a (possibly partial) range: a line alone names the whole line. */
export function rangeOffsets(
  doc: Pick<CorpusDocument, 'lineStarts' | 'text'>,
  range: Partial<SourceRange> & { startLine: number },
): { start: number; end: number } | undefined {
  const lines = doc.lineStarts.length;
  const endLine = range.endLine ?? range.startLine;
  if (range.startLine < 1 || range.startLine > lines || endLine < range.startLine || endLine > lines) return undefined;
  const start = positionToOffset(doc.lineStarts, doc.text, { line: range.startLine - 1, character: (range.startColumn ?? 1) - 1 });
  const lineEnd = (l: number) => {
    const next = l + 1 < lines ? doc.lineStarts[l + 1] - 1 : doc.text.length;
    return next > doc.lineStarts[l] && doc.text[next - 1] === '\r' ? next - 1 : next;
  };
  const end =
    range.endColumn !== undefined
      ? positionToOffset(doc.lineStarts, doc.text, { line: endLine - 1, character: range.endColumn })
      : lineEnd(endLine - 1);
  return end >= start ? { start, end } : undefined;
}

/** A citation of a passage from a briefing at `briefingPath`. */
export function citationFor(passage: Passage, briefingPath: string): Citation {
  const { doc, start, end } = passage;
  const citation: Citation = {
    metadata: doc.metadata,
    path: relativePath(dirname(briefingPath), doc.path),
    // Text, Markdown and HTML: lines and columns in the file. PDF, DOCX: page or paragraph and offset.
    range: fileRange(doc, start, end) ?? sourceRange(doc, start, end),
    passage: passage.text,
  };
  const locator = locatorFor(doc, start, end);
  if (!parseFragment(locator)) citation.fragment = locator;
  return citation;
}

/** The sentences just before and after a passage, for context (quotes inside a sentence are skipped). */
export function neighbours(passage: Passage): { before?: Passage; after?: Passage } {
  const out: { before?: Passage; after?: Passage } = {};
  for (const p of passage.doc.passages) {
    if (p.kind === 'quote' || p === passage) continue;
    if (p.end <= passage.start) out.before = p;
    else if (p.start >= passage.end && !out.after) out.after = p;
  }
  return out;
}

/** The passage that covers `[start, end)` best, if any. */
export function passageAt(doc: CorpusDocument, start: number, end: number): Passage | undefined {
  let best: Passage | undefined;
  let bestOverlap = 0;
  for (const p of doc.passages) {
    const overlap = Math.min(p.end, end) - Math.max(p.start, start);
    if (overlap > bestOverlap) {
      best = p;
      bestOverlap = overlap;
    }
  }
  return best;
}
