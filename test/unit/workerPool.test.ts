import * as assert from 'node:assert/strict';
import * as nodeFs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Corpus, type CorpusSummary } from '../../src/core/corpusIndex';
import { MemoryFileSystem } from '../../src/core/fs';
import { NodeFileSystem, toCorePath } from '../../src/cli/nodeFs';
import type { IndexCacheStore } from '../../src/core/indexCache';
import { Vocabulary, TermMap } from '../../src/core/vocabulary';
import { WordNumbering, type DocumentPreparers } from '../../src/core/prepare';
import { indexTermIds, indexTerms } from '../../src/core/tokenize';
import { WorkerPool } from '../../src/core/workerPool';
import type { Logger } from '../../src/core/types';
import { DEMO_CORPUS, FIXTURES } from './helpers';

/** The cache bytes a corpus saves: the whole index, byte for byte. */
class CapturedCache implements IndexCacheStore {
  readonly location = 'memory://captured';
  bytes: Uint8Array | undefined;
  async read(): Promise<Uint8Array | undefined> {
    return undefined;
  }
  async write(bytes: Uint8Array): Promise<void> {
    this.bytes = bytes.slice();
  }
}

class LogLines implements Logger {
  readonly lines: string[] = [];
  info = (m: string) => this.lines.push(`info ${m}`);
  warn = (m: string) => this.lines.push(`warn ${m}`);
  error = (m: string) => this.lines.push(`error ${m}`);
}

/**
 * A corpus of every kind of file: the demo articles in several folders (some edited, so that
 * documents differ), HTML, PDF and DOCX documents, a broken and a locked PDF, a binary file, a file
 * that is not UTF-8, and metadata overrides from a sidecar.
 */
function mixedCorpus(): MemoryFileSystem {
  const fs = new MemoryFileSystem();
  const demo = nodeFs.readdirSync(DEMO_CORPUS).filter((f) => f.endsWith('.txt'));
  for (const [k, folder] of ['a', 'b', 'c', 'd/e'].entries()) {
    for (const [i, name] of demo.entries()) {
      const text = nodeFs.readFileSync(path.join(DEMO_CORPUS, name), 'utf8');
      // Each folder keeps a different share of each article, and adds a sentence of its own.
      const lines = text.split('\n');
      const kept = lines.slice(0, Math.max(3, Math.round((lines.length * (k + 2 + i)) / (k + 6 + i))));
      fs.write(`/c/${folder}/${name}`, `${kept.join('\n')}\n\nThe folder ${folder} holds ${k + i + 2} more reports on the Ministry’s £${k}.${i}bn plan, “said” no one.\n`);
    }
  }
  for (const name of nodeFs.readdirSync(path.join(FIXTURES, 'readers'))) {
    if (!name.endsWith('.sh')) fs.write(`/c/readers/${name}`, nodeFs.readFileSync(path.join(FIXTURES, 'readers', name)));
  }
  fs.write('/c/bad/binary.txt', new Uint8Array([1, 2, 0, 3, 4, 0, 5]));
  fs.write('/c/bad/latin1.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0x61, 0x75, 0x20, 0x6c, 0x61, 0x69, 0x74]));
  fs.write('/c/sources.json', JSON.stringify({ [`a/${demo[0]}`]: { outlet: 'The Sidecar Times', date: '2024-05-06' } }));
  return fs;
}

/** A pool that counts what it is asked to prepare. */
function countingPool(threads: number, script?: string): { start: () => DocumentPreparers; pools: WorkerPool[]; asked: () => number } {
  const pools: WorkerPool[] = [];
  let asked = 0;
  return {
    pools,
    asked: () => asked,
    start: () => {
      const pool = new WorkerPool(threads, script);
      const prepare = pool.prepare.bind(pool);
      pool.prepare = (...args) => {
        asked++;
        return prepare(...args);
      };
      pools.push(pool);
      return pool;
    },
  };
}

function summaryShape(s: CorpusSummary): unknown {
  return { documents: s.documents, passages: s.passages, skipped: s.skipped, missingRoots: s.missingRoots, read: s.read };
}

suite('indexing in worker threads', function () {
  // Worker threads start in tens of milliseconds; a slow machine may take longer for the PDF reader.
  this.timeout(60_000);

  test('a corpus indexed in worker threads is the one indexed on one thread, byte for byte, with the same skipped files', async () => {
    const fs = mixedCorpus();
    const single = new CapturedCache();
    const one = new Corpus(fs, ['/c'], { cache: single });
    const oneSummary = await one.load();
    const pooled = new CapturedCache();
    const workers = countingPool(2);
    const log = new LogLines();
    const many = new Corpus(fs, ['/c'], { cache: pooled, workers: workers.start, workerMinBytes: 0, log });
    const manySummary = await many.load();

    assert.equal(workers.pools.length, 1, 'one pool for the load');
    assert.ok(workers.asked() >= 20, `documents prepared in the threads: ${workers.asked()}`);
    assert.ok(workers.pools[0].closed, 'the threads are closed when the load ends');
    assert.ok(log.lines.includes('info Indexing in 2 worker threads'), log.lines.join('\n'));
    assert.ok(oneSummary.documents >= 22 && oneSummary.skipped.length >= 4, JSON.stringify(summaryShape(oneSummary)));
    assert.deepEqual(summaryShape(manySummary), summaryShape(oneSummary));
    assert.ok(single.bytes && pooled.bytes);
    assert.ok(Buffer.from(pooled.bytes).equals(Buffer.from(single.bytes)), 'the saved index differs');
    assert.equal(many.document(`/c/a/${nodeFs.readdirSync(DEMO_CORPUS)[0]}`)?.metadata.outlet, 'The Sidecar Times');
    for (const query of ['flood barrier vote', 'harbour brdge', 'Ministry plan £2.1bn', 'said the minister']) {
      const ids = (c: Corpus) => c.search(query, { limit: 10 }).map((r) => `${r.passage.doc.path}:${r.passage.start}-${r.passage.end}:${r.score.toFixed(6)}`);
      assert.deepEqual(ids(many), ids(one), query);
    }
  });

  test('files on disk are read by the threads themselves: the same index; a touched file with the same content is not prepared again', async () => {
    const mem = mixedCorpus();
    const dir = nodeFs.mkdtempSync(path.join(os.tmpdir(), 'sourced-disk-'));
    try {
      const files: string[] = [];
      const copy = async (from: string, to: string): Promise<void> => {
        for (const [name, kind] of await mem.readDirectory(from)) {
          if (kind === 'directory') {
            nodeFs.mkdirSync(path.join(to, name));
            await copy(`${from}/${name}`, path.join(to, name));
          } else {
            nodeFs.writeFileSync(path.join(to, name), await mem.readFile(`${from}/${name}`));
            // (A changed sidecar has every file indexed again.)
            if (name !== 'sources.json') files.push(path.join(to, name));
          }
        }
      };
      await copy('/c', dir);
      const root = toCorePath(dir);
      const disk = new NodeFileSystem();
      const reads: string[] = [];
      const counting = Object.assign(Object.create(disk) as NodeFileSystem, {
        readFile: (p: string) => {
          reads.push(p);
          return disk.readFile(p);
        },
      });
      const single = new CapturedCache();
      await new Corpus(disk, [root], { cache: single }).load();
      const pooled = new CapturedCache();
      const workers = countingPool(2);
      const corpus = new Corpus(counting, [root], { cache: pooled, workers: workers.start, workerMinBytes: 0 });
      const first = await corpus.load();
      assert.deepEqual(reads.filter((p) => !p.endsWith('/sources.json')), [], 'the main thread read no document');
      assert.ok(pooled.bytes && single.bytes && Buffer.from(pooled.bytes).equals(Buffer.from(single.bytes)), 'the saved index differs');

      // Every file touched (a new time, the same content): read again, prepared by nobody, the documents stand.
      const docsBefore = files.map((f) => corpus.document(toCorePath(f)));
      const later = new Date(Date.now() + 60_000);
      for (const f of files) nodeFs.utimesSync(f, later, later);
      const asked = workers.asked();
      const again = await corpus.load();
      assert.equal(again.read, first.read, 'every file is read again');
      assert.ok(workers.asked() > asked, 'by the threads');
      assert.equal(workers.pools.length, 2);
      files.forEach((f, i) => assert.equal(corpus.document(toCorePath(f)), docsBefore[i], `${f} was indexed again`));
      assert.equal(again.passages, first.passages);

      // A file the threads cannot read is skipped with the reason.
      const missing = Object.assign(Object.create(disk) as NodeFileSystem, {
        localPath: (p: string) => (p.endsWith('/bad/latin1.txt') ? path.join(dir, 'gone.txt') : p),
      });
      const broken = await new Corpus(missing, [root], { workers: countingPool(1).start, workerMinBytes: 0 }).load();
      const skip = broken.skipped.find((s) => s.path.endsWith('/bad/latin1.txt'));
      assert.match(skip?.reason ?? '', /^cannot be read: ENOENT: no such file or directory/);
    } finally {
      nodeFs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a small load is indexed on the thread that asked: no threads are started', async () => {
    const fs = mixedCorpus();
    const workers = countingPool(2);
    const corpus = new Corpus(fs, ['/c'], { workers: workers.start });
    const summary = await corpus.load();
    assert.ok(summary.documents > 0);
    assert.equal(workers.pools.length, 0);
  });

  test('the files of a thread that stops are indexed on the main thread, with a warning, and nothing is lost', async () => {
    const dir = nodeFs.mkdtempSync(path.join(os.tmpdir(), 'sourced-dying-'));
    const script = path.join(dir, 'dying.js');
    // A thread that dies on the first document it is sent.
    nodeFs.writeFileSync(script, "require('node:worker_threads').parentPort.on('message', () => process.exit(7));\n");
    try {
      const fs = mixedCorpus();
      const single = new CapturedCache();
      await new Corpus(fs, ['/c'], { cache: single }).load();
      const log = new LogLines();
      const pooled = new CapturedCache();
      const workers = countingPool(2, script);
      const corpus = new Corpus(fs, ['/c'], { cache: pooled, workers: workers.start, workerMinBytes: 0, log });
      await corpus.load();
      assert.ok(workers.asked() >= 1);
      assert.ok(log.lines.some((l) => /^warn an indexing thread stopped \(exit code 7\); its files are indexed on the main thread$/.test(l)), log.lines.join('\n'));
      assert.ok(pooled.bytes && single.bytes && Buffer.from(pooled.bytes).equals(Buffer.from(single.bytes)), 'the saved index differs');
    } finally {
      nodeFs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a load cancelled part way stops sending files, closes the threads and keeps what it indexed', async () => {
    const fs = mixedCorpus();
    const workers = countingPool(2);
    const corpus = new Corpus(fs, ['/c'], { workers: workers.start, workerMinBytes: 0 });
    let indexed = 0;
    const summary = await corpus.load({ onProgress: (p) => (indexed = p.done), isCancelled: () => indexed >= 5 });
    assert.equal(summary.cancelled, true);
    assert.equal(summary.read, 5);
    assert.ok(workers.pools[0].closed);
    const total = (await new Corpus(fs, ['/c']).load()).documents;
    assert.ok(summary.documents <= 5 && summary.documents < total, `${summary.documents} of ${total}`);
    // Sent ahead of the fifth: read ahead, never indexed, and not more than the read-ahead allows.
    assert.ok(workers.asked() > 5 && workers.asked() <= 5 + 2 * 16, String(workers.asked()));
  });

  test('threads that cannot start: the load runs on one thread and says why', async () => {
    const fs = mixedCorpus();
    const log = new LogLines();
    const corpus = new Corpus(fs, ['/c'], {
      workers: () => {
        throw new Error('no threads here');
      },
      workerMinBytes: 0,
      log,
    });
    const summary = await corpus.load();
    assert.ok(summary.documents >= 22);
    assert.ok(log.lines.includes('warn Indexing on one thread: worker threads cannot start (no threads here)'), log.lines.join('\n'));
  });
});

suite('term numbering across threads', () => {
  test('terms numbered by another thread get the ids a single thread would give them, also after the vocabulary is rebased', () => {
    const texts = ['The barrier vote was delayed', 'A vote on the flood barrier', 'Delayed again: the barrier, the vote'];
    const direct = new Vocabulary();
    const expected = texts.map((t) => {
      const out: number[] = [];
      indexTermIds(t, direct.termIds, out);
      return out;
    });
    const numbering = new WordNumbering();
    const map = new TermMap();
    const vocab = new Vocabulary();
    texts.forEach((text, i) => {
      const out: number[] = [];
      indexTermIds(text, numbering.termIds, out);
      const sent = numbering.take();
      map.learn(sent.first, sent.words);
      const ids = Uint32Array.from(out);
      map.translate(vocab, ids);
      assert.deepEqual([...ids], expected[i], text);
      assert.deepEqual([...ids].map((id) => vocab.term(id)), indexTerms(text), text);
    });
    // After a rebase the ids change: the map looks the terms up again.
    vocab.rebase();
    const text = 'the vote on the barrier';
    const out: number[] = [];
    indexTermIds(text, numbering.termIds, out);
    const sent = numbering.take();
    assert.equal(sent.words.length, 0, 'no new words');
    map.learn(sent.first, sent.words);
    const ids = Uint32Array.from(out);
    map.translate(vocab, ids);
    assert.deepEqual([...ids].map((id) => vocab.term(id)), indexTerms(text));
  });

  test('a term the other thread never sent is an error, not a wrong id', () => {
    const map = new TermMap();
    map.learn(0, ['vote']);
    assert.throws(() => map.translate(new Vocabulary(), Uint32Array.of(0, 1)), /term 1 was not sent/);
  });
});
