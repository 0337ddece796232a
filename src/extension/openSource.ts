import * as vscode from 'vscode';

export const OPEN_SOURCE = 'sourced.openSource';

export interface OpenSourceArgs {
  /** The source file's URI. */
  uri: string;
  /** 0-based [startLine, startCharacter, endLine, endCharacter]. */
  range?: [number, number, number, number];
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
  const uri = vscode.Uri.parse(args.uri, true);
  const document = await vscode.workspace.openTextDocument(uri);
  const selection = args.range
    ? document.validateRange(new vscode.Range(args.range[0], args.range[1], args.range[2], args.range[3]))
    : undefined;
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
