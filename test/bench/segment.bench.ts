/**
 * Segmentation benchmark (a script, not a test): runs buildDocument over every .txt file of a folder
 * (default the cached 100k bench corpus) and of the demo corpus, and prints documents, passages, CPU
 * time and passages per CPU second for each.
 *
 *   node out/test/bench/segment.bench.js [--dir FOLDER] [--runs N] [--dump FILE]
 *
 * `--runs N` repeats the timing: the first run (which includes compiling the code) and the fastest
 * are reported. CPU time is the whole process's (`process.cpuUsage`), compiler threads included, and
 * excludes reading the files. `--dump FILE` writes one canonical JSON
 * line per document (path, metadata, boilerplate, line starts digest, and every passage's kind, start,
 * end, speaker and figures), so that two versions of the segmenter can be compared with `diff`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { buildDocument } from '../../src/core/corpus';
import type { CorpusDocument } from '../../src/core/types';

const REPO = path.resolve(__dirname, '../../..');
const DEFAULT_DIR = path.join(os.homedir(), '.cache/sourced-briefings/bench/corpus/100k');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
}

/** Every .txt file under a folder, sorted, with its text. */
function readFolder(dir: string): Array<{ rel: string; text: string }> {
  const out: Array<{ rel: string; text: string }> = [];
  const walk = (d: string): void => {
    for (const name of fs.readdirSync(d).sort()) {
      const full = path.join(d, name);
      if (fs.statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.txt')) out.push({ rel: path.relative(dir, full).split(path.sep).join('/'), text: fs.readFileSync(full, 'utf8') });
    }
  };
  walk(dir);
  return out;
}

/** JSON with object keys in sorted order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const sorted: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
      return sorted;
    }
    return v;
  });
}

function dumpLine(label: string, rel: string, doc: CorpusDocument): string {
  const passages = doc.passages.map((p) => {
    if (p.text !== doc.text.slice(p.start, p.end)) throw new Error(`${rel}: passage text does not match its offsets`);
    const out: Record<string, unknown> = { kind: p.kind, start: p.start, end: p.end };
    if (p.speaker !== undefined) out.speaker = p.speaker;
    if (p.figures !== undefined) out.figures = p.figures;
    return out;
  });
  const starts = createHash('sha1').update(doc.lineStarts.join(',')).digest('hex');
  return canonical({ path: `${label}/${rel}`, relPath: doc.relPath, metadata: doc.metadata, boilerplate: doc.boilerplate, lineStarts: starts, passages });
}

function main(): void {
  const dir = path.resolve(arg('--dir') ?? DEFAULT_DIR);
  const runs = Math.max(1, Number(arg('--runs') ?? 1) || 1);
  const dumpFile = arg('--dump');
  const sets = [
    { label: path.basename(dir), dir },
    { label: 'demo', dir: path.join(REPO, 'corpus') },
  ];
  const lines: string[] = [];
  for (const set of sets) {
    const files = readFolder(set.dir);
    const root = '/bench';
    const times: number[] = [];
    let docs: CorpusDocument[] = [];
    for (let r = 0; r < runs; r++) {
      docs = [];
      const c0 = process.cpuUsage();
      for (const f of files) docs.push(buildDocument(`${root}/${f.rel}`, root, f.text));
      const c = process.cpuUsage(c0);
      times.push((c.user + c.system) / 1000);
    }
    const passages = docs.reduce((n, d) => n + d.passages.length, 0);
    const chars = files.reduce((n, f) => n + f.text.length, 0);
    const rate = (ms: number) => Math.round(passages / (ms / 1000)).toLocaleString('en-US');
    const best = Math.min(...times);
    console.log(
      `${set.label.padEnd(6)} ${String(docs.length).padStart(6)} documents ${String(passages).padStart(9)} passages ` +
        `${(chars / 1e6).toFixed(1).padStart(6)} M chars  CPU ${times[0].toFixed(0).padStart(7)} ms (${rate(times[0])} passages/CPU s)` +
        (runs > 1 ? `, fastest of ${runs} ${best.toFixed(0)} ms (${rate(best)} passages/CPU s)` : ''),
    );
    if (dumpFile) docs.forEach((d, i) => lines.push(dumpLine(set.label, files[i].rel, d)));
  }
  if (dumpFile) {
    fs.writeFileSync(dumpFile, lines.join('\n') + '\n');
    console.log(`wrote ${lines.length} documents to ${dumpFile}`);
  }
}

main();
