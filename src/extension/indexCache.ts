import * as vscode from 'vscode';
import { indexCacheFileName, type IndexCacheStore } from '../core/indexCache';

/**
 * The index cache in the extension's storage (the workspace's, else the global one), one file per
 * corpus, through `vscode.workspace.fs` so that it works in remote and web hosts too. Written to a
 * temporary file and renamed into place, so that a reader never sees half a cache.
 */
export class VscodeIndexCache implements IndexCacheStore {
  private readonly uri: vscode.Uri;

  constructor(storage: vscode.Uri, corpusKey: string) {
    this.uri = vscode.Uri.joinPath(storage, indexCacheFileName(corpusKey));
  }

  get location(): string {
    return this.uri.scheme === 'file' ? this.uri.fsPath : this.uri.toString();
  }

  async read(): Promise<Uint8Array | undefined> {
    try {
      return await vscode.workspace.fs.readFile(this.uri);
    } catch (e) {
      if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') return undefined;
      throw e;
    }
  }

  async write(bytes: Uint8Array): Promise<void> {
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(this.uri, '..'));
    const tmp = this.uri.with({ path: `${this.uri.path}.tmp` });
    await vscode.workspace.fs.writeFile(tmp, bytes);
    await vscode.workspace.fs.rename(tmp, this.uri, { overwrite: true });
  }
}
