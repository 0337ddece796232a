// How long `Corpus.load()` keeps the event loop from running anything else (in the extension host: the
// completion, hover and command requests that arrive meanwhile). A cold load into a fresh cache folder,
// then a warm one from that cache, each watched by perf_hooks.monitorEventLoopDelay and by a 5 ms
// interval that records every gap between its ticks. Each long gap is put down to the steps that ran
// in it: the core's synchronous steps are timed (wrapped for this run only) and garbage collections
// are observed; what is left is named by the loading progress around the gap.
// node --expose-gc out/test/bench/blocking.bench.js [--size 100k|1m] [--dir DIR] [--top N]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PerformanceObserver, monitorEventLoopDelay, type EventLoopUtilization, performance as perf } from 'node:perf_hooks';
import { Corpus, type CorpusSummary } from '../../src/core/corpusIndex';
import * as corpusModule from '../../src/core/corpus';
import * as indexCacheModule from '../../src/core/indexCache';
import * as hashModule from '../../src/core/hash';
import * as tokenizeModule from '../../src/core/tokenize';
import * as stepsModule from '../../src/core/steps';
import type { Steps } from '../../src/core/steps';
import { PassageIndex } from '../../src/core/search';
import { NodeFileSystem, toCorePath } from '../../src/cli/nodeFs';
import { NodeIndexCache } from '../../src/cli/nodeCache';
import { defaultThreads, WorkerPool } from '../../src/core/workerPool';

const TICK_MS = 5;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

interface Span {
  name: string;
  start: number;
  end: number;
}

/** Synchronous steps and garbage collections, as they happen (times from performance.now()). */
const spans: Span[] = [];
/** What the load was doing last, as far as its progress and log tell. */
let step = 'start';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyFunction = (...args: any[]) => any;

/** Wrap a function so that each call's synchronous part is recorded as a span (an async function: until it returns its promise). */
function timed<F extends AnyFunction>(name: string, fn: F): F {
  return function (this: unknown, ...args: Parameters<F>): ReturnType<F> {
    const start = perf.now();
    try {
      return fn.apply(this, args) as ReturnType<F>;
    } finally {
      spans.push({ name, start, end: perf.now() });
    }
  } as F;
}

/** The steps of a computation run in slices, each step's synchronous part recorded as a span of `name`. */
function timedSteps<T>(name: string, steps: Steps<T>): Steps<T> {
  const timedNext = (): IteratorResult<void, T> => {
    const start = perf.now();
    try {
      return steps.next();
    } finally {
      spans.push({ name, start, end: perf.now() });
    }
  };
  return Object.assign(Object.create(steps) as Steps<T>, { next: timedNext });
}

/** The function that called the caller, as a stack trace names it. */
function callerName(): string {
  const line = (new Error().stack ?? '').split('\n')[3] ?? '';
  return /at (?:async )?([\w.<>]+)/.exec(line)?.[1] ?? 'steps';
}

/** Time the core's synchronous steps: module exports are called through their module objects, methods through the prototype. */
function instrument(): void {
  Object.assign(corpusModule, { documentFromBytes: timed('segment a file (documentFromBytes)', corpusModule.documentFromBytes) });
  Object.assign(indexCacheModule, {
    encodeIndexCache: timed('encode the cache (encodeIndexCache)', indexCacheModule.encodeIndexCache),
    decodeIndexCache: timed('decode the cache (decodeIndexCache)', indexCacheModule.decodeIndexCache),
  });
  Object.assign(hashModule, { hashBytes: timed('hash a file (hashBytes)', hashModule.hashBytes) });
  Object.assign(tokenizeModule, { clearTermCaches: timed('clearTermCaches', tokenizeModule.clearTermCaches) });
  const proto = PassageIndex.prototype;
  proto.addDocument = timed('index a document (addDocument)', proto.addDocument);
  proto.seal = timed('merge the postings (seal)', proto.seal);
  proto.hideRepeatedLines = timed('hideRepeatedLines', proto.hideRepeatedLines);
  proto.snapshot = timed('snapshot', proto.snapshot);
  PassageIndex.restore = timed('restore the index (PassageIndex.restore)', PassageIndex.restore);
  // Computations run in slices (runInSlices): each step named after what started them.
  const runInSlices = stepsModule.runInSlices;
  Object.assign(stepsModule, {
    runInSlices: <T>(steps: Steps<T>, sliceMs?: number, pause?: () => Promise<void>) => runInSlices(timedSteps(`${callerName()} (in slices)`, steps), sliceMs, pause),
  });
  const { read, write } = NodeIndexCache.prototype;
  NodeIndexCache.prototype.read = async function (this: NodeIndexCache) {
    step = 'the cache read';
    const bytes = await read.call(this);
    step = bytes ? 'decoding the cache' : 'the listing';
    return bytes;
  };
  NodeIndexCache.prototype.write = async function (this: NodeIndexCache, bytes: Uint8Array) {
    step = 'the cache write';
    await write.call(this, bytes);
    step = 'after the cache write';
  };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) spans.push({ name: 'garbage collection', start: e.startTime, end: e.startTime + e.duration });
  }).observe({ entryTypes: ['gc'] });
}

interface Stall {
  from: number;
  to: number;
  /** Time the tick came late. */
  ms: number;
  before: string;
  after: string;
}

/** The steps that ran within a stall, with their time inside it, longest first (nested spans count in each). */
function causes(s: Stall): Array<[string, number]> {
  const by = new Map<string, number>();
  for (const span of spans) {
    const overlap = Math.min(span.end, s.to) - Math.max(span.start, s.from);
    if (overlap > 0) by.set(span.name, (by.get(span.name) ?? 0) + overlap);
  }
  return [...by].sort((a, b) => b[1] - a[1]);
}

function describeStall(s: Stall): string {
  const named = causes(s)
    .filter(([, ms]) => ms >= 1)
    .slice(0, 4)
    .map(([name, ms]) => `${name} ${ms.toFixed(0)} ms`);
  const where = s.before === s.after ? `during ${s.before}` : `from ${s.before} to ${s.after}`;
  return `${s.ms.toFixed(0)} ms, ${where}${named.length ? `: ${named.join(', ')}` : ''}`;
}

interface Watched {
  summary: CorpusSummary;
  wallMs: number;
  cpuMs: number;
  maxDelayMs: number;
  stalls: Stall[];
  utilization: number;
}

/** Run one load while the event loop is watched. */
async function watch(run: () => Promise<CorpusSummary>): Promise<Watched> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  const stalls: Stall[] = [];
  let last = perf.now();
  let lastStep = step;
  const timer = setInterval(() => {
    const now = perf.now();
    const late = now - last - TICK_MS;
    if (late > 20) stalls.push({ from: last, to: now, ms: late, before: lastStep, after: step });
    last = now;
    lastStep = step;
  }, TICK_MS);
  spans.length = 0;
  histogram.enable();
  const elu: EventLoopUtilization = perf.eventLoopUtilization();
  const cpu = process.cpuUsage();
  const t0 = perf.now();
  const summary = await run();
  const wallMs = perf.now() - t0;
  const c = process.cpuUsage(cpu);
  const utilization = perf.eventLoopUtilization(elu).utilization;
  histogram.disable();
  clearInterval(timer);
  // The stretch after the last tick counts too.
  const end = perf.now();
  if (end - last - TICK_MS > 20) stalls.push({ from: last, to: end, ms: end - last - TICK_MS, before: lastStep, after: step });
  return { summary, wallMs, cpuMs: (c.user + c.system) / 1000, maxDelayMs: histogram.max / 1e6, stalls, utilization };
}

function report(label: string, w: Watched, top: number): void {
  const s = w.summary;
  const longest = [...w.stalls].sort((a, b) => b.ms - a.ms);
  const over = (ms: number) => w.stalls.filter((x) => x.ms > ms);
  const sum = (xs: Stall[]) => xs.reduce((n, x) => n + x.ms, 0);
  console.log(`\n${label}: ${s.documents} documents, ${s.passages} passages, ${s.read ?? 0} files read${s.fromCache ? `, ${s.fromCache} from the cache` : ''}`);
  console.log(`  total ${(w.wallMs / 1000).toFixed(1)} s (CPU ${(w.cpuMs / 1000).toFixed(1)} s), event loop busy ${(w.utilization * 100).toFixed(0)}%`);
  console.log(`  longest stall: ${longest[0] ? longest[0].ms.toFixed(0) : '<20'} ms (monitorEventLoopDelay max ${w.maxDelayMs.toFixed(0)} ms)`);
  console.log(`  stalls over 50 ms: ${over(50).length} (${(sum(over(50)) / 1000).toFixed(1)} s in all); over 100 ms: ${over(100).length} (${(sum(over(100)) / 1000).toFixed(1)} s); over 1 s: ${over(1000).length}`);
  for (const x of longest.slice(0, top)) console.log(`    ${describeStall(x)}`);
}

async function main(): Promise<void> {
  const bench = process.env.SOURCED_BENCH_DIR ?? path.join(os.homedir(), '.cache', 'sourced-briefings', 'bench');
  const size = arg('size', '1m');
  const dir = arg('dir', path.join(bench, 'corpus', size));
  const top = Number(arg('top', '8'));
  // As the extension and the command line load a large corpus: in worker threads (0: on this one).
  const threads = Number(arg('threads', String(defaultThreads())));
  if (!fs.existsSync(dir)) throw new Error(`no bench corpus at ${dir} (npm run bench builds it)`);
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sourced-blocking-'));
  const roots = [toCorePath(dir)];
  const textMB = fs.readdirSync(dir).reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0) / 1e6;
  console.log(`corpus ${dir}: ${textMB.toFixed(1)} MB; cache in ${cacheDir}; ticks every ${TICK_MS} ms, stalls counted from 20 ms late`);
  instrument();
  const log = {
    info: (m: string) => (step = `“${m.replace(/\/\S*\//g, '…/').slice(0, 70)}”`),
    warn: (m: string) => console.log(`  warn: ${m}`),
    error: (m: string) => console.log(`  error: ${m}`),
  };
  const load = (corpus: Corpus) => () =>
    corpus.load({
      onProgress: (p) => (step = p.done === p.total ? `the end of the load (all ${p.total} files read)` : `file ${p.done + 1} of ${p.total}`),
    });
  try {
    step = 'the listing';
    const workers = threads > 0 ? { workers: () => new WorkerPool(threads) } : {};
    report(
      `cold load (reads every file, saves the cache; ${threads > 0 ? `${threads} worker threads` : 'one thread'})`,
      await watch(load(new Corpus(new NodeFileSystem(), roots, { cache: new NodeIndexCache(JSON.stringify(roots), cacheDir), log, ...workers }))),
      top,
    );
    // A warm start is a new extension host: the cold load's index is let go, and collected first (with --expose-gc).
    (globalThis as { gc?: () => void }).gc?.();
    step = 'the cache read';
    const warm = new Corpus(new NodeFileSystem(), roots, { cache: new NodeIndexCache(JSON.stringify(roots), cacheDir), log });
    report('warm load (from the cache)', await watch(load(warm)), top);
  } finally {
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
