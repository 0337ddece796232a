/** From a passage to a citation, and from a citation link back to the text it names. */
import type { CorpusDocument, Passage, SourceRange } from './types';
import { parseFragment, type Citation } from './footnotes';
import { fileRange, lineRange, locatorFor } from './readers/locator';
import { dirname, relativePath } from './fs';

/** The 1-based, GitHub-style range of `[start, end)` in a document. */
export function sourceRange(doc: Pick<CorpusDocument, 'lineStarts'>, start: number, end: number): SourceRange {
  return lineRange(doc.lineStarts, start, end);
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
