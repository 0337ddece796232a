/**
 * A corpus: its roots, the documents read from them and their passage index. Loading is incremental:
 * a file is read again only when its size or modification time changed (and indexed again only when
 * its content did), removed files leave the index, and the index is updated in place, so searches
 * made while a load runs answer from what is indexed. An update brings in only the paths it is given
 * (what a file watcher saw created, changed or deleted) without walking the roots. With a cache
 * store, the first load starts from the index saved on disk by the last one, and every load that
 * changed something saves it again.
 */
import { dirname, isInside, joinPath, normalizePath, relativePath, type CorpusFileSystem, type FileStat } from './fs';
import {
  CorpusRules,
  documentFromBytes,
  errorMessage,
  listCorpusFiles,
  listCorpusFolder,
  readSidecar,
  type CorpusFile,
  type CorpusOptions,
  type SkippedFile,
} from './corpus';
import { PassageIndex, type SearchOptions, type SearchResult } from './search';
import type { CorpusDocument, DocumentMetadata } from './types';
import { SIDECAR_NAMES } from './sidecar';
import { hashBytes } from './hash';
import { clearTermCaches } from './tokenize';
import { nextTurn } from './steps';
import type { DocumentPreparers, PrepareJob, PreparedDocument } from './prepare';
import type { TermMap } from './vocabulary';
import { decodeIndexCacheInSlices, encodeIndexCacheInSlices, INDEX_CACHE_VERSION, type FileStamp, type IndexCacheStore } from './indexCache';

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
  /** Files looked at: every document under the roots, or for an update the changed paths and the files in changed folders. */
  checked?: number;
  /** An update of this many changed paths (the roots were not walked). */
  updated?: number;
}

export interface LoadProgress {
  /** Files read so far, of `total` to read. */
  done: number;
  total: number;
  /** The listing still runs: `total` is what it has found so far. */
  listing?: boolean;
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
  /** Worker threads for large loads (workerPool.ts), started when needed and closed after; none: one thread. */
  workers?: () => DocumentPreparers | undefined;
  /** Loads of fewer bytes than this are indexed on the thread that asked (default 4 MB: starting threads would cost more). */
  workerMinBytes?: number;
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
  /** Files the last listing skipped (wrong type, too large…), by path, as updates since left them. */
  private listedSkipped = new Map<string, string>();
  /** Metadata overrides per root, as the last load read them. */
  private sidecars = new Map<string, Map<string, DocumentMetadata>>();
  private readonly rules: CorpusRules;
  /** The roots have been listed once: updates can start from what is known. */
  private listed = false;
  private cacheTried = false;
  /** The index changed since the cache was last written. */
  private unsaved = false;

  constructor(
    private readonly fs: CorpusFileSystem,
    public roots: string[],
    private readonly options: CorpusOptions & CorpusCacheOptions = {},
  ) {
    this.rules = new CorpusRules(options);
  }

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
    // The sidecars first: their metadata applies to files as soon as they are listed.
    const sidecars = new Map<string, Map<string, DocumentMetadata>>();
    let sidecarChanged = false;
    for (const root of this.roots) {
      const stat = await this.fs.stat(root).catch(() => undefined);
      if (stat?.kind !== 'directory') continue;
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
    this.sidecars = sidecars;
    if (sidecarChanged) this.known.clear(); // metadata overrides changed: read every file again

    // Files are read as the listing finds them; what was indexed and is no longer listed leaves after.
    const todo = new FileList();
    const listing = listCorpusFiles(this.fs, this.roots, this.rules, (f) => {
      if (this.stale(f)) todo.push(f);
    }).finally(() => todo.end());
    listing.catch(() => undefined); // awaited below, after the files are read
    const { done, cancelled } = await this.readChanged(todo, opts);
    const listed = await listing;
    const present = new Set(listed.files.map((f) => f.path));
    for (const path of [...this.known.keys()]) {
      if (present.has(path)) continue;
      this.forget(path);
      changed = true;
    }
    for (const s of listed.skipped) this.logSkip(s);
    this.listedSkipped = new Map(listed.skipped.map((s) => [s.path, s.reason]));
    this.missingRoots = listed.missingRoots;
    this.listed = true;
    return {
      ...(await this.settle(changed || done > 0, done, cancelled, opts, t0)),
      checked: listed.files.length,
      ...(fromCache ? { fromCache } : {}),
    };
  }

  /**
   * Bring the index in line with these paths only, without walking the roots: files and folders that
   * were created, changed or deleted. A file is read when its size or time changed and leaves the index
   * when it is gone or no longer passes the rules (extensions, size, ignored and excluded folders); a
   * folder that is gone takes every document under it along, one that is there is walked. Paths
   * outside the roots are ignored. Before the first load, for a root (or a folder holding one), a
   * path under a missing root and a sidecar at a root, this is a full `load`.
   */
  async update(paths: readonly string[], opts: LoadOptions = {}): Promise<CorpusSummary> {
    if (!this.listed) return this.load(opts);
    const t0 = performance.now();
    const targets = new Map<string, string>(); // path → its root
    for (const raw of paths) {
      const path = normalizePath(raw);
      if (targets.has(path)) continue;
      const within = this.roots.filter((root) => isInside(root, path));
      if (this.roots.some((root) => isInside(path, root))) return this.load(opts);
      if (!within.length) continue;
      if (within.some((root) => this.missingRoots.includes(root) || isSidecarOf(root, path))) return this.load(opts);
      // Nested roots: the file belongs to the first root whose walk reaches it, as in a full listing.
      targets.set(path, within.find((root) => this.rules.reaches(root, path)) ?? within[0]);
    }

    // Each path is looked at once, folders before what is in them: gone (it and everything under it
    // leave), a folder (walked, with what is in it) or a file.
    let checked = 0;
    const gone = new Set<string>();
    const folders = new Map<string, string>();
    const files = new Map<string, { root: string; stat: FileStat }>();
    for (const path of [...targets.keys()].sort()) {
      if (hasAncestorIn(path, folders) || hasAncestorIn(path, gone)) continue;
      const stat = await this.fs.stat(path).catch(() => undefined);
      checked++;
      const root = targets.get(path) as string;
      if (stat?.kind === 'directory') folders.set(path, root);
      else if (stat?.kind === 'file') files.set(path, { root, stat });
      else gone.add(path);
    }

    const found = new Set<string>();
    const todo: CorpusFile[] = [];
    const skipped: SkippedFile[] = [];
    for (const [folder, root] of folders) {
      const listed = await listCorpusFolder(this.fs, this.rules, root, folder);
      checked += listed.files.length;
      for (const f of listed.files) {
        found.add(f.path);
        if (this.stale(f)) todo.push(f);
      }
      skipped.push(...listed.skipped);
    }
    for (const [path, { root, stat }] of files) {
      const verdict = this.rules.reaches(root, path) ? this.rules.byName(root, path) : undefined;
      const sized = verdict === true ? this.rules.bySize(root, path, stat) : verdict && { skipped: verdict };
      if (sized && 'file' in sized) {
        found.add(path);
        if (this.stale(sized.file)) todo.push(sized.file);
      } else if (sized) skipped.push(sized.skipped);
    }

    // What is known under the paths and was not found again leaves: deleted, moved away, or no longer passing the rules.
    let changed = false;
    const touched = (path: string) => targets.has(path) || hasAncestorIn(path, targets);
    for (const path of [...this.known.keys()]) {
      if (found.has(path) || !touched(path)) continue;
      this.forget(path);
      changed = true;
    }
    for (const path of [...this.listedSkipped.keys()]) if (touched(path)) this.listedSkipped.delete(path);
    for (const s of skipped) {
      this.listedSkipped.set(s.path, s.reason);
      this.logSkip(s);
    }

    const { done, cancelled } = await this.readChanged(FileList.of(todo), opts);
    return { ...(await this.settle(changed || done > 0, done, cancelled, opts, t0)), checked, updated: targets.size };
  }

  /** Has the file changed since it was last read (or is it new)? */
  private stale(file: CorpusFile): boolean {
    const k = this.known.get(file.path);
    return !k || k.size !== file.size || k.mtime !== file.mtime;
  }

  /** A file leaves the index. */
  private forget(path: string): void {
    this.current.removeDocument(path);
    this.known.delete(path);
  }

  /**
   * Read the files that changed and index them in order, until done or cancelled. Many bytes to read
   * (a first build, a folder of new files) are prepared in worker threads when there are any, with
   * files read ahead of the one being indexed; the index is the same either way.
   */
  private async readChanged(todo: FileList, opts: LoadOptions): Promise<{ done: number; cancelled: boolean }> {
    // Threads are worth starting for many bytes: known once that many are listed, or the listing ended.
    const minBytes = this.options.workerMinBytes ?? MIN_WORKER_BYTES;
    while (!todo.ended && todo.bytes < minBytes) await todo.more();
    const pool = todo.bytes >= minBytes ? this.startWorkers() : undefined;
    const ahead = pool ? READ_AHEAD_PER_THREAD * pool.size : 1;
    const files = todo.files;
    let aheadBytes = 0;
    const jobs: Array<Promise<FileOutcome> | undefined> = [];
    let started = 0;
    let turned = performance.now();
    try {
      for (let done = 0; ; done++) {
        // Files prepared in threads arrive many at once: the event loop turns between them every few milliseconds.
        if (performance.now() - turned > TURN_MS) {
          await nextTurn();
          turned = performance.now();
        }
        while (done === files.length && !todo.ended) await todo.more();
        if (done === files.length) return { done, cancelled: false };
        if (opts.isCancelled?.()) return { done, cancelled: true };
        for (; started < files.length && started < done + ahead && (started === done || aheadBytes < MAX_AHEAD_BYTES); started++) {
          jobs[started] = this.prepareFile(files[started], pool);
          aheadBytes += files[started].size;
        }
        const outcome = await (jobs[done] as Promise<FileOutcome>);
        jobs[done] = undefined;
        aheadBytes -= files[done].size;
        this.apply(outcome);
        // The postings added so far are merged in slices of 20 ms between files (the terms are sorted once, at the end).
        if (this.current.sealDue) await this.current.sealInSlices(20, false);
        opts.onProgress?.({ done: done + 1, total: files.length, ...(todo.ended ? {} : { listing: true }) });
      }
    } finally {
      pool?.close();
    }
  }

  /** Worker threads to prepare documents in, when the corpus has some; none when they cannot start. */
  private startWorkers(): DocumentPreparers | undefined {
    if (!this.options.workers) return undefined;
    try {
      const pool = this.options.workers();
      if (pool) this.options.log?.info(`Indexing in ${pool.size} worker thread${pool.size === 1 ? '' : 's'}`);
      return pool;
    } catch (e) {
      this.options.log?.warn(`Indexing on one thread: worker threads cannot start (${errorMessage(e)})`);
      return undefined;
    }
  }

  /**
   * Read a changed file and make what the index needs of it: its prepared document (in a worker
   * thread, or here when there is none or it stopped), a reason to skip it, or, when its content is
   * the same, only its new time. A worker thread reads a file on this machine's disk itself.
   */
  private async prepareFile(file: CorpusFile, pool: DocumentPreparers | undefined): Promise<FileOutcome> {
    const k = this.known.get(file.path);
    const knownHash = k && !k.reason && this.current.document(file.path) ? k.hash : undefined;
    const override = this.sidecars.get(file.root)?.get(relativePath(file.root, file.path));
    const localPath = pool && this.fs.localPath?.(file.path);
    let read = localPath ? undefined : await this.readHere(file, knownHash);
    if (read && 'file' in read) return read;
    if (pool && !pool.closed) {
      try {
        const job: PrepareJob = { root: file.root, path: file.path, size: file.size, ...(read ? { bytes: read.bytes } : { localPath }) };
        if (knownHash !== undefined) job.knownHash = knownHash;
        if (override) job.override = override;
        return { file, ...(await pool.prepare(job)) };
      } catch (e) {
        // Closed: the load ended, what is left is not wanted; stopped: prepared here instead.
        if (pool.closed) return { file, reason: 'not indexed: the load stopped' };
        this.logOnce(`${errorMessage(e)}; its files are indexed on the main thread`);
      }
    }
    read ??= await this.readHere(file, knownHash);
    if ('file' in read) return read;
    const doc = await documentFromBytes(file.root, file.path, read.bytes, override);
    return 'reason' in doc ? { file, reason: doc.reason } : { file, hash: read.hash, doc };
  }

  /** Read a file on this thread: its bytes and their hash, or what there is to do when they are not to be prepared (unreadable, or the same content as `knownHash`'s). */
  private async readHere(file: CorpusFile, knownHash: number | undefined): Promise<{ bytes: Uint8Array; hash: number } | FileOutcome> {
    const read = await this.readFile(file.path);
    if ('reason' in read) return { file, reason: read.reason };
    if (read.hash === knownHash) return { file, hash: read.hash, same: true };
    return read;
  }

  /** Bring the index in line with what was made of a changed file. */
  private apply(outcome: FileOutcome): void {
    const { file } = outcome;
    if ('reason' in outcome) {
      this.current.removeDocument(file.path);
      this.known.set(file.path, { size: file.size, mtime: file.mtime, reason: outcome.reason });
      this.logSkip({ path: file.path, reason: outcome.reason });
      return;
    }
    if ('doc' in outcome) this.current.addDocument(outcome.doc);
    else if ('prepared' in outcome) this.current.addPrepared(outcome.prepared, outcome.terms);
    // Otherwise touched, not changed: the indexed document stands.
    this.known.set(file.path, { size: file.size, mtime: file.mtime, hash: outcome.hash });
  }

  /** After a load or an update: finish the index, save the cache when due, and sum up. */
  private async settle(changed: boolean, done: number, cancelled: boolean, opts: LoadOptions, t0: number): Promise<CorpusSummary> {
    if (changed) {
      // In slices, so that the editor (and searches) run meanwhile.
      await this.current.hideRepeatedLinesInSlices(REPEATED_IN_DOCUMENTS);
      await this.current.sealInSlices();
      // The tokenizer's memo of terms seen while indexing is not needed for searching.
      if (done > 0) clearTermCaches();
      this.unsaved = true;
    }
    if (this.unsaved && !cancelled && opts.save !== false) await this.saveCache();
    this.skipped = [
      ...[...this.listedSkipped].map(([path, reason]) => ({ path, reason })),
      ...[...this.known].filter(([, k]) => k.reason).map(([path, k]) => ({ path, reason: k.reason as string })),
    ];
    return {
      documents: this.current.documentCount,
      passages: this.current.passageCount,
      skipped: this.skipped,
      missingRoots: this.missingRoots,
      ms: performance.now() - t0,
      read: done,
      ...(cancelled ? { cancelled } : {}),
    };
  }

  /** Forget everything indexed (and the cache's contents): the next load reads every file. */
  reset(): void {
    this.current = new PassageIndex();
    this.unsaved = true;
    this.known.clear();
    this.sidecarStamps.clear();
    this.listed = false;
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
      const contents = await decodeIndexCacheInSlices(bytes, this.cacheKey);
      this.current = await PassageIndex.restoreInSlices(contents.snapshot);
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
      const snapshot = await this.current.snapshotInSlices();
      // The files' stamps as they are when the snapshot is done (the index may change while it is taken).
      const stamps = new Map<string, FileStamp>();
      for (const [path, k] of this.known) if (k.hash !== undefined && !k.reason) stamps.set(path, { size: k.size, mtime: k.mtime, hash: k.hash });
      const bytes = await encodeIndexCacheInSlices({ key: this.cacheKey, snapshot, stamps, sidecars: Object.fromEntries(this.sidecarStamps) });
      await cache.write(bytes);
      this.options.log?.info(`Saved the index cache ${cache.location} (${(bytes.length / 1e6).toFixed(1)} MB in ${(performance.now() - t0).toFixed(0)} ms)`);
    } catch (e) {
      this.unsaved = true;
      this.options.log?.warn(`Index cache ${cache.location} cannot be written: ${errorMessage(e)}`);
    }
  }

  /** Log a warning once. */
  private logOnce(message: string): void {
    if (this.logged.has(message)) return;
    this.logged.add(message);
    this.options.log?.warn(message);
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

/** Is the path a metadata sidecar at the root (sources.json…), which applies to every file under it? */
function isSidecarOf(root: string, path: string): boolean {
  return normalizePath(dirname(path)) === normalizePath(root) && SIDECAR_NAMES.includes(path.slice(path.lastIndexOf('/') + 1));
}

/** Is a folder above `path` (not `path` itself) among these? */
function hasAncestorIn(path: string, folders: { has(path: string): boolean }): boolean {
  for (let p = dirname(path); ; p = dirname(p)) {
    if (folders.has(p)) return true;
    if (p === '/' || p === '.') return false;
  }
}

/** Files to read, as a listing finds them: more come until it ends. */
class FileList {
  readonly files: CorpusFile[] = [];
  /** Their sizes summed. */
  bytes = 0;
  ended = false;
  private waiting: (() => void) | undefined;

  /** A list of these files, complete. */
  static of(files: readonly CorpusFile[]): FileList {
    const list = new FileList();
    for (const f of files) list.push(f);
    list.end();
    return list;
  }

  push(file: CorpusFile): void {
    this.files.push(file);
    this.bytes += file.size;
    this.wake();
  }

  end(): void {
    this.ended = true;
    this.wake();
  }

  /** Resolves when a file is added or the list ends. */
  more(): Promise<void> {
    return new Promise((resolve) => (this.waiting = resolve));
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.();
  }
}

/** What reading a changed file made of it. */
type FileOutcome = { file: CorpusFile } & (
  | { reason: string }
  | { hash: number; same: true }
  | { hash: number; doc: CorpusDocument }
  | { hash: number; prepared: PreparedDocument; terms: TermMap }
);

/** Loads of fewer bytes are indexed on the thread that asked, by default. */
const MIN_WORKER_BYTES = 4 * 1024 * 1024;
/** Files read and sent ahead of the one being indexed: per worker thread, and bytes in all. */
const READ_AHEAD_PER_THREAD = 16;
const MAX_AHEAD_BYTES = 32 * 1024 * 1024;
/** Work between two turns of the event loop while files are added. */
const TURN_MS = 10;

/** A short line standing in this many documents is boilerplate (repeatedLines.ts). */
const REPEATED_IN_DOCUMENTS = 3;
