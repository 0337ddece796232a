// The scale benchmark: the project's index and its peers side by side on corpora of 10k, 100k and 1M
// passages of real English text, each system in its own process; then `sourced search --stdin` end to
// end. Prints build time, memory, p50/p95 latency and recall@1/@5 per query kind, and writes the figures
// to $SOURCED_BENCH_DIR/results/. A measurement, not a test: `npm run bench` (npm test never runs it).
//
// Options: --sizes 10k,100k,1m  --systems ours,fuse,minisearch,flexsearch,cli  --per-kind 100
//          --query-budget 120 (s per system and size)  --build-budget 900 (s)  --fuse-max 100000 (largest size
//          fuse.js runs at, by nominal passages)
import { spawn } from 'node:child_process';
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

export interface CliResult {
  system: 'cli';
  size: string;
  /** Process start to the first answer: reading, segmenting and indexing the corpus, and one query. */
  coldStartMs?: number;
  rssPeakMB?: number;
  queriesPlanned: number;
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
const msf = (ms: number) => (Number.isNaN(ms) ? '–' : ms >= 1000 ? (ms / 1000).toFixed(2) + ' s' : ms >= 10 ? ms.toFixed(0) + ' ms' : ms.toFixed(1) + ' ms');
const pct = (x: number) => (Number.isNaN(x) ? '–' : x.toFixed(2));

/** Runs a child process line by line; kills it (by its pid) when `deadline` passes. */
function runChild(
  cmd: string,
  args: string[],
  opts: { input?: string; onLine: (line: string, at: number) => void; timeoutMs: number; onTimeout: () => void },
): Promise<{ code: number | null; rssPeakMB: number; stderr: string }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'] });
    let buf = '';
    let stderr = '';
    let rssPeak = 0;
    const poll = setInterval(() => {
      try {
        const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
        rssPeak = Math.max(rssPeak, kb / 1024);
      } catch {
        // not on Linux, or the process has ended
      }
    }, 500);
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
        opts.onLine(buf.slice(0, nl), at);
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
      if (buf) opts.onLine(buf, performance.now() - t0);
      resolve({ code, rssPeakMB: rssPeak, stderr });
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

async function runCli(queries: QueriesFile, o: Options): Promise<CliResult> {
  const cli = path.join(REPO, 'dist', 'cli.js');
  const runs: QueryRun[] = [];
  let first: number | undefined;
  let lastAt = 0;
  let timedOut = false;
  const q = queries.queries;
  const { rssPeakMB, code, stderr } = await runChild(process.execPath, ['--max-old-space-size=16384', cli, 'search', '--stdin', '--json', '--limit', '5', '--corpus', queries.dir], {
    input: q.map((x) => x.text).join('\n') + '\n',
    timeoutMs: (o.buildBudget + o.queryBudget) * 1000,
    onTimeout: () => (timedOut = true),
    onLine: (line, at) => {
      if (!line.startsWith('{')) return;
      first ??= at;
      lastAt = at;
      const answer = JSON.parse(line) as { query: string; ms: number; results: Array<{ file: string; text: string; alsoIn?: Array<{ file: string }> }> };
      const query = q[runs.length];
      const rank = answer.results.findIndex((r) => r.file === query.d && r.text === query.t);
      runs.push({ kind: query.kind, ms: answer.ms, rank: rank < 0 ? undefined : rank });
    },
  });
  const capped = timedOut
    ? first === undefined
      ? `no answer within ${o.buildBudget + o.queryBudget} s (the corpus was still loading)`
      : `stopped after ${sec(lastAt)}: ${runs.length} of ${q.length} queries answered`
    : code !== 0
      ? `exited with code ${code}: ${stderr.trim().split('\n').slice(-2).join(' / ')}`
      : undefined;
  return { system: 'cli', size: queries.size, coldStartMs: first, rssPeakMB, queriesPlanned: q.length, queriesRun: runs.length, capped, stats: summarize(runs) };
}

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.type()} ${os.release()}`;
}

export function markdown(rows: Row[], manifest: Manifest, started: Date, loadavg: number[]): string {
  const out: string[] = [];
  out.push(`Run ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine()}; load average at start ${loadavg.map((x) => x.toFixed(1)).join(', ')}.`);
  out.push('');
  out.push('| size | system | passages | text MB | build: segment + index (CPU) | heap MB | p50 | p95 | p50 / p95 CPU | recall@1 | recall@5 | queries |');
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
      out.push(`| ${r.size} | ${label} | ${size?.passages.toLocaleString('en') ?? ''} | ${size ? (size.bytes / 1e6).toFixed(1) : ''} | cold start ${sec(c.coldStartMs)} | RSS ${c.rssPeakMB?.toFixed(0) ?? '–'} | ${msf(a.p50)} | ${msf(a.p95)} | – | ${pct(a.r1)} | ${pct(a.r5)} | ${runs} |`);
      continue;
    }
    const w = r as WorkerResult;
    const build = (w.system === 'ours' ? `${sec(w.build.segmentMs)} + ${sec(w.build.indexMs)}` : sec(w.build.indexMs)) + (w.buildCpuMs === undefined ? '' : ` (${sec(w.buildCpuMs)})`);
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
  if (rows.some((r) => r.system === 'cli')) {
    out.push('', 'Warm start from an on-disk index cache: not implemented yet (every start reads, segments and indexes the corpus: the cold start above).');
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
