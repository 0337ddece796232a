/** Reading cited files for the checks: a clear reason for what is not a source, each file read once. */
import type { CorpusDocument } from '../types';
import type { CorpusFileSystem } from '../fs';
import { DEFAULT_MAX_FILE_BYTES, readDocument } from '../corpus';
import type { SourceLookup, SourceReader } from './types';

export interface SourceReaderOptions {
  maxFileBytes?: number;
  /** An already indexed document, preferred to reading the file again. */
  indexed?: (path: string) => CorpusDocument | undefined | Promise<CorpusDocument | undefined>;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

/** A reader that remembers what it read; make a new one when the corpus changes. */
export function cachedSourceReader(fs: CorpusFileSystem, roots: readonly string[], opts: SourceReaderOptions = {}): SourceReader {
  const cache = new Map<string, Promise<SourceLookup>>();
  const maxBytes = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const load = async (path: string): Promise<SourceLookup> => {
    const stat = await fs.stat(path).catch(() => undefined);
    if (!stat) return { status: 'missing' };
    if (stat.kind === 'directory') return { status: 'unreadable', reason: 'it is a folder' };
    if (stat.kind !== 'file') return { status: 'unreadable', reason: 'it is not a regular file' };
    if (stat.size > maxBytes) return { status: 'unreadable', reason: `too large (${formatBytes(stat.size)}; the limit is ${formatBytes(maxBytes)})` };
    const indexed = await opts.indexed?.(path);
    if (indexed) return { status: 'ok', doc: indexed };
    const root = roots.filter((r) => path.startsWith(r.replace(/\/+$/, '') + '/')).sort((a, b) => b.length - a.length)[0] ?? path.replace(/\/[^/]*$/, '');
    const doc = await readDocument(fs, root, path);
    return 'reason' in doc ? { status: 'unreadable', reason: doc.reason } : { status: 'ok', doc };
  };
  return (path) => {
    let p = cache.get(path);
    if (!p) {
      p = load(path);
      cache.set(path, p);
    }
    return p;
  };
}
