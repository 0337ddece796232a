// The systems the scale benchmark compares, behind one interface: the project's PassageIndex and three
// search libraries. The libraries index the same passages (passages.jsonl, segmented by buildDocument).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import { Index as FlexIndex } from 'flexsearch';
import { Corpus } from '../../src/core/corpusIndex';
import { defaultThreads, WorkerPool } from '../../src/core/workerPool';
import { NodeFileSystem, toCorePath } from '../../src/cli/nodeFs';
import type { PassageRecord } from './corpus/build';

export const SYSTEMS = ['ours', 'fuse', 'minisearch', 'flexsearch'] as const;
export type SystemName = (typeof SYSTEMS)[number];

export const SYSTEM_LABELS: Record<SystemName | 'cli', string> = {
  ours: 'sourced PassageIndex',
  fuse: 'fuse.js alone (threshold 0.4, ignoreLocation)',
  minisearch: 'minisearch (fuzzy 0.2, prefix)',
  flexsearch: 'flexsearch Index (tokenize forward, suggest)',
  cli: 'sourced search --stdin (end to end)',
};

/** A search hit, as the benchmark compares it with the target: document file name and passage text. */
export interface Hit {
  d: string;
  t: string;
  /** Position of the result it belongs to (0 = first). */
  rank: number;
}

export interface BuildTimes {
  /** Reading files or parsing passages.jsonl (not counted as build). */
  loadMs: number;
  /** buildDocument: segmentation into passages, metadata, quotes, figures (ours on one thread). */
  segmentMs: number;
  /** Adding the passages to the index (ours: reading, segmenting and indexing the corpus). */
  indexMs: number;
  /** Ours: the worker threads that prepared documents (0: one thread). */
  threads?: number;
  passages: number;
  textBytes: number;
}

export interface System {
  build(progress: (passages: number) => void): BuildTimes | Promise<BuildTimes>;
  search(query: string, limit: number): Hit[];
}

/** The first `count` passages of passages.jsonl. */
export function readPassages(file: string, count: number): PassageRecord[] {
  const out: PassageRecord[] = [];
  const fd = fs.openSync(file, 'r');
  const chunk = Buffer.alloc(1 << 22);
  let rest = '';
  try {
    while (out.length < count) {
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      const lines = (rest + chunk.toString('utf8', 0, n)).split('\n');
      rest = lines.pop() as string;
      for (const line of lines) {
        if (out.length >= count) break;
        if (line) out.push(JSON.parse(line) as PassageRecord);
      }
    }
    if (out.length < count && rest) out.push(JSON.parse(rest) as PassageRecord);
  } finally {
    fs.closeSync(fd);
  }
  return out;
}

/**
 * The project's index, built as the extension and the command line build it: `Corpus.load` over the
 * corpus folder with no cache (reading, segmenting and indexing; documents prepared in worker threads,
 * `threads` of them, or none for one thread).
 */
export function ours(dir: string, threads = defaultThreads()): System {
  const corpus = new Corpus(new NodeFileSystem(), [toCorePath(dir)], threads > 0 ? { workers: () => new WorkerPool(threads) } : {});
  return {
    async build(progress) {
      const t = performance.now();
      let next = 10_000;
      const summary = await corpus.load({
        onProgress: () => {
          if (corpus.index.passageCount < next) return;
          progress(corpus.index.passageCount);
          next += 10_000;
        },
      });
      const textBytes = fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.txt'))
        .reduce((sum, f) => sum + fs.statSync(path.join(dir, f)).size, 0);
      return { loadMs: 0, segmentMs: 0, indexMs: performance.now() - t, passages: summary.passages, textBytes, threads };
    },
    search(query, limit) {
      const hits: Hit[] = [];
      corpus.search(query, { limit }).forEach((r, rank) => {
        hits.push({ d: r.passage.doc.relPath, t: r.passage.text, rank });
        // The same passage from another document, folded into this result, is shown with it.
        for (const a of r.alsoIn ?? []) hits.push({ d: a.doc.relPath, t: a.text, rank });
      });
      return hits;
    },
  };
}

/** A library system over passages.jsonl: `add` indexes all records, `find` returns record indexes best first. */
function library(file: string, count: number, add: (records: PassageRecord[], progress: (n: number) => void) => void, find: (q: string, limit: number) => number[]): System {
  let records: PassageRecord[] = [];
  return {
    build(progress) {
      let t = performance.now();
      records = readPassages(file, count);
      const loadMs = performance.now() - t;
      t = performance.now();
      add(records, progress);
      return { loadMs, segmentMs: 0, indexMs: performance.now() - t, passages: records.length, textBytes: records.reduce((s, r) => s + Buffer.byteLength(r.t), 0) };
    },
    search(query, limit) {
      return find(query, limit).map((i, rank) => ({ d: records[i].d, t: records[i].t, rank }));
    },
  };
}

export function fuse(file: string, count: number): System {
  let index: Fuse<PassageRecord> | undefined;
  return library(
    file,
    count,
    (records) => {
      index = new Fuse(records, { keys: ['t'], threshold: 0.4, ignoreLocation: true, includeScore: true });
    },
    (q, limit) => (index as Fuse<PassageRecord>).search(q, { limit }).map((r) => r.refIndex),
  );
}

export function minisearch(file: string, count: number): System {
  const index = new MiniSearch<{ id: number; t: string }>({ fields: ['t'], storeFields: [], searchOptions: { fuzzy: 0.2, prefix: true } });
  return library(
    file,
    count,
    (records, progress) => {
      records.forEach((r, id) => {
        index.add({ id, t: r.t });
        if (id % 10_000 === 9_999) progress(id + 1);
      });
    },
    (q, limit) => index.search(q).slice(0, limit).map((r) => r.id as number),
  );
}

export function flexsearch(file: string, count: number): System {
  const index = new FlexIndex({ tokenize: 'forward' });
  return library(
    file,
    count,
    (records, progress) => {
      records.forEach((r, id) => {
        index.add(id, r.t);
        if (id % 10_000 === 9_999) progress(id + 1);
      });
    },
    (q, limit) => index.search(q, { limit, suggest: true }) as number[],
  );
}
