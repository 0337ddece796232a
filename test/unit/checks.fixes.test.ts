import * as assert from 'node:assert/strict';
import { fragmentLike, planDefinition, removeDefinitionFix, updateFragmentFix } from '../../src/core/checks/fixes';
import { parseCitationLink, parseFootnotes, type Citation } from '../../src/core/footnotes';
import { lineStarts } from '../../src/core/text';
import { applyEdits } from './checksHelpers';

const citation: Citation = {
  metadata: { title: 'T' },
  path: '../corpus/a.txt',
  range: { startLine: 3, startColumn: 1, endLine: 3, endColumn: 10 },
  passage: 'Some words here.',
};

suite('checks: fixes', () => {
  test('a new fragment keeps the style of the old one', () => {
    const text = 'one\ntwo\nthree four\n';
    const doc = { text, lineStarts: lineStarts(text) };
    assert.equal(fragmentLike(doc, 'L1', 8, 13), 'L3');
    assert.equal(fragmentLike(doc, 'L1-L2', 4, 13), 'L2-L3');
    assert.equal(fragmentLike(doc, 'L1C1-L1C2', 8, 13), 'L3C1-L3C5');
    assert.equal(fragmentLike(doc, undefined, 8, 13), 'L3C1-L3C5');
    // A PDF is cited by page and character offsets, whatever the old fragment was.
    const pdf = { text: 'Page one text.\fPage two text here.', lineStarts: [0], format: 'pdf' as const, pages: [0, 15] };
    assert.equal(fragmentLike(pdf, 'L1', 20, 24), 'page=2&text=5-9');
  });

  test('updating a fragment touches nothing but the fragment, in the link text and destination', () => {
    const text = 'Claim.[^1]\n\n[^1]: A, “B”. [c.txt#L9C1-L9C5](c.txt#L9C1-L9C5 "words #L9C1-L9C5 here") trailing\n';
    const def = parseFootnotes(text).definitions[0];
    const link = parseCitationLink(def.content);
    assert.ok(link);
    const fix = updateFragmentFix(def, link, 'L9C1-L9C5', 'L11C1-L11C5');
    assert.equal(applyEdits(text, fix.edits), 'Claim.[^1]\n\n[^1]: A, “B”. [c.txt#L11C1-L11C5](c.txt#L11C1-L11C5 "words #L11C1-L11C5 here") trailing\n');
  });

  test('removing a definition: its line goes, with one line break; also as the last line without one', () => {
    const text = 'A.[^1]\n\n[^1]: one\n[^2]: two\n[^3]: three';
    const fn = parseFootnotes(text);
    assert.equal(applyEdits(text, removeDefinitionFix(text, fn.definitions[1]).edits), 'A.[^1]\n\n[^1]: one\n[^3]: three');
    assert.equal(applyEdits(text, removeDefinitionFix(text, fn.definitions[2]).edits), 'A.[^1]\n\n[^1]: one\n[^2]: two');
    const crlf = 'A.[^1]\r\n\r\n[^1]: one\r\n[^2]: two\r\n';
    assert.equal(applyEdits(crlf, removeDefinitionFix(crlf, parseFootnotes(crlf).definitions[1]).edits), 'A.[^1]\r\n\r\n[^1]: one\r\n');
  });

  test('a missing definition goes after the last definition, or at the end after a blank line', () => {
    const withDefs = 'A.[^1] B.[^2]\n\n[^1]: one\n';
    const e1 = planDefinition(withDefs, parseFootnotes(withDefs), '2', citation);
    assert.match(applyEdits(withDefs, [e1]), /^A\.\[\^1\] B\.\[\^2\]\n\n\[\^1\]: one\n\[\^2\]: “T”\. \[\.\.\/corpus\/a\.txt#L3C1-L3C10\]/);
    const none = 'A.[^1]';
    const e2 = planDefinition(none, parseFootnotes(none), '1', citation);
    assert.match(applyEdits(none, [e2]), /^A\.\[\^1\]\n\n\[\^1\]: “T”\. .*\n$/);
  });
});
