import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { sentenceSegmenter, sentenceStarts } from '../../src/core/sentenceBreaks';
import { blocks, sentences } from '../../src/core/segment';
import { DEMO_CORPUS } from './helpers';

const SEED = Number(process.env.SOURCED_FC_SEED ?? 20211202);
const RUNS = Number(process.env.SOURCED_FC_RUNS ?? 2000);

/** What Intl.Segmenter itself says: sentence starts after 0, line breaks read as spaces. */
function segmenterStarts(text: string): number[] {
  const out: number[] = [];
  for (const seg of sentenceSegmenter().segment(text.replace(/[\r\n]/g, ' '))) if (seg.index > 0) out.push(seg.index);
  return out;
}

/** Terminators, closing marks, spaces, letters of every case, digits, and characters of no known class. */
const PIECES = [
  ...'aAbZ19 ..!!??))(("\'[]{},-:;#$%&*_\t\r\n',
  ...'’‘“”«»–—…•§é É ßא中',
  '\u00a0',
  '\u0301', // a combining accent (Extend)
  '\u00ad', // soft hyphen (Format)
  '\u2029', // paragraph separator
  '\u2024', // one dot leader (ATerm)
  '！', // fullwidth exclamation mark (STerm)
  '😀',
  'Mr.',
  'e.g.',
  'U.S.',
  ' 3.5 ',
];

suite('sentence boundaries without the segmenter', () => {
  test('random text: the same sentence starts as Intl.Segmenter, or the segmenter is asked', () => {
    let computed = 0;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        const out: number[] = [];
        if (!sentenceStarts(text, 0, text.length, out)) return;
        computed++;
        assert.deepEqual(out, segmenterStarts(text), JSON.stringify(text));
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // Most random text is within the known classes: the comparison above is not vacuous.
    assert.ok(computed > RUNS / 4, `only ${computed} of ${RUNS} computed`);
  });

  test('an offset range of a larger text, and characters of unknown class left to the segmenter', () => {
    const text = 'Intro. Dr. Smith arrived at 3.5 p.m. on Jan. 5. “Yes.” he said! Then (quietly) left… The end';
    const out: number[] = [];
    assert.equal(sentenceStarts(`xx${text}yy`, 2, 2 + text.length, out), true);
    assert.deepEqual(out, segmenterStarts(text));
    assert.equal(sentenceStarts('One.\u2029Two.', 0, 9, out), false);
    assert.equal(sentenceStarts('Emoji 😀. Next', 0, 14, out), false);
  });

  test('demo corpus: every block splits as the segmenter splits it', () => {
    let checked = 0;
    for (const name of fs.readdirSync(DEMO_CORPUS).filter((f) => f.endsWith('.txt'))) {
      const text = fs.readFileSync(path.join(DEMO_CORPUS, name), 'utf8');
      for (const block of blocks(text)) {
        const out: number[] = [];
        if (!sentenceStarts(text, block.start, block.end, out)) continue;
        assert.deepEqual(out, segmenterStarts(text.slice(block.start, block.end)), `${name} at ${block.start}`);
        checked++;
      }
    }
    assert.ok(checked > 50, `${checked} blocks checked`);
  });

  test('sentences() still corrects abbreviations and quotations on top of the boundaries', () => {
    const text = 'Mr. Smith met Gen. Jones. “It is done. We leave now,” Jones said. Next one.';
    const got = sentences(text, { start: 0, end: text.length }).map((s) => text.slice(s.start, s.end));
    assert.deepEqual(got, ['Mr. Smith met Gen. Jones.', '“It is done. We leave now,” Jones said.', 'Next one.']);
  });
});
