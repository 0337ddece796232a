// A dump of what an index built from a bench corpus answers, so that two versions of the indexing code
// can be compared with `cmp`: the cache file's SHA-1, every document's passages (path, start, end, kind,
// speaker, figures), and the results of every bench query (path, start, end, kind, score, alsoIn),
// asked of the freshly built index and again of one read back from its cache. A measurement, not a test.
//
//   node --expose-gc out/test/bench/indexDump.bench.js [--size 100k|1m] [--out FILE] [--queries-only]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { Corpus } from '../../src/core/corpusIndex';
import { NodeFileSystem, toCorePath } from '../../src/cli/nodeFs';
import { NodeIndexCache } from '../../src/cli/nodeCache';
import type { SearchResult } from '../../src/core/search';
import type { QueriesFile } from './scale';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1000;
}

function resultLine(r: SearchResult): unknown[] {
  const p = r.passage;
  return [p.doc.path, p.start, p.end, p.kind, r.score, (r.alsoIn ?? []).map((a) => [a.doc.path, a.start, a.end])];
}

function answers(corpus: Corpus, queries: QueriesFile['queries']): string[] {
  return queries.map((q) => JSON.stringify([q.text, corpus.search(q.text, { limit: 20 }).map(resultLine)]));
}

async function main(): Promise<void> {
  const bench = process.env.SOURCED_BENCH_DIR ?? path.join(os.homedir(), '.cache', 'sourced-briefings', 'bench');
  const size = arg('size', '100k');
  const dir = arg('dir', path.join(bench, 'corpus', size));
  const queries = (JSON.parse(fs.readFileSync(path.join(bench, `queries-${size}.json`), 'utf8')) as QueriesFile).queries;
  const out = arg('out', path.join(os.tmpdir(), `index-dump-${size}.txt`));
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sourced-dump-'));
  const roots = [toCorePath(dir)];
  const cache = () => new NodeIndexCache(JSON.stringify(roots), cacheDir);
  const lines: string[] = [];

  const cpu = process.cpuUsage();
  const t = performance.now();
  const cold = new Corpus(new NodeFileSystem(), roots, { cache: cache() });
  const summary = await cold.load();
  console.log(`cold load: ${summary.documents} documents, ${summary.passages} passages in ${(performance.now() - t).toFixed(0)} ms (CPU ${cpuMs(cpu).toFixed(0)} ms)`);
  const cacheBytes = fs.readFileSync(cache().location);
  const sha = createHash('sha1').update(cacheBytes).digest('hex');
  console.log(`cache: ${cacheBytes.length} bytes, sha1 ${sha}`);
  lines.push(`cache ${cacheBytes.length} ${sha}`);

  for (const doc of cold.index.documents()) {
    const passages = doc.passages.map((p) => [p.start, p.end, p.kind, p.speaker ?? null, p.figures ?? null]);
    lines.push(JSON.stringify([doc.path, doc.metadata, passages]));
  }
  const coldAnswers = answers(cold, queries);
  lines.push(...coldAnswers);

  const warm = new Corpus(new NodeFileSystem(), roots, { cache: cache() });
  await warm.load();
  const warmAnswers = answers(warm, queries);
  const same = warmAnswers.every((a, i) => a === coldAnswers[i]);
  console.log(`warm index answers ${same ? 'the same' : 'DIFFERENTLY'} as the cold one`);
  lines.push(`warm ${same ? 'same' : 'different'}`);
  fs.writeFileSync(out, lines.join('\n') + '\n');
  console.log(`wrote ${out}: ${lines.length} lines, sha1 ${createHash('sha1').update(lines.join('\n')).digest('hex')}`);
  fs.rmSync(cacheDir, { recursive: true, force: true });
}

void main();
