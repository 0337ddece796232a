import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { clearTermCaches, indexTermIds, indexTerms, primeTokenizer, tokenize } from '../../src/core/tokenize';
import { WordNumbering } from '../../src/core/prepare';
import { DEMO_CORPUS } from './helpers';

/**
 * indexTerms is tokenize's terms computed another way (a character-code scanner, tables of known words,
 * numbers and compounds merged in place). tokenize, written with one regular expression, is the
 * reference: on every input both must give the same terms in the same order.
 */

const SEED = Number(process.env.SOURCED_FC_SEED ?? 20240607);
const RUNS = Number(process.env.SOURCED_FC_RUNS ?? 400);

const reference = (text: string) => tokenize(text).map((t) => t.term);

function same(text: string): void {
  assert.deepEqual(indexTerms(text), reference(text), JSON.stringify(text));
}

const EDGE_CASES: Record<string, string[]> = {
  empty: ['', ' ', '\n\t  \r\n', '.,;:!?', '—', '-', "'", '’'],
  'thousands separators': [
    '90,000 troops',
    '90 000 troops',
    '90.000 troops',
    '90\u00a0000 and 90\u202f000',
    '1,000,000 and 1 000 000 and 1.000.000',
    '1,000,0001',
    '1,000,000,0001',
    '12 345 678 9012',
    '12,345,67',
    '1,234,567,890,123',
    '1234,567 and 1234 567',
    '5 100 200 people',
    'in 2021 100 people',
    '10,00',
    '1,000.5',
    '1,000th and 1,000s',
    '1,000abc',
  ],
  decimals: ['2.5 and 2,5', '3.14159', '0.5%', 'version 1.2.3', 'v1.2', '.5', '5.', '2.5.', '1.2e5', '007 and 0'],
  ordinals: ['2nd', '21st century', '3rd-party', '4th', '2ND 1St 3rD', '2.5th', '2nds', '1st-class', 'the 102nd', '11th-hour'],
  'scale suffixes': ['70k', '70K', '2.5m', '2,5m', '2.5M', '3bn', '3Bn', '100m.', '2.5m2', '5km', '70kg', '1990s', "'90s", "90's", 'x86 i386'],
  'numbers with scale words': [
    '5 million',
    '5-million',
    '5 - million',
    '5\u00a0million',
    '5\nmillion',
    '5, million',
    '2.5 million',
    '90 thousand',
    '5 bn',
    '1,000 million',
    '70k thousand',
    '2nd thousand',
    '1990s million',
    '5 constructor',
    '5 toString',
    'million 5',
    '5 million billion',
    '12 trillion trillion',
  ],
  'number words': [
    'ninety thousand',
    'Ninety Thousand troops',
    'two hundred and five',
    'two hundred, and five',
    'two hundred and',
    'hundred and five',
    'one',
    'One Two Three',
    'twenty-five',
    'twenty-five-year-old',
    'thousand thousand',
    'one and two',
    'a hundred and fifty-two thousand',
    'bn',
    'and',
    'nine hundred ninety nine',
    'zero',
  ],
  'ending mid-number': ['1,00', '2.', '3,', 'twenty', '5 ', '90 thou', 'costs 1,2', 'ends with 42', 'two hundred and'],
  apostrophes: [
    "don't",
    'don’t',
    "it's",
    'It’s',
    "James's",
    'James’',
    "rock'n'roll",
    "o'clock",
    "'quoted'",
    '‘quoted’',
    "can't'",
    '’s',
    '90’s',
    "it's9abc",
    "a'1",
    'l’État',
    'O’Brien',
    "x''y",
    "x'",
    "'x",
    "I'M",
    "we're",
    "y'all's",
  ],
  'hyphenated compounds': [
    'build-up',
    'a build-up of troops',
    'out-of-date',
    'state-of-the-art',
    'a-b-c-d-e',
    'a-b-c-d-e-f',
    'mother-in-law',
    'well--known',
    '-leading',
    'trailing-',
    'e-mail',
    'COVID-19',
    'covid-19-related',
    'x-1',
    'pre-2020',
    'F-16',
    'non-ASCII-café',
    'build‐up',
    'build - up',
    'Build-Up',
    'the-the',
    'two-thirds',
    'one-two-three-four',
    'it’s-a-deal',
    'top-10',
    'x-ray x-ray-like',
  ],
  'non-Latin scripts': ['Ωμέγα ΟΔΟΣ', '日本語のテキスト', 'Русский текст', 'العربية ١٢٣', 'हिन्दी', 'עברית', '한국어', 'ไทย'],
  accents: ['café résumé naïve Zürich', 'İstanbul', 'ß Straße STRASSE', 'ﬁnance', 'x² ²', '①', 'Ⅻ', 'e\u0301te', 'ÉCOLE', 'Ångström'],
  'emoji and astral': ['🙂 smile 👍🏽 👨‍👩‍👧', '𝐀𝐁𝐂 bold', '\ud800abc', 'abc\udc00', 'a🙂b', '𝟙𝟚𝟛'],
  'stop words': ['The and of to a in is it', 'THE', 'It’s what they said', 'a an and', 'not no do does'],
  'word lengths and case': [
    'ABCDEFGHIJKLMNOP abcdefghijklmnop',
    'ABCDEFGHIJKLMNOPQ abcdefghijklmnopq',
    'Internationalization internationalisation',
    'abcd abcde abcdefgh abcdefghi abcdefghijkl abcdefghijklm',
    'Zelenskiy Zelenskyy KIEV Kyiv favour Organise centre',
    'sanctions invaded hitting',
    // Differ only in their 13th and 17th characters, and in the 1st and 5th (a packing that overlaps them would mix them up).
    'abcdefghijklaxyzc abcdefghijklcxyza',
    'aBCDc cBCDa',
  ],
};

suite('indexTerms', () => {
  for (const [kind, texts] of Object.entries(EDGE_CASES)) {
    test(`same terms as tokenize: ${kind}`, () => {
      for (const text of texts) {
        same(text);
        // Inside a sentence, and twice (the second time from the tables of known words).
        same(`Before ${text} after.`);
        same(`${text} ${text}`);
      }
    });
  }

  test('same terms as tokenize: runs of numbers longer than the reused arrays', () => {
    const numbers = Array.from({ length: 700 }, (_, i) => String(i)).join(' ');
    same(numbers);
    same(Array.from({ length: 300 }, (_, i) => `${i}-${i + 1}`).join(' '));
    same(Array.from({ length: 5000 }, (_, i) => (i % 7 === 0 ? 'twenty-one' : `word${i}`)).join(' '));
    same('ordinary words after the long ones');
  });

  test('same terms as tokenize: every sentence, line and file of the demo corpus', () => {
    const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
    let sentences = 0;
    for (const name of fs.readdirSync(DEMO_CORPUS).sort()) {
      const text = fs.readFileSync(path.join(DEMO_CORPUS, name), 'utf8');
      same(text);
      for (const line of text.split('\n')) same(line);
      for (const s of segmenter.segment(text)) {
        same(s.segment);
        sentences++;
      }
    }
    assert.ok(sentences > 100, `${sentences} sentences`);
  });

  test('same terms as tokenize: many distinct words (tables full, words evicted and met again)', () => {
    const random = fc.sample(fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,18}$/), { numRuns: 40_000, seed: SEED });
    const text = random.join(' ');
    same(text);
    same(text);
    clearTermCaches();
    same(text);
  });

  test('a thread primed for a large load (full-size tables, a sample scanned) numbers and finds terms as one that was not', () => {
    const text = fs.readdirSync(DEMO_CORPUS).map((f) => fs.readFileSync(path.join(DEMO_CORPUS, f), 'utf8')).join('\n');
    const idsOf = () => {
      const numbering = new WordNumbering();
      const out: number[] = [];
      indexTermIds(text, numbering.termIds, out);
      return { out, words: numbering.take().words };
    };
    clearTermCaches();
    const before = idsOf();
    clearTermCaches();
    primeTokenizer();
    const after = idsOf();
    assert.deepEqual(after.words, before.words, 'the sample takes no ids of the load');
    assert.deepEqual(after.out, before.out);
    same(text);
    clearTermCaches();
  });

  test('same terms as tokenize: families of long words that differ in four letters only', () => {
    const base = 'abcdefghijklmnop';
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    for (let at = 0; at < base.length; at += 4) {
      const family: string[] = [];
      for (let n = 0; n < 6000; n++) {
        let tail = '';
        for (let k = 0, m = n; k < 4; k++, m = Math.floor(m / 26)) tail += letters[m % 26];
        family.push(base.slice(0, at) + tail + base.slice(at + 4));
      }
      const text = family.join(' ');
      same(text);
      same(text);
    }
  });

  test(`same terms as tokenize on random text (fast-check, seed ${SEED}, ${RUNS} runs)`, function () {
    this.timeout(120_000);
    const pieces = [
      ...'aAbBzZeE019 .,;:!?-\'’"“”()/\n\t',
      '\u00a0',
      '\u202f',
      '\u2010',
      '\u2019s',
      "'s",
      'é',
      'E\u0301',
      'ß',
      'İ',
      'Σ',
      'ς',
      '²',
      'ﬁ',
      '١',
      '日本',
      '🙂',
      '𝐀',
      '\ud800',
      'the',
      'and',
      'of',
      'it',
      'one',
      'two',
      'twenty',
      'hundred',
      'thousand',
      'million',
      'bn',
      'k',
      'm',
      'st',
      'nd',
      'th',
      'constructor',
      'build',
      'up',
      'Zelenskiy',
      'favour',
      'sanctions',
      '1,000',
      '90 000',
      '2.5',
      '70k',
      '2nd',
    ];
    const text = fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((parts) => parts.join(''));
    const spaced = fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((parts) => parts.join(' '));
    try {
      fc.assert(
        fc.property(fc.oneof(text, spaced, fc.string({ unit: 'binary', maxLength: 40 })), (t) => {
          assert.deepEqual(indexTerms(t), reference(t));
        }),
        { seed: SEED, numRuns: RUNS },
      );
    } catch (e) {
      throw new Error(`property failed with seed ${SEED} (set SOURCED_FC_SEED to replay): ${(e as Error).message}`);
    }
  });
});

suite('tokenize: numbers', () => {
  test('a decimal with a scale suffix is one figure, as written out in words', () => {
    assert.deepEqual(reference('£2.5m'), ['2500000']);
    assert.deepEqual(reference('2.5m'), reference('2.5 million'));
    assert.deepEqual(reference('2,5M'), ['2500000']);
  });

  test('only the scale words join a number (no other property name)', () => {
    assert.deepEqual(reference('5 constructor'), ['5', 'constructor']);
    assert.deepEqual(reference('1990s million'), ['1990s', '1000000']);
  });
});
