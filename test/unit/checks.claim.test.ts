import * as assert from 'node:assert/strict';
import { claimsFor, type Claim } from '../../src/core/checks/claim';
import { parseFootnotes } from '../../src/core/footnotes';

function claims(text: string): Array<Claim & { label: string }> {
  const fn = parseFootnotes(text);
  const map = claimsFor(text, fn.references);
  return fn.references.map((r) => {
    const c = map.get(r);
    assert.ok(c, `no claim for [^${r.label}]`);
    return { ...c, label: r.label };
  });
}

suite('checks: the cited claim', () => {
  test('a quotation right before the reference is a quote; its text is inside the marks', () => {
    const [c] = claims('Lavrov said: “We do not want a conflict.”[^1]\n\n[^1]: x\n');
    assert.equal(c.kind, 'quote');
    assert.equal(c.text, 'We do not want a conflict.');
    assert.equal(c.open, '“');
    assert.equal(c.close, '”');
  });

  test('punctuation and spaces may stand between the closing mark and the reference', () => {
    for (const tail of ['”.[^1]', '”, [^1]', '” [^1]', '”).[^1]']) {
      const [c] = claims(`He said “serious consequences${tail} Then more.\n\n[^1]: x\n`);
      assert.equal(c.kind, 'quote', tail);
      assert.equal(c.text, 'serious consequences', tail);
    }
  });

  test('straight double quotes and guillemets count; an apostrophe does not open a quotation', () => {
    assert.equal(claims('He said "we agree".[^1]\n\n[^1]: x\n')[0].text, 'we agree');
    assert.equal(claims('Il a dit «non».[^1]\n\n[^1]: x\n')[0].text, 'non');
    const [fact] = claims('The allies’ position was firm.[^1]\n\n[^1]: x\n');
    assert.equal(fact.kind, 'fact');
  });

  test('a quotation earlier in the sentence does not make it a quote: the sentence is the claim', () => {
    const [c] = claims('Blinken warned of “serious consequences” if Russia invades Ukraine.[^1] Another sentence.\n\n[^1]: x\n');
    assert.equal(c.kind, 'fact');
    assert.equal(c.text, 'Blinken warned of “serious consequences” if Russia invades Ukraine.');
  });

  test('the fact is the sentence that carries the reference, not its neighbours', () => {
    const text = 'First sentence with 12 apples. Russia has amassed 90,000 troops.[^1] Last sentence with 7 pears.\n\n[^1]: x\n';
    const [c] = claims(text);
    assert.equal(c.text, 'Russia has amassed 90,000 troops.');
    assert.equal(text.slice(c.start, c.end), c.text);
  });

  test('two references in one sentence split it: each claims the words since the previous one', () => {
    const text = 'Russia has 90,000 troops[^1] and NATO has 30 allies[^2].\n\n[^1]: x\n[^2]: y\n';
    const [a, b] = claims(text);
    assert.match(a.figureText, /90,000/);
    assert.doesNotMatch(a.figureText, /30/);
    assert.match(b.figureText, /30 allies/);
    assert.doesNotMatch(b.figureText, /90,000/);
  });

  test('footnote labels, link targets and list markers are not part of the claim figures', () => {
    const [c] = claims('12. Troops gathered near [the border](https://example.com/2021/90) in 2021.[^7]\n\n[^7]: x\n');
    assert.doesNotMatch(c.figureText, /\b7\b|\b90\b|\b12\b/);
    assert.match(c.figureText, /2021/);
  });

  test('a wrapped paragraph and a list item are read as blocks; abbreviations do not end the sentence', () => {
    const text = '- Mr. Lavrov said that Russia\n  also favours a diplomatic solution.[^1]\n- Next item.\n\n[^1]: x\n';
    const [c] = claims(text);
    assert.equal(c.text.replace(/\s+/g, ' '), 'Mr. Lavrov said that Russia also favours a diplomatic solution.');
  });

  test('a multi-sentence quotation before the reference is one quote', () => {
    const [c] = claims('He said: “We do not want a conflict. That is clear.”[^1]\n\n[^1]: x\n');
    assert.equal(c.kind, 'quote');
    assert.equal(c.text, 'We do not want a conflict. That is clear.');
  });
});
