// The systems the scale benchmark compares, behind one interface: the project's PassageIndex and three
// search libraries. The libraries index the same passages (passages.jsonl, segmented by buildDocument).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import { Index as FlexIndex } from 'flexsearch';
import { buildDocument } from '../../src/core/corpus';
import { PassageIndex } from '../../src/core/search';
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
  /** buildDocument: segmentation into passages, metadata, quotes, figures (ours only). */
  segmentMs: number;
  /** Adding the passages to the index. */
  indexMs: number;
  passages: number;
  textBytes: number;
}

export interface System {
  build(progress: (passages: number) => void): BuildTimes;
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

export function ours(dir: string): System {
  const index = new PassageIndex();
  return {
    build(progress) {
      const times: BuildTimes = { loadMs: 0, segmentMs: 0, indexMs: 0, passages: 0, textBytes: 0 };
      const root = dir.split(path.sep).join('/');
      const names = fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
      let next = 10_000;
      for (const name of names) {
        let t = performance.now();
        const text = fs.readFileSync(path.join(dir, name), 'utf8');
        times.loadMs += performance.now() - t;
        times.textBytes += Buffer.byteLength(text);
        t = performance.now();
        const doc = buildDocument(`${root}/${name}`, root, text);
        times.segmentMs += performance.now() - t;
        t = performance.now();
        index.addDocument(doc);
        times.indexMs += performance.now() - t;
        times.passages += doc.passages.length;
        if (times.passages >= next) {
          progress(times.passages);
          next += 10_000;
        }
      }
      // What a corpus load does last: lines repeated across documents out, postings compacted.
      const t = performance.now();
      index.hideRepeatedLines(3);
      index.seal();
      times.indexMs += performance.now() - t;
      return times;
    },
    search(query, limit) {
      const hits: Hit[] = [];
      index.search(query, { limit }).forEach((r, rank) => {
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
