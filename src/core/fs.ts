/**
 * All corpus I/O goes through this interface: the extension implements it over `vscode.workspace.fs`
 * (so it works in remote and web hosts), the command line over `node:fs`, unit tests in memory.
 * Paths are absolute and use `/` separators.
 */
export type FileKind = 'file' | 'directory' | 'other';

export interface FileStat {
  kind: FileKind;
  size: number;
  mtime: number;
}

export interface CorpusFileSystem {
  stat(path: string): Promise<FileStat | undefined>;
  readDirectory(path: string): Promise<Array<[name: string, kind: FileKind]>>;
  readFile(path: string): Promise<Uint8Array>;
  /** Where the file is on this machine's disk, for a worker thread to read it; none when it is not on a local disk. */
  localPath?(path: string): string | undefined;
}

export function joinPath(base: string, ...parts: string[]): string {
  let out = base;
  for (const part of parts) {
    if (part.startsWith('/')) out = part;
    else out = out.replace(/\/+$/, '') + '/' + part;
  }
  return normalizePath(out);
}

/** Resolve `.` and `..` segments. */
export function normalizePath(path: string): string {
  const absolute = path.startsWith('/');
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
    } else out.push(seg);
  }
  return (absolute ? '/' : '') + out.join('/');
}

export function dirname(path: string): string {
  const i = path.replace(/\/+$/, '').lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** Relative path from directory `from` to `to`, with `/` separators. */
export function relativePath(from: string, to: string): string {
  const a = normalizePath(from).split('/').filter(Boolean);
  const b = normalizePath(to).split('/').filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...Array(a.length - i).fill('..'), ...b.slice(i)].join('/') || '.';
}

/** Is `path` inside directory `dir` (or equal to it)? */
export function isInside(dir: string, path: string): boolean {
  const d = normalizePath(dir).replace(/\/+$/, '');
  const p = normalizePath(path);
  return p === d || p.startsWith(d + '/');
}

/** An in-memory file system, for tests and for documents not on disk. */
export class MemoryFileSystem implements CorpusFileSystem {
  private readonly files = new Map<string, Uint8Array>();
  private readonly mtimes = new Map<string, number>();

  write(path: string, content: string | Uint8Array): void {
    const p = normalizePath(path);
    this.files.set(p, typeof content === 'string' ? new TextEncoder().encode(content) : content);
    this.mtimes.set(p, Date.now());
  }

  delete(path: string): void {
    this.files.delete(normalizePath(path));
  }

  /** Set a file's modification time, leaving its content as it is (a save with no change). */
  touch(path: string, mtime = Date.now()): void {
    const p = normalizePath(path);
    if (!this.files.has(p)) throw new Error(`ENOENT: no such file '${path}'`);
    this.mtimes.set(p, mtime);
  }

  async stat(path: string): Promise<FileStat | undefined> {
    const p = normalizePath(path);
    const file = this.files.get(p);
    if (file) return { kind: 'file', size: file.byteLength, mtime: this.mtimes.get(p) ?? 0 };
    for (const key of this.files.keys()) if (key.startsWith(p.replace(/\/$/, '') + '/')) return { kind: 'directory', size: 0, mtime: 0 };
    return undefined;
  }

  async readDirectory(path: string): Promise<Array<[string, FileKind]>> {
    const prefix = normalizePath(path).replace(/\/$/, '') + '/';
    const entries = new Map<string, FileKind>();
    for (const key of this.files.keys()) {
      if (!key.startsWith(prefix)) continue;
      const rest = key.slice(prefix.length);
      const slash = rest.indexOf('/');
      entries.set(slash === -1 ? rest : rest.slice(0, slash), slash === -1 ? 'file' : 'directory');
    }
    if (entries.size === 0 && !(await this.stat(path))) throw new Error(`ENOENT: no such directory '${path}'`);
    return [...entries];
  }

  async readFile(path: string): Promise<Uint8Array> {
    const file = this.files.get(normalizePath(path));
    if (!file) throw new Error(`ENOENT: no such file '${path}'`);
    return file;
  }
}
