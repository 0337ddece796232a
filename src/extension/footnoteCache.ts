import * as vscode from 'vscode';
import { parseFootnotes, type Footnotes } from '../core/footnotes';

/** Parsed footnotes per open document, re-parsed only when the document's version changes. */
export class FootnoteCache implements vscode.Disposable {
  private readonly entries = new Map<string, { version: number; footnotes: Footnotes }>();
  private readonly subscription = vscode.workspace.onDidCloseTextDocument((d) => this.entries.delete(d.uri.toString()));

  get(document: vscode.TextDocument): Footnotes {
    const key = document.uri.toString();
    const hit = this.entries.get(key);
    if (hit && hit.version === document.version) return hit.footnotes;
    const footnotes = parseFootnotes(document.getText());
    this.entries.set(key, { version: document.version, footnotes });
    return footnotes;
  }

  dispose(): void {
    this.subscription.dispose();
    this.entries.clear();
  }
}
