import * as assert from 'node:assert/strict';
import { canonicalSpelling, collapseDoubles } from '../../src/core/aliases';
import { normalizeWord, termOf, tokenize } from '../../src/core/tokenize';

const terms = (text: string) => tokenize(text).map((t) => t.term);

suite('search tokens', () => {
  test('one term for each way a name is spelled', () => {
    const same = (...words: string[]) => {
      const keys = new Set(words.map((w) => termOf(normalizeWord(w))));
      assert.equal(keys.size, 1, `${words.join(', ')} → ${[...keys].join(', ')}`);
    };
    same('Zelenskiy', 'Zelenskyy', 'Zelenskyi', 'Zelensky', 'Zelenskij');
    same('Sergei', 'Sergey');
    same('Alexei', 'Alexey', 'Aleksei');
    same('Kiev', 'Kyiv');
    same('Anthony', 'Antony');
    same('Dmitriy', 'Dmitry', 'Dmitrii');
    same('Mohammed', 'Mohamed', 'Muhammad');
    same('Kharkov', 'Kharkiv');
    same('favour', 'favor');
    same('organisation', 'organization');
    same('centre', 'center');
    same('defence', 'defense');
  });

  test('different words stay different', () => {
    const differ = (a: string, b: string) => assert.notEqual(termOf(normalizeWord(a)), termOf(normalizeWord(b)), `${a} / ${b}`);
    differ('reed', 'red');
    differ('feed', 'fed');
    differ('four', 'for');
    differ('Kyiv', 'Kuleba');
    differ('sergeant', 'sergey');
    differ('war', 'warn');
  });

  test('spelling rules', () => {
    assert.equal(canonicalSpelling('zelenskyy'), 'zelensky');
    assert.equal(canonicalSpelling('sergei'), 'sergey');
    assert.equal(canonicalSpelling('kiev'), 'kyiv');
    assert.equal(canonicalSpelling('labour'), 'labor');
    assert.equal(canonicalSpelling('tour'), 'tour');
    assert.equal(collapseDoubles('hitting'), 'hiting');
    assert.equal(collapseDoubles('committee'), 'comitee');
    assert.equal(collapseDoubles('reed'), 'reed');
  });

  test('figures: digits whichever way they are written', () => {
    for (const text of ['90,000', '90 000', '90.000', '90000', 'ninety thousand', 'ninety-thousand', '90 thousand', '90k']) {
      assert.deepEqual(terms(text), ['90000'], text);
    }
    assert.deepEqual(terms('two thousand four'), ['2004']);
    assert.deepEqual(terms('one hundred and five'), ['105']);
    assert.deepEqual(terms('2.5 million'), ['2500000']);
    assert.deepEqual(terms('December 2nd'), ['december', '2']);
    assert.deepEqual(terms('two months'), ['2', 'month']);
    assert.deepEqual(terms('one, two'), ['1', '2']);
  });

  test('offsets of merged figures cover the words', () => {
    const text = 'about ninety thousand troops';
    const [figure] = tokenize(text);
    assert.equal(text.slice(figure.offset, figure.offset + figure.length), 'ninety thousand');
  });

  test('hyphenated compounds yield their parts and the joined word', () => {
    assert.deepEqual(terms('build-up'), ['build', 'buildup']);
    assert.deepEqual(terms('hard-hitting sanctions'), ['hard', 'hardhit', 'hit', 'sanction']);
    assert.deepEqual(terms('face-to-face'), ['face', 'facetofac', 'face']);
    assert.equal(terms('buildup')[0], 'buildup');
  });

  test('stems join inflections', () => {
    const same = (...words: string[]) => assert.equal(new Set(words.map((w) => termOf(w))).size, 1, words.join(', '));
    same('sanction', 'sanctions');
    same('invade', 'invades', 'invaded', 'invading');
    same('deteriorate', 'deteriorated', 'deteriorating');
    same('tweet', 'tweeted', 'tweets');
    same('planned', 'planning', 'plans');
  });
});
