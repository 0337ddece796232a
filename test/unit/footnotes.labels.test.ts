import * as assert from 'node:assert/strict';
import { labelBase, labelFor, slug, surname } from '../../src/core/labels';
import { formatCitation, parseFootnotes, planCitationInsert, type Citation } from '../../src/core/footnotes';

const citation: Citation = {
  metadata: { author: 'Dan Nolan', title: 'Blinken meets Lavrov', outlet: 'CEE', date: '2021-12-02' },
  path: 'corpus/a.txt',
  range: { startLine: 3, startColumn: 5, endLine: 3, endColumn: 40 },
  passage: 'He warned Lavrov of serious consequences.',
};

suite('footnotes: named labels', () => {
  test('author surname and date, lowercase ASCII', () => {
    assert.equal(labelFor({ author: 'Dan Nolan', date: '2021-12-02' }, []), 'nolan-2021-12-02');
    assert.equal(labelFor({ author: 'Mălina Mîndruțescu', date: '2021-12-06T10:00:00Z' }, []), 'mindrutescu-2021-12-06');
    assert.equal(labelFor({ author: 'Jürgen Großmann' }, []), 'grossmann');
  });

  test('surname of the first author in several spellings', () => {
    assert.equal(surname('Nolan, Dan'), 'Nolan');
    assert.equal(surname('By Dan Nolan and Jo Park'), 'Nolan');
    assert.equal(surname('Dan Nolan, Jo Park'), 'Nolan');
    assert.equal(surname('Martin Luther King Jr.'), 'King');
  });

  test('without an author: the outlet, else the first words of the title, else "source"', () => {
    assert.equal(labelBase({ outlet: 'The New York Times', date: '2021-12-01' }), 'the-new-york-times-2021-12-01');
    assert.equal(labelBase({ title: 'The Blinken–Lavrov meeting in Stockholm' }), 'blinken-lavrov-meeting-stockholm');
    assert.equal(labelBase({}), 'source');
    assert.equal(labelBase({ outlet: '1843' }), 'source-1843');
    assert.equal(labelBase({ author: 'Dan Nolan', date: 'December 2, 2021' }), 'nolan');
  });

  test('collisions get -2, -3, ignoring case', () => {
    assert.equal(labelFor({ author: 'Dan Nolan', date: '2021-12-02' }, ['Nolan-2021-12-02']), 'nolan-2021-12-02-2');
    assert.equal(labelFor({ author: 'Dan Nolan', date: '2021-12-02' }, ['nolan-2021-12-02', 'nolan-2021-12-02-2', '1']), 'nolan-2021-12-02-3');
  });

  test('slug strips diacritics and punctuation', () => {
    assert.equal(slug('  Ærø’s Ça-va  Łódź! '), 'aeros-ca-va-lodz');
  });

  test('planCitationInsert with named labels: a new passage gets a new label, the same passage reuses its own', () => {
    const doc = 'First claim[^nolan-2021-12-02].\n\n[^nolan-2021-12-02]: Other passage.\n\nNext ';
    const plan = planCitationInsert(doc, doc.length, doc.length, 'X', citation, parseFootnotes(doc), { labelStyle: 'named' });
    assert.equal(plan.label, 'nolan-2021-12-02-2');
    assert.equal(plan.reused, false);
    assert.ok(plan.text.endsWith(`[^nolan-2021-12-02-2]\n\n[^nolan-2021-12-02-2]: ${formatCitation(citation)}\n`), plan.text);

    const cited = `Claim[^3].\n\n[^3]: ${formatCitation(citation)}\n`;
    const again = planCitationInsert(cited, 5, 5, ' again', citation, parseFootnotes(cited), { labelStyle: 'named' });
    assert.equal(again.reused, true);
    assert.equal(again.label, '3');
  });

  test('the default style stays numeric', () => {
    const plan = planCitationInsert('A[^nolan-2021-12-02] ', 21, 21, 'X', citation);
    assert.equal(plan.label, '1');
  });
});
