import * as assert from 'node:assert/strict';
import { Corpus } from '../../src/core/corpusIndex';
import { NodeFileSystem, toCorePath } from '../../src/cli/nodeFs';
import { PassageIndex, boundedDistance } from '../../src/core/search';
import { buildDocument } from '../../src/core/corpus';
import { stem, tokenize } from '../../src/core/tokenize';
import { DEMO_CORPUS } from './helpers';

suite('search', () => {
  let corpus: Corpus;
  suiteSetup(async () => {
    corpus = new Corpus(new NodeFileSystem(), [toCorePath(DEMO_CORPUS)]);
    await corpus.load();
  });

  const top = (q: string, n = 1) => corpus.search(q, { limit: n }).map((r) => r.passage.text);

  test('words still being typed', () => {
    assert.match(top('serious consequ')[0], /He warned Lavrov of “serious consequences”/);
  });

  test('typos', () => {
    assert.match(top('Stoltenbrg highly symbolic Riga')[0], /I find it highly symbolic/);
    assert.match(top('hard-hiting sanctoins')[0], /hard-hitting sanctions/);
  });

  test('words out of order', () => {
    assert.match(top('troops 90,000 amassed Ukraine')[0], /more than 90,000 troops/);
  });

  test('scores are ordered, lower is better, within [0, 1]', () => {
    const results = corpus.search('Lavrov conflict', { limit: 10 });
    assert.ok(results.length > 3);
    for (let i = 1; i < results.length; i++) assert.ok(results[i - 1].score <= results[i].score);
    assert.ok(results.every((r) => r.score >= 0 && r.score <= 1));
  });

  test('nothing for an empty or stop-word query', () => {
    assert.deepEqual(corpus.search('', {}), []);
    assert.deepEqual(corpus.search('the of and', {}), []);
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
    index.addDocument(buildDocument('/c/a.txt', '/c', 'Alpha Title Line Here\n\nNo striped animals in this one, only a frozen river.\n'));
    assert.deepEqual(index.search('zebra').map((r) => r.passage.doc.path), ['/c/b.txt']);
    assert.equal(index.search('frozen river')[0].passage.doc.path, '/c/a.txt');
  });

  test('tokens: numbers normalised, stems, stop words', () => {
    assert.deepEqual(tokenize('More than 90,000 troops').map((t) => t.term), ['90000', 'troop']);
    assert.equal(stem('sanctions'), 'sanction');
    assert.equal(stem('process'), 'process');
    assert.equal(boundedDistance('stoltenbrg', 'stoltenberg', 2), 1);
    assert.equal(boundedDistance('abcdef', 'uvwxyz', 2), 3);
  });
});
