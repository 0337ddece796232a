import * as assert from 'node:assert/strict';
import { buildDocument } from '../../src/core/corpus';
import { locatePassage, type Anchors } from '../../src/core/checks/locate';
import { parseQuote, plainWords } from '../../src/core/checks/quote';
import { fragmentLike } from '../../src/core/checks/fixes';

const TEXT = [
  'Title of the article',
  '',
  'Lavrov said Russia also favours a diplomatic solution. Earlier, Putin warned NATO against deploying weapons in Ukraine.',
  '',
  'The OSCE is holding its annual Ministerial Council meeting in Stockholm, Sweden.',
  '',
  'Ukraine says Russia has amassed more than 90,000 troops near their long shared border.',
].join('\n');

const doc = (text = TEXT) => buildDocument('/c/a.txt', '/c', text);
const title = (raw: string): Anchors['title'] => ({ raw: raw.replace(/…$/, ''), words: plainWords(raw), complete: !raw.endsWith('…') });
const hint = (f: string) => f;
function slice(d: ReturnType<typeof doc>, r: ReturnType<typeof locatePassage>): string {
  assert.ok('located' in r, JSON.stringify(r));
  return d.text.slice(r.located.start, r.located.end);
}

suite('checks: locating the cited passage', () => {
  test('at the hint, as written', () => {
    const d = doc();
    const r = locatePassage(d, hint('L3C1-L3C54'), { title: title('Lavrov said Russia also favours a diplomatic solution.') });
    assert.equal(slice(d, r), 'Lavrov said Russia also favours a diplomatic solution.');
    assert.ok('located' in r && r.located.how === 'hint' && r.located.match === 'exact');
  });

  test('at the hint after folding case, typographic quotes and spaces', () => {
    const d = doc();
    const r = locatePassage(d, hint('L3C1-L3C54'), { title: title('LAVROV  said Russia also…') });
    assert.ok('located' in r && r.located.how === 'hint' && r.located.match === 'normalised', JSON.stringify(r));
  });

  test('a line-only hint with a title finds the sentence in the line; the scope is the whole line', () => {
    const d = doc();
    const r = locatePassage(d, hint('L3'), { title: title('Earlier, Putin warned NATO…') });
    assert.equal(slice(d, r), 'Earlier, Putin warned NATO against deploying weapons in Ukraine.');
    assert.ok('located' in r);
    assert.equal(d.text.slice(r.located.scopeStart, r.located.scopeEnd), TEXT.split('\n')[2]);
  });

  test('found elsewhere: moved, the occurrence nearest the hint wins', () => {
    const text = TEXT + '\n\nFiller paragraph one here.\n\nThe OSCE is holding its annual Ministerial Council meeting in Stockholm, Sweden.';
    const d = doc(text);
    const r = locatePassage(d, hint('L10C1-L10C20'), { title: title('The OSCE is holding its annual Ministerial Council…') });
    assert.ok('located' in r && r.located.how === 'moved');
    assert.equal(d.text.slice(0, r.located.start).split('\n').length, 11);
    const near = locatePassage(d, hint('L4C1-L4C20'), { title: title('The OSCE is holding its annual Ministerial Council…') });
    assert.ok('located' in near);
    assert.equal(d.text.slice(0, near.located.start).split('\n').length, 5);
  });

  test('beyond the end of the file: found by text, or not found when there is no text to go by', () => {
    const d = doc();
    const r = locatePassage(d, hint('L99C1-L99C10'), { title: title('Ukraine says Russia has amassed…') });
    assert.ok('located' in r && r.located.how === 'moved');
    const none = locatePassage(d, hint('L99'), {});
    assert.ok('notFound' in none);
    assert.match(none.notFound, /not in the file/);
  });

  test('approximately, when the source fixed a word; not when only a lookalike remains', () => {
    const fixed = doc(TEXT.replace('favours', 'favors'));
    const r = locatePassage(fixed, hint('L3C1-L3C54'), { title: title('Lavrov said Russia also favours a diplomatic solution.') });
    assert.ok('located' in r && r.located.match === 'fuzzy', JSON.stringify(r));
    assert.equal(slice(fixed, r), 'Lavrov said Russia also favors a diplomatic solution.');
    const lookalike = doc(TEXT.replace('Lavrov said Russia also favours a diplomatic solution.', 'Lavrov said Russia favours a political settlement.'));
    const gone = locatePassage(lookalike, hint('L3C1-L3C54'), { title: title('Lavrov said Russia also favours a diplomatic solution.') });
    assert.ok('notFound' in gone, JSON.stringify(gone));
  });

  test('two equally close candidates: ambiguous, so not found', () => {
    const text = TEXT + '\n\nLavrov said Russia also favors a diplomatic solutions.\n\nLavrov said Russia also flavours a diplomatic solution.';
    const d = doc(text.replace('Lavrov said Russia also favours a diplomatic solution. ', ''));
    const r = locatePassage(d, hint('L3C1-L3C54'), { title: title('Lavrov said Russia also favours a diplomatic solution.') });
    assert.ok('notFound' in r, JSON.stringify(r));
  });

  test('by the quotation when there is no title: at the hinted line, or elsewhere (moved)', () => {
    const d = doc();
    const quote = parseQuote('amassed more than 90,000 troops');
    const r = locatePassage(d, hint('L7'), { quote });
    assert.ok('located' in r && r.located.how === 'hint');
    assert.equal(slice(d, r), TEXT.split('\n')[6]);
    const moved = locatePassage(d, hint('L5'), { quote });
    assert.ok('located' in moved && moved.located.how === 'moved');
  });

  test('a citation with neither hint nor text to go by covers the whole file, unverified', () => {
    const d = doc();
    const r = locatePassage(d, undefined, {});
    assert.ok('located' in r && r.located.match === 'unverified' && r.located.end === d.text.length);
  });

  test('PDF: page-and-offset locators are hints like lines; a passage found elsewhere gets a new page locator', () => {
    const text = 'The first page has one sentence on it.\n\nLavrov said Russia also favours a diplomatic solution.';
    const d = doc(text);
    d.format = 'pdf';
    d.pages = [0, 40];
    const t = title('Lavrov said Russia also favours a diplomatic solution.');
    const at = locatePassage(d, 'page=2&text=0-54', { title: t });
    assert.ok('located' in at && at.located.how === 'hint', JSON.stringify(at));
    assert.equal(slice(d, at), 'Lavrov said Russia also favours a diplomatic solution.');
    const moved = locatePassage(d, 'page=1&text=0-10', { title: t });
    assert.ok('located' in moved && moved.located.how === 'moved');
    assert.equal(fragmentLike(d, 'page=1&text=0-10', moved.located.start, moved.located.end), 'page=2&text=0-54');
  });
});
