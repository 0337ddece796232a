// Where the time of a cold index build goes: the steps of `Corpus.load` done one by one over a bench
// corpus (list, read, hash, decode and segment, index, hide repeated lines, seal, snapshot, encode),
// with the CPU time of each and the longest synchronous stretch of the final steps. Run it under
// `node --cpu-prof` to see inside the steps. A measurement, not a test.
//
//   node --expose-gc out/test/bench/build.bench.js [--size 100k|1m] [--dir DIR]
import * as os from 'node:os';
import * as path from 'node:path';
import { documentFromBytes, listCorpusFiles } from '../../src/core/corpus';
import { hashBytes } from '../../src/core/hash';
import { PassageIndex } from '../../src/core/search';
import { clearTermCaches } from '../../src/core/tokenize';
import { encodeIndexCache, type FileStamp } from '../../src/core/indexCache';
import { NodeFileSystem, toCorePath } from '../../src/cli/nodeFs';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

function cpuNow(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

async function main(): Promise<void> {
  const bench = process.env.SOURCED_BENCH_DIR ?? path.join(os.homedir(), '.cache', 'sourced-briefings', 'bench');
  const size = arg('size', '100k');
  const dir = arg('dir', path.join(bench, 'corpus', size));
  const fs = new NodeFileSystem();
  const root = toCorePath(dir);
  const spent: Record<string, number> = {};
  const wall: Record<string, number> = {};
  let c = cpuNow();
  let w = performance.now();
  const lap = (name: string) => {
    const c2 = cpuNow();
    const w2 = performance.now();
    spent[name] = (spent[name] ?? 0) + c2 - c;
    wall[name] = Math.max(wall[name] ?? 0, w2 - w);
    c = c2;
    w = w2;
  };
  const start = cpuNow();
  const startWall = performance.now();
  const listed = await listCorpusFiles(fs, [root]);
  lap('list');
  const index = new PassageIndex();
  const stamps = new Map<string, FileStamp>();
  let longestFile = 0;
  for (const file of listed.files) {
    const bytes = await fs.readFile(file.path);
    lap('read');
    const fileStart = performance.now();
    const hash = hashBytes(bytes);
    lap('hash');
    const doc = await documentFromBytes(file.root, file.path, bytes);
    lap('segment');
    if ('reason' in doc) continue;
    index.addDocument(doc);
    lap('index');
    longestFile = Math.max(longestFile, performance.now() - fileStart);
    stamps.set(file.path, { size: file.size, mtime: file.mtime, hash });
  }
  index.hideRepeatedLines(3);
  lap('hideRepeatedLines');
  index.seal();
  lap('seal');
  clearTermCaches();
  lap('clearTermCaches');
  const snap = index.snapshot();
  lap('snapshot');
  const bytes = encodeIndexCache({ key: 'bench', snapshot: snap, stamps, sidecars: {} });
  lap('encode');
  const total = cpuNow() - start;
  console.log(`${listed.files.length} files, ${index.passageCount} passages, cache ${(bytes.length / 1e6).toFixed(1)} MB`);
  for (const [name, ms] of Object.entries(spent)) {
    console.log(`${name.padEnd(18)} CPU ${ms.toFixed(0).padStart(6)} ms  (${((100 * ms) / total).toFixed(1).padStart(4)}%)  longest stretch ${wall[name].toFixed(0)} ms`);
  }
  console.log(`total              CPU ${total.toFixed(0).padStart(6)} ms, wall ${(performance.now() - startWall).toFixed(0)} ms; longest file ${longestFile.toFixed(0)} ms`);
}

void main();
