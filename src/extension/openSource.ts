import * as vscode from 'vscode';
import type { CorpusDocument } from '../core/types';
import { readerFor } from '../core/readers/index';
import { fileRange } from '../core/readers/locator';
import { positionToOffset } from '../core/text';
import { extractUri } from './extractedText';

export const OPEN_SOURCE = 'sourced.openSource';

export interface OpenSourceArgs {
  /** The source file's URI. */
  uri: string;
  /**
   * 0-based [startLine, startCharacter, endLine, endCharacter] in the document's text: the file itself
   * for text and Markdown, the extracted text for HTML, PDF and DOCX (opened where it belongs).
   */
  range?: [number, number, number, number];
}

type Range4 = [number, number, number, number];

let sourceDocuments: ((path: string) => Promise<CorpusDocument | undefined>) | undefined;

/** Where Open Source finds a document's extracted text and its map back to the file (for as long as the extension runs). */
export function useSourceDocuments(lookup: (path: string) => Promise<CorpusDocument | undefined>): vscode.Disposable {
  sourceDocuments = lookup;
  return new vscode.Disposable(() => {
    if (sourceDocuments === lookup) sourceDocuments = undefined;
  });
}

/**
 * Where a range of a document's text is shown: text files as they are; PDF and DOCX as their extracted
 * text; HTML in the .html file, at the markup the text came from.
 */
async function placeOf(uri: vscode.Uri, range: Range4 | undefined): Promise<{ uri: vscode.Uri; range?: Range4 }> {
  const format = readerFor(uri.path)?.format;
  if (!format) return { uri, range };
  if (format !== 'html') return { uri: extractUri(uri), range };
  const doc = range ? await sourceDocuments?.(uri.path) : undefined;
  if (!doc || !range) return { uri };
  const start = positionToOffset(doc.lineStarts, doc.text, { line: range[0], character: range[1] });
  const end = positionToOffset(doc.lineStarts, doc.text, { line: range[2], character: range[3] });
  const r = fileRange(doc, start, end);
  return r ? { uri, range: [r.startLine - 1, r.startColumn - 1, r.endLine - 1, r.endColumn] } : { uri };
}

function isArgs(a: unknown): a is OpenSourceArgs {
  const x = a as OpenSourceArgs;
  return !!x && typeof x.uri === 'string' && (x.range === undefined || (Array.isArray(x.range) && x.range.length === 4 && x.range.every(Number.isInteger)));
}

/** Open a source file beside the briefing with the passage selected and revealed. */
export async function openSource(args: unknown): Promise<vscode.TextEditor | undefined> {
  if (!isArgs(args)) {
    void vscode.window.showErrorMessage('Sourced Briefings: "Open Source" needs a source file to open.');
    return undefined;
  }
  const place = await placeOf(vscode.Uri.parse(args.uri, true), args.range);
  const document = await vscode.workspace.openTextDocument(place.uri);
  const range = place.range;
  const selection = range ? document.validateRange(new vscode.Range(range[0], range[1], range[2], range[3])) : undefined;
  const editor = await vscode.window.showTextDocument(document, {
    viewColumn: vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active,
    preview: true,
    ...(selection ? { selection } : {}),
  });
  if (selection) {
    editor.selection = new vscode.Selection(selection.start, selection.end);
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
  return editor;
}
