/**
 * A corpus: its roots, the documents read from them and their passage index. Loading is incremental:
 * a file is read again only when its size or modification time changed, removed files leave the index,
 * and the index is updated in place, so searches made while a load runs answer from what is indexed.
 */
import { joinPath, type CorpusFileSystem } from './fs';
import { listCorpusFiles, readDocument, readSidecar, type CorpusOptions, type SkippedFile } from './corpus';
import { PassageIndex, type SearchOptions, type SearchResult } from './search';
import type { CorpusDocument, DocumentMetadata, Passage } from './types';
import { lineSpans, trimSpan, wordCount } from './segment';
import { fold } from './text';
import { SIDECAR_NAMES } from './sidecar';

export interface CorpusSummary {
  documents: number;
  passages: number;
  skipped: SkippedFile[];
  missingRoots: string[];
  ms: number;
  /** Files read in this load (the rest were unchanged). */
  read?: number;
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
}

interface Known {
  size: number;
  mtime: number;
  reason?: string;
}

export class Corpus {
  readonly index = new PassageIndex();
  skipped: SkippedFile[] = [];
  missingRoots: string[] = [];
  private readonly known = new Map<string, Known>();
  private readonly sidecarStamps = new Map<string, string>();
  private readonly logged = new Set<string>();
  /** Every document's passages before cross-document boilerplate is taken out, and its short lines. */
  private readonly original = new Map<string, { passages: Passage[]; lines: Set<string> }>();

  constructor(
    private readonly fs: CorpusFileSystem,
    public roots: string[],
    private readonly options: CorpusOptions = {},
  ) {}

  /** Bring the index in line with the files under the roots, reading only what changed. */
  async load(opts: LoadOptions = {}): Promise<CorpusSummary> {
    const t0 = performance.now();
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
      this.index.removeDocument(path);
      this.known.delete(path);
      this.original.delete(path);
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
      const doc = await readDocument(this.fs, file.root, file.path, sidecars.get(file.root));
      if ('reason' in doc) {
        this.index.removeDocument(file.path);
        this.original.delete(file.path);
        this.known.set(file.path, { size: file.size, mtime: file.mtime, reason: doc.reason });
        this.logSkip({ path: file.path, reason: doc.reason });
      } else {
        this.original.set(doc.path, { passages: doc.passages, lines: shortLines(doc.text) });
        this.index.addDocument(doc);
        this.known.set(file.path, { size: file.size, mtime: file.mtime });
      }
      done++;
      opts.onProgress?.({ done, total: todo.length });
    }
    for (const s of listed.skipped) this.logSkip(s);
    this.dropRepeatedLines();

    this.skipped = [
      ...listed.skipped,
      ...[...this.known].filter(([path, k]) => k.reason && present.has(path)).map(([path, k]) => ({ path, reason: k.reason as string })),
    ];
    this.missingRoots = listed.missingRoots;
    return {
      documents: this.index.documentCount,
      passages: this.index.passageCount,
      skipped: this.skipped,
      missingRoots: this.missingRoots,
      ms: performance.now() - t0,
      read: done,
      ...(cancelled ? { cancelled } : {}),
    };
  }

  /**
   * Short lines that stand in several documents ("Subscribe to our newsletter…", a site's tagline) are
   * the site's, not the article's: their passages leave the index. Positions do not change.
   */
  private dropRepeatedLines(): void {
    const counts = new Map<string, number>();
    for (const { lines } of this.original.values()) for (const l of lines) counts.set(l, (counts.get(l) ?? 0) + 1);
    for (const [path, { passages }] of this.original) {
      const doc = this.index.document(path);
      if (!doc) continue;
      const kept = passages.filter((p) => (counts.get(lineKey(doc.text, p.start)) ?? 0) < REPEATED_IN_DOCUMENTS);
      if (kept.length === doc.passages.length) continue;
      this.index.removeDocument(path);
      doc.passages = kept;
      this.index.addDocument(doc);
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
    return this.index.search(query, options);
  }

  document(path: string): CorpusDocument | undefined {
    return this.index.document(path);
  }
}

/** A line standing in this many documents is boilerplate (when short: see `shortLines`). */
const REPEATED_IN_DOCUMENTS = 3;

function normalLine(text: string): string {
  return fold(text).replace(/\s+/g, ' ').trim();
}

/** The document's distinct lines of 3 to 12 words, normalised. Longer shared lines are shared reporting, not boilerplate. */
function shortLines(text: string): Set<string> {
  const out = new Set<string>();
  for (const span of lineSpans(text)) {
    const t = trimSpan(text, span);
    const line = text.slice(t.start, t.end);
    const words = wordCount(line);
    if (words >= 3 && words <= 12) out.add(normalLine(line));
  }
  return out;
}

/** The normalised line that holds an offset. */
function lineKey(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let end = text.indexOf('\n', offset);
  if (end === -1) end = text.length;
  return normalLine(text.slice(start, end));
}
