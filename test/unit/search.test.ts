import * as assert from 'node:assert/strict';
import { Corpus } from '../../src/core/corpusIndex';
import { NodeFileSystem, toCorePath } from '../../src/cli/nodeFs';
import { PassageIndex, boundedDistance, intersect } from '../../src/core/search';
import { buildDocument } from '../../src/core/corpus';
import { stem, tokenize } from '../../src/core/tokenize';
import { DEMO_CORPUS } from './helpers';
import fc from 'fast-check';

/** An index over in-memory documents, each `[path, text]`. */
function indexOf(...docs: Array<[string, string]>): PassageIndex {
  const index = new PassageIndex();
  for (const [path, text] of docs) index.addDocument(buildDocument(path, '/c', text));
  return index;
}

suite('search', () => {
  let corpus: Corpus;
  suiteSetup(async function () {
    this.timeout(30_000);
    corpus = new Corpus(new NodeFileSystem(), [toCorePath(DEMO_CORPUS)]);
    await corpus.load();
  });

  const top = (q: string, n = 1) => corpus.search(q, { limit: n }).map((r) => r.passage.text);

  test('words still being typed', () => {
    assert.match(top('serious consequ')[0], /serious consequences/);
    assert.match(top('Kuleba deterrence pack')[0], /deterrence package/);
  });

  test('a typo in the word still being typed, or two in a short word', () => {
    assert.match(top('Stoltnbe')[0], /Stoltenberg/);
    assert.ok(top('Lavorf', 5).some((t) => /Lavrov/.test(t)));
  });

  test('typos', () => {
    assert.match(top('Stoltenbrg highly symbolic Riga')[0], /I find it highly symbolic/);
    assert.match(top('hard-hiting sanctoins')[0], /hard-hitting sanctions/);
    assert.match(top('Kremlin agressive rethoric')[0], /aggressive rhetoric/);
  });

  test('words out of order', () => {
    assert.match(top('troops 90,000 amassed Ukraine')[0], /more than 90,000 troops/);
  });

  test('figures written another way', () => {
    for (const q of ['90000 troops', '90 000 troops', 'ninety thousand troops', '90 thousand troops']) {
      assert.match(top(q)[0], /more than 90,000 troops/, q);
    }
    assert.match(top('70k Russian troops')[0], /around 70,000 Russian troops/);
  });

  test('names spelled as other outlets spell them', () => {
    assert.match(top('Zelenskyy coup attempt Kiev')[0], /Zelenskyi had recently warned/);
    assert.match(top('Sergey Lavrov phone call')[0], /phone call with Russian Foreign Minister Sergei Lavrov/);
    assert.match(top('Antony Blinken transatlantic unity')[0], /Anthony Blinken/);
    const index = indexOf(
      ['/c/a.txt', 'Talks In Two Capitals Today\n\nThe ministers held talks in Minsk on Friday morning.\n'],
      ['/c/b.txt', 'Talks In Two Capitals Again\n\nThe ministers held talks in Kyiv on Friday morning.\n'],
    );
    assert.equal(index.search('talks in Kiev')[0].passage.doc.path, '/c/b.txt');
    assert.equal(index.search('talks in Kiev').length, 2);
  });

  test('the quotation when the query is within the quoted words, the sentence when it is not', () => {
    const index = indexOf([
      '/c/a.txt',
      'Alliance Meets In The North Today\n\nThe ministers met in Oslo on Tuesday to review the northern flank.\n\n' +
        '“The alliance stands united against every threat to the north,” Stoltenberg said after the meeting.\n',
    ]);
    const quote = index.search('alliance stands united')[0].passage;
    assert.equal(quote.kind, 'quote');
    assert.equal(quote.text, 'The alliance stands united against every threat to the north');
    const sentence = index.search('Stoltenberg said alliance united')[0].passage;
    assert.equal(sentence.kind, 'sentence');
    assert.match(sentence.text, /Stoltenberg said after the meeting/);
  });

  test('facts outrank plain sentences that match as well', () => {
    const index = indexOf([
      '/c/a.txt',
      'Border Report From The North\n\nThe army keeps many troops along the northern border this winter.\n\n' +
        'The army keeps 70,000 troops along the northern border this winter.\n',
    ]);
    const results = index.search('army troops northern border');
    assert.deepEqual(
      results.map((r) => r.passage.kind),
      ['fact', 'sentence'],
    );
  });

  test('the same passage from several outlets comes once, with the others in alsoIn', () => {
    const sentence = 'Putin said he wants legal guarantees that NATO would not expand further east and deploy weapons near Russia’s borders.';
    const index = indexOf(
      ['/c/a.txt', `First Outlet Headline Here\n\n${sentence}\n\nThe talks ended without an agreement on Friday evening.\n`],
      ['/c/b.txt', `Second Outlet Headline Here\n\nOn Wednesday, ${sentence}\n\nAnalysts expect further talks in January next year.\n`],
      ['/c/c.txt', 'Third Outlet Headline Here\n\nNATO said it would not give Putin any guarantees about its expansion.\n'],
    );
    const results = index.search('legal guarantees NATO expand further east');
    assert.equal(results[0].passage.doc.path, '/c/a.txt');
    assert.deepEqual(
      results[0].alsoIn?.map((p) => p.doc.path),
      ['/c/b.txt'],
    );
    const duplicate = results[0].alsoIn?.[0];
    assert.ok(results.every((r) => r.passage !== duplicate));
    assert.ok(results.some((r) => r.passage.doc.path === '/c/c.txt' && r.alsoIn === undefined));
  });

  test('a quotation and the sentence around it are not duplicates of each other', () => {
    const results = corpus.search('unprovoked and unexplained', { limit: 5 });
    const doc = results[0].passage.doc;
    const fromDoc = results.filter((r) => r.passage.doc === doc).map((r) => r.passage.kind);
    assert.ok(fromDoc.includes('quote') && fromDoc.includes('sentence'), fromDoc.join());
    assert.ok(results.every((r) => !(r.alsoIn ?? []).some((p) => p.doc === r.passage.doc)));
  });

  test('the same quotation in several demo articles is listed once', () => {
    const results = corpus.search('Putin legal guarantees expand further east', { limit: 5 });
    const files = [results[0].passage, ...(results[0].alsoIn ?? [])].map((p) => p.doc.relPath).sort();
    assert.deepEqual(files, ['001_4ba1c61a50a83e94.txt', '002_eaa28be1ff3a4a8b.txt']);
  });

  test('kinds filter', () => {
    const all = corpus.search('Russia Ukraine', { limit: 50 });
    assert.ok(new Set(all.map((r) => r.passage.kind)).size > 1);
    const results = corpus.search('Russia Ukraine', { limit: 50, kinds: ['quote'] });
    assert.ok(results.length > 0);
    assert.ok(results.every((r) => r.passage.kind === 'quote'));
  });

  test('scores are ordered, lower is better, within [0, 1]', () => {
    const results = corpus.search('Lavrov conflict', { limit: 10 });
    assert.ok(results.length > 3);
    for (let i = 1; i < results.length; i++) assert.ok(results[i - 1].score <= results[i].score);
    assert.ok(results.every((r) => r.score >= 0 && r.score <= 1));
  });

  test('a shorter list is the head of a longer one: candidates left unread could not have ranked higher', () => {
    // Every passage of the demo corpus that states a fact or a quotation gives a query: its first words, its key words.
    const queries: string[] = [];
    for (const doc of corpus.index.documents()) {
      for (const p of doc.passages) {
        const words = p.text.split(/\s+/).filter((w) => w.length > 3);
        if (words.length >= 6) queries.push(words.slice(0, 3).join(' '), `${words[5]} ${words[1]} ${words[3]}`);
      }
    }
    assert.ok(queries.length > 100, `${queries.length} queries`);
    let compared = 0;
    for (const q of queries) {
      const long = corpus.search(q, { limit: 20 }).map((r) => r.passage.id);
      for (const n of [1, 3, 5]) {
        assert.deepEqual(corpus.search(q, { limit: n }).map((r) => r.passage.id), long.slice(0, n), `"${q}", limit ${n}`);
        compared++;
      }
    }
    assert.ok(compared > 300);
  });

  test('nothing for an empty or stop-word query, or a zero limit', () => {
    assert.deepEqual(corpus.search('', {}), []);
    assert.deepEqual(corpus.search('the of and', {}), []);
    assert.deepEqual(corpus.search('Lavrov', { limit: 0 }), []);
  });

  test('documents can be removed and re-added', () => {
    const index = new PassageIndex();
    const a = buildDocument('/c/a.txt', '/c', 'Alpha Title Line Here\n\nThe zebra crossed the frozen river at dawn.\n');
    const b = buildDocument('/c/b.txt', '/c', 'Beta Title Line Here\n\nThe zebra slept under a tree all afternoon.\n');
    index.addDocument(a);
    index.addDocument(b);
    assert.equal(index.search('zebra').length, 2);
    index.removeDocument('/c/a.txt');
    assert.deepEqual(index.search('zebra').map((r) => r.passage.doc.path), ['/c/b.txt']);
    assert.equal(index.passageCount, 1);
    // Removed words are found neither by prefix nor as a typo.
    assert.deepEqual(index.search('froz'), []);
    assert.deepEqual(index.search('frozne'), []);
    index.addDocument(buildDocument('/c/a.txt', '/c', 'Alpha Title Line Here\n\nNo striped animals in this one, only a frozen river.\n'));
    assert.deepEqual(index.search('zebra').map((r) => r.passage.doc.path), ['/c/b.txt']);
    assert.equal(index.search('frozen river')[0].passage.doc.path, '/c/a.txt');
  });

  test('edit distance counts a transposition as one edit', () => {
    assert.equal(boundedDistance('stoltenbrg', 'stoltenberg', 2), 1);
    assert.equal(boundedDistance('sanctoins', 'sanctions', 1), 1);
    assert.equal(boundedDistance('abcdef', 'uvwxyz', 2), 3);
    assert.equal(boundedDistance('kitten', 'sitting', 3), 3);
  });

  test('edit distance agrees with the whole table (optimal string alignment), capped at max + 1', () => {
    // The textbook table, every cell, no shortcuts: the reference.
    const reference = (a: string, b: string): number => {
      const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
      for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
          d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
      return d[a.length][b.length];
    };
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 9 });
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 3 }), (a, b, max) => {
        assert.equal(boundedDistance(a, b, max), Math.min(reference(a, b), max + 1), `${a} ${b} ${max}`);
      }),
      { seed: 20261123, numRuns: 3000 },
    );
    // Long words use larger rows, reused afterwards.
    assert.equal(boundedDistance('a'.repeat(100) + 'xy', 'a'.repeat(100) + 'yx', 1), 1);
    assert.equal(boundedDistance('sanctoins', 'sanctions', 1), 1);
  });

  test('intersecting a pool with a stretch of postings finds exactly the shared ids', () => {
    const sorted = fc.uniqueArray(fc.integer({ min: 0, max: 400 }), { maxLength: 120 }).map((a) => a.sort((x, y) => x - y));
    fc.assert(
      fc.property(sorted, sorted, fc.nat(20), fc.nat(20), (pool, list, cutFront, cutBack) => {
        const from = Math.min(cutFront, list.length);
        const to = Math.max(from, list.length - cutBack);
        const out = new Uint32Array(pool.length);
        const n = intersect(Uint32Array.from(pool), Uint32Array.from(list), from, to, out);
        const inList = new Set(list.slice(from, to));
        assert.deepEqual([...out.subarray(0, n)], pool.filter((x) => inList.has(x)));
      }),
      { seed: 20261123, numRuns: 2000 },
    );
  });

  test('tokens: numbers normalised, stems, stop words', () => {
    assert.deepEqual(tokenize('More than 90,000 troops').map((t) => t.term), ['90000', 'troop']);
    assert.equal(stem('sanctions'), 'sanction');
    assert.equal(stem('process'), 'process');
  });
});
