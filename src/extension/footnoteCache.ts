import * as vscode from 'vscode';
import { parseFootnotes, prepareFootnotes, type Footnotes } from '../core/footnotes';

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

  /**
   * The footnotes, parsed without holding the extension host: a large document's first parse yields to
   * other work every few milliseconds. Undefined when cancelled or when the document changed meanwhile.
   */
  async parsed(document: vscode.TextDocument, token?: vscode.CancellationToken): Promise<Footnotes | undefined> {
    const hit = this.entries.get(document.uri.toString());
    if (hit && hit.version === document.version) return hit.footnotes;
    const version = document.version;
    const stale = () => token?.isCancellationRequested === true || document.version !== version;
    await prepareFootnotes(document.getText(), () => new Promise((resolve) => setImmediate(resolve)), stale);
    return stale() ? undefined : this.get(document);
  }

  dispose(): void {
    this.subscription.dispose();
    this.entries.clear();
  }
}
