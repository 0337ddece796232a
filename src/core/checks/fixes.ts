/** Edits that fix what the checks find, as offsets in the briefing; each fix is applied as one edit. */
import type { CorpusDocument } from '../types';
import { formatDefinition, parseFragment, type Citation, type CitationLink, type FootnoteDefinition, type Footnotes } from '../footnotes';
import { locatorFor } from '../readers/locator';
import { eolOf, offsetToPosition } from '../text';
import type { Fix, TextEdit } from './types';

type Doc = Pick<CorpusDocument, 'text' | 'lineStarts' | 'format' | 'pages' | 'paragraphs' | 'sourceMap'>;

/**
 * The fragment naming `[start, end)`: in the style of the old one for text files cited by line or
 * line range, else the exact locator the citation format uses for the document.
 */
export function fragmentLike(doc: Doc, oldFragment: string | undefined, start: number, end: number): string {
  const old = oldFragment ? parseFragment(oldFragment) : undefined;
  const textual = !doc.format || doc.format === 'text' || doc.format === 'markdown';
  if (!old || !textual || old.startColumn !== undefined || old.endColumn !== undefined) return locatorFor(doc, start, end);
  const l1 = offsetToPosition(doc.lineStarts, start).line + 1;
  const l2 = offsetToPosition(doc.lineStarts, Math.max(start, end - 1)).line + 1;
  if (old.endLine === undefined) return `L${l1}`;
  return `L${l1}-L${l2}`;
}

/** Replace the fragment wherever the link repeats it (its text and its destination); nothing else changes. */
export function updateFragmentFix(definition: FootnoteDefinition, link: CitationLink, oldFragment: string, newFragment: string): Fix {
  const linkStart = definition.contentStart + link.start;
  const linkText = definition.content.slice(link.start, link.end);
  const edits: TextEdit[] = [];
  const needle = '#' + oldFragment;
  for (let i = linkText.indexOf(needle); i !== -1; i = linkText.indexOf(needle, i + needle.length)) {
    const after = linkText[i + needle.length];
    if (after !== undefined && /[\w-]/.test(after)) continue;
    edits.push({ start: linkStart + i + 1, end: linkStart + i + needle.length, text: newFragment });
  }
  return { title: `Update the line hint to #${newFragment}`, edits };
}

/** Remove a definition's lines (with one line break). */
export function removeDefinitionFix(text: string, definition: FootnoteDefinition): Fix {
  let start = definition.start;
  let end = definition.end;
  if (text.startsWith('\r\n', end)) end += 2;
  else if (text[end] === '\n') end += 1;
  else if (start > 0) {
    // The last line of the file: take the line break before it instead.
    start -= text[start - 2] === '\r' ? 2 : 1;
  }
  return { title: `Remove the unused definition [^${definition.label}]`, edits: [{ start, end, text: '' }] };
}

/** Replace the quoted words (between the marks) with the source's. */
export function replaceQuoteFix(start: number, end: number, replacement: string): Fix {
  return { title: `Replace the quote with the source's words`, edits: [{ start, end, text: replacement }] };
}

/** Where and what to insert to add a definition for `label` (after the last definition when they end the file, else at the end). */
export function planDefinition(text: string, fn: Footnotes, label: string, citation: Citation): TextEdit {
  const eol = eolOf(text);
  const definition = formatDefinition(label, citation);
  const lastNonSpace = text.search(/\s*$/);
  const lastDef = fn.definitions[fn.definitions.length - 1];
  if (lastDef && lastDef.end >= lastNonSpace) return { start: lastDef.end, end: lastDef.end, text: eol + definition };
  const newlines = (text.slice(lastNonSpace).match(/\n/g) ?? []).length;
  const lead = lastNonSpace > 0 ? eol.repeat(Math.max(0, 2 - newlines)) : '';
  return { start: text.length, end: text.length, text: lead + definition + eol };
}
