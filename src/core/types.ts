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
  speaker?: string;
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
