// Cold and warm start of a corpus through `Corpus` with the command line's on-disk index cache:
// the first load reads, segments and indexes every file and saves the cache; the second, in a new
// Corpus as a new process would, starts from the cache. Prints times, the cache's size, memory, and
// query latency and recall on the bench queries against the warm index.
// node --expose-gc out/test/bench/warm.bench.js [--size 100k|1m] [--dir DIR] [--queries FILE] [--cache-dir DIR]
// With --cache-dir holding a cache from an earlier run, only the warm start is measured (a fresh process, so
// its memory is the warm index's alone).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Corpus } from '../../src/core/corpusIndex';
import { NodeFileSystem, toCorePath } from '../../src/cli/nodeFs';
import { NodeIndexCache } from '../../src/cli/nodeCache';
import type { QueriesFile } from './scale';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

function memoryMB(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return (m.heapUsed + m.external) / 1e6;
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1000;
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

async function main(): Promise<void> {
  const bench = process.env.SOURCED_BENCH_DIR ?? path.join(os.homedir(), '.cache', 'sourced-briefings', 'bench');
  const size = arg('size', '100k');
  const dir = arg('dir', path.join(bench, 'corpus', size));
  const queriesFile = arg('queries', path.join(bench, `queries-${size}.json`));
  const keep = process.argv.includes('--cache-dir');
  const cacheDir = keep ? arg('cache-dir', '') : fs.mkdtempSync(path.join(os.tmpdir(), 'sourced-warm-'));
  const roots = [toCorePath(dir)];
  const cache = () => new NodeIndexCache(JSON.stringify(roots), cacheDir);
  const log = { info: (m: string) => console.log(`  log: ${m}`), warn: (m: string) => console.log(`  warn: ${m}`), error: (m: string) => console.log(`  error: ${m}`) };
  const textMB = fs.readdirSync(dir).reduce((s, f) => s + fs.statSync(path.join(dir, f)).size, 0) / 1e6;
  console.log(`corpus ${dir}: ${textMB.toFixed(1)} MB of files`);

  const cacheFile = cache().location;
  if (!fs.existsSync(cacheFile)) {
    const base = memoryMB();
    const cpu = process.cpuUsage();
    const t = performance.now();
    const cold = new Corpus(new NodeFileSystem(), roots, { cache: cache(), log });
    const coldSummary = await cold.load();
    console.log(`cold load: ${coldSummary.documents} documents, ${coldSummary.passages} passages in ${(performance.now() - t).toFixed(0)} ms (CPU ${cpuMs(cpu).toFixed(0)} ms), cache saved included`);
    console.log(`memory after cold load: ${(memoryMB() - base).toFixed(0)} MB (heap + external)`);
    console.log(`cache file: ${(fs.statSync(cacheFile).size / 1e6).toFixed(1)} MB`);
    if (keep) return;
  }

  const before = memoryMB();
  const cpu = process.cpuUsage();
  const t = performance.now();
  const warm = new Corpus(new NodeFileSystem(), roots, { cache: cache(), log });
  const warmSummary = await warm.load();
  const warmMs = performance.now() - t;
  console.log(`warm load: ${warmSummary.documents} documents, ${warmSummary.passages} passages, ${warmSummary.read} files read, in ${warmMs.toFixed(0)} ms (CPU ${cpuMs(cpu).toFixed(0)} ms)`);
  // The cold corpus is still held: the warm one's memory is what it added.
  console.log(`memory of the warm index: ${(memoryMB() - before).toFixed(0)} MB (heap + external) for ${textMB.toFixed(1)} MB of text`);

  if (fs.existsSync(queriesFile)) {
    const file = JSON.parse(fs.readFileSync(queriesFile, 'utf8')) as QueriesFile;
    for (const q of file.queries.slice(0, 3)) warm.search(q.text, { limit: 5 });
    const times: number[] = [];
    const cpus: number[] = [];
    let at1 = 0;
    let at5 = 0;
    for (const q of file.queries) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const results = warm.search(q.text, { limit: 5 });
      cpus.push(cpuMs(c0));
      times.push(performance.now() - t0);
      const rank = results.findIndex((r) => [r.passage, ...(r.alsoIn ?? [])].some((p) => p.doc.relPath === q.d && p.text === q.t));
      if (rank === 0) at1++;
      if (rank >= 0) at5++;
    }
    times.sort((a, b) => a - b);
    cpus.sort((a, b) => a - b);
    const n = file.queries.length;
    console.log(`queries: ${n}, p50 ${pct(times, 0.5).toFixed(2)} ms, p95 ${pct(times, 0.95).toFixed(2)} ms, max ${times[n - 1].toFixed(1)} ms; CPU p50 ${pct(cpus, 0.5).toFixed(2)} ms, p95 ${pct(cpus, 0.95).toFixed(2)} ms; recall@1 ${(at1 / n).toFixed(3)}, recall@5 ${(at5 / n).toFixed(3)}`);
  }
  if (!keep) fs.rmSync(cacheDir, { recursive: true, force: true });
}

void main();
