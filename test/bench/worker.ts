// One system at one corpus size, in its own process (so that its memory is its own): builds the index,
// runs the queries within a time budget and prints `result <json>` as its last line. Started by scale.ts:
// node --expose-gc out/test/bench/worker.js SYSTEM QUERIES.json QUERY_BUDGET_S WARMUP
import * as fs from 'node:fs';
import { flexsearch, fuse, minisearch, ours, type BuildTimes, type System, type SystemName } from './systems';
import { summarize, type KindStats, type QueryRun } from './stats';
import type { QueriesFile } from './scale';

export interface WorkerResult {
  system: SystemName;
  size: string;
  build: BuildTimes;
  /** CPU time of the whole build (all threads of the process, garbage collection included). */
  buildCpuMs: number;
  /** Heap in use after the build and a full collection, less the heap before (MB). */
  heapMB: number;
  rssMB: number;
  queriesPlanned: number;
  queriesRun: number;
  /** Why fewer queries ran than planned. */
  capped?: string;
  stats: Record<string, KindStats>;
}

function memory(): { heap: number; rss: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  const m = process.memoryUsage();
  return { heap: m.heapUsed + m.external, rss: m.rss };
}

async function main(): Promise<void> {
  const [system, queriesPath, budgetArg, warmupArg] = process.argv.slice(2) as [SystemName, string, string, string];
  const file = JSON.parse(fs.readFileSync(queriesPath, 'utf8')) as QueriesFile;
  const budgetMs = Number(budgetArg) * 1000;
  const warmup = Number(warmupArg);
  const make: Record<SystemName, () => System> = {
    ours: () => ours(file.dir),
    fuse: () => fuse(file.passagesFile, file.passages),
    minisearch: () => minisearch(file.passagesFile, file.passages),
    flexsearch: () => flexsearch(file.passagesFile, file.passages),
  };
  const before = memory();
  const sys = make[system]();
  const cpu0 = process.cpuUsage();
  const build = await sys.build((n) => process.stdout.write(`progress ${n}\n`));
  const buildCpu = process.cpuUsage(cpu0);
  const after = memory();
  process.stdout.write(`built ${JSON.stringify(build)}\n`);

  const queries = file.queries;
  for (const q of queries.slice(-warmup).reverse()) sys.search(q.text, 5);
  const runs: QueryRun[] = [];
  const t0 = performance.now();
  let capped: string | undefined;
  for (const q of queries) {
    if (performance.now() - t0 > budgetMs) {
      capped = `query budget of ${budgetMs / 1000} s reached after ${runs.length} of ${queries.length} queries`;
      break;
    }
    const c = process.cpuUsage();
    const t = performance.now();
    const hits = sys.search(q.text, 5);
    const ms = performance.now() - t;
    const cpu = process.cpuUsage(c);
    runs.push({ kind: q.kind, ms, cpuMs: (cpu.user + cpu.system) / 1000, rank: hits.find((h) => h.d === q.d && h.t === q.t)?.rank });
  }
  const result: WorkerResult = {
    system,
    size: file.size,
    build,
    buildCpuMs: (buildCpu.user + buildCpu.system) / 1000,
    heapMB: (after.heap - before.heap) / 1e6,
    rssMB: after.rss / 1e6,
    queriesPlanned: queries.length,
    queriesRun: runs.length,
    capped,
    stats: summarize(runs),
  };
  process.stdout.write(`result ${JSON.stringify(result)}\n`);
}

void main();
