import * as assert from 'node:assert/strict';
import { findQuotes } from '../../src/core/quotes';
import { factInfo } from '../../src/core/facts';
import { blocks } from '../../src/core/segment';
import { buildDocument } from '../../src/core/corpus';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEMO_CORPUS } from './helpers';

function quotes(text: string) {
  return findQuotes(text, blocks(text)).map((q) => ({ text: text.slice(q.start, q.end), speaker: q.speaker }));
}

suite('quotes and speakers', () => {
  test('“…,” NAME said', () => {
    assert.deepEqual(quotes('“We must talk, knowing that we are strong,” Zelenskiy said.'), [{ text: 'We must talk, knowing that we are strong', speaker: 'Zelenskiy' }]);
  });

  test('NAME said: “…” and NAME said that “…”', () => {
    assert.deepEqual(quotes('Blinken said: "We are ready to respond."'), [{ text: 'We are ready to respond.', speaker: 'Blinken' }]);
    assert.equal(quotes('Stoltenberg said that “we see heavy capabilities here”.')[0].speaker, 'Stoltenberg');
  });

  test('“…” said NAME', () => {
    assert.equal(quotes('“We do know he is putting capacity in place,” said Blinken after.')[0].speaker, 'Blinken');
  });

  test('he resolves to the speaker the paragraph is about; surnames expand to the full name used', () => {
    const text = 'Foreign Minister Sergei Lavrov spoke first.\n\nLavrov said Russia favours diplomacy. “We do not want a conflict”, he reiterated.';
    assert.deepEqual(quotes(text), [{ text: 'We do not want a conflict', speaker: 'Sergei Lavrov' }]);
  });

  test('an unattributed quotation after an attributed one in the same paragraph continues it', () => {
    const q = quotes('“Any agreement must count,” Putin said. “A calm situation must be ensured for all.”');
    assert.deepEqual(q.map((x) => x.speaker), ['Putin', 'Putin']);
  });

  test('single words in quotation marks are not quotes; unknown speakers stay unknown', () => {
    assert.deepEqual(quotes('The talks were “unusual” by any measure.'), []);
    assert.deepEqual(quotes('The summit was billed as “a meeting of thirty allies” online.'), [{ text: 'a meeting of thirty allies', speaker: undefined }]);
  });

  test('quotes of the demo corpus carry the speakers the articles name', () => {
    const doc = (f: string) => buildDocument(`/c/${f}`, '/c', fs.readFileSync(path.join(DEMO_CORPUS, f), 'utf8'));
    const speakerOf = (f: string, words: string) => doc(f).passages.find((p) => p.kind === 'quote' && p.text.includes(words))?.speaker;
    assert.equal(speakerOf('000_d9e0f3baa55f90e5.txt', 'highly symbolic'), 'Jens Stoltenberg');
    assert.equal(speakerOf('000_d9e0f3baa55f90e5.txt', 'serious consequences'), 'Anthony Blinken');
    assert.equal(speakerOf('001_4ba1c61a50a83e94.txt', 'If NATO still refuses'), 'Sergei Lavrov');
    assert.equal(speakerOf('002_eaa28be1ff3a4a8b.txt', 'strong and powerful army'), 'Volodymyr Zelenskiy');
    assert.equal(speakerOf('003_c5efd77b2ca7bb98.txt', 'We do not want a conflict'), 'Sergei Lavrov');
  });
});

suite('facts', () => {
  test('figures, counts and named agreements make a fact; plain sentences do not', () => {
    assert.equal(factInfo('Ukraine says Russia has amassed more than 90,000 troops near the border.').isFact, true);
    assert.equal(factInfo('They should keep to the 2014 Minsk peace process.').isFact, true);
    assert.equal(factInfo('Russia has kept tens of thousands of troops near the border.').isFact, true);
    assert.equal(factInfo('He also said a diplomatic path forward is available.').isFact, false);
  });

  test('a named agreement or event is a fact; a capitalised first word alone does not name one', () => {
    const fact = (s: string) => factInfo(s).isFact;
    assert.equal(fact('They signed the Good Friday Agreement in Belfast.'), true);
    assert.equal(fact('The talks on the Minsk Protocol resumed.'), true);
    assert.equal(fact('Leaders met at the Bucharest Summit.'), true);
    assert.equal(fact('The process is slow.'), false);
    assert.equal(fact('Their summit was cancelled.'), false);
    assert.equal(fact('Officials said the peace process would continue.'), false);
    assert.equal(fact('the minsk protocol was never fully implemented.'), false);
  });

  test('a fact carries its normalised figures', () => {
    const f = factInfo('Sandu won by around 55% to 45% on December 1, 2021, with ninety thousand votes.');
    assert.deepEqual(f.figures.map((x) => [x.kind, x.value]), [['percent', 55], ['percent', 45], ['date', 20211201], ['number', 90000]]);
  });

  test('demo corpus: quote passages sit inside their sentences, passages are sorted and exact', () => {
    const text = fs.readFileSync(path.join(DEMO_CORPUS, '000_d9e0f3baa55f90e5.txt'), 'utf8');
    const doc = buildDocument('/c/a.txt', '/c', text);
    const kinds = new Set(doc.passages.map((p) => p.kind));
    assert.deepEqual([...kinds].sort(), ['fact', 'quote', 'sentence']);
    for (let i = 1; i < doc.passages.length; i++) assert.ok(doc.passages[i - 1].start <= doc.passages[i].start);
    for (const q of doc.passages.filter((p) => p.kind === 'quote')) {
      assert.equal(text.slice(q.start, q.end), q.text);
      assert.ok(doc.passages.some((s) => s.kind !== 'quote' && s.start <= q.start && q.end <= s.end), q.text);
    }
    const troops = doc.passages.find((p) => p.text.includes('90,000 troops'));
    assert.equal(troops?.kind, 'fact');
    assert.deepEqual(troops?.figures?.map((f) => f.value), [90000]);
  });
});
