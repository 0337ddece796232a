/** What the citation checks report: findings with positions in the briefing, and one result per reference. */
import type { CorpusDocument } from '../types';
import type { FootnoteDefinition, FootnoteReference } from '../footnotes';
import type { Claim } from './claim';
import type { DiffOp } from './diff';

export type FindingKind =
  | 'missing-definition'
  | 'unused-definition'
  | 'duplicate-definition'
  | 'missing-source'
  | 'outside-corpus'
  | 'not-a-source'
  | 'not-found'
  | 'moved'
  | 'altered-quote'
  | 'figure-mismatch';

export type Severity = 'error' | 'warning' | 'info';

/** Replace `[start, end)` of the briefing with `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** A fix is applied as one edit (several text edits, one undo step). */
export interface Fix {
  title: string;
  edits: TextEdit[];
}

export interface Finding {
  kind: FindingKind;
  severity: Severity;
  label: string;
  /** 1-based line in the briefing of `start`. */
  line: number;
  /** Offsets in the briefing of the text the finding is about. */
  start: number;
  end: number;
  message: string;
  /** What the source says (altered quote, figure) or where the passage is now (moved). */
  expected?: string;
  /** What the briefing says. */
  actual?: string;
  /** Word-level differences, for altered quotes. */
  diff?: DiffOp[];
  fix?: Fix;
}

/** Where the cited passage was found in its source. */
export interface Located {
  /** The passage, as offsets in the source's text. */
  start: number;
  end: number;
  /** The text the claims are checked against (the passage, or the lines a line-only citation names). */
  scopeStart: number;
  scopeEnd: number;
  /** At the citation's line hint, found elsewhere by its text (moved), or by text when there is no hint. */
  how: 'hint' | 'moved' | 'text';
  /** How the text matched: as written, after folding case/quotes/whitespace, approximately, or not checked (no text to check by). */
  match: 'exact' | 'normalised' | 'fuzzy' | 'unverified';
}

export type CitationStatus = 'ok' | 'moved' | 'differs' | 'not-found' | 'unchecked';

/** The outcome for one citation: a reference (or, for a definition nobody references, the definition). */
export interface CitationCheck {
  label: string;
  reference?: FootnoteReference;
  definition?: FootnoteDefinition;
  claim?: Claim;
  /** Absolute path of the cited file, when the definition links to one. */
  sourcePath?: string;
  document?: CorpusDocument;
  located?: Located;
  /** The source sentences just before and after the passage. */
  context?: { before?: string; after?: string };
  status: CitationStatus;
  /** The findings about this citation (also in `CheckResult.findings`). */
  findings: Finding[];
}

export interface CheckResult {
  findings: Finding[];
  citations: CitationCheck[];
  ms: number;
}

/** What reading a cited file gave. */
export type SourceLookup =
  | { status: 'ok'; doc: CorpusDocument }
  | { status: 'missing' }
  | { status: 'unreadable'; reason: string };

export type SourceReader = (path: string) => Promise<SourceLookup>;
