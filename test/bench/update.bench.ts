// One changed file in a large corpus, brought in by a full `load` (walks and stats every file under
// the root, reads the changed one) and by `update` (stats and reads that file only), as the file
// watcher does after a save. The corpus is copied first: the bench files are never written.
// node --expose-gc out/test/bench/update.bench.js [--size 100k|1m] [--copy DIR] [--cache-dir DIR] [--rounds N]
// With --cache-dir holding the copy's cache from an earlier run, the copy is not indexed again.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Corpus, type CorpusSummary } from '../../src/core/corpusIndex';
import { NodeFileSystem, toCorePath } from '../../src/cli/nodeFs';
import { NodeIndexCache } from '../../src/cli/nodeCache';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function timed(run: () => Promise<CorpusSummary>): Promise<{ cpu: number; wall: number; summary: CorpusSummary }> {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const summary = await run();
  const c = process.cpuUsage(cpu);
  return { cpu: (c.user + c.system) / 1000, wall: performance.now() - t, summary };
}

async function main(): Promise<void> {
  const bench = process.env.SOURCED_BENCH_DIR ?? path.join(os.homedir(), '.cache', 'sourced-briefings', 'bench');
  const size = arg('size', '100k');
  const source = path.join(bench, 'corpus', size);
  const copy = arg('copy', path.join(os.tmpdir(), `sourced-update-${size}`));
  const cacheDir = arg('cache-dir', path.join(os.tmpdir(), `sourced-update-${size}-cache`));
  const rounds = Number(arg('rounds', '5'));
  if (!fs.existsSync(copy)) fs.cpSync(source, copy, { recursive: true });
  const roots = [toCorePath(copy)];
  const corpus = new Corpus(new NodeFileSystem(), roots, { cache: new NodeIndexCache(JSON.stringify(roots), cacheDir) });
  const first = await timed(() => corpus.load());
  console.log(
    `start: ${first.summary.documents} documents, ${first.summary.passages} passages, ${first.summary.read} files read, ` +
      `${first.summary.fromCache ?? 0} from the cache, in ${first.wall.toFixed(0)} ms`,
  );
  const files = fs.readdirSync(copy).filter((f) => f.endsWith('.txt')).sort();
  const target = path.join(copy, files[Math.floor(files.length / 2)]);
  const original = fs.readFileSync(target);
  let n = 0;
  const change = () => {
    n++;
    fs.writeFileSync(target, Buffer.concat([original, Buffer.from(`\n\nThe quartermaster counted ${n} crates of marmalade at the harbour gate.\n`)]));
  };
  const found = () => corpus.search(`quartermaster counted ${n} crates marmalade`, { limit: 3 }).some((r) => r.passage.text.includes(`counted ${n} crates`));

  const nothing = await timed(() => corpus.load({ save: false }));
  console.log(`full load, nothing changed: ${nothing.summary.checked} files checked, CPU ${nothing.cpu.toFixed(0)} ms, wall ${nothing.wall.toFixed(0)} ms`);
  const loads: Array<{ cpu: number; wall: number }> = [];
  const updates: Array<{ cpu: number; wall: number }> = [];
  try {
    for (let r = 0; r < rounds; r++) {
      change();
      const load = await timed(() => corpus.load({ save: false }));
      if (load.summary.read !== 1 || !found()) throw new Error(`the full load did not bring the change in: ${JSON.stringify({ ...load.summary, skipped: 0 })}`);
      loads.push(load);
      change();
      const update = await timed(() => corpus.update([toCorePath(target)], { save: false }));
      if (update.summary.read !== 1 || update.summary.checked !== 1 || !found()) throw new Error(`the update did not bring the change in: ${JSON.stringify({ ...update.summary, skipped: 0 })}`);
      updates.push(update);
    }
  } finally {
    fs.writeFileSync(target, original);
  }
  const line = (what: string, xs: Array<{ cpu: number; wall: number }>) =>
    console.log(`${what}: CPU median ${median(xs.map((x) => x.cpu)).toFixed(1)} ms, wall median ${median(xs.map((x) => x.wall)).toFixed(1)} ms (${xs.length} rounds; CPU ${xs.map((x) => x.cpu.toFixed(0)).join(', ')})`);
  line('one changed file, full load', loads);
  line('one changed file, update   ', updates);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
