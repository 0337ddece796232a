/** The corpus file system over node:fs, for the command line. */
import { promises as fsp, stat as nodeStat } from 'node:fs';
import * as nodePath from 'node:path';
import type { CorpusFileSystem, FileKind, FileStat } from '../core/fs';

/** An absolute, `/`-separated path for the core. */
export function toCorePath(p: string): string {
  return nodePath.resolve(p).split(nodePath.sep).join('/');
}

export class NodeFileSystem implements CorpusFileSystem {
  /** By the callback API: a listing stats every file, and `fs.promises.stat` costs about three times the CPU. */
  stat(path: string): Promise<FileStat | undefined> {
    return new Promise((resolve) => {
      nodeStat(path, (error, s) => {
        resolve(error ? undefined : { kind: s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other', size: s.size, mtime: s.mtimeMs });
      });
    });
  }

  async readDirectory(path: string): Promise<Array<[string, FileKind]>> {
    const entries = await fsp.readdir(path, { withFileTypes: true });
    const out: Array<[string, FileKind]> = [];
    for (const e of entries) {
      let kind: FileKind = e.isFile() ? 'file' : e.isDirectory() ? 'directory' : 'other';
      if (e.isSymbolicLink()) kind = (await this.stat(nodePath.join(path, e.name)))?.kind ?? 'other';
      out.push([e.name, kind]);
    }
    return out;
  }

  async readFile(path: string): Promise<Uint8Array> {
    return fsp.readFile(path);
  }

  localPath(path: string): string {
    return path;
  }
}
