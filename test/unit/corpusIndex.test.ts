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
