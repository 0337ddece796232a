/**
 * Search benchmark (a script, not a test): latency (p50/p95) and recall@1/@5 of the labelled queries
 * (test/fixtures/queries.json) for the project's passage index, for fuse.js alone over the same
 * passages, and for counting shared plain words (lower case, stop words dropped), on the demo corpus and on the demo corpus with the
 * 500 Brown corpus texts mixed in.
 *
 *   node out/test/bench/search.bench.js [--fuse-queries N] [--runs N]
 *
 * fuse.js alone takes seconds a query over the large corpus, so there it runs on every k-th query,
 * N in all (default 16); everything else runs on every query.
 */
import * as os from 'node:os';
import Fuse from 'fuse.js';
import { Corpus } from '../../src/core/corpusIndex';
import { NodeFileSystem, toCorePath } from '../../src/cli/nodeFs';
import { PassageIndex, type SearchResult } from '../../src/core/search';
import { STOP_WORDS } from '../../src/core/tokenize';
import type { Passage } from '../../src/core/types';
import { brownDocuments } from '../unit/distractors';
import { DEMO_CORPUS } from '../unit/helpers';
import { formatRecall, loadQueries, measureRecall, type LabelledQuery } from '../unit/queries';

type Search = (query: string) => SearchResult[];

function argNumber(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i === -1 ? NaN : Number(process.argv[i + 1]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
}

/** Runs the queries `runs` times, timing each search; recall is taken from the first run. */
function run(title: string, queries: readonly LabelledQuery[], search: Search, runs: number): void {
  const wall: number[] = [];
  const cpu: number[] = [];
  const timed: Search = (q) => {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const results = search(q);
    const c = process.cpuUsage(c0);
    wall.push(performance.now() - t0);
    cpu.push((c.user + c.system) / 1000);
    return results;
  };
  const report = measureRecall(queries, timed);
  for (let i = 1; i < runs; i++) for (const q of queries) timed(q.query);
  console.log(formatRecall(title, report));
  console.log(
    `  latency ms: wall p50 ${percentile(wall, 0.5).toFixed(2)}  p95 ${percentile(wall, 0.95).toFixed(2)}` +
      `   cpu p50 ${percentile(cpu, 0.5).toFixed(2)}  p95 ${percentile(cpu, 0.95).toFixed(2)}   (${wall.length} searches)\n`,
  );
}

/** fuse.js alone: every passage's text, the query as one string. */
function fuseAlone(passages: Passage[]): Search {
  const fuse = new Fuse(passages, { keys: ['text'], includeScore: true, ignoreLocation: true, ignoreDiacritics: true, threshold: 0.6 });
  return (q) => fuse.search(q, { limit: 10 }).map((r) => ({ passage: r.item, score: r.score ?? 1 }));
}

/** Plain words of a text: lower case, stop words dropped. */
function plainWords(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !STOP_WORDS.has(w));
}

/** Shared-word counting: passages ranked by how many of the query's plain words they contain. */
function sharedWords(passages: Passage[]): Search {
  const sets = passages.map((p) => new Set(plainWords(p.text)));
  return (q) => {
    const words = [...new Set(plainWords(q))];
    const scored: Array<{ i: number; n: number }> = [];
    sets.forEach((set, i) => {
      let n = 0;
      for (const w of words) if (set.has(w)) n++;
      if (n) scored.push({ i, n });
    });
    scored.sort((a, b) => b.n - a.n || a.i - b.i);
    return scored.slice(0, 10).map((s) => ({ passage: passages[s.i], score: 1 - s.n / words.length }));
  };
}

async function main(): Promise<void> {
  const runs = argNumber('--runs', 5);
  const fuseQueries = argNumber('--fuse-queries', 16);
  const queries = loadQueries();
  console.log(`${queries.length} queries; node ${process.version}; ${os.cpus().length} CPUs; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);

  const demo = new Corpus(new NodeFileSystem(), [toCorePath(DEMO_CORPUS)]);
  await demo.load();
  const demoPassages = [...demo.index.documents()].flatMap((d) => d.passages);
  console.log(`demo corpus: ${demo.index.documentCount} documents, ${demo.index.passageCount} passages\n`);
  run('project index, demo', queries, (q) => demo.search(q, { limit: 10 }), runs);
  run('fuse.js alone, demo', queries, fuseAlone(demoPassages), runs);
  run('shared words, demo', queries, sharedWords(demoPassages), 1);

  let t0 = performance.now();
  const brown = brownDocuments();
  const buildMs = performance.now() - t0;
  // Fresh demo documents: a document's passages belong to one index.
  const again = new Corpus(new NodeFileSystem(), [toCorePath(DEMO_CORPUS)]);
  await again.load();
  const mixed = new PassageIndex();
  t0 = performance.now();
  for (const d of again.index.documents()) mixed.addDocument(d);
  for (const d of brown) mixed.addDocument(d);
  const indexMs = performance.now() - t0;
  const mixedPassages = [...mixed.documents()].flatMap((d) => d.passages);
  console.log(
    `demo + Brown: ${mixed.documentCount} documents, ${mixed.passageCount} passages ` +
      `(Brown documents built in ${(buildMs / 1000).toFixed(1)} s, indexed in ${(indexMs / 1000).toFixed(1)} s; ` +
      `heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB)\n`,
  );
  run('project index, demo + Brown', queries, (q) => mixed.search(q, { limit: 10 }), runs);
  run('shared words, demo + Brown', queries, sharedWords(mixedPassages), 1);
  const step = Math.max(1, Math.floor(queries.length / fuseQueries));
  const sample = queries.filter((_, i) => i % step === 0).slice(0, fuseQueries);
  run(`fuse.js alone, demo + Brown (every ${step}th query, ${sample.length})`, sample, fuseAlone(mixedPassages), 1);
  run(`project index, demo + Brown (same ${sample.length} queries)`, sample, (q) => mixed.search(q, { limit: 10 }), runs);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
