/** The corpus model shared by the index, the citations and every front end. */

export interface DocumentMetadata {
  title?: string;
  author?: string;
  date?: string;
  outlet?: string;
  url?: string;
}

export type PassageKind = 'sentence' | 'quote' | 'fact';

/** A span of one corpus document, with exact offsets into the document's text. */
export interface Passage {
  /** Index-wide id, stable while the document is unchanged. */
  id: number;
  doc: CorpusDocument;
  kind: PassageKind;
  /** Offsets into `doc.text`: `text === doc.text.slice(start, end)`. */
  start: number;
  end: number;
  text: string;
  /** Who said it, for quotes the article attributes. */
  speaker?: string;
  /** Figures, dates and counts the passage carries, normalised for comparison. */
  figures?: Figure[];
}

export type FigureKind = 'number' | 'percent' | 'money' | 'date' | 'year';

/** A figure as written in a text, with its value normalised so that "90,000", "90 000" and "ninety thousand" compare equal. */
export interface Figure {
  kind: FigureKind;
  /** The figure as written. */
  text: string;
  /** Offsets in the text it was found in. */
  start: number;
  end: number;
  /** Numeric value (percent: 55 for 55%; date: yyyymmdd; year: the year). */
  value: number;
  /** For dates: `YYYY-MM-DD`, `MM-DD` (no year) or `YYYY-MM`. For money: the currency. */
  normal?: string;
}

export interface CorpusDocument {
  /** Absolute path (posix) of the file. */
  path: string;
  /** The corpus root the document was found under. */
  root: string;
  /** Path relative to its root, with `/` separators. */
  relPath: string;
  text: string;
  lineStarts: number[];
  metadata: DocumentMetadata;
  passages: Passage[];
  /** Text ranges that are navigation, captions, widgets and the like: not offered as passages. */
  boilerplate: Array<[number, number]>;
  /** How the file was read (absent: plain text). `text` is the file itself for text and Markdown, the extracted text otherwise. */
  format?: DocumentFormat;
  /** PDF: offset in `text` at which each page starts (page n at `pages[n - 1]`). */
  pages?: number[];
  /** DOCX: offset in `text` at which each (non-empty) paragraph starts. */
  paragraphs?: number[];
  /** HTML: where each piece of the extracted `text` came from in the file. */
  sourceMap?: TextSourceMap;
}

/** Text formats are cited by line and column; PDF and DOCX by page or paragraph and text offset (readers/locator.ts). */
export type DocumentFormat = 'text' | 'markdown' | 'html' | 'pdf' | 'docx';

/** How an extracted text maps back to the file it came from. */
export interface TextSourceMap {
  /** Line starts of the file's decoded text. */
  lineStarts: number[];
  /** Length of the file's decoded text. */
  length: number;
  /** Runs in text order: text `[t, t + tl)` came from file `[s, s + sl)`; `tl === sl` means character for character. */
  runs: Array<[t: number, tl: number, s: number, sl: number]>;
}

/** A line-and-column range, 1-based, as in GitHub's `#L5C1-L5C40` (end column = last character). */
export interface SourceRange {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
