import * as assert from 'node:assert/strict';
import { completionQuery } from '../../src/core/completionQuery';

function at(lineWithCursor: string) {
  const i = lineWithCursor.indexOf('|');
  return completionQuery(lineWithCursor.replace('|', ''), i);
}

suite('completion query', () => {
  test('after a curly opening quote', () => {
    assert.deepEqual(at('Blinken warned of “serious consequ|'), { query: 'serious consequ', trigger: 'quote', start: 18, end: 34 });
  });

  test('after a straight quote, covering the auto-closed one', () => {
    const q = at('He said "serious consequ|"');
    assert.equal(q?.query, 'serious consequ');
    assert.equal(q?.trigger, 'quote');
    assert.equal(q?.start, 8);
    assert.equal(q?.end, 25);
  });

  test('a closed quotation is not a trigger', () => {
    const q = at('He said “hi” and then serious consequ|');
    assert.equal(q?.trigger, 'none');
  });

  test('after the prefix', () => {
    const q = at('Troops: @@90,000 troo|');
    assert.deepEqual(q, { query: '90,000 troo', trigger: 'prefix', start: 8, end: 21 });
  });

  test('a single @ (Pandoc citation) is no prefix', () => {
    assert.equal(at('As shown by @smith2020 serious|')?.trigger, 'none');
  });

  test('without a trigger: at most 8 words since the sentence start', () => {
    const q = at('First sentence. one two three four five six seven eight nine|');
    assert.equal(q?.query, 'two three four five six seven eight nine');
    assert.equal(q?.trigger, 'none');
    assert.equal(at('- list item words|')?.query, 'list item words');
  });

  test('a sentence end with closing quotes and footnote references is a boundary', () => {
    assert.equal(at('More text.[^2] Blinken warned of serious consequ|')?.query, 'Blinken warned of serious consequ');
    assert.equal(at('He said “no.”[^3][^4] Then words|')?.query, 'Then words');
  });

  test('nothing inside a footnote definition', () => {
    assert.equal(at('[^1]: “Title”, foo|'), undefined);
  });
});
