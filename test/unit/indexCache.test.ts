import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as nodeFs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Corpus, type CorpusSummary } from '../../src/core/corpusIndex';
import { MemoryFileSystem, type CorpusFileSystem, type FileKind, type FileStat } from '../../src/core/fs';
import { decodeIndexCache, encodeIndexCache, INDEX_CACHE_VERSION, type CacheContents, type IndexCacheStore } from '../../src/core/indexCache';
import type { SearchResult } from '../../src/core/search';
import type { CorpusDocument, Logger, Passage } from '../../src/core/types';
import { DEMO_CORPUS, FIXTURES, REPO } from './helpers';

/** An index cache kept in memory, counting reads and writes. */
class MemoryCacheStore implements IndexCacheStore {
  readonly location = 'memory://index-cache';
  bytes: Uint8Array | undefined;
  reads = 0;
  writes = 0;
  failRead: Error | undefined;
  failWrite: Error | undefined;

  constructor(bytes?: Uint8Array) {
    this.bytes = bytes;
  }

  async read(): Promise<Uint8Array | undefined> {
    this.reads++;
    if (this.failRead) throw this.failRead;
    return this.bytes?.slice();
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (this.failWrite) throw this.failWrite;
    this.writes++;
    this.bytes = bytes.slice();
  }
}

/** The memory file system, recording which files were read. */
class CountingFs implements CorpusFileSystem {
  readonly reads: string[] = [];
  constructor(readonly mem: MemoryFileSystem) {}
  stat(p: string): Promise<FileStat | undefined> {
    return this.mem.stat(p);
  }
  readDirectory(p: string): Promise<Array<[string, FileKind]>> {
    return this.mem.readDirectory(p);
  }
  readFile(p: string): Promise<Uint8Array> {
    this.reads.push(p);
    return this.mem.readFile(p);
  }
  /** Documents read (the metadata sidecar is read on every load). */
  documentReads(): string[] {
    return this.reads.filter((p) => !p.endsWith('/sources.json')).sort();
  }
}

class LogLines implements Logger {
  readonly lines: string[] = [];
  info(m: string): void {
    this.lines.push(`info: ${m}`);
  }
  warn(m: string): void {
    this.lines.push(`warn: ${m}`);
  }
  error(m: string): void {
    this.lines.push(`error: ${m}`);
  }
  warnings(): string[] {
    return this.lines.filter((l) => l.startsWith('warn: ') && !l.includes('Skipped '));
  }
}

const ROOT = '/corpus';
const T0 = 1_700_000_000_000;
/** A site's line: a passage in one or two documents, hidden once it stands in three. */
const FOOTER = 'Baltic Ledger reporting from Tallinn, Riga and Vilnius every weekday.';
const FOOTER_QUERY = 'Baltic Ledger reporting Vilnius weekday';
const SHARED_FACT = 'The port of Tallinn handled 4.2 million tonnes of cargo in 2023, up 12% from the year before.';

const FILES: Record<string, string> = {
  'harbour.txt': [
    'Harbour talks in Tallinn end without a deal',
    '',
    'By Jane Roe',
    'March 3, 2024',
    '',
    '“We will not accept any deal that leaves the harbour closed to our fishermen,” said Kaja Tamm, the Estonian economy minister.',
    '',
    SHARED_FACT,
    '',
    'Negotiators met for nine hours on Friday without agreeing on the dredging schedule for the eastern quay.',
    '',
    FOOTER,
    '',
  ].join('\n'),
  'bridge.txt': [
    'Pärnu bridge closure hits summer trade',
    '',
    'By Mart Kask',
    'June 14, 2024',
    '',
    'Café owners in Pärnu said the closure of the Jõe bridge cost them 30% of their summer trade — about €1.5 million in all.',
    '',
    '“Nobody told us the bridge would be shut for the whole season,” said Liisa Saar, who runs a bakery on the river bank.',
    '',
    'The town council voted 14 to 3 on Tuesday to reopen one lane to pedestrians by 1 August.',
    '',
    FOOTER,
    '',
  ].join('\n'),
  'ferry.md': [
    '---',
    'title: Ferry fares to rise in the autumn',
    'author: Anna Berg',
    'date: 2024-09-02',
    'outlet: Island Courier',
    'url: https://example.org/ferry-fares',
    '---',
    '',
    '# Ferry fares to rise in the autumn',
    '',
    'Ferry operators will raise fares by 8% from 1 October, the ministry said on Monday.',
    '',
    '“The increase covers fuel and nothing else,” said Peeter Org, a spokesman for the operators’ association.',
    '',
    FOOTER,
    '',
  ].join('\n'),
  'wire.txt': [
    'Wire: cargo volumes at Baltic ports',
    '',
    SHARED_FACT,
    '',
    'Rotterdam remained the busiest port in Europe by a wide margin, the report said.',
    '',
  ].join('\n'),
  'sub/notes.txt': [
    'Notes from the ‘harbour forum’ 🚢 in Tallinn',
    '',
    'Der Minister sagte: „Wir bleiben dabei.“ Delegates applauded the remark — briefly.',
    '',
    'Straße, Øresund, naïve café, 東京: the forum’s glossary had 250 entries in 2022 🌊 and 310 in 2024.',
    '',
    '“We need the zebrafish survey before any dredging starts,” said Dr. Ülle Mägi, the forum’s marine biologist.',
    '',
  ].join('\n'),
  'sources.json': JSON.stringify({ 'wire.txt': { outlet: 'Baltic Wire Service', date: '2024-01-20' } }),
};

/** Other formats, read from the reader fixtures: HTML (source map), PDF (pages), DOCX (paragraphs). */
const BINARY = ['flood-barrier-vote.html', 'coastal-resilience.pdf', 'harbour-bridge-memo.docx'];

const QUERIES = [
  'harbour closed fishermen',
  'Kaja Tamm',
  '4.2 million tonnes cargo',
  'Café owners Pärnu',
  'cafe owners parnu',
  'zebrafish survey dredging',
  'Wir bleiben dabei',
  'glossary 250 entries',
  FOOTER_QUERY,
  'negotiat',
  'dredgng schedle',
  'ferry fares 8%',
  'flood funding',
  'insurance premiums lowest-lying streets',
  'buses diverted north crossing',
  'Councillor Ian Breck Independent group',
  'bridge',
];

function demoFs(opts: { binary?: boolean } = {}): MemoryFileSystem {
  const fs = new MemoryFileSystem();
  for (const [rel, text] of Object.entries(FILES)) fs.write(`${ROOT}/${rel}`, text);
  if (opts.binary) for (const name of BINARY) fs.write(`${ROOT}/formats/${name}`, new Uint8Array(nodeFs.readFileSync(path.join(FIXTURES, 'readers', name))));
  for (const rel of Object.keys(FILES)) fs.touch(`${ROOT}/${rel}`, T0);
  if (opts.binary) for (const name of BINARY) fs.touch(`${ROOT}/formats/${name}`, T0);
  return fs;
}

function passageView(p: Passage) {
  return { path: p.doc.path, start: p.start, end: p.end, kind: p.kind, text: p.text, speaker: p.speaker, figures: p.figures };
}

function resultsView(corpus: Corpus, queries = QUERIES) {
  return queries.map((q) => ({
    query: q,
    results: corpus.search(q, { limit: 10 }).map((r: SearchResult) => ({ ...passageView(r.passage), score: r.score, alsoIn: (r.alsoIn ?? []).map(passageView) })),
  }));
}

function documentView(d: CorpusDocument) {
  return {
    path: d.path,
    root: d.root,
    relPath: d.relPath,
    text: d.text,
    metadata: d.metadata,
    boilerplate: d.boilerplate,
    format: d.format,
    pages: d.pages,
    paragraphs: d.paragraphs,
    sourceMap: d.sourceMap,
    lineStarts: d.lineStarts,
    passages: d.passages.map(passageView),
  };
}

function documentsView(corpus: Corpus) {
  return [...corpus.index.documents()].map(documentView).sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** Every passage's text is the slice of its document its offsets name. */
function assertOffsetsHold(corpus: Corpus): void {
  for (const d of corpus.index.documents()) for (const p of d.passages) assert.equal(d.text.slice(p.start, p.end), p.text, `${d.path} ${p.start}-${p.end}`);
}

async function coldCorpus(fs: CorpusFileSystem, store?: IndexCacheStore, log?: Logger): Promise<{ corpus: Corpus; summary: CorpusSummary }> {
  const corpus = new Corpus(fs, [ROOT], { cache: store, log });
  const summary = await corpus.load();
  return { corpus, summary };
}

/** Offset in the cache file of a section (the documented layout: magic, version, header length, JSON header, 8-aligned body). */
function sectionAt(bytes: Uint8Array, name: string): { offset: number; length: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(12, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + headerLength))) as { sections: Record<string, [number, number]> };
  const body = (16 + headerLength + 7) & ~7;
  const [offset, length] = header.sections[name];
  assert.ok(length > 0, `section ${name} is empty`);
  return { offset: body + offset, length };
}

/** A deterministic byte generator. */
function pseudoRandomBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

suite('index cache: a warm start gives the index a cold one builds', function () {
  // PDF reading starts a worker thread; a busy machine is slow.
  this.timeout(60000);

  test('round trip: a new corpus over the same files loads everything from the cache and answers exactly as the cold one', async () => {
    const mem = demoFs({ binary: true });
    const store = new MemoryCacheStore();
    const coldFs = new CountingFs(mem);
    const { corpus: cold, summary: coldSummary } = await coldCorpus(coldFs, store);
    const documents = Object.keys(FILES).length - 1 + BINARY.length;
    assert.equal(coldSummary.documents, documents, JSON.stringify(coldSummary.skipped));
    assert.equal(coldSummary.read, documents);
    assert.ok(!coldSummary.fromCache);
    assert.equal(store.writes, 1, 'the cold load saves the cache');
    assert.ok(store.bytes && store.bytes.length > 0);

    // The corpus exercises what the cache must carry.
    const coldResults = resultsView(cold);
    const all = coldResults.flatMap((q) => q.results);
    assert.ok(all.some((r) => r.kind === 'quote' && r.speaker === 'Kaja Tamm'), 'a quote with its speaker');
    assert.ok(all.some((r) => r.kind === 'fact' && (r.figures?.length ?? 0) > 0), 'a fact with figures');
    assert.ok(all.some((r) => r.alsoIn.length > 0), 'a passage reported twice (alsoIn)');
    assert.ok(all.some((r) => r.text.includes('🚢') || r.text.includes('東京') || r.text.includes('„Wir')), 'unicode text beyond the BMP and curly quotes');
    assert.deepEqual(coldResults.find((q) => q.query === FOOTER_QUERY)?.results.filter((r) => r.text.includes(FOOTER)), []);
    const coldDocs = documentsView(cold);
    assert.ok(!coldDocs.some((d) => d.passages.some((p) => p.text.includes(FOOTER))), 'the repeated footer is hidden');
    const alone = new MemoryFileSystem();
    alone.write(`${ROOT}/harbour.txt`, FILES['harbour.txt']);
    const single = (await coldCorpus(alone)).corpus;
    assert.ok(single.document(`${ROOT}/harbour.txt`)?.passages.some((p) => p.text === FOOTER), 'in one document the footer is a passage');
    assert.deepEqual(new Set(coldDocs.map((d) => d.format)), new Set(['text', 'markdown', 'html', 'pdf', 'docx']));
    assert.ok(coldDocs.find((d) => d.format === 'html')?.sourceMap, 'the HTML document has a source map');
    assert.equal(coldDocs.find((d) => d.relPath === 'wire.txt')?.metadata.outlet, 'Baltic Wire Service', 'the sidecar applies');

    const warmFs = new CountingFs(mem);
    const log = new LogLines();
    const warm = new Corpus(warmFs, [ROOT], { cache: store, log });
    const summary = await warm.load();
    assert.equal(summary.read, 0);
    assert.equal(summary.fromCache, documents);
    assert.equal(summary.documents, documents);
    assert.equal(summary.passages, coldSummary.passages);
    assert.deepEqual(warmFs.documentReads(), [], 'no document file is read');
    assert.equal(store.writes, 1, 'an unchanged corpus does not rewrite the cache');
    assert.deepEqual(log.warnings(), []);
    assert.ok(log.lines.some((l) => l.startsWith('info: ') && l.includes(store.location)), log.lines.join('\n'));

    assert.deepEqual(resultsView(warm), coldResults);
    assert.deepEqual(documentsView(warm), coldDocs);
    assertOffsetsHold(warm);
    // A passage found by search is the one its document lists.
    const hit = warm.search('Kaja Tamm', { limit: 1 })[0].passage;
    assert.ok(hit.doc.passages.includes(hit));
  });

  test('after a warm start, a changed file is the only one read, a deleted one leaves, an added one is found; the next cache holds that state', async () => {
    const mem = demoFs();
    const store = new MemoryCacheStore();
    await coldCorpus(mem, store);
    const fs = new CountingFs(mem);
    const corpus = new Corpus(fs, [ROOT], { cache: store });
    assert.equal((await corpus.load()).fromCache, 5);
    const untouched = corpus.document(`${ROOT}/harbour.txt`);
    assert.ok(untouched);

    // Change one file.
    mem.write(`${ROOT}/bridge.txt`, FILES['bridge.txt'].replace('cost them 30% of their summer trade', 'cost them 45% of their autumn takings'));
    mem.touch(`${ROOT}/bridge.txt`, T0 + 1000);
    fs.reads.length = 0;
    let summary = await corpus.load();
    assert.equal(summary.read, 1);
    assert.deepEqual(fs.documentReads(), [`${ROOT}/bridge.txt`]);
    assert.equal(corpus.document(`${ROOT}/harbour.txt`), untouched, 'unchanged documents stay as they are');
    const changed = corpus.search('cafe owners autumn takings', { limit: 3 })[0]?.passage;
    assert.ok(changed && changed.text.includes('45% of their autumn takings'), JSON.stringify(changed?.text));
    assert.ok(!corpus.search('summer trade 30%', { limit: 10 }).some((r) => r.passage.text.includes('30% of their summer trade')));
    const writes = store.writes;
    assert.ok(writes >= 2, 'the change is saved');

    // Delete one: ferry.md held the third copy of the footer, which is now the site's line no more.
    mem.delete(`${ROOT}/ferry.md`);
    fs.reads.length = 0;
    summary = await corpus.load();
    assert.equal(summary.read, 0);
    assert.equal(summary.documents, 4);
    assert.equal(corpus.document(`${ROOT}/ferry.md`), undefined);
    assert.ok(!corpus.search('ferry fares 8%', { limit: 10 }).some((r) => r.passage.doc.path.endsWith('ferry.md')));
    const footer = corpus.search(FOOTER_QUERY, { limit: 10 }).flatMap((r) => [r.passage, ...(r.alsoIn ?? [])]);
    assert.deepEqual(footer.filter((p) => p.text === FOOTER).map((p) => p.doc.path).sort(), [`${ROOT}/bridge.txt`, `${ROOT}/harbour.txt`], 'in two documents the footer is a passage again');

    // Add one.
    mem.write(`${ROOT}/sub/new.txt`, 'Quay works begin\n\nCrews began driving piles for the new quay wall at Paldiski on Wednesday morning.\n');
    mem.touch(`${ROOT}/sub/new.txt`, T0 + 2000);
    fs.reads.length = 0;
    summary = await corpus.load();
    assert.equal(summary.read, 1);
    assert.deepEqual(fs.documentReads(), [`${ROOT}/sub/new.txt`]);
    assert.equal(summary.documents, 5);
    assert.equal(corpus.search('piles quay wall Paldiski', { limit: 1 })[0]?.passage.doc.path, `${ROOT}/sub/new.txt`);
    assert.ok(store.writes > writes, 'each load that changed something saves the cache');

    // The cache now written restores exactly this state.
    const nextFs = new CountingFs(mem);
    const next = new Corpus(nextFs, [ROOT], { cache: store });
    const restored = await next.load();
    assert.equal(restored.read, 0);
    assert.equal(restored.fromCache, 5);
    assert.deepEqual(nextFs.documentReads(), []);
    const queries = [...QUERIES, 'cafe owners autumn takings', 'piles quay wall Paldiski', 'ferry fares'];
    assert.deepEqual(resultsView(next, queries), resultsView(corpus, queries));
    assert.deepEqual(documentsView(next), documentsView(corpus));
    assert.deepEqual(documentsView(next), documentsView((await coldCorpus(mem)).corpus), 'and it is what a cold load of the files builds');
    assertOffsetsHold(next);
  });

  test('a file touched but not changed is read to be hashed, not indexed again: same document, same passage ids', async () => {
    const mem = demoFs();
    const store = new MemoryCacheStore();
    const fs = new CountingFs(mem);
    const { corpus } = await coldCorpus(fs, store);
    const check = async (c: Corpus, at: number) => {
      const before = c.document(`${ROOT}/harbour.txt`);
      assert.ok(before);
      const ids = before.passages.map((p) => p.id);
      const found = c.search('harbour closed fishermen', { limit: 1 })[0].passage;
      mem.touch(`${ROOT}/harbour.txt`, at);
      fs.reads.length = 0;
      const summary = await c.load();
      assert.equal(summary.read, 1, 'read, to compare its content');
      assert.deepEqual(fs.documentReads(), [`${ROOT}/harbour.txt`]);
      const after = c.document(`${ROOT}/harbour.txt`);
      assert.equal(after, before, 'the same document object');
      assert.deepEqual(after.passages.map((p) => p.id), ids);
      assert.equal(c.search('harbour closed fishermen', { limit: 1 })[0].passage, found, 'search returns the same passage');
    };
    await check(corpus, T0 + 5000);

    // Also after a warm start (the content hash comes from the cache), and the new time is saved.
    const warm = new Corpus(fs, [ROOT], { cache: store });
    assert.equal((await warm.load()).fromCache, 5);
    await check(warm, T0 + 9000);
    fs.reads.length = 0;
    const third = await new Corpus(fs, [ROOT], { cache: store }).load();
    assert.equal(third.read, 0, 'the touched time was saved: nothing to read');
    assert.deepEqual(fs.documentReads(), []);
  });

  test('a changed metadata sidecar makes a warm start read every file again', async () => {
    const mem = demoFs();
    const store = new MemoryCacheStore();
    await coldCorpus(mem, store);
    mem.write(`${ROOT}/sources.json`, JSON.stringify({ 'wire.txt': { outlet: 'Nordic Wire' } }));
    mem.touch(`${ROOT}/sources.json`, T0 + 3000);
    const corpus = new Corpus(mem, [ROOT], { cache: store });
    const summary = await corpus.load();
    assert.equal(summary.read, 5);
    assert.equal(corpus.document(`${ROOT}/wire.txt`)?.metadata.outlet, 'Nordic Wire');
  });
});

suite('index cache: a damaged or foreign cache is discarded, never trusted', function () {
  this.timeout(60000);
  let mem: MemoryFileSystem;
  let good: Uint8Array;
  let expectedResults: ReturnType<typeof resultsView>;
  let expectedDocs: ReturnType<typeof documentsView>;

  suiteSetup(async () => {
    mem = demoFs();
    const store = new MemoryCacheStore();
    const { corpus } = await coldCorpus(mem, store);
    assert.ok(store.bytes);
    good = store.bytes;
    expectedResults = resultsView(corpus);
    expectedDocs = documentsView(corpus);
    // The pristine cache is sound, so that what the cases below break is what they change.
    assert.equal((await new Corpus(mem, [ROOT], { cache: new MemoryCacheStore(good) }).load()).fromCache, 5);
  });

  /** Load with a damaged cache: a warning naming the cache and the reason, a full index from the files, a sound cache written in its place. */
  async function discarded(store: MemoryCacheStore, reason: RegExp, options: { roots?: string[]; maxFileBytes?: number } = {}): Promise<string> {
    const log = new LogLines();
    const fs = new CountingFs(mem);
    const corpus = new Corpus(fs, options.roots ?? [ROOT], { cache: store, log, maxFileBytes: options.maxFileBytes });
    const summary = await corpus.load();
    const warnings = log.warnings();
    assert.equal(warnings.length, 1, log.lines.join('\n'));
    const [warning] = warnings;
    assert.match(warning, /index cache/i);
    assert.ok(warning.includes(store.location), warning);
    assert.match(warning, reason);
    assert.ok(!summary.fromCache, 'nothing taken from the cache');
    assert.equal(summary.read, 5, 'every file indexed from the files');
    assert.equal(fs.documentReads().length, 5);
    assert.deepEqual(resultsView(corpus), expectedResults);
    assert.deepEqual(documentsView(corpus), expectedDocs);
    // The damaged cache was replaced by a sound one.
    const again = await new Corpus(mem, options.roots ?? [ROOT], { cache: new MemoryCacheStore(store.bytes), maxFileBytes: options.maxFileBytes }).load();
    assert.equal(again.fromCache, 5, 'the cache written after the rebuild is sound');
    return warning;
  }

  const damaged = (change: (b: Uint8Array) => Uint8Array | void) => {
    const b = good.slice();
    return new MemoryCacheStore(change(b) ?? b);
  };

  test('truncated bytes', async () => {
    await discarded(damaged((b) => b.subarray(0, b.length - 37)), /cut short|truncated|checksum/);
    await discarded(damaged((b) => b.subarray(0, 40)), /truncated header/);
    await discarded(damaged((b) => b.subarray(0, 12)), /not an index cache/);
  });

  test('one byte flipped in the texts', async () => {
    await discarded(
      damaged((b) => {
        const { offset, length } = sectionAt(b, 'text');
        b[offset + (length >> 1)] ^= 0x04;
      }),
      /checksum does not match/,
    );
  });

  test('one byte flipped in the postings', async () => {
    await discarded(
      damaged((b) => {
        const { offset, length } = sectionAt(b, 'data');
        b[offset + (length >> 1)] ^= 0x01;
      }),
      /checksum does not match/,
    );
  });

  test('wrong magic', async () => {
    await discarded(
      damaged((b) => {
        b[0] ^= 0x20;
      }),
      /not an index cache/,
    );
  });

  test('another format version', async () => {
    await discarded(
      damaged((b) => {
        new DataView(b.buffer, b.byteOffset, b.byteLength).setUint32(8, INDEX_CACHE_VERSION + 1, true);
      }),
      new RegExp(`version ${INDEX_CACHE_VERSION + 1}, expected ${INDEX_CACHE_VERSION}`),
    );
  });

  test('a cache made for other roots or other options', async () => {
    // The same files under another root set: /corpus plus a folder that is not there.
    const otherRoots = await (async () => {
      const store = new MemoryCacheStore(good.slice());
      const log = new LogLines();
      const corpus = new Corpus(mem, [ROOT, '/elsewhere'], { cache: store, log });
      const summary = await corpus.load();
      assert.ok(!summary.fromCache);
      assert.equal(summary.read, 5);
      assert.deepEqual(resultsView(corpus), expectedResults);
      return log.warnings().join('\n');
    })();
    assert.match(otherRoots, /index cache.*another corpus or other settings/i);
    await discarded(new MemoryCacheStore(good.slice()), /another corpus or other settings/, { maxFileBytes: 5_000_000 });
  });

  test('a store that cannot be read', async () => {
    const store = new MemoryCacheStore(good.slice());
    store.failRead = new Error('EACCES: permission denied');
    const warning = await discarded(store, /cannot be read.*EACCES: permission denied/);
    assert.match(warning, /Index cache/);
  });

  test('garbage bytes', async () => {
    await discarded(new MemoryCacheStore(pseudoRandomBytes(8192, 7)), /not an index cache/);
    await discarded(new MemoryCacheStore(new Uint8Array(0)), /not an index cache/);
    // The magic and version right, then nonsense.
    const junk = (headerLength: number, rest: Uint8Array) => {
      const b = new Uint8Array(16 + rest.length);
      b.set(good.subarray(0, 12));
      new DataView(b.buffer).setUint32(12, headerLength, true);
      b.set(rest, 16);
      return b;
    };
    await discarded(new MemoryCacheStore(junk(1_000_000, pseudoRandomBytes(64, 3))), /truncated header/);
    await discarded(new MemoryCacheStore(junk(64, pseudoRandomBytes(64, 3))), /unreadable header/);
  });

  /** Contents that pass the checksum (written by the encoder) but do not add up. */
  const tampered = (change: (c: CacheContents) => void, key?: string) => {
    const contents = decodeIndexCache(good, key ?? keyOfGood());
    change(contents);
    return new MemoryCacheStore(encodeIndexCache(contents));
  };
  const keyOfGood = () => {
    const view = new DataView(good.buffer, good.byteOffset, good.byteLength);
    return (JSON.parse(new TextDecoder().decode(good.subarray(16, 16 + view.getUint32(12, true)))) as { key: string }).key;
  };

  test('a sound checksum over contents that do not add up', async () => {
    await discarded(
      tampered((c) => {
        c.snapshot.postings.data[3] = c.snapshot.store.count + 7;
      }),
      /postings/,
    );
    await discarded(
      tampered((c) => {
        const d = c.snapshot.docs[0];
        c.snapshot.store.end[d.first + d.count - 1] = d.bytes.length + 10;
      }),
      /outside its text/,
    );
    await discarded(
      tampered((c) => {
        const d = c.snapshot.docs[1];
        c.snapshot.store.byteEnd[d.first] = d.bytes.length + 1;
      }),
      /outside its text/,
    );
    await discarded(
      tampered((c) => {
        c.snapshot.store.kind[2] = 9;
      }),
      /malformed/,
    );
    await discarded(
      tampered((c) => {
        c.snapshot.store.speaker[1] = c.snapshot.store.speakers.length + 3;
      }),
      /malformed/,
    );
    await discarded(
      tampered((c) => {
        c.snapshot.terms.reverse();
      }),
      /sorted/,
    );
    await discarded(
      tampered((c) => {
        c.snapshot.docs.pop();
      }),
      /passages without a document/,
    );
    await discarded(
      tampered((c) => {
        const d = c.snapshot.docs[1];
        c.snapshot.store.doc[d.first] = 0;
      }),
      /do not match/,
    );
  });

  test('a store that cannot be written: the load succeeds, a warning is logged, the next load writes it', async () => {
    const store = new MemoryCacheStore();
    store.failWrite = new Error('EROFS: read-only file system');
    const log = new LogLines();
    const corpus = new Corpus(mem, [ROOT], { cache: store, log });
    const summary = await corpus.load();
    assert.equal(summary.documents, 5);
    assert.deepEqual(resultsView(corpus), expectedResults);
    const warnings = log.warnings();
    assert.equal(warnings.length, 1, log.lines.join('\n'));
    assert.match(warnings[0], /Index cache/);
    assert.ok(warnings[0].includes(store.location));
    assert.match(warnings[0], /cannot be written: EROFS: read-only file system/);
    assert.equal(store.bytes, undefined);

    store.failWrite = undefined;
    assert.equal((await corpus.load()).read, 0);
    assert.equal(store.writes, 1, 'the unsaved index is written once the store works');
    assert.equal((await new Corpus(mem, [ROOT], { cache: store }).load()).fromCache, 5);
  });
});

suite('index cache: the command line', function () {
  this.timeout(120000);
  const CLI = path.join(REPO, 'dist/cli.js');
  const QUERY = 'legal guarantees NATO would not expand further east';
  let tmp: string;
  let corpusDir: string;
  let readLog: string;
  let spy: string;

  /** Runs the CLI, recording the files it reads through node:fs. */
  function run(args: string[], cacheDir: string) {
    nodeFs.writeFileSync(readLog, '');
    const r = spawnSync(process.execPath, ['--require', spy, CLI, ...args], {
      cwd: REPO,
      encoding: 'utf8',
      env: { ...process.env, SOURCED_CACHE_DIR: cacheDir, SOURCED_TEST_READ_LOG: readLog },
    });
    const reads = nodeFs
      .readFileSync(readLog, 'utf8')
      .split('\n')
      .filter((p) => p.startsWith(corpusDir));
    return { ...r, corpusReads: reads };
  }
  const search = (cacheDir: string, ...extra: string[]) => run(['search', '--json', '--corpus', corpusDir, ...extra, QUERY], cacheDir);
  const answer = (stdout: string) => {
    const out = JSON.parse(stdout) as { query: string; ms: number; results: unknown[] };
    return { query: out.query, results: out.results };
  };
  const cacheFiles = (dir: string) => (nodeFs.existsSync(dir) ? nodeFs.readdirSync(dir) : []);

  suiteSetup(() => {
    if (!nodeFs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
    tmp = nodeFs.mkdtempSync(path.join(os.tmpdir(), 'sourced-index-cache-'));
    corpusDir = path.join(tmp, 'corpus');
    nodeFs.cpSync(DEMO_CORPUS, corpusDir, { recursive: true });
    readLog = path.join(tmp, 'reads.log');
    spy = path.join(tmp, 'spy.js');
    nodeFs.writeFileSync(
      spy,
      `const fs = require('node:fs');
const readFile = fs.promises.readFile;
fs.promises.readFile = function (p, ...rest) {
  fs.appendFileSync(process.env.SOURCED_TEST_READ_LOG, String(p) + '\\n');
  return readFile.call(this, p, ...rest);
};
`,
    );
  });
  suiteTeardown(() => nodeFs.rmSync(tmp, { recursive: true, force: true }));

  test('the second run answers from the cache, reads no source and leaves the cache as it was', () => {
    const cacheDir = path.join(tmp, 'cache-warm');
    const first = search(cacheDir);
    assert.equal(first.status, 0, first.stderr);
    assert.equal(first.stderr, '');
    assert.equal(first.corpusReads.length, 5, 'the cold run reads every source');
    const files = cacheFiles(cacheDir);
    assert.equal(files.length, 1, files.join(', '));
    assert.match(files[0], /^corpus-[0-9a-z]+\.idx$/);
    const file = path.join(cacheDir, files[0]);
    const bytes = nodeFs.readFileSync(file);
    const mtime = nodeFs.statSync(file).mtimeMs;
    assert.ok(answer(first.stdout).results.length > 0);

    const second = search(cacheDir);
    assert.equal(second.status, 0, second.stderr);
    assert.equal(second.stderr, '');
    assert.deepEqual(second.corpusReads, [], 'the warm run reads no source');
    assert.deepEqual(answer(second.stdout), answer(first.stdout));
    assert.deepEqual(cacheFiles(cacheDir), files, 'no other file in the cache folder');
    assert.equal(nodeFs.statSync(file).mtimeMs, mtime, 'the cache is not rewritten');
    assert.ok(nodeFs.readFileSync(file).equals(bytes));

    // A cache for the same corpus, whichever way its folder is named.
    const relative = run(['search', '--json', '--corpus', path.relative(REPO, corpusDir), QUERY], cacheDir);
    assert.equal(relative.status, 0, relative.stderr);
    assert.deepEqual(relative.corpusReads, []);
    assert.deepEqual(cacheFiles(cacheDir), files);
  });

  test('--no-cache neither writes nor reads a cache', () => {
    const cacheDir = path.join(tmp, 'cache-none');
    const cold = search(cacheDir, '--no-cache');
    assert.equal(cold.status, 0, cold.stderr);
    assert.deepEqual(cacheFiles(cacheDir), [], 'nothing written');
    assert.equal(cold.corpusReads.length, 5);
    // With a cache in place, --no-cache still reads the sources.
    assert.equal(search(cacheDir).status, 0);
    assert.equal(cacheFiles(cacheDir).length, 1);
    const again = search(cacheDir, '--no-cache');
    assert.equal(again.corpusReads.length, 5);
    assert.deepEqual(answer(again.stdout), answer(cold.stdout));
  });

  test('a damaged cache file: a warning on standard error, correct results, and a sound cache afterwards', () => {
    const cacheDir = path.join(tmp, 'cache-damaged');
    const first = search(cacheDir);
    assert.equal(first.status, 0, first.stderr);
    const [name] = cacheFiles(cacheDir);
    const file = path.join(cacheDir, name);
    const bytes = nodeFs.readFileSync(file);
    bytes[bytes.length - 100] ^= 0x10;
    nodeFs.writeFileSync(file, bytes);

    const damagedRun = search(cacheDir);
    assert.equal(damagedRun.status, 0, damagedRun.stderr);
    assert.match(damagedRun.stderr, /^sourced: .*index cache/im);
    assert.ok(damagedRun.stderr.includes(file), damagedRun.stderr);
    assert.match(damagedRun.stderr, /checksum does not match/);
    assert.equal(damagedRun.corpusReads.length, 5, 'indexed from the sources');
    assert.deepEqual(answer(damagedRun.stdout), answer(first.stdout));

    const after = search(cacheDir);
    assert.equal(after.stderr, '');
    assert.deepEqual(after.corpusReads, [], 'the rewritten cache is used');
    assert.deepEqual(answer(after.stdout), answer(first.stdout));

    nodeFs.writeFileSync(file, 'not a cache at all');
    const garbage = search(cacheDir);
    assert.equal(garbage.status, 0, garbage.stderr);
    assert.match(garbage.stderr, /index cache.*not an index cache/i);
    assert.deepEqual(answer(garbage.stdout), answer(first.stdout));
  });
});
