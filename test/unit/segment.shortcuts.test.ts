import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildDocument } from '../../src/core/corpus';
import { factInfo, sentenceFacts } from '../../src/core/facts';
import { extractFigures } from '../../src/core/figures';
import { boilerplate, countWords } from '../../src/core/segment';

const SEED = Number(process.env.SOURCED_FC_SEED ?? 20261123);
const RUNS = Number(process.env.SOURCED_FC_RUNS ?? 2000);

/** Text made of pieces, each chosen from `pieces`. */
function textOf(pieces: readonly string[], maxLength = 40): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength }).map((p) => p.join(''));
}

/** What `countWords` counts, by its definition: runs of `[\p{L}\p{N}][\p{L}\p{N}'’.-]*`. */
function wordsByDefinition(s: string): number {
  return (s.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu) ?? []).length;
}

/** Is the line a banner, by the definition: nine words or more (split at whitespace, lower-cased), a trigram three times. */
function repetitiveByDefinition(line: string): boolean {
  const words = line.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length < 9) return false;
  const counts = new Map<string, number>();
  for (let i = 0; i + 3 <= words.length; i++) {
    const key = words.slice(i, i + 3).join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if ((counts.get(key) ?? 0) >= 3) return true;
  }
  return false;
}

/** Is the one line of `text` boilerplate? It starts with `x`, so it is neither a caption nor a widget. */
function markedBoilerplate(text: string): boolean {
  return boilerplate(text).length > 0;
}

suite('segmentation shortcuts agree with their definitions', () => {
  test('countWords: words in any range, with any limit', () => {
    const pieces = ['a', 'Zé', '9', ' ', '  ', '\t', "'", '’', '.', '-', ',', '!', '𝐀', '😀', '\ud835', '\udc00', 'ß', 'İ', '_', '中'];
    fc.assert(
      fc.property(textOf(pieces), fc.nat(), fc.nat(), fc.integer({ min: 1, max: 12 }), (text, a, b, limit) => {
        const start = a % (text.length + 1);
        const end = start + (b % (text.length - start + 1));
        const all = wordsByDefinition(text.slice(start, end));
        assert.equal(countWords(text, start, end), all, JSON.stringify([text, start, end]));
        assert.equal(countWords(text, start, end, limit), Math.min(all, limit), JSON.stringify([text, start, end, limit]));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test('banners: a line is marked exactly when a trigram of its words occurs three times among nine or more', () => {
    // Phrases repeated with their words in several cases, some with characters whose lower case is
    // special (`İ` lengthens, `Σ` depends on its place, the Kelvin sign is a `k`), among other words.
    const cases = [['ab', 'AB', 'Ab'], ['c', 'C'], ['İ', 'i̇'], ['Σ', 'σ', 'ς'], ['\u212a', 'k', 'K'], ['ß', 'SS', 'ss'], ['\0'], ['xy', 'x\u0301y']];
    const spaces = [' ', ' ', '  ', '\t', '\u00a0', '\u3000', '\u2028'];
    const word = (group: number, pick: number) => cases[group][pick % cases[group].length];
    const line = fc
      .record({
        before: fc.array(fc.nat(cases.length - 1), { maxLength: 6 }),
        phrase: fc.array(fc.nat(cases.length - 1), { minLength: 3, maxLength: 4 }),
        repeats: fc.integer({ min: 1, max: 4 }),
        after: fc.array(fc.nat(cases.length - 1), { maxLength: 6 }),
        picks: fc.array(fc.nat(), { minLength: 64, maxLength: 64 }),
        gaps: fc.array(fc.constantFrom(...spaces), { minLength: 64, maxLength: 64 }),
      })
      .map(({ before, phrase, repeats, after, picks, gaps }) => {
        const groups = [...before, ...Array.from({ length: repeats }, () => phrase).flat(), ...after];
        return `x ${groups.map((g, i) => word(g, picks[i % 64]) + gaps[i % 64]).join('')}x`;
      });
    let banners = 0;
    fc.assert(
      fc.property(line, (text) => {
        const expected = repetitiveByDefinition(text);
        if (expected) banners++;
        assert.equal(markedBoilerplate(text), expected, JSON.stringify(text));
      }),
      { seed: SEED, numRuns: RUNS },
    );
    assert.ok(banners > RUNS / 10, `only ${banners} banners among ${RUNS} lines`);
  });

  test('banners: nine words at least, trigrams told apart when their hashes are equal, lines of many trigrams', () => {
    assert.equal(markedBoilerplate('x a a a a a a x'), false); // "a a a" four times, in eight words
    assert.equal(markedBoilerplate('x a a a a a a x y'), true);
    // "a w1 wv" hashes as "a w0 wi" does: seen three times by hash, twice by words.
    assert.equal(markedBoilerplate('x a w0 wi a w0 wi a w1 wv y z'), false);
    assert.equal(markedBoilerplate('x a w0 wi a w0 wi a w0 wi y z'), true);
    const distinct = Array.from({ length: 3000 }, (_, i) => `w${i}`);
    assert.equal(markedBoilerplate(`x ${distinct.join(' ')}`), false);
    assert.equal(markedBoilerplate(`x ${distinct.join(' ')} a b c a b c a b c`), true);
    assert.equal(markedBoilerplate(`x ${distinct.join(' ')} a b c a b c a b d`), false);
  });

  test('captions, widgets and tail headers are found whatever their first letter’s case', () => {
    const lines = ['Photo: Reuters', 'PHOTO CREDIT: AP', 'image source: x', 'Picture', 'video', 'Foto: y', 'Credit: z', 'Source link', '• Home', '» More', '| a | b |', '* item', '- item', '▪ one', '► two', '· three', 'Share', 'TWEET', 'Email', 'print', 'RSS', 'Follow us'];
    for (const line of lines) assert.equal(markedBoilerplate(line), true, line);
    const body = 'This is a body paragraph of the article that has many words and ends well.';
    for (const header of ['Recent Posts', 'RELATED ARTICLES', 'popular now', 'Most read', 'You may also like', 'Latest news', 'Trending', "Editor's picks", 'Leave a reply', 'Be the first to comment', 'Comments', 'Tags:', 'About the author', 'Subscribe now', 'Sign up today', 'Advertisement', '## Read more', '#ultimele stiri', 'te-ar mai putea interesa']) {
      const text = `${body}\n${body}\n${header}\nOther story here\n`;
      const spans = boilerplate(text);
      assert.equal(spans.length, 1, header);
      assert.equal(text.slice(spans[0].start, spans[0].end), `${header}\nOther story here\n`);
    }
  });

  test('facts: a sentence inside a larger text gets what it gets alone, and the figures extractFigures finds', () => {
    const pieces = [
      'one', 'Two', 'THREE', 'nine', 'ten', 'Eleven', 'hundred', 'thousand', 'tens', 'hundreds', 'Thousands', 'dozens', 'of', 'and',
      'percent', 'per cent', '%', '5', '1,200', '2014', '3.5', '$', 'March', 'Jan.',
      'Minsk', 'The', 'Good', 'Friday', 'Protocol', 'agreement', 'Accord', 'talks', 'Summit', 'treaty',
      'x', '_', 'é', 'ſ', '\u212a', ' ', ' ', ' ', '-', '.', ',', '(', '"', '“',
    ];
    const before = fc.constantFrom('', ' ', 'a', '_', '9', '-', 'é', '\n');
    fc.assert(
      fc.property(before, textOf(pieces, 20), before, (prefix, sentence, suffix) => {
        const text = prefix + sentence + suffix;
        const alone = factInfo(sentence);
        assert.deepEqual(sentenceFacts(text, prefix.length, prefix.length + sentence.length, sentence), alone, JSON.stringify(text));
        assert.deepEqual(alone.figures, extractFigures(sentence), JSON.stringify(sentence));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test('facts: counts make a fact exactly when COUNTS matches (no figures, no agreements)', () => {
    const counts = /\b(?:tens of thousands|hundreds of thousands|thousands|hundreds|dozens|millions|billions)\b/i;
    const pieces = ['tens', 'Hundreds', 'thousands', 'DOZENS', 'millions', 'billions', 'of', 'tensor', 'dozen', 'people', 'x', '_', 'é', ' ', ' ', '-', '.'];
    fc.assert(
      fc.property(textOf(pieces, 12), (sentence) => {
        assert.equal(factInfo(sentence).isFact, extractFigures(sentence).length > 0 || counts.test(sentence), JSON.stringify(sentence));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test('a heading that is the title is left out, with or without its marks', () => {
    const title = 'Minsk talks resume in Vienna after a long pause';
    const body = 'The delegations met again on Monday and agreed to keep talking next week.';
    for (const [heading, isTitle] of [
      [`## ${title}`, true],
      [`#\t ${title}`, true],
      [title, true],
      [`##${title}`, false],
      [`## ${title} again`, false],
    ] as const) {
      const doc = buildDocument('/c/a.md', '/c', `${heading}\n\n${body}\n`, { title });
      assert.deepEqual(
        doc.passages.map((p) => p.text),
        isTitle ? [body] : [heading, body],
        heading,
      );
    }
  });
});
