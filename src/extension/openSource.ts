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
export async function placeOf(uri: vscode.Uri, range: Range4 | undefined): Promise<{ uri: vscode.Uri; range?: Range4 }> {
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
    highlight(editor, selection);
  }
  return editor;
}

let decoration: vscode.TextEditorDecorationType | undefined;
let clearOnEdit: vscode.Disposable | undefined;

/** Highlight the cited passage until the source is edited (or another passage is opened). */
export function highlight(editor: vscode.TextEditor, range: vscode.Range): void {
  decoration ??= vscode.window.createTextEditorDecorationType({
    backgroundColor: new vscode.ThemeColor('editor.findMatchHighlightBackground'),
    border: '1px solid',
    borderColor: new vscode.ThemeColor('editor.findMatchBorder'),
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.findMatchForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Center,
  });
  const type = decoration;
  clearOnEdit?.dispose();
  for (const e of vscode.window.visibleTextEditors) e.setDecorations(type, []);
  editor.setDecorations(type, [range]);
  highlighted = { uri: editor.document.uri.toString(), range };
  clearOnEdit = vscode.workspace.onDidChangeTextDocument((e) => {
    if (e.document.uri.toString() !== highlighted?.uri || e.contentChanges.length === 0) return;
    for (const ed of vscode.window.visibleTextEditors) if (ed.document === e.document) ed.setDecorations(type, []);
    highlighted = undefined;
    clearOnEdit?.dispose();
  });
}

let highlighted: { uri: string; range: vscode.Range } | undefined;

/** The passage highlighted by the last Open Source, until its document is edited. */
export function highlightedPassage(): { uri: string; range: vscode.Range } | undefined {
  return highlighted;
}

/** Dispose the highlight (on deactivation). */
export function disposeHighlight(): void {
  clearOnEdit?.dispose();
  decoration?.dispose();
  decoration = undefined;
  highlighted = undefined;
}
