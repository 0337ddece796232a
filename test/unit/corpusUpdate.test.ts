import * as assert from 'node:assert/strict';
import { Corpus } from '../../src/core/corpusIndex';
import type { CorpusOptions } from '../../src/core/corpus';
import { MemoryFileSystem, type CorpusFileSystem, type FileKind, type FileStat } from '../../src/core/fs';

/** A memory file system that records every call made to it. */
class CountingFileSystem implements CorpusFileSystem {
  stats: string[] = [];
  reads: string[] = [];
  listed: string[] = [];
  private clock = 1_000_000;

  constructor(readonly mem = new MemoryFileSystem()) {}

  async stat(path: string): Promise<FileStat | undefined> {
    this.stats.push(path);
    return this.mem.stat(path);
  }

  async readDirectory(path: string): Promise<Array<[string, FileKind]>> {
    this.listed.push(path);
    return this.mem.readDirectory(path);
  }

  async readFile(path: string): Promise<Uint8Array> {
    this.reads.push(path);
    return this.mem.readFile(path);
  }

  /** Write a file with a modification time of its own (two writes in one millisecond still differ). */
  write(path: string, content: string | Uint8Array): void {
    this.mem.write(path, content);
    this.mem.touch(path, ++this.clock);
  }

  touch(path: string): void {
    this.mem.touch(path, ++this.clock);
  }

  delete(path: string): void {
    this.mem.delete(path);
  }

  forget(): void {
    this.stats = [];
    this.reads = [];
    this.listed = [];
  }
}

const FOOTER = 'Subscribe to our newsletter for the daily news digest.';
const article = (topic: string, n: number, footer = FOOTER) =>
  `Report ${n} on the ${topic}\n\nThe council met on Monday to discuss the ${topic} in detail, number ${n} of the series.\n\n` +
  `Officials said the ${topic} would cost more than planned, according to the minutes.\n\n${footer}\n`;

const TOPICS = ['bridge repairs', 'harbour dredging', 'school meals', 'tram extension', 'library hours', 'flood barrier'];

/** A corpus of a few folders, with a footer repeated across documents (boilerplate after three). */
function seed(fs: CountingFileSystem, count = 12): string[] {
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    const path = `/c/${['', 'news/', 'news/2021/', 'archive/'][i % 4]}item${i}.txt`;
    fs.write(path, article(TOPICS[i % TOPICS.length], i));
    paths.push(path);
  }
  return paths;
}

async function loaded(fs: CountingFileSystem, opts: CorpusOptions = {}): Promise<Corpus> {
  const corpus = new Corpus(fs, ['/c'], opts);
  await corpus.load();
  fs.forget();
  return corpus;
}

/** Everything a search or a citation can see of the index, in a comparable form. */
function contents(corpus: Corpus): unknown {
  const docs = [...corpus.index.documents()]
    .sort((a, b) => (a.path < b.path ? -1 : 1))
    .map((d) => ({ path: d.path, root: d.root, metadata: d.metadata, passages: d.passages.map((p) => [p.kind, p.start, p.end, p.text, p.speaker]) }));
  const searches = [...TOPICS, 'subscribe newsletter daily digest', 'council met monday', 'cost more than planned', 'zebrafish'].map((q) =>
    corpus
      .search(q, { limit: 50 })
      // Ties rank by passage id and near-identical passages fold into the first: compare what is found, each with its score.
      .flatMap((r) => [r.passage, ...(r.alsoIn ?? [])].map((p) => `${p.doc.path}:${p.start}-${p.end}:${r.score.toFixed(6)}`))
      .sort(),
  );
  const skipped = corpus.skipped.map((s) => `${s.path}: ${s.reason}`).sort();
  return { docs, searches, skipped, documents: corpus.index.documentCount, passages: corpus.index.passageCount };
}

/** The index a full load of the same files builds from nothing. */
async function fresh(fs: CountingFileSystem, opts: CorpusOptions = {}): Promise<unknown> {
  const corpus = new Corpus(fs.mem, ['/c'], opts);
  await corpus.load();
  return contents(corpus);
}

/** Documents with a passage the query finds that holds these words (the same passage in several counted in each). */
const docsFound = (corpus: Corpus, query: string, words: string) => [
  ...new Set(
    corpus
      .search(query, { limit: 50 })
      .flatMap((r) => [r.passage, ...(r.alsoIn ?? [])])
      .filter((p) => p.text.toLowerCase().includes(words))
      .map((p) => p.doc.path),
  ),
].sort();

suite('corpus: updating changed paths only', () => {
  test('an update stats and reads only the paths it is given: the roots are not walked', async () => {
    const fs = new CountingFileSystem();
    const paths = seed(fs, 40);
    const corpus = await loaded(fs);
    fs.write(paths[5], article('ferry timetable', 5));
    fs.write(paths[22], article('ferry timetable', 22));
    fs.write('/c/news/added.txt', article('ferry timetable', 99));
    const changed = [paths[5], paths[22], '/c/news/added.txt'];

    const summary = await corpus.update(changed);
    assert.deepEqual(fs.listed, [], 'no folder is listed');
    assert.deepEqual([...fs.stats].sort(), [...changed].sort(), 'each changed path is looked at once, nothing else');
    assert.deepEqual([...fs.reads].sort(), [...changed].sort(), 'only the changed files are read');
    assert.equal(summary.read, 3);
    assert.equal(summary.checked, 3);
    assert.equal(summary.updated, 3);
    assert.equal(summary.documents, 41);
    assert.deepEqual(docsFound(corpus, 'ferry timetable', 'ferry timetable'), [...changed].sort());

    // A full load of the same corpus looks at every file.
    fs.forget();
    const full = await corpus.load();
    assert.equal(full.checked, 41);
    assert.ok(fs.listed.length >= 4, 'a load walks the folders');
    assert.equal(full.read, 0, 'the update left nothing for the load to read');
  });

  test('added, changed, touched and deleted files; the index ends as a full load builds it', async () => {
    const fs = new CountingFileSystem();
    const paths = seed(fs);
    const corpus = await loaded(fs);

    fs.write('/c/news/new.md', article('zebrafish protocol', 50, 'Zebrafish ending line that only this article carries.'));
    let summary = await corpus.update(['/c/news/new.md']);
    assert.equal(summary.read, 1);
    assert.equal(summary.documents, 13);
    assert.deepEqual(docsFound(corpus, 'zebrafish protocol council', 'zebrafish'), ['/c/news/new.md']);
    assert.deepEqual(await fresh(fs), contents(corpus), 'after an addition');

    fs.write(paths[3], article('zebrafish protocol', 3));
    summary = await corpus.update([paths[3]]);
    assert.equal(summary.read, 1);
    assert.deepEqual(docsFound(corpus, 'zebrafish protocol council', 'zebrafish'), ['/c/news/new.md', paths[3]].sort());
    assert.deepEqual(docsFound(corpus, 'tram extension council', 'tram extension'), [paths[9]], 'the old text of the changed file is gone');
    assert.deepEqual(await fresh(fs), contents(corpus), 'after a change');

    // Saved without a change: read to compare its hash, the indexed document stands.
    const before = corpus.document(paths[4]);
    fs.touch(paths[4]);
    fs.forget();
    summary = await corpus.update([paths[4]]);
    assert.deepEqual(fs.reads, [paths[4]]);
    assert.equal(summary.read, 1);
    assert.equal(corpus.document(paths[4]), before, 'the same indexed document');
    fs.forget();
    assert.equal((await corpus.update([paths[4]])).read, 0, 'its new time is known: not read again');
    assert.deepEqual(fs.reads, []);

    fs.delete(paths[1]);
    fs.forget();
    summary = await corpus.update([paths[1]]);
    assert.deepEqual(fs.stats, [paths[1]]);
    assert.deepEqual(fs.reads, []);
    assert.equal(summary.documents, 12);
    assert.equal(corpus.document(paths[1]), undefined);
    assert.deepEqual(await fresh(fs), contents(corpus), 'after a deletion');
  });

  test('a repeated line turns boilerplate when an update brings a third document carrying it, and back', async () => {
    const fs = new CountingFileSystem();
    const line = 'Follow the Harbour Gazette for more on this story every day.';
    fs.write('/c/a.txt', article('bridge repairs', 1, line));
    fs.write('/c/b.txt', article('harbour dredging', 2, line));
    const corpus = await loaded(fs);
    assert.equal(docsFound(corpus, 'follow harbour gazette story', 'follow the harbour').length, 2);
    fs.write('/c/c.txt', article('school meals', 3, line));
    await corpus.update(['/c/c.txt']);
    assert.deepEqual(docsFound(corpus, 'follow harbour gazette story', 'follow the harbour'), []);
    assert.deepEqual(await fresh(fs), contents(corpus));
    fs.delete('/c/c.txt');
    await corpus.update(['/c/c.txt']);
    assert.equal(docsFound(corpus, 'follow harbour gazette story', 'follow the harbour').length, 2);
    assert.deepEqual(await fresh(fs), contents(corpus));
  });

  test('a deleted folder takes every document under it along, from one path', async () => {
    const fs = new CountingFileSystem();
    const paths = seed(fs);
    const corpus = await loaded(fs);
    const underNews = paths.filter((p) => p.startsWith('/c/news/'));
    assert.ok(underNews.some((p) => p.startsWith('/c/news/2021/')), 'documents two folders down');
    for (const p of underNews) fs.delete(p);

    const summary = await corpus.update(['/c/news']);
    assert.deepEqual(fs.stats, ['/c/news']);
    assert.deepEqual(fs.listed, []);
    assert.equal(summary.documents, paths.length - underNews.length);
    for (const p of underNews) assert.equal(corpus.document(p), undefined, p);
    assert.ok(corpus.document('/c/item0.txt'));
    assert.deepEqual(await fresh(fs), contents(corpus));
  });

  test('a created folder is walked, and only it; its rules are those of a full listing', async () => {
    const fs = new CountingFileSystem();
    seed(fs);
    const corpus = await loaded(fs, { exclude: ['drafts/'] });
    fs.write('/c/copied/one.txt', article('zebrafish protocol', 60));
    fs.write('/c/copied/inner/two.md', article('zebrafish protocol', 61));
    fs.write('/c/copied/table.csv', 'a,b\n1,2\n');
    fs.write('/c/copied/.hidden.txt', article('zebrafish protocol', 62));
    fs.write('/c/copied/node_modules/three.txt', article('zebrafish protocol', 63));
    fs.write('/c/copied/drafts/four.txt', article('zebrafish protocol', 64));
    fs.write('/c/copied/sources.json', '{}');

    const summary = await corpus.update(['/c/copied']);
    assert.deepEqual(fs.listed.sort(), ['/c/copied', '/c/copied/inner'], 'only the new folder is listed, and not its ignored or excluded folders');
    assert.equal(summary.read, 2);
    assert.equal(summary.checked, 3, 'the folder and its two documents');
    assert.ok(corpus.document('/c/copied/one.txt'));
    assert.ok(corpus.document('/c/copied/inner/two.md'));
    assert.equal(corpus.document('/c/copied/node_modules/three.txt'), undefined);
    assert.equal(corpus.document('/c/copied/drafts/four.txt'), undefined);
    assert.ok(corpus.skipped.some((s) => s.path === '/c/copied/table.csv' && /not a supported document type/.test(s.reason)), JSON.stringify(corpus.skipped));
    assert.deepEqual(await fresh(fs, { exclude: ['drafts/'] }), contents(corpus));

    // The events for the files in the folder may come with the folder's: the walk covers them.
    fs.write('/c/copied/inner/two.md', article('ferry timetable', 61));
    fs.forget();
    await corpus.update(['/c/copied', '/c/copied/inner/two.md', '/c/copied/one.txt']);
    assert.deepEqual(fs.reads, ['/c/copied/inner/two.md']);
    assert.equal(fs.stats.filter((p) => p === '/c/copied/inner/two.md').length, 1, 'looked at once');
    assert.deepEqual(await fresh(fs, { exclude: ['drafts/'] }), contents(corpus));
  });

  test('paths that fail the rules: wrong type and too large are skipped with a reason, excluded and hidden ones ignored', async () => {
    const fs = new CountingFileSystem();
    seed(fs);
    const opts = { exclude: ['drafts/**', '*.tmp.txt'], maxFileBytes: 2000 };
    const corpus = await loaded(fs, opts);
    fs.write('/c/news/sheet.xlsx', 'not a document');
    fs.write('/c/news/huge.txt', article('zebrafish protocol', 70) + 'x'.repeat(3000));
    fs.write('/c/drafts/plan.txt', article('zebrafish protocol', 71));
    fs.write('/c/news/note.tmp.txt', article('zebrafish protocol', 72));
    fs.write('/c/.git/HEAD.txt', article('zebrafish protocol', 73));
    fs.write('/c/node_modules/pkg/readme.md', article('zebrafish protocol', 74));
    fs.write('/c/news/.draft.txt', article('zebrafish protocol', 75));
    fs.write('/c/news/sources.json', '{}');
    const paths = [
      '/c/news/sheet.xlsx',
      '/c/news/huge.txt',
      '/c/drafts/plan.txt',
      '/c/news/note.tmp.txt',
      '/c/.git/HEAD.txt',
      '/c/node_modules/pkg/readme.md',
      '/c/news/.draft.txt',
      '/c/news/sources.json',
    ];

    const summary = await corpus.update(paths);
    assert.deepEqual(fs.reads, [], 'nothing is read');
    assert.deepEqual(fs.listed, []);
    assert.equal(summary.read, 0);
    assert.equal(summary.documents, 12);
    assert.deepEqual(docsFound(corpus, 'zebrafish protocol', 'zebrafish'), []);
    const reasons = new Map(summary.skipped.map((s) => [s.path, s.reason]));
    assert.match(reasons.get('/c/news/sheet.xlsx') ?? '', /not a supported document type/);
    assert.match(reasons.get('/c/news/huge.txt') ?? '', /too large/);
    assert.equal(reasons.size, 2, JSON.stringify([...reasons]));
    assert.deepEqual(await fresh(fs, opts), contents(corpus));

    // An indexed file that grows too large leaves the index, with the reason; shrunk, it comes back.
    fs.write('/c/item0.txt', article('bridge repairs', 0) + 'y'.repeat(3000));
    await corpus.update(['/c/item0.txt']);
    assert.equal(corpus.document('/c/item0.txt'), undefined);
    assert.match(corpus.skipped.find((s) => s.path === '/c/item0.txt')?.reason ?? '', /too large/);
    assert.deepEqual(await fresh(fs, opts), contents(corpus));
    fs.write('/c/item0.txt', article('bridge repairs', 0));
    await corpus.update(['/c/item0.txt']);
    assert.ok(corpus.document('/c/item0.txt'));
    assert.equal(corpus.skipped.find((s) => s.path === '/c/item0.txt'), undefined);
    assert.deepEqual(await fresh(fs, opts), contents(corpus));
  });

  test('a path outside the roots is ignored without being looked at', async () => {
    const fs = new CountingFileSystem();
    seed(fs);
    fs.write('/elsewhere/x.txt', article('zebrafish protocol', 80));
    fs.write('/c2/y.txt', article('zebrafish protocol', 81));
    const corpus = await loaded(fs);
    const summary = await corpus.update(['/elsewhere/x.txt', '/c2/y.txt', '/c/../elsewhere/z.txt']);
    assert.deepEqual(fs.stats, []);
    assert.deepEqual(fs.listed, []);
    assert.equal(summary.updated, 0);
    assert.equal(corpus.document('/elsewhere/x.txt'), undefined);
    assert.equal(corpus.document('/c2/y.txt'), undefined);
    assert.equal(summary.documents, 12);
  });

  test('a root itself, a folder holding one, a sidecar at a root, or an update before the first load lists the whole corpus', async () => {
    const fs = new CountingFileSystem();
    seed(fs);
    const first = new Corpus(fs, ['/c']);
    const summary = await first.update(['/c/item0.txt']);
    assert.equal(summary.documents, 12, 'nothing loaded yet: a full load');
    assert.equal(summary.updated, undefined);

    const corpus = await loaded(fs);
    fs.write('/c/sources.json', JSON.stringify({ 'item0.txt': { outlet: 'The Harbour Gazette' } }));
    const sidecar = await corpus.update(['/c/sources.json']);
    assert.ok(fs.listed.includes('/c'), 'the roots are listed');
    assert.equal(sidecar.updated, undefined);
    assert.equal(corpus.document('/c/item0.txt')?.metadata.outlet, 'The Harbour Gazette');
    assert.deepEqual(await fresh(fs), contents(corpus));

    for (const path of ['/c', '/']) {
      fs.forget();
      const summary = await corpus.update([path]);
      assert.ok(fs.listed.includes('/c'), path);
      assert.equal(summary.updated, undefined, path);
    }
  });

  test('a string of random edits brought in by updates ends where a full load does', async () => {
    const fs = new CountingFileSystem();
    const paths = seed(fs, 20);
    const corpus = await loaded(fs);
    let seedValue = 7;
    const random = (n: number) => {
      seedValue = (seedValue * 1103515245 + 12345) % 2147483648;
      return seedValue % n;
    };
    const all = [...paths, '/c/news/x1.txt', '/c/archive/x2.md', '/c/new/deep/x3.txt'];
    for (let round = 0; round < 15; round++) {
      const batch: string[] = [];
      for (let k = 0; k < 1 + random(4); k++) {
        const path = all[random(all.length)];
        const action = random(3);
        if (action === 0) fs.delete(path);
        else fs.write(path, article(TOPICS[random(TOPICS.length)], random(100), random(2) ? FOOTER : `Ending ${round} ${k}, said nobody in particular here.`));
        batch.push(path);
      }
      await corpus.update(batch);
      assert.deepEqual(contents(corpus), await fresh(fs), `round ${round}: ${batch.join(', ')}`);
    }
  });
});
