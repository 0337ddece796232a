import * as vscode from 'vscode';
import type { CorpusFileSystem, FileKind, FileStat } from '../core/fs';

function kindOf(type: vscode.FileType): FileKind {
  if (type & vscode.FileType.Directory) return 'directory';
  if (type & vscode.FileType.File) return 'file';
  return 'other';
}

/**
 * Corpus I/O through `vscode.workspace.fs`, so remote and virtual workspaces work too. Core paths
 * are the URIs' paths; `base` supplies the scheme and authority.
 */
export class VscodeFileSystem implements CorpusFileSystem {
  constructor(private readonly base: vscode.Uri) {}

  uri(path: string): vscode.Uri {
    return this.base.with({ path, query: '', fragment: '' });
  }

  async stat(path: string): Promise<FileStat | undefined> {
    try {
      const s = await vscode.workspace.fs.stat(this.uri(path));
      return { kind: kindOf(s.type), size: s.size, mtime: s.mtime };
    } catch {
      return undefined;
    }
  }

  async readDirectory(path: string): Promise<Array<[string, FileKind]>> {
    const entries = await vscode.workspace.fs.readDirectory(this.uri(path));
    return entries.map(([name, type]) => [name, kindOf(type)]);
  }

  async readFile(path: string): Promise<Uint8Array> {
    return vscode.workspace.fs.readFile(this.uri(path));
  }

  /** A file of a `file:` workspace is on the disk of the machine the extension runs on. */
  localPath(path: string): string | undefined {
    const uri = this.uri(path);
    return uri.scheme === 'file' ? uri.fsPath : undefined;
  }
}
