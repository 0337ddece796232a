import * as vscode from 'vscode';
import type { CorpusDocument } from '../core/types';

/**
 * A PDF or DOCX file in a text editor is unreadable bytes: its source is shown instead as a read-only
 * document holding the text the corpus indexed, in which passages (and their locators' offsets) are
 * exactly where the index says. The URI keeps the file's path, so the tab is named after the file, and
 * carries the file's own URI in its query.
 */
export const EXTRACT_SCHEME = 'sourced-extract';

export interface ExtractSource {
  document(path: string): Promise<CorpusDocument | undefined>;
  readonly onDidChange: vscode.Event<unknown>;
}

/** The extracted-text document of a source file. */
export function extractUri(file: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({ scheme: EXTRACT_SCHEME, path: file.path, query: file.toString() });
}

/** The source file an extracted-text document shows. */
export function fileOfExtract(uri: vscode.Uri): vscode.Uri {
  return uri.query ? vscode.Uri.parse(uri.query, true) : uri.with({ scheme: 'file', query: '' });
}

export class ExtractedTextProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly corpus: ExtractSource) {
    // After a reindex an open extract may be out of date: ask the editor to fetch it again.
    this.subscription = corpus.onDidChange(() => {
      for (const doc of vscode.workspace.textDocuments) if (doc.uri.scheme === EXTRACT_SCHEME) this.changed.fire(doc.uri);
    });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const file = fileOfExtract(uri);
    const doc = await this.corpus.document(file.path);
    if (!doc) return `Sourced Briefings: ${file.path} cannot be read as a source (see the "Sourced Briefings" log for the reason).\n`;
    return doc.text;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** Register the provider for `sourced-extract:` documents. */
export function registerExtractedText(corpus: ExtractSource): vscode.Disposable {
  const provider = new ExtractedTextProvider(corpus);
  return vscode.Disposable.from(provider, vscode.workspace.registerTextDocumentContentProvider(EXTRACT_SCHEME, provider));
}
