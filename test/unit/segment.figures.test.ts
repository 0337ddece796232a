import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { sentenceFacts } from '../../src/core/facts';
import { FIGURE_WORD_STARTS, figuresAt, figuresIn } from '../../src/core/figures';

const SEED = Number(process.env.SOURCED_FC_SEED ?? 20261124);
const RUNS = Number(process.env.SOURCED_FC_RUNS ?? 2000);

/** Text made of pieces, each chosen from `pieces`. */
function textOf(pieces: readonly string[], maxLength = 30): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength }).map((p) => p.join(''));
}

/**
 * Pieces of figures and of what sits next to them: currency signs, digits after letters, `_`, `.` and
 * letters outside ASCII (`ſ` and the Kelvin sign fold to ASCII letters only with `u`), month names
 * and number words in every case, whole or cut short, ordinals, percentages, ISO dates.
 */
const PIECES = [
  '$', '€', '£', '¥', '5', '12', '1,200', '3.5', '2014', '2014-03-05', '07', '%', 'per cent', 'percent', 'm', 'bn', 'million',
  'January', 'JAN', 'jan.', 'Sept.', 'sep', 'May', 'may', 'Mayor', 'Dec', 'december', 'st', 'th', 'of',
  'one', 'One', 'TWO', 'three', 'thirty', 'this', 'for', 'forty', 'four', 'hundred', 'Thousand', 'ten', 'tens', 'eleven', 'and', '-',
  'x', 'X', '_', 'é', 'ſ', '\u212a', ' ', ' ', ' ', '\u00a0', '.', ',', '(', '“', '\n',
];

/** Offsets of the words a figure may start with, by the rule `figuresAt` states: after no `[A-Za-z0-9_]`, three letters of FIGURE_WORD_STARTS. */
function figureWordsByRule(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i + 3 <= text.length; i++) {
    if (i > 0 && /\w/.test(text[i - 1])) continue;
    if (FIGURE_WORD_STARTS.includes(text.slice(i, i + 3).toLowerCase()) && /^[A-Za-z]{3}$/.test(text.slice(i, i + 3))) out.push(i);
  }
  return out;
}

suite('segmentation shortcuts: figures tried only where they may start', () => {
  test('figuresAt, given the words the rule names (or any more offsets), finds the figures figuresIn finds', () => {
    fc.assert(
      fc.property(textOf(PIECES), fc.array(fc.nat(), { maxLength: 8 }), (text, extra) => {
        const expected = figuresIn(text);
        const words = figureWordsByRule(text);
        assert.deepEqual(figuresAt(text, words, words.length), expected, JSON.stringify(text));
        const more = [...new Set([...words, ...extra.map((e) => e % (text.length + 1))])].sort((a, b) => a - b);
        assert.deepEqual(figuresAt(text, more, more.length), expected, JSON.stringify([text, more]));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test('sentenceFacts, in any surrounding text, finds the figures figuresIn finds', () => {
    const around = fc.constantFrom('', ' ', 'a', '_', '9', '$', '.', 'é', '\n');
    fc.assert(
      fc.property(around, textOf(PIECES), around, (prefix, sentence, suffix) => {
        const text = prefix + sentence + suffix;
        const facts = sentenceFacts(text, prefix.length, prefix.length + sentence.length, sentence);
        assert.deepEqual(facts.figures, figuresIn(sentence), JSON.stringify([prefix, sentence, suffix]));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test('figures next to one another, after currency signs and at the very start and end are all found', () => {
    for (const sentence of [
      '£5',
      '5 March 2020, $3m and €4.5bn, 12% of 1,200 on 2014-03-05',
      'On March 5th, 2020 twenty-one percent of one hundred and ten rose',
      'x5 _5 ſ5 \u212a5 é5 .5 a.5 5.5 £ 5 $ 1 000 000',
      'Sept. 7 and 7 of Sept 2019 and jan. 3 and DEC 25',
      'forty-two, forty two, Forty per cent, one, ten, tens, hundreds',
    ]) {
      const words = figureWordsByRule(sentence);
      assert.deepEqual(figuresAt(sentence, words, words.length), figuresIn(sentence), sentence);
      assert.deepEqual(sentenceFacts(sentence, 0, sentence.length, sentence).figures, figuresIn(sentence), sentence);
      assert.ok(figuresIn(sentence).length > 0, sentence);
    }
  });
});

suite('figures: dates', () => {
  test('a date is read from its words, its year the first number of four digits, its day the first of fewer; an ISO date as written', () => {
    const dates = figuresIn('It began on the 3rd of July 1863, resumed on 12 May, ended on December 1, 2021 and was recorded on 2024-03-05.')
      .filter((f) => f.kind === 'date')
      .map((f) => [f.text, f.value, f.normal]);
    assert.deepEqual(dates, [
      ['3rd of July 1863', 18630703, '1863-07-03'],
      ['12 May', 512, '05-12'],
      ['December 1, 2021', 20211201, '2021-12-01'],
      ['2024-03-05', 20240305, '2024-03-05'],
    ]);
  });
});
