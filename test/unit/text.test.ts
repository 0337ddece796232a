import * as assert from 'node:assert/strict';
import { eolOf, firstWords, fold, lineStarts, offsetToPosition, positionToOffset, shorten } from '../../src/core/text';
import { asQuotation } from '../../src/core/insertText';
import { blockquote, commandLink, escapeMarkdown } from '../../src/core/markdown';
import { dirname, isInside, joinPath, normalizePath, relativePath } from '../../src/core/fs';

suite('text utilities', () => {
  test('offsets and positions round-trip, CRLF included', () => {
    const text = 'ab\r\ncd\nef';
    const starts = lineStarts(text);
    assert.deepEqual(starts, [0, 4, 7]);
    for (let off = 0; off <= text.length; off++) {
      const pos = offsetToPosition(starts, off);
      if (text[off] === '\n') continue;
      assert.equal(positionToOffset(starts, text, pos), off);
    }
    assert.deepEqual(offsetToPosition(starts, 8), { line: 2, character: 1 });
  });

  test('eol, fold, shorten, firstWords', () => {
    assert.equal(eolOf('a\r\nb\r\n'), '\r\n');
    assert.equal(eolOf('a\nb'), '\n');
    assert.equal(fold('Zelenskyy’s “Kyïv”'), 'zelenskyy\'s "kyiv"');
    assert.equal(shorten('one two three four five', 12), 'one two…');
    assert.equal(firstWords('a b c d', 2), 'a b…');
  });

  test('quotations: curly by default, inner double quotes become single', () => {
    assert.equal(asQuotation('He said “no” today'), '“He said ‘no’ today”');
    assert.equal(asQuotation('He said "no" today', 'straight'), '"He said \'no\' today"');
    assert.equal(asQuotation('“Whole quote”'), '“Whole quote”');
  });

  test('markdown escaping leaves no live syntax', () => {
    const evil = '[click](command:workbench.action.terminal.new) <img src=x> *b* `c`';
    const out = escapeMarkdown(evil);
    assert.ok(!out.includes('](command:'));
    assert.ok(!out.includes('<img'));
    assert.equal(blockquote('a\nb'), '> a\n> b');
    assert.ok(commandLink('Open', 'sourced.openSource', { uri: 'file:///a' }).startsWith('[Open](command:sourced.openSource?'));
  });

  test('paths', () => {
    assert.equal(joinPath('/w/ws', 'notes', '../corpus/a.txt'), '/w/ws/corpus/a.txt');
    assert.equal(normalizePath('/a/./b/../c'), '/a/c');
    assert.equal(relativePath('/w/ws/notes', '/w/ws/corpus/a.txt'), '../corpus/a.txt');
    assert.equal(dirname('/w/ws/b.md'), '/w/ws');
    assert.ok(isInside('/w/ws/corpus', '/w/ws/corpus/x/y.txt'));
    assert.ok(!isInside('/w/ws/corpus', '/w/ws/corpus2/y.txt'));
  });
});
