import * as assert from 'node:assert/strict';
import { changedRegion, renumber } from '../../src/core/renumber';

const link = (line: number) => `[corpus/a.txt#L${line}C1-L${line}C9](corpus/a.txt#L${line}C1-L${line}C9 "words")`;

function same(doc: string): void {
  const r = renumber(doc);
  assert.equal(r.changed, false, r.text);
  assert.equal(r.text, doc);
}

suite('renumber footnotes', () => {
  test('numeric labels follow the order of first reference; definitions follow in that order', () => {
    const doc = 'B claim[^3]. A claim[^1]. Again[^3].\n\n[^1]: one\n[^3]: three\n';
    const r = renumber(doc);
    assert.equal(r.text, 'B claim[^1]. A claim[^2]. Again[^1].\n\n[^1]: three\n[^2]: one\n');
    assert.equal(r.changed, true);
    same(r.text);
  });

  test('named labels stay; numeric ones around them are renumbered', () => {
    const doc = 'X[^7] Y[^nolan-2021-12-02] Z[^2].\n\n[^2]: two\n[^nolan-2021-12-02]: named\n[^7]: seven\n';
    assert.equal(renumber(doc).text, 'X[^1] Y[^nolan-2021-12-02] Z[^2].\n\n[^1]: seven\n[^nolan-2021-12-02]: named\n[^2]: two\n');
  });

  test('duplicate definitions of the same passage merge into one label', () => {
    const doc = `A[^2] B[^1] C[^3] D[^4].\n\n[^1]: Old. ${link(5)}\n[^2]: New. ${link(9)}\n[^3]: Again. ${link(5)}\n[^4]: Named dup. ${link(9)}\n`;
    // 2 and 4 cite line 9; 1 and 3 cite line 5. 2 is referred to first, 1 next.
    const r = renumber(doc);
    assert.equal(r.text, `A[^1] B[^2] C[^2] D[^1].\n\n[^1]: New. ${link(9)}\n[^2]: Old. ${link(5)}\n`);
    assert.equal(r.merged, 2);
    same(r.text);
  });

  test('a named label survives a merge with a numeric one', () => {
    const doc = `A[^1] B[^smith].\n\n[^1]: ${link(2)}\n[^smith]: ${link(2)}\n`;
    assert.equal(renumber(doc).text, `A[^smith] B[^smith].\n\n[^smith]: ${link(2)}\n`);
  });

  test('definitions scattered through the text gather at the end, the blank lines around them go too', () => {
    const doc = 'Para one[^2].\n\n[^2]: def two\n\nPara two[^1].\n[^1]: def one\n\n## Heading\n\nLast.\n';
    assert.equal(renumber(doc).text, 'Para one[^1].\n\nPara two[^2].\n\n## Heading\n\nLast.\n\n[^1]: def two\n[^2]: def one\n');
  });

  test('CRLF documents stay CRLF', () => {
    const doc = 'A[^2]\r\nB[^1]\r\n\r\n[^1]: one\r\n    more\r\n\r\n[^2]: two\r\n';
    const r = renumber(doc);
    assert.equal(r.text, 'A[^1]\r\nB[^2]\r\n\r\n[^1]: two\r\n[^2]: one\r\n    more\r\n');
    assert.ok(!/[^\r]\n/.test(r.text));
    same(r.text);
  });

  test('continuation lines move with their definition; definitions leave blockquotes and lists', () => {
    const doc = [
      '> Quoted claim[^5].',
      '> [^5]: quoted def',
      '>     continued',
      '',
      '- item[^4]',
      '- [^4]: listed def',
      '',
      '      second paragraph',
      '',
      'End.',
      '',
    ].join('\n');
    assert.equal(
      renumber(doc).text,
      ['> Quoted claim[^1].', '', '- item[^2]', '', 'End.', '', '[^1]: quoted def', '    continued', '[^2]: listed def', '', '    second paragraph', ''].join('\n'),
    );
  });

  test('[^n] in code, fences and after a backslash is left alone', () => {
    const doc = 'Use `[^2]` and \\[^2] here[^2].\n\n```\n[^2]: fenced\n```\n\n[^2]: real\n';
    assert.equal(renumber(doc).text, 'Use `[^2]` and \\[^2] here[^1].\n\n```\n[^2]: fenced\n```\n\n[^1]: real\n');
  });

  test('unreferenced definitions come after the referenced ones; references in definitions count after the text', () => {
    const doc = 'A[^9].\n\n[^4]: never cited\n[^9]: see also[^6]\n[^6]: cited from a note\n[^8]: unused too\n';
    assert.equal(renumber(doc).text, 'A[^1].\n\n[^1]: see also[^2]\n[^2]: cited from a note\n[^3]: never cited\n[^4]: unused too\n');
  });

  test('references without a definition are numbered too, without clashing', () => {
    const doc = 'A[^5] B[^3] C[^1].\n\n[^1]: one\n[^3]: three\n';
    const r = renumber(doc);
    assert.equal(r.text, 'A[^1] B[^2] C[^3].\n\n[^2]: three\n[^3]: one\n');
    same(r.text);
  });

  test('a second definition of a label (ignored by GFM) is kept under a number of its own', () => {
    const doc = 'A[^1].\n\n[^1]: first\n[^1]: second\n';
    const r = renumber(doc);
    assert.equal(r.text, 'A[^1].\n\n[^1]: first\n[^2]: second\n');
    same(r.text);
  });

  test('already in order: nothing changes', () => {
    same('A[^1] B[^2] C[^x].\n\n[^1]: one\n[^2]: two\n[^x]: ex\n');
    same('No footnotes at all.\n');
    same('');
  });

  test('a document whose text would swallow the moved definitions is left alone, with a reason', () => {
    const doc = 'A[^2] B[^1].\n\n[^1]: one\n[^2]: two\n\n```\nan unclosed fence\n';
    const r = renumber(doc);
    assert.equal(r.changed, false);
    assert.equal(r.text, doc);
    assert.match(r.error ?? '', /footnote/);
  });

  test('the changed region is the smallest single replacement, never splitting a CRLF', () => {
    assert.deepEqual(changedRegion('abcXdef', 'abcYYdef'), { start: 3, end: 4, text: 'YY' });
    assert.deepEqual(changedRegion('same', 'same'), { start: 4, end: 4, text: '' });
    const before = 'a\r\nb';
    const after = 'a\r\r\nb';
    const r = changedRegion(before, after);
    assert.equal(before.slice(0, r.start) + r.text + before.slice(r.end), after);
    assert.ok(!(before[r.start - 1] === '\r' && before[r.start] === '\n'));
  });
});
