/**
 * A corpus: its roots, the documents read from them and their passage index. Loading is incremental:
 * a file is read again only when its size or modification time changed (and indexed again only when
 * its content did), removed files leave the index, and the index is updated in place, so searches
 * made while a load runs answer from what is indexed. With a cache store, the first load starts from
 * the index saved on disk by the last one, and every load that changed something saves it again.
 */
import { joinPath, type CorpusFileSystem } from './fs';
import { documentFromBytes, errorMessage, listCorpusFiles, readSidecar, type CorpusOptions, type SkippedFile } from './corpus';
import { PassageIndex, type SearchOptions, type SearchResult } from './search';
import type { CorpusDocument, DocumentMetadata } from './types';
import { SIDECAR_NAMES } from './sidecar';
import { hashBytes } from './hash';
import { clearTermCaches } from './tokenize';
import { decodeIndexCache, encodeIndexCache, INDEX_CACHE_VERSION, type FileStamp, type IndexCacheStore } from './indexCache';

export interface CorpusSummary {
  documents: number;
  passages: number;
  skipped: SkippedFile[];
  missingRoots: string[];
  ms: number;
  /** Files read in this load (the rest were unchanged). */
  read?: number;
  /** Documents taken from the on-disk cache in this load. */
  fromCache?: number;
  /** The load stopped early because it was cancelled. */
  cancelled?: boolean;
}

export interface LoadProgress {
  /** Files read so far, of `total` to read. */
  done: number;
  total: number;
}

export interface LoadOptions {
  onProgress?(progress: LoadProgress): void;
  isCancelled?(): boolean;
  /** Save the cache when something changed (default true); otherwise call `saveCache` later. */
  save?: boolean;
}

export interface CorpusCacheOptions {
  /** Where the index is saved between runs; none: every start reads the whole corpus. */
  cache?: IndexCacheStore;
}

interface Known {
  size: number;
  mtime: number;
  /** Content hash of an indexed file. */
  hash?: number;
  reason?: string;
}

export class Corpus {
  private current = new PassageIndex();
  skipped: SkippedFile[] = [];
  missingRoots: string[] = [];
  private readonly known = new Map<string, Known>();
  private sidecarStamps = new Map<string, string>();
  private readonly logged = new Set<string>();
  private cacheTried = false;
  /** The index changed since the cache was last written. */
  private unsaved = false;

  constructor(
    private readonly fs: CorpusFileSystem,
    public roots: string[],
    private readonly options: CorpusOptions & CorpusCacheOptions = {},
  ) {}

  get index(): PassageIndex {
    return this.current;
  }

  /** What the index is made from: a cache made from anything else is not used. */
  private get cacheKey(): string {
    const { extensions, maxFileBytes, ignoreFolders, exclude } = this.options;
    return JSON.stringify({ v: INDEX_CACHE_VERSION, roots: this.roots, extensions, maxFileBytes, ignoreFolders, exclude });
  }

  /** Bring the index in line with the files under the roots, reading only what changed. */
  async load(opts: LoadOptions = {}): Promise<CorpusSummary> {
    const t0 = performance.now();
    const fromCache = await this.restoreCache();
    let changed = false;
    const listed = await listCorpusFiles(this.fs, this.roots, this.options);
    const sidecars = new Map<string, Map<string, DocumentMetadata>>();
    let sidecarChanged = false;
    for (const root of this.roots) {
      if (listed.missingRoots.includes(root)) continue;
      const stamps: string[] = [];
      for (const name of SIDECAR_NAMES) {
        const stat = await this.fs.stat(joinPath(root, name)).catch(() => undefined);
        if (stat) stamps.push(`${name}:${stat.size}:${stat.mtime}`);
      }
      const stamp = stamps.join(',');
      if ((this.sidecarStamps.get(root) ?? '') !== stamp) sidecarChanged = true;
      this.sidecarStamps.set(root, stamp);
      sidecars.set(root, await readSidecar(this.fs, root, this.options.log));
    }
    if (sidecarChanged) this.known.clear(); // metadata overrides changed: read every file again

    const present = new Set(listed.files.map((f) => f.path));
    for (const path of [...this.known.keys()]) {
      if (present.has(path)) continue;
      this.current.removeDocument(path);
      this.known.delete(path);
      changed = true;
    }

    const todo = listed.files.filter((f) => {
      const k = this.known.get(f.path);
      return !k || k.size !== f.size || k.mtime !== f.mtime;
    });
    let done = 0;
    let cancelled = false;
    for (const file of todo) {
      if (opts.isCancelled?.()) {
        cancelled = true;
        break;
      }
      changed = true;
      const read = await this.readFile(file.path);
      const k = this.known.get(file.path);
      if (!('reason' in read) && k && !k.reason && k.hash === read.hash && this.current.document(file.path)) {
        // Touched, not changed: the indexed document stands.
        this.known.set(file.path, { size: file.size, mtime: file.mtime, hash: read.hash });
      } else {
        const doc = 'reason' in read ? read : await documentFromBytes(file.root, file.path, read.bytes, sidecars.get(file.root));
        if ('reason' in doc) {
          this.current.removeDocument(file.path);
          this.known.set(file.path, { size: file.size, mtime: file.mtime, reason: doc.reason });
          this.logSkip({ path: file.path, reason: doc.reason });
        } else {
          this.current.addDocument(doc);
          this.known.set(file.path, { size: file.size, mtime: file.mtime, hash: (read as { hash: number }).hash });
        }
      }
      done++;
      opts.onProgress?.({ done, total: todo.length });
    }
    for (const s of listed.skipped) this.logSkip(s);
    if (changed) {
      this.current.hideRepeatedLines(REPEATED_IN_DOCUMENTS);
      this.current.seal();
      // The tokenizer's memo of terms seen while indexing is not needed for searching.
      if (done > 0) clearTermCaches();
    }
    if (changed) this.unsaved = true;
    if (this.unsaved && !cancelled && opts.save !== false) await this.saveCache();

    this.skipped = [
      ...listed.skipped,
      ...[...this.known].filter(([path, k]) => k.reason && present.has(path)).map(([path, k]) => ({ path, reason: k.reason as string })),
    ];
    this.missingRoots = listed.missingRoots;
    return {
      documents: this.current.documentCount,
      passages: this.current.passageCount,
      skipped: this.skipped,
      missingRoots: this.missingRoots,
      ms: performance.now() - t0,
      read: done,
      ...(fromCache ? { fromCache } : {}),
      ...(cancelled ? { cancelled } : {}),
    };
  }

  /** Forget everything indexed (and the cache's contents): the next load reads every file. */
  reset(): void {
    this.current = new PassageIndex();
    this.unsaved = true;
    this.known.clear();
    this.sidecarStamps.clear();
    this.cacheTried = true;
  }

  private async readFile(path: string): Promise<{ bytes: Uint8Array; hash: number } | { reason: string }> {
    try {
      const bytes = await this.fs.readFile(path);
      return { bytes, hash: hashBytes(bytes) };
    } catch (e) {
      return { reason: `cannot be read: ${errorMessage(e)}` };
    }
  }

  /** On the first load, start from the cache when there is a sound one; returns the documents taken from it. */
  private async restoreCache(): Promise<number> {
    const cache = this.options.cache;
    if (!cache || this.cacheTried) return 0;
    this.cacheTried = true;
    let bytes: Uint8Array | undefined;
    try {
      bytes = await cache.read();
    } catch (e) {
      this.options.log?.warn(`Index cache ${cache.location} cannot be read (${errorMessage(e)}); indexing the corpus`);
      return 0;
    }
    if (!bytes) return 0;
    try {
      const t0 = performance.now();
      const contents = decodeIndexCache(bytes, this.cacheKey);
      this.current = PassageIndex.restore(contents.snapshot);
      for (const [path, stamp] of contents.stamps) this.known.set(path, stamp);
      this.sidecarStamps = new Map(Object.entries(contents.sidecars));
      this.options.log?.info(
        `Index cache ${cache.location}: ${this.current.documentCount} documents, ${this.current.passageCount} passages read in ${(performance.now() - t0).toFixed(0)} ms`,
      );
      return this.current.documentCount;
    } catch (e) {
      this.options.log?.warn(`Discarded the index cache ${cache.location}: ${errorMessage(e)}; indexing the corpus again`);
      this.current = new PassageIndex();
      this.known.clear();
      this.sidecarStamps.clear();
      return 0;
    }
  }

  /** Write the index to the cache store, if there is one and the index changed since the last write. */
  async saveCache(): Promise<void> {
    const cache = this.options.cache;
    if (!cache || !this.unsaved) return;
    this.unsaved = false;
    try {
      const t0 = performance.now();
      const stamps = new Map<string, FileStamp>();
      for (const [path, k] of this.known) if (k.hash !== undefined && !k.reason) stamps.set(path, { size: k.size, mtime: k.mtime, hash: k.hash });
      const bytes = encodeIndexCache({ key: this.cacheKey, snapshot: this.current.snapshot(), stamps, sidecars: Object.fromEntries(this.sidecarStamps) });
      await cache.write(bytes);
      this.options.log?.info(`Saved the index cache ${cache.location} (${(bytes.length / 1e6).toFixed(1)} MB in ${(performance.now() - t0).toFixed(0)} ms)`);
    } catch (e) {
      this.unsaved = true;
      this.options.log?.warn(`Index cache ${cache.location} cannot be written: ${errorMessage(e)}`);
    }
  }

  /** Log a skipped file once per reason, not on every load. */
  private logSkip(s: SkippedFile): void {
    const key = `${s.path}\0${s.reason}`;
    if (this.logged.has(key)) return;
    this.logged.add(key);
    this.options.log?.warn(`Skipped ${s.path}: ${s.reason}`);
  }

  search(query: string, options?: SearchOptions): SearchResult[] {
    return this.current.search(query, options);
  }

  document(path: string): CorpusDocument | undefined {
    return this.current.document(path);
  }
}

/** A short line standing in this many documents is boilerplate (repeatedLines.ts). */
const REPEATED_IN_DOCUMENTS = 3;
