/**
 * Readers for documents that are not plain text: HTML (the article's main text), PDF (text per page)
 * and DOCX (text per paragraph). Each reader lives in its own module and is loaded on first use, so
 * that indexing a corpus of text files never pays for pdf.js, the DOM or the ZIP reader. The bundles
 * build each one as a separate file (dist/readers/<name>.js) that this registry loads on demand.
 */
import type { DocumentFormat, DocumentMetadata, TextSourceMap } from '../types';

/** What a reader makes of a file: the text that passages index into, and how to cite it. */
export interface ReadResult {
  format: DocumentFormat;
  text: string;
  metadata: DocumentMetadata;
  /** PDF: offset in `text` at which each page starts. */
  pages?: number[];
  /** DOCX: offset in `text` at which each paragraph starts. */
  paragraphs?: number[];
  /** HTML: where each piece of `text` came from in the file. */
  sourceMap?: TextSourceMap;
}

/** A file that cannot be read, and why (shown in the log and by the command line). */
export interface Unreadable {
  reason: string;
}

export type ReadOutcome = ReadResult | Unreadable;

export interface Reader {
  format: DocumentFormat;
  /** What to call the format in messages. */
  label: string;
  /** Lowercase file endings, with the dot. */
  extensions: readonly string[];
  read(bytes: Uint8Array): Promise<ReadOutcome>;
}

const READERS: readonly Reader[] = [
  {
    format: 'html',
    label: 'HTML',
    extensions: ['.html', '.htm', '.xhtml'],
    read: async (bytes) => (await import('./html')).readHtml(bytes),
  },
  {
    format: 'pdf',
    label: 'PDF',
    extensions: ['.pdf'],
    read: async (bytes) => (await import('./pdf')).readPdf(bytes),
  },
  {
    format: 'docx',
    label: 'DOCX',
    extensions: ['.docx'],
    read: async (bytes) => (await import('./docx')).readDocx(bytes),
  },
];

/** File endings the readers handle (text and Markdown are read directly by the corpus). */
export const READER_EXTENSIONS: readonly string[] = READERS.flatMap((r) => r.extensions);

/** The reader for a file, by its ending; undefined for text files. */
export function readerFor(path: string): Reader | undefined {
  const lower = path.toLowerCase();
  return READERS.find((r) => r.extensions.some((ext) => lower.endsWith(ext)));
}
