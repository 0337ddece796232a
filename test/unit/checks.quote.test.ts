import * as assert from 'node:assert/strict';
import { align, dishonestSkip, parseQuote } from '../../src/core/checks/quote';
import { describeDiff, wordDiff } from '../../src/core/checks/diff';
import { words } from '../../src/core/checks/words';
import { similarity } from '../../src/core/checks/similarity';

const SOURCE = '"We do not want a conflict, as the president of Russia, Vladimir Putin has said", he reiterated.';

function run(quote: string, source = SOURCE) {
  const pattern = parseQuote(quote);
  const list = words(source);
  const a = align(pattern, list);
  return { a, pattern, list, diff: wordDiff(a, pattern, quote, list, source), dishonest: dishonestSkip(a, pattern, list) };
}

suite('checks: quotations against the source', () => {
  test('the exact words match, whatever the punctuation, case and typographic quotes', () => {
    assert.ok(run('We do not want a conflict, as the president of Russia').a.exact);
    assert.ok(run('we do not want a conflict as the President of Russia').a.exact);
    assert.ok(run('Russia’s', 'Russia\'s borders').a.exact);
  });

  test('dropped words are shown as such: "We want a conflict" vs "We do not want a conflict"', () => {
    const { a, diff } = run('We want a conflict');
    assert.equal(a.exact, false);
    assert.deepEqual(diff.filter((d) => d.type !== 'equal'), [{ type: 'dropped', source: 'do not' }]);
    assert.equal(describeDiff(diff), 'dropped “do not”');
  });

  test('inserted and changed words', () => {
    const inserted = run('We do not really want a conflict');
    assert.deepEqual(inserted.diff.filter((d) => d.type !== 'equal'), [{ type: 'inserted', quote: 'really' }]);
    const changed = run('We do not want a war, as the president of Russia');
    assert.deepEqual(changed.diff.filter((d) => d.type !== 'equal'), [{ type: 'changed', quote: 'war', source: 'conflict' }]);
    assert.equal(describeDiff(changed.diff), 'changed “conflict” to “war”');
  });

  test('an ellipsis stands for omitted words, in any of its spellings', () => {
    for (const e of ['…', '...', '[…]', '[...]', '. . .']) {
      const { a, dishonest } = run(`We do not want a conflict ${e} Vladimir Putin has said`);
      assert.ok(a.exact, e);
      assert.equal(dishonest, undefined, e);
    }
  });

  test('a bracket stands for a clarification; [sic] and in-word brackets are read through', () => {
    assert.ok(run('[Lavrov] do not want a conflict').a.exact, 'bracket in place of "We"');
    assert.ok(run('[t]he president of Russia').a.exact);
    assert.ok(run('We do not want a conflict [sic], as the president').a.exact);
  });

  test('an ellipsis or bracket that hides a negation is not honest', () => {
    const gap = run('We do … want a conflict');
    assert.ok(gap.a.exact);
    assert.deepEqual(gap.dishonest?.words, ['not']);
    const bracket = run('We [truly] want a conflict');
    assert.deepEqual(bracket.dishonest?.words, ['do', 'not']);
  });

  test('the quoted words are aligned with the best place in a longer passage', () => {
    const source = 'Lavrov said Russia also favours a diplomatic solution. ' + SOURCE + ' Earlier, Putin warned NATO.';
    const { a, list } = run('as the president of Russia', source);
    assert.ok(a.exact);
    assert.equal(source.slice(list[a.from].start, list[a.to - 1].end), 'as the president of Russia');
  });

  test('similarity: edit distance ratio, 0 below the threshold', () => {
    assert.equal(similarity('abc', 'abc', 0.9), 1);
    assert.ok(similarity('lavrov said russia also favours a diplomatic solution', 'lavrov said russia also favors a diplomatic solution', 0.85) > 0.95);
    assert.equal(similarity('lavrov said russia also favours a diplomatic solution', 'lavrov said russia favours a political solution', 0.85), 0);
  });
});
