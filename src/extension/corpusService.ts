import * as vscode from 'vscode';
import { Corpus, type CorpusSummary, type LoadProgress } from '../core/corpusIndex';
import { WorkerPool } from '../core/workerPool';
import { readDocument } from '../core/corpus';
import type { CorpusDocument, Logger } from '../core/types';
import type { SearchOptions, SearchResult } from '../core/search';
import { corpusRoots } from './config';
import { VscodeFileSystem } from './vscodeFs';
import { IndexProgress } from './indexProgress';
import { VscodeIndexCache } from './indexCache';

const RELOAD_DELAY_MS = 400;
/** After a change the watcher saw, the index cache is written once things have been quiet this long. */
const SAVE_DELAY_MS = 30_000;

/**
 * Owns the corpus: finds its roots from the settings, indexes it in the background, re-indexes when
 * files or settings change, and tells the user once when there is nothing to index. Files the watcher
 * sees change are gathered for a moment and brought in on their own (`Corpus.update`); settings,
 * workspace folders, activation and "Reindex Corpus" list the whole corpus again (`Corpus.load`).
 */
export class CorpusService implements vscode.Disposable {
  private corpus: Corpus;
  private fs: VscodeFileSystem;
  private loading: Promise<CorpusSummary> | undefined;
  /** The one load that follows the current one, shared by every call made while it runs. */
  private next: Promise<CorpusSummary> | undefined;
  private readonly watchers: vscode.Disposable[] = [];
  /** The roots the watchers watch. */
  private watchedKey = '';
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Paths the watcher saw created, changed or deleted, not yet brought into the index. */
  private readonly pending = new Set<string>();
  /** The next load lists the whole corpus (settings, folders, Reindex), not just the pending paths. */
  private wantFull = true;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  /** The next load starts from nothing (Reindex Corpus). */
  private full = false;
  private lastWarning = '';
  private corpusKey = '';
  private loadedOnce = false;
  private readonly progress = new IndexProgress();
  private readonly changed = new vscode.EventEmitter<CorpusSummary>();
  readonly onDidChange = this.changed.event;
  /** Resolves when the first index is built. */
  readonly ready: Promise<void>;
  private resolveReady!: () => void;
  lastSummary: CorpusSummary | undefined;
  private cache: VscodeIndexCache | undefined;
  /** Messages shown to the user, newest last (each distinct situation once). */
  readonly warnings: string[] = [];

  /** `storage`: where the index cache is kept (none: no cache). */
  constructor(
    private readonly log: Logger,
    private readonly storage?: vscode.Uri,
  ) {
    this.ready = new Promise((resolve) => (this.resolveReady = resolve));
    this.fs = new VscodeFileSystem(vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file('/'));
    this.corpus = new Corpus(this.fs, [], { log });
    this.disposables.push(
      this.progress,
      this.changed,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('sourced.corpus')) void this.reload();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.reload()),
    );
  }

  get roots(): string[] {
    return this.corpus.roots;
  }

  /** Where the current corpus's index cache is kept (a path for files on disk), if anywhere. */
  get cacheLocation(): string | undefined {
    return this.cache?.location;
  }

  /** Index the whole corpus again from its files, ignoring the cache ("Sourced: Reindex Corpus"). */
  rebuild(): Promise<CorpusSummary> {
    this.full = true;
    return this.reload();
  }

  /** Re-read the settings and the corpus. Concurrent calls coalesce into one more load. */
  reload(): Promise<CorpusSummary> {
    this.wantFull = true;
    return this.run();
  }

  /** Bring in the paths the watcher saw change (after the current load, if one runs). */
  private update(): Promise<CorpusSummary> {
    return this.run();
  }

  /** One load at a time; what is asked for while one runs is done by the one after it. */
  private run(): Promise<CorpusSummary> {
    if (this.loading) {
      this.next ??= this.loading.catch(() => undefined).then(() => {
        this.next = undefined;
        return this.run();
      });
      return this.next;
    }
    this.loading = this.load().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private async load(): Promise<CorpusSummary> {
    const roots = corpusRoots();
    const exclude = corpusExclude();
    const key = JSON.stringify([roots.map((r) => r.root.toString()), exclude]);
    // Only watched changes since the last load, under the same roots: bring in just those paths.
    const paths = this.wantFull || this.full || key !== this.corpusKey ? undefined : [...this.pending];
    if (paths && !paths.length && this.lastSummary) return this.lastSummary;
    this.wantFull = false;
    this.pending.clear();
    if (key !== this.corpusKey) {
      // New roots or excludes: a new index. Otherwise the current one is brought up to date in place.
      this.fs = new VscodeFileSystem(roots[0]?.root ?? vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file('/'));
      const cache = this.storage ? new VscodeIndexCache(this.storage, key) : undefined;
      this.cache = cache;
      this.corpus = new Corpus(this.fs, roots.map((r) => r.root.path), { log: this.log, exclude, cache, workers: () => new WorkerPool() });
      this.corpusKey = key;
      this.log.info(`Indexing corpus in ${roots.map((r) => r.root.fsPath).join(', ') || '(no workspace folder)'}`);
    }
    const corpus = this.corpus;
    const full = this.full;
    this.full = false;
    if (full) corpus.reset();
    const progress = this.progress.start(!this.loadedOnce || full);
    // The first load and a rebuild write the cache at once; after an edit it waits for a quiet spell.
    const saveNow = !this.loadedOnce || full;
    let summary: CorpusSummary;
    try {
      const opts = { onProgress: (p: LoadProgress) => progress.report(p), isCancelled: () => progress.cancelled, save: saveNow };
      summary = paths ? await corpus.update(paths, opts) : await corpus.load(opts);
      if (!saveNow) this.scheduleSave(corpus);
    } catch (e) {
      this.log.error(`Indexing failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      if (paths) this.wantFull = true; // the changed paths are not all in: the next load lists everything
      summary = { documents: 0, passages: 0, skipped: [], missingRoots: corpus.roots, ms: 0 };
    } finally {
      progress.end();
    }
    this.loadedOnce = true;
    this.lastSummary = summary;
    this.log.info(
      `Indexed ${summary.documents} documents, ${summary.passages} passages (${summary.read ?? 0} files read` +
        (summary.updated !== undefined ? ` of ${summary.checked ?? 0} checked, for ${summary.updated} changed paths` : '') +
        (summary.fromCache ? `, ${summary.fromCache} documents from the cache` : '') +
        `) in ${summary.ms.toFixed(0)} ms` +
        (summary.skipped.length ? `; ${summary.skipped.length} files skipped (reasons above)` : '') +
        (summary.cancelled ? '; cancelled: run "Sourced: Reindex Corpus" to finish' : ''),
    );
    this.progress.done(summary);
    this.watch(roots.map((r) => r.root), summary.missingRoots);
    this.warnIfEmpty(summary, roots.map((r) => r.root));
    this.resolveReady();
    this.changed.fire(summary);
    return summary;
  }

  /** Documents indexed so far (searches answer from these while a load runs). */
  get indexedDocuments(): number {
    return this.corpus.index.documentCount;
  }

  /** What the user sees of indexing: the status bar item, and the counts and notification of the load in flight. */
  get indexing(): IndexProgress {
    return this.progress;
  }

  private warnIfEmpty(summary: CorpusSummary, roots: vscode.Uri[]): void {
    if (summary.documents > 0) {
      this.lastWarning = '';
      return;
    }
    const where = roots.map((r) => vscode.workspace.asRelativePath(r, true)).join(', ') || 'no workspace folder is open';
    const why = summary.missingRoots.length === roots.length && roots.length ? 'the folder does not exist' : 'no readable documents were found';
    const message = `Sourced Briefings: no corpus to index (${why}). Looked in: ${where}. Set "sourced.corpus.paths" to the folders that hold your sources.`;
    if (message === this.lastWarning) return;
    this.lastWarning = message;
    this.warnings.push(message);
    this.log.warn(message);
    void vscode.window.showWarningMessage(message, 'Open Settings', 'Show Log').then((choice) => {
      if (choice === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'sourced.corpus.paths');
      if (choice === 'Show Log') void vscode.commands.executeCommand('sourced.showLog');
    });
  }

  /** Watch the roots; again only when they (or which of them exist) changed, so that no event is lost in between. */
  private watch(roots: vscode.Uri[], missing: string[]): void {
    const key = JSON.stringify([roots.map((r) => r.toString()), missing]);
    if (key === this.watchedKey) return;
    this.watchedKey = key;
    for (const w of this.watchers.splice(0)) w.dispose();
    for (const root of roots) {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(root, '**/*'));
      const changed = (uri: vscode.Uri) => this.scheduleUpdate(uri);
      this.watchers.push(watcher, watcher.onDidCreate(changed), watcher.onDidChange(changed), watcher.onDidDelete(changed));
    }
  }

  /** Gather a changed path; once changes have stopped for a moment, bring them in. */
  private scheduleUpdate(uri: vscode.Uri): void {
    this.pending.add(uri.path);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.update();
    }, RELOAD_DELAY_MS);
  }

  private scheduleSave(corpus: Corpus): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      void corpus.saveCache();
    }, SAVE_DELAY_MS);
  }

  search(query: string, options?: SearchOptions): SearchResult[] {
    return this.corpus.search(query, options);
  }

  /** Attributed quotations to start from, before the writer has typed a word (document order). */
  someQuotes(limit: number): SearchResult[] {
    const out: SearchResult[] = [];
    for (const doc of this.corpus.index.documents()) {
      for (const passage of doc.passages) {
        if (passage.kind !== 'quote' || !passage.speaker) continue;
        out.push({ passage, score: 1 });
        if (out.length >= limit) return out;
      }
    }
    return out;
  }

  uri(path: string): vscode.Uri {
    return this.fs.uri(path);
  }

  /** An indexed document, or the file read on demand (a citation may point outside the index). */
  async document(path: string): Promise<CorpusDocument | undefined> {
    const indexed = this.corpus.document(path);
    if (indexed) return indexed;
    const root = this.corpus.roots.find((r) => path.startsWith(r + '/')) ?? path.replace(/\/[^/]*$/, '');
    const doc = await readDocument(this.fs, root, path);
    return 'reason' in doc ? undefined : doc;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      void this.corpus.saveCache();
    }
    for (const d of [...this.watchers, ...this.disposables]) d.dispose();
  }
}

/** `sourced.corpus.exclude`: globs relative to each corpus root (each workspace folder's setting, together). */
function corpusExclude(): string[] {
  const globs = new Set<string>();
  const folders = vscode.workspace.workspaceFolders ?? [];
  for (const folder of folders.length ? folders : [undefined]) {
    const value = vscode.workspace.getConfiguration('sourced', folder?.uri).get<unknown>('corpus.exclude');
    if (Array.isArray(value)) for (const g of value) if (typeof g === 'string' && g.trim()) globs.add(g.trim());
  }
  return [...globs];
}
