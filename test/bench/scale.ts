// The scale benchmark: the project's index and its peers side by side on corpora of 10k, 100k and 1M
// passages of real English text, each system in its own process; then `sourced search --stdin` end to
// end, twice: a cold start with an empty index cache folder, and a warm start from the cache it left.
// Prints build time, memory, p50/p95 latency and recall@1/@5 per query kind, and writes the figures
// to $SOURCED_BENCH_DIR/results/. A measurement, not a test: `npm run bench` (npm test never runs it).
//
// Options: --sizes 10k,100k,1m  --systems ours,fuse,minisearch,flexsearch,cli  --per-kind 100
//          --query-budget 120 (s per system and size)  --build-budget 900 (s)  --fuse-max 100000 (largest size
//          fuse.js runs at, by nominal passages)
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { benchDir, buildCorpus, readManifest, type Manifest, type SizeInfo } from './corpus/build';
import { deriveQueries, type QueryKind, QUERY_KINDS } from './queries';
import { readPassages, SYSTEM_LABELS, SYSTEMS, type SystemName } from './systems';
import { summarize, type KindStats, type QueryRun } from './stats';
import type { WorkerResult } from './worker';

const REPO = path.resolve(__dirname, '../../..');

export interface QueriesFile {
  size: string;
  dir: string;
  passagesFile: string;
  passages: number;
  queries: Array<{ kind: QueryKind; text: string; d: string; t: string }>;
}

interface Options {
  sizes: string[];
  systems: Array<SystemName | 'cli'>;
  perKind: number;
  queryBudget: number;
  buildBudget: number;
  fuseMax: number;
}

/** One `sourced search --stdin` process. */
export interface CliRun {
  /** Process start to the first answer. */
  startMs?: number;
  /** CPU time (user + system, all threads) of the process up to the first answer. */
  startCpuMs?: number;
  /** Peak resident set size of the process. */
  rssPeakMB?: number;
  queriesRun: number;
  capped?: string;
  stats: Record<string, KindStats>;
}

export interface CliResult {
  system: 'cli';
  size: string;
  /** Empty cache folder: reading, segmenting and indexing the corpus, saving the cache, one query. */
  cold: CliRun;
  /** A new process with the same cache folder; absent when the cold start left no cache. */
  warm?: CliRun;
  /** Size of the index cache file the cold start wrote. */
  cacheBytes?: number;
  /** The warm start left the cache file untouched: its index came from the cache, nothing was indexed again. */
  warmFromCache?: boolean;
  /** Queries answered by both starts, and how many of them got different answers. */
  answersCompared: number;
  answerMismatches: number;
  queriesPlanned: number;
  /** The rest is the warm start's (the cold start's when there is none). */
  queriesRun: number;
  capped?: string;
  stats: Record<string, KindStats>;
}

type Row = (WorkerResult | CliResult | { system: SystemName | 'cli'; size: string; skipped: string }) & { loadavg?: number[] };

function parseOptions(argv: string[]): Options {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return {
    sizes: (get('sizes') ?? '10k,100k,1m').split(','),
    systems: (get('systems') ?? [...SYSTEMS, 'cli'].join(',')).split(',') as Options['systems'],
    perKind: Number(get('per-kind') ?? 100),
    queryBudget: Number(get('query-budget') ?? 120),
    buildBudget: Number(get('build-budget') ?? 900),
    fuseMax: Number(get('fuse-max') ?? 100_000),
  };
}

const log = (m: string) => process.stderr.write(m + '\n');
const sec = (ms: number | undefined) => (ms === undefined ? '–' : (ms / 1000).toFixed(1) + ' s');
/** Start-up times: two decimals under 10 s. */
const startf = (ms: number | undefined) => (ms === undefined ? '–' : ms < 10_000 ? (ms / 1000).toFixed(2) + ' s' : sec(ms));
const mb = (x: number | undefined) => (x === undefined ? '–' : x.toFixed(0));
const msf = (ms: number) => (Number.isNaN(ms) ? '–' : ms >= 1000 ? (ms / 1000).toFixed(2) + ' s' : ms >= 10 ? ms.toFixed(0) + ' ms' : ms.toFixed(1) + ' ms');
const pct = (x: number) => (Number.isNaN(x) ? '–' : x.toFixed(2));

/** Runs a child process line by line; kills it (by its pid) when `deadline` passes. */
function runChild(
  cmd: string,
  args: string[],
  opts: {
    input?: string;
    env?: NodeJS.ProcessEnv;
    /** A module written by `writeExitReport`, required first: the child reports its peak RSS as it exits. */
    exitReport?: string;
    onLine: (line: string, at: number, pid: number | undefined) => void;
    timeoutMs: number;
    onTimeout: () => void;
  },
): Promise<{ code: number | null; rssPeakMB: number; stderr: string }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(cmd, opts.exitReport ? ['--require', opts.exitReport, ...args] : args, {
      cwd: REPO,
      env: opts.env ?? process.env,
      stdio: opts.exitReport ? ['pipe', 'pipe', 'pipe', 'pipe'] : ['pipe', 'pipe', 'pipe'],
    });
    let buf = '';
    let stderr = '';
    let rssPeak = 0;
    let report = '';
    (child.stdio[3] as NodeJS.ReadableStream | null | undefined)?.on('data', (c: Buffer) => (report += c.toString()));
    const poll = setInterval(() => {
      try {
        const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
        rssPeak = Math.max(rssPeak, kb / 1024);
      } catch {
        // not on Linux, or the process has ended
      }
    }, 100);
    const timer = setTimeout(() => {
      opts.onTimeout();
      child.kill('SIGKILL');
    }, opts.timeoutMs);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      const at = performance.now() - t0;
      buf += chunk;
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        opts.onLine(buf.slice(0, nl), at, child.pid);
        buf = buf.slice(nl + 1);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (c: string) => {
      if (stderr.length < 20_000) stderr += c;
    });
    child.stdin.on('error', () => undefined);
    if (opts.input !== undefined) child.stdin.end(opts.input);
    else child.stdin.end();
    child.on('close', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      if (buf) opts.onLine(buf, performance.now() - t0, undefined);
      const maxRssKB = Number(/maxrss (\d+)/.exec(report)?.[1] ?? 0);
      resolve({ code, rssPeakMB: Math.max(rssPeak, maxRssKB / 1024), stderr });
    });
  });
}

async function runWorker(system: SystemName, queriesPath: string, size: SizeInfo, o: Options): Promise<Row> {
  const budget = system === 'fuse' ? Math.min(60, o.queryBudget) : o.queryBudget;
  const warmup = system === 'fuse' ? 1 : 3;
  let result: WorkerResult | undefined;
  let indexed = 0;
  let built = false;
  let timedOut = false;
  const t0 = performance.now();
  const { code, stderr } = await runChild(
    process.execPath,
    ['--expose-gc', '--max-old-space-size=16384', path.join(__dirname, 'worker.js'), system, queriesPath, String(budget), String(warmup)],
    {
      timeoutMs: (o.buildBudget + budget + 300) * 1000,
      onTimeout: () => (timedOut = true),
      onLine: (line) => {
        if (line.startsWith('progress ')) {
          const before = indexed;
          indexed = Number(line.slice(9));
          if (Math.floor(indexed / 100_000) > Math.floor(before / 100_000)) log(`    ${system}: ${indexed.toLocaleString('en')} passages indexed (${sec(performance.now() - t0)})`);
        } else if (line.startsWith('built ')) {
          built = true;
          log(`    ${system}: built ${line.slice(6)}`);
        } else if (line.startsWith('result ')) result = JSON.parse(line.slice(7)) as WorkerResult;
      },
    },
  );
  if (result) return result;
  const why = timedOut
    ? built
      ? `killed after ${sec(performance.now() - t0)} while querying`
      : `build not finished in ${sec(performance.now() - t0)} (${indexed.toLocaleString('en')} of ${size.passages.toLocaleString('en')} passages indexed)`
    : `exited with code ${code}: ${stderr.trim().split('\n').slice(-3).join(' / ')}`;
  return { system, size: size.name, skipped: why };
}

/** A module that, required first, writes the process's peak RSS (KB) to fd 3 as it exits. */
function writeExitReport(dir: string): string {
  const file = path.join(dir, 'exit-report.cjs');
  fs.writeFileSync(
    file,
    "process.on('exit', () => { try { require('node:fs').writeSync(3, 'maxrss ' + process.resourceUsage().maxRSS + '\\n'); } catch {} });\n",
  );
  return file;
}

let clockTicks: number | undefined;
/** CPU time (user + system) the process has used so far, from /proc; undefined elsewhere. */
function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    clockTicks = 100;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) / clockTicks) * 1000; // utime, stime
  } catch {
    return undefined;
  }
}

/** One `sourced search --stdin --json` process over the bench queries, with `cacheDir` as its index cache. */
async function runCliOnce(queries: QueriesFile, o: Options, cacheDir: string, exitReport: string): Promise<CliRun & { answers: string[] }> {
  const cli = path.join(REPO, 'dist', 'cli.js');
  const runs: QueryRun[] = [];
  const answers: string[] = [];
  let first: number | undefined;
  let firstCpu: number | undefined;
  let lastAt = 0;
  let timedOut = false;
  const q = queries.queries;
  const { rssPeakMB, code, stderr } = await runChild(process.execPath, ['--max-old-space-size=16384', cli, 'search', '--stdin', '--json', '--limit', '5', '--corpus', queries.dir], {
    input: q.map((x) => x.text).join('\n') + '\n',
    env: { ...process.env, SOURCED_CACHE_DIR: cacheDir },
    exitReport,
    timeoutMs: (o.buildBudget + o.queryBudget) * 1000,
    onTimeout: () => (timedOut = true),
    onLine: (line, at, pid) => {
      if (!line.startsWith('{')) return;
      if (first === undefined) {
        first = at;
        firstCpu = processCpuMs(pid);
      }
      lastAt = at;
      const answer = JSON.parse(line) as { query: string; ms: number; results: Array<{ file: string; text: string; alsoIn?: Array<{ file: string }> }> };
      const query = q[runs.length];
      const rank = answer.results.findIndex((r) => r.file === query.d && r.text === query.t);
      runs.push({ kind: query.kind, ms: answer.ms, rank: rank < 0 ? undefined : rank });
      answers.push(JSON.stringify(answer.results));
    },
  });
  const capped = timedOut
    ? first === undefined
      ? `no answer within ${o.buildBudget + o.queryBudget} s (the corpus was still loading)`
      : `stopped after ${sec(lastAt)}: ${runs.length} of ${q.length} queries answered`
    : code !== 0
      ? `exited with code ${code}: ${stderr.trim().split('\n').slice(-2).join(' / ')}`
      : undefined;
  return { startMs: first, startCpuMs: firstCpu, rssPeakMB: rssPeakMB || undefined, queriesRun: runs.length, capped, stats: summarize(runs), answers };
}

/** The cache file a run left in `cacheDir`, with what tells a rewrite apart. */
function cacheFile(cacheDir: string): { file: string; bytes: number; mtimeMs: number; ino: number } | undefined {
  const name = fs.readdirSync(cacheDir).find((f) => f.endsWith('.idx'));
  if (!name) return undefined;
  const st = fs.statSync(path.join(cacheDir, name));
  return { file: name, bytes: st.size, mtimeMs: st.mtimeMs, ino: st.ino };
}

/**
 * `sourced search --stdin` end to end: a cold start with SOURCED_CACHE_DIR a fresh empty folder, then a warm
 * start, a new process with the same folder. The folder is removed afterwards.
 */
async function runCli(queries: QueriesFile, o: Options): Promise<CliResult> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sourced-bench-cli-'));
  try {
    const cacheDir = path.join(tmp, 'cache');
    fs.mkdirSync(cacheDir);
    const exitReport = writeExitReport(tmp);
    const { answers: coldAnswers, ...cold } = await runCliOnce(queries, o, cacheDir, exitReport);
    log(`    cli: cold start ${sec(cold.startMs)}, peak RSS ${cold.rssPeakMB?.toFixed(0) ?? '–'} MB${cold.capped ? ` (${cold.capped})` : ''}`);
    const saved = cacheFile(cacheDir);
    const base = { system: 'cli' as const, size: queries.size, cold, queriesPlanned: queries.queries.length };
    if (!saved) {
      log('    cli: no index cache written; no warm start');
      return { ...base, answersCompared: 0, answerMismatches: 0, queriesRun: cold.queriesRun, capped: cold.capped && `cold start: ${cold.capped}`, stats: cold.stats };
    }
    log(`    cli: index cache ${(saved.bytes / 1e6).toFixed(1)} MB`);
    const { answers: warmAnswers, ...warm } = await runCliOnce(queries, o, cacheDir, exitReport);
    const after = cacheFile(cacheDir);
    const warmFromCache = after !== undefined && after.file === saved.file && after.ino === saved.ino && after.mtimeMs === saved.mtimeMs && after.bytes === saved.bytes;
    const answersCompared = Math.min(coldAnswers.length, warmAnswers.length);
    let answerMismatches = 0;
    for (let i = 0; i < answersCompared; i++) if (coldAnswers[i] !== warmAnswers[i]) answerMismatches++;
    log(
      `    cli: warm start ${sec(warm.startMs)}, peak RSS ${warm.rssPeakMB?.toFixed(0) ?? '–'} MB${warmFromCache ? '' : ' (the cache was written again: not a warm start)'}; ` +
        `${answerMismatches} of ${answersCompared} answers differ from the cold start's`,
    );
    const capped = [cold.capped && `cold start: ${cold.capped}`, warm.capped && `warm start: ${warm.capped}`].filter(Boolean).join('; ') || undefined;
    return { ...base, warm, cacheBytes: saved.bytes, warmFromCache, answersCompared, answerMismatches, queriesRun: warm.queriesRun, capped, stats: warm.stats };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.type()} ${os.release()}`;
}

export function markdown(rows: Row[], manifest: Manifest, started: Date, loadavg: number[]): string {
  const out: string[] = [];
  out.push(`Run ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine()}; load average at start ${loadavg.map((x) => x.toFixed(1)).join(', ')}.`);
  out.push('');
  out.push('Build: ours, `Corpus.load` of the corpus folder with no cache (read, segment, index, in worker threads); the libraries, adding the passages already segmented. CPU: all threads.');
  out.push('');
  out.push('| size | system | passages | text MB | build (CPU) | heap MB | p50 | p95 | p50 / p95 CPU | recall@1 | recall@5 | queries |');
  out.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    const size = manifest.sizes.find((s) => s.name === r.size);
    const label = SYSTEM_LABELS[r.system];
    if ('skipped' in r) {
      out.push(`| ${r.size} | ${label} | ${size?.passages.toLocaleString('en') ?? ''} | | ${r.skipped} | | | | | | | |`);
      continue;
    }
    const a = r.stats.all;
    const runs = `${r.queriesRun}/${r.queriesPlanned}${r.capped ? ' (capped)' : ''}`;
    if (r.system === 'cli') {
      const c = r as CliResult;
      const start = (run: CliRun) => `${startf(run.startMs)}${run.startCpuMs === undefined ? '' : ` (${startf(run.startCpuMs)})`}`;
      const starts = `cold start ${start(c.cold)} · warm start ${c.warm ? start(c.warm) : '–'}`;
      const rss = `RSS ${mb(c.cold.rssPeakMB)} · ${mb(c.warm?.rssPeakMB)}`;
      out.push(`| ${r.size} | ${label} | ${size?.passages.toLocaleString('en') ?? ''} | ${size ? (size.bytes / 1e6).toFixed(1) : ''} | ${starts} | ${rss} | ${msf(a.p50)} | ${msf(a.p95)} | – | ${pct(a.r1)} | ${pct(a.r5)} | ${runs} |`);
      continue;
    }
    const w = r as WorkerResult;
    const built = w.build.threads ? `${sec(w.build.indexMs)} in ${w.build.threads} threads` : w.build.segmentMs ? `${sec(w.build.segmentMs)} + ${sec(w.build.indexMs)}` : sec(w.build.indexMs);
    const build = built + (w.buildCpuMs === undefined ? '' : ` (${sec(w.buildCpuMs)})`);
    const cpu = a.cpuP50 === undefined ? '–' : `${msf(a.cpuP50)} / ${msf(a.cpuP95 as number)}`;
    out.push(`| ${r.size} | ${label} | ${w.build.passages.toLocaleString('en')} | ${(w.build.textBytes / 1e6).toFixed(1)} | ${build} | ${w.heapMB.toFixed(0)} | ${msf(a.p50)} | ${msf(a.p95)} | ${cpu} | ${pct(a.r1)} | ${pct(a.r5)} | ${runs} |`);
  }
  out.push('');
  out.push('Per query kind (p50 / p95, recall@1 / recall@5):');
  out.push('');
  out.push(`| size | system | ${QUERY_KINDS.join(' | ')} |`);
  out.push(`| --- | --- | ${QUERY_KINDS.map(() => '---').join(' | ')} |`);
  for (const r of rows) {
    if ('skipped' in r) continue;
    const cells = QUERY_KINDS.map((k) => {
      const s = r.stats[k];
      return s.n ? `${msf(s.p50)} / ${msf(s.p95)}, ${pct(s.r1)} / ${pct(s.r5)} (${s.n})` : '–';
    });
    out.push(`| ${r.size} | ${SYSTEM_LABELS[r.system]} | ${cells.join(' | ')} |`);
  }
  const notes = rows.flatMap((r) => ('skipped' in r || !r.capped ? [] : [`- ${r.size}, ${SYSTEM_LABELS[r.system]}: ${r.capped}`]));
  if (notes.length) out.push('', 'Capped runs:', '', ...notes);
  const cliRows = rows.filter((r): r is CliResult & { loadavg?: number[] } => r.system === 'cli' && !('skipped' in r));
  if (cliRows.length) {
    out.push(
      '',
      '`sourced search --stdin --json` end to end, each start a new process (time to the first answer, CPU time in brackets): a cold start with ' +
        'SOURCED_CACHE_DIR a fresh empty folder (read, segment and index the corpus, save the index cache, one query), then a warm start with ' +
        'the same folder (read the cache, one query). Latency and recall in the tables are the warm start\'s `ms` per query.',
      '',
    );
    for (const c of cliRows) {
      const cold = `cold start ${startf(c.cold.startMs)} (CPU ${startf(c.cold.startCpuMs)}, peak RSS ${mb(c.cold.rssPeakMB)} MB)`;
      if (!c.warm || c.cacheBytes === undefined) {
        out.push(`- ${c.size}: ${cold}; no index cache was written, so no warm start.`);
        continue;
      }
      const warm = `warm start ${startf(c.warm.startMs)} (CPU ${startf(c.warm.startCpuMs)}, peak RSS ${mb(c.warm.rssPeakMB)} MB)`;
      const source = c.warmFromCache ? 'from the cache' : 'but it wrote the cache again: it did not start from it';
      const same = `answers identical to the cold start's for ${c.answersCompared - c.answerMismatches} of ${c.answersCompared} queries (${c.answerMismatches} mismatches)`;
      out.push(`- ${c.size}: ${cold} → index cache ${(c.cacheBytes / 1e6).toFixed(1)} MB → ${warm}, ${source}; ${same}.`);
    }
  }
  return out.join('\n') + '\n';
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  const started = new Date();
  const loadavg = os.loadavg();
  const dir = benchDir();
  log(`Benchmark cache: ${dir}`);
  const manifest = readManifest(dir) ?? (await buildCorpus({ dir, log }));
  log(`Corpus: ${manifest.docs} documents, ${manifest.passages.toLocaleString('en')} passages, ${(manifest.bytes / 1e6).toFixed(1)} MB`);
  const resultsDir = path.join(dir, 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  const stamp = started.toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const rows: Row[] = [];
  const save = () => {
    fs.writeFileSync(path.join(resultsDir, `${stamp}.json`), JSON.stringify({ started, machine: machine(), loadavg, options: o, manifest, rows }, null, 2));
    fs.writeFileSync(path.join(resultsDir, `${stamp}.md`), markdown(rows, manifest, started, loadavg));
  };
  for (const name of o.sizes) {
    const size = manifest.sizes.find((s) => s.name === name);
    if (!size) {
      log(`No corpus size ${name} (have ${manifest.sizes.map((s) => s.name).join(', ')})`);
      continue;
    }
    log(`\n== ${size.name}: ${size.docs} documents, ${size.passages.toLocaleString('en')} passages, ${(size.bytes / 1e6).toFixed(1)} MB`);
    let t = performance.now();
    const passages = readPassages(manifest.passagesFile, size.passages);
    const derived = deriveQueries(passages, o.perKind);
    const queries: QueriesFile = {
      size: size.name,
      dir: size.dir,
      passagesFile: manifest.passagesFile,
      passages: size.passages,
      queries: derived.map((q) => ({ kind: q.kind, text: q.text, d: passages[q.target].d, t: passages[q.target].t })),
    };
    const queriesPath = path.join(dir, `queries-${size.name}.json`);
    fs.writeFileSync(queriesPath, JSON.stringify(queries));
    log(`  ${queries.queries.length} queries derived in ${sec(performance.now() - t)} → ${queriesPath}`);
    for (const system of o.systems) {
      t = performance.now();
      const la = os.loadavg();
      let row: Row;
      if (system === 'fuse' && size.target > o.fuseMax) {
        row = { system, size: size.name, skipped: `not run above ${o.fuseMax.toLocaleString('en')} passages: it scans every passage, over a minute a query here` };
      } else if (system === 'cli') {
        log(`  cli: sourced search --stdin on ${size.dir}`);
        row = await runCli(queries, o);
      } else {
        log(`  ${system}: building`);
        row = await runWorker(system, queriesPath, size, o);
      }
      row.loadavg = la;
      rows.push(row);
      save();
      if ('skipped' in row) log(`  ${system}: ${row.skipped}`);
      else {
        const a = row.stats.all;
        log(`  ${system}: p50 ${msf(a.p50)}, p95 ${msf(a.p95)}, recall@1 ${pct(a.r1)}, recall@5 ${pct(a.r5)}, ${row.queriesRun}/${row.queriesPlanned} queries${row.capped ? ` (${row.capped})` : ''} (${sec(performance.now() - t)})`);
      }
    }
  }
  const md = markdown(rows, manifest, started, loadavg);
  process.stdout.write('\n' + md);
  log(`\nFigures saved in ${path.join(resultsDir, stamp)}.{json,md}`);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 1;
  });
}
