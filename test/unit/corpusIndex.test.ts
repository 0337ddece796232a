import * as assert from 'node:assert/strict';
import { Corpus } from '../../src/core/corpusIndex';
import { MemoryFileSystem } from '../../src/core/fs';

const article = (n: number, footer: string) =>
  `Headline number ${n} of the day\n\nThe council met on Monday ${n} to discuss the bridge repairs in detail.\n\n${footer}\n`;
const FOOTER = 'Subscribe to our newsletter for the daily news digest.';

/** Documents a query finds, counting the same passage reported in several (alsoIn). */
function found(corpus: Corpus, query: string, words = query.split(' ')[0]): string[] {
  return corpus
    .search(query, { limit: 10 })
    .flatMap((r) => [r.passage, ...(r.alsoIn ?? [])])
    .filter((p) => p.text.toLowerCase().includes(words))
    .map((p) => p.doc.path)
    .sort();
}

suite('corpus: loading incrementally, and boilerplate across documents', () => {
  test('a short line repeated in three documents leaves the index; in two it stays', async () => {
    const fs = new MemoryFileSystem();
    fs.write('/c/a.txt', article(1, FOOTER));
    fs.write('/c/b.txt', article(2, FOOTER));
    const corpus = new Corpus(fs, ['/c']);
    await corpus.load();
    assert.deepEqual(found(corpus, 'subscribe newsletter daily digest'), ['/c/a.txt', '/c/b.txt'], 'two documents: still passages');

    fs.write('/c/c.txt', article(3, FOOTER));
    const summary = await corpus.load();
    assert.equal(summary.read, 1, 'only the new file is read');
    assert.deepEqual(found(corpus, 'subscribe newsletter daily digest'), []);
    // The articles' own text is untouched and positions do not move.
    assert.deepEqual(found(corpus, 'council met bridge repairs'), ['/c/a.txt', '/c/b.txt', '/c/c.txt']);
    const hit = corpus.search('council met bridge repairs', { limit: 5 });
    for (const r of hit) assert.equal(r.passage.doc.text.slice(r.passage.start, r.passage.end), r.passage.text);

    fs.delete('/c/c.txt');
    await corpus.load();
    assert.deepEqual(found(corpus, 'subscribe newsletter daily digest'), ['/c/a.txt', '/c/b.txt'], 'back to two: the line is a passage again');
  });

  test('removed files leave the index, changed files are read again, unchanged ones are not', async () => {
    const fs = new MemoryFileSystem();
    fs.write('/c/a.txt', article(1, 'Alpha ending sentence for the first article here.'));
    fs.write('/c/b.txt', article(2, 'Beta ending sentence for the second article here.'));
    const corpus = new Corpus(fs, ['/c']);
    assert.equal((await corpus.load()).read, 2);
    assert.equal((await corpus.load()).read, 0);
    fs.write('/c/b.txt', article(2, 'Gamma ending sentence replaces the second ending.'));
    assert.equal((await corpus.load()).read, 1);
    assert.deepEqual(found(corpus, 'gamma ending sentence'), ['/c/b.txt']);
    assert.deepEqual(found(corpus, 'beta ending sentence'), []);
    fs.delete('/c/a.txt');
    const after = await corpus.load();
    assert.equal(after.documents, 1);
    assert.deepEqual(found(corpus, 'alpha ending sentence'), []);
  });

  test('a load can be cancelled between files and finished later', async () => {
    const fs = new MemoryFileSystem();
    for (let i = 0; i < 5; i++) fs.write(`/c/${i}.txt`, article(i, `Ending ${i} with enough words to be a passage.`));
    const corpus = new Corpus(fs, ['/c']);
    const progress: number[] = [];
    const first = await corpus.load({ onProgress: (p) => progress.push(p.done), isCancelled: () => progress.length >= 2 });
    assert.equal(first.cancelled, true);
    assert.equal(first.documents, 2);
    const second = await corpus.load();
    assert.equal(second.read, 3);
    assert.equal(second.documents, 5);
  });
});

suite('corpus: reading while the listing runs', () => {
  /** 100 files whose sizes come one event-loop turn after they are asked for; what is asked for, in order. */
  function listedSlowly(): { fs: MemoryFileSystem; events: string[]; names: string[] } {
    const fs = new MemoryFileSystem();
    const names: string[] = [];
    for (let i = 0; i < 100; i++) {
      names.push(`/c/f${String(i).padStart(3, '0')}.txt`);
      fs.write(names[i], article(i, `Footer ${i} of the site.`));
    }
    const events: string[] = [];
    const stat = fs.stat.bind(fs);
    const readFile = fs.readFile.bind(fs);
    fs.stat = async (p) => {
      await new Promise((resolve) => setImmediate(resolve));
      events.push(`stat ${p}`);
      return stat(p);
    };
    fs.readFile = (p) => {
      events.push(`read ${p}`);
      return readFile(p);
    };
    return { fs, events, names };
  }

  test('a large load reads its first files before the listing has found the last; the index and the totals are those of the whole corpus', async () => {
    const { fs, events, names } = listedSlowly();
    const totals: number[] = [];
    const corpus = new Corpus(fs, ['/c'], { workerMinBytes: 0 });
    const summary = await corpus.load({ onProgress: (p) => totals.push(p.total) });
    assert.ok(events.indexOf(`read ${names[0]}`) < events.indexOf(`stat ${names[99]}`), 'the first file is read while the listing runs');
    assert.equal(summary.documents, 100);
    assert.equal(summary.read, 100);
    assert.equal(totals.length, 100);
    assert.ok(totals[0] < 100 && totals[99] === 100, `totals ${totals[0]} … ${totals[99]}`);
    for (let i = 1; i < totals.length; i++) assert.ok(totals[i] >= totals[i - 1] && totals[i] > i);
    assert.deepEqual(found(corpus, 'council met Monday 42 bridge repairs', 'monday 42'), ['/c/f042.txt']);
    // A file gone since: it leaves once the listing is over, as before.
    fs.delete(names[7]);
    const again = await corpus.load();
    assert.equal(again.documents, 99);
    assert.equal(again.read, 0);
  });

  test('a small load (fewer bytes than threads are worth) waits for the whole listing before it reads', async () => {
    const { fs, events, names } = listedSlowly();
    const summary = await new Corpus(fs, ['/c']).load();
    assert.ok(events.indexOf(`read ${names[0]}`) > events.indexOf(`stat ${names[99]}`));
    assert.equal(summary.documents, 100);
  });
});
