import * as vscode from 'vscode';
import { footnoteAt, parseCitationLink, type CitationLink, type FootnoteDefinition, type Footnotes } from '../core/footnotes';
import { sourceRange } from '../core/cite';
import { locatorOffsets } from '../core/readers/locator';
import { dirname, joinPath } from '../core/fs';
import type { CorpusDocument } from '../core/types';
import type { CorpusService } from './corpusService';
import type { CitationChecker } from './diagnostics';
import type { OpenSourceArgs } from './openSource';

type Check = Awaited<ReturnType<CitationChecker['citationAt']>>;

/** Where a footnote points: its definition, link, source document, and the passage's offsets there. */
export interface CitationTarget {
  label: string;
  /** The `[^label]` span under the cursor. */
  start: number;
  end: number;
  definition?: FootnoteDefinition;
  link?: CitationLink;
  /** The source's path, when the definition links to a file. */
  path?: string;
  source?: CorpusDocument;
  check?: Check;
  /** Where the passage is in the source's text: where the checks found it (it may have moved), else where the link says. */
  offsets?: { start: number; end: number };
  /** Arguments for `sourced.openSource`. */
  open?: OpenSourceArgs;
}

/** The citation of the footnote label at `offset`, if the cursor is on one. */
export async function citationTarget(
  corpus: CorpusService,
  checker: CitationChecker | undefined,
  document: vscode.TextDocument,
  fn: Footnotes,
  offset: number,
  token?: vscode.CancellationToken,
): Promise<CitationTarget | undefined> {
  const at = footnoteAt(fn, offset);
  if (!at) return undefined;
  const target: CitationTarget = { label: at.label, start: at.start, end: at.end };
  const definition = fn.definitions.find((d) => d.label === at.label);
  if (!definition) return target;
  target.definition = definition;
  const link = parseCitationLink(definition.content);
  if (!link) return target;
  target.link = link;
  const path = joinPath(dirname(document.uri.path), link.path);
  target.path = path;
  const source = await corpus.document(path);
  if (!source || token?.isCancellationRequested) return target;
  target.source = source;
  const check = await checker?.citationAt(document, offset);
  if (check) target.check = check;
  const offsets =
    check?.located && check.document === source
      ? check.located
      : check?.status === 'not-found'
        ? undefined
        : link.fragment
          ? locatorOffsets(source, link.fragment)
          : undefined;
  target.open = { uri: corpus.uri(path).toString() };
  if (offsets) {
    target.offsets = offsets;
    const r = sourceRange(source, offsets.start, offsets.end);
    target.open.range = [r.startLine - 1, r.startColumn - 1, r.endLine - 1, r.endColumn];
  }
  return target;
}
