import * as vscode from 'vscode';
import { changedRegion, renumber } from '../core/renumber';

export const RENUMBER_FOOTNOTES = 'sourced.renumberFootnotes';

export interface RenumberOutcome {
  changed: boolean;
  /** Definitions merged into another of the same passage. */
  merged: number;
  /** Why nothing was changed, when something should have been. */
  error?: string;
}

/**
 * "Sourced: Renumber Footnotes": numeric labels in order of first reference, duplicates of a passage
 * merged, definitions together at the end; applied as one edit (one undo step) that replaces only the
 * changed part of the text.
 */
export async function renumberFootnotes(): Promise<RenumberOutcome> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'markdown') {
    void vscode.window.showInformationMessage('Sourced Briefings: open a Markdown briefing to renumber its footnotes.');
    return { changed: false, merged: 0 };
  }
  const document = editor.document;
  const before = document.getText();
  const result = renumber(before);
  if (result.error) {
    void vscode.window.showWarningMessage(`Sourced Briefings: footnotes left as they are: ${result.error}.`);
    return { changed: false, merged: 0, error: result.error };
  }
  if (!result.changed) {
    void vscode.window.showInformationMessage('Sourced Briefings: footnotes are already in order.');
    return { changed: false, merged: 0 };
  }
  const region = changedRegion(before, result.text);
  const range = new vscode.Range(document.positionAt(region.start), document.positionAt(region.end));
  const ok = await editor.edit((builder) => builder.replace(range, region.text), { undoStopBefore: true, undoStopAfter: true });
  if (!ok) {
    const error = 'the document changed while renumbering; try again';
    void vscode.window.showWarningMessage(`Sourced Briefings: footnotes left as they are: ${error}.`);
    return { changed: false, merged: 0, error };
  }
  return { changed: true, merged: result.merged };
}
