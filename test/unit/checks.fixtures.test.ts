import * as assert from 'node:assert/strict';
import type { Finding } from '../../src/core/checks/types';
import { applyEdits, check, fixture, S3, source, workspace } from './checksHelpers';

function only(findings: Finding[]): Finding {
  assert.equal(findings.length, 1, `expected one finding, got: ${JSON.stringify(findings.map((f) => `${f.line}: ${f.kind}: ${f.message}`))}`);
  return findings[0];
}

suite('checks: fixture briefings, one planted fault each', () => {
  test('the faithful briefing has no finding at all, and every citation is located and verified', async () => {
    const r = await check('faithful.md');
    assert.deepEqual(r.findings.map((f) => `${f.line}: ${f.kind}: ${f.message}`), []);
    const cited = r.citations.filter((c) => c.label !== 'note');
    assert.equal(cited.length, 7);
    for (const c of cited) assert.equal(c.status, 'ok', `[^${c.label}] is ${c.status}`);
    assert.equal(r.citations.find((c) => c.label === 'note')?.status, 'unchecked');
  });

  test('altered quote: the dropped words are named, the source words are expected, and the fix restores them', async () => {
    const text = fixture('altered-quote.md');
    const f = only((await check('altered-quote.md')).findings);
    assert.equal(f.kind, 'altered-quote');
    assert.equal(f.severity, 'error');
    assert.equal(f.line, 3);
    assert.equal(f.label, '1');
    assert.match(f.message, /dropped “do not”/);
    assert.equal(f.expected, 'We do not want a conflict, as the president of Russia, Vladimir Putin has said');
    assert.equal(f.actual, 'We want a conflict, as the president of Russia, Vladimir Putin has said.');
    assert.equal(text.slice(f.start, f.end), f.actual);
    assert.deepEqual(f.diff?.filter((d) => d.type !== 'equal'), [{ type: 'dropped', source: 'do not' }]);
    assert.ok(f.fix);
    const fixed = applyEdits(text, f.fix.edits);
    assert.match(fixed, /“We do not want a conflict, as the president of Russia, Vladimir Putin has said”\[\^1\]/);
    assert.deepEqual((await check('altered-quote.md', fixed)).findings, []);
  });

  test('figure mismatch: 80,000 in the briefing, 90,000 in the source', async () => {
    const text = fixture('figure-mismatch.md');
    const f = only((await check('figure-mismatch.md')).findings);
    assert.equal(f.kind, 'figure-mismatch');
    assert.equal(f.severity, 'error');
    assert.equal(f.line, 3);
    assert.equal(f.expected, '90,000');
    assert.equal(f.actual, '80,000');
    assert.equal(text.slice(f.start, f.end), '80,000');
  });

  test('missing definition: the reference is named', async () => {
    const text = fixture('missing-definition.md');
    const f = only((await check('missing-definition.md')).findings);
    assert.equal(f.kind, 'missing-definition');
    assert.equal(f.label, '2');
    assert.equal(text.slice(f.start, f.end), '[^2]');
  });

  test('unused definition: a warning whose fix removes exactly its line', async () => {
    const text = fixture('unused-definition.md');
    const f = only((await check('unused-definition.md')).findings);
    assert.equal(f.kind, 'unused-definition');
    assert.equal(f.severity, 'warning');
    assert.equal(f.label, '2');
    assert.equal(f.line, 6);
    assert.ok(f.fix);
    const fixed = applyEdits(text, f.fix.edits);
    assert.equal(fixed, text.split('\n').filter((l) => !l.startsWith('[^2]:')).join('\n'));
    assert.deepEqual((await check('unused-definition.md', fixed)).findings, []);
  });

  test('duplicate definition: the second one is flagged, the first is used', async () => {
    const r = await check('duplicate-definition.md');
    const f = only(r.findings);
    assert.equal(f.kind, 'duplicate-definition');
    assert.equal(f.line, 6);
    assert.match(f.message, /first on line 5/);
    assert.equal(r.citations[0].status, 'ok');
  });

  test('missing source file', async () => {
    const f = only((await check('missing-source.md')).findings);
    assert.equal(f.kind, 'missing-source');
    assert.match(f.message, /005_deleted\.txt, which does not exist/);
  });

  test('a link outside every corpus root is not read', async () => {
    const mem = workspace();
    let read = false;
    const spy = { ...mem, stat: (p: string) => mem.stat(p), readDirectory: (p: string) => mem.readDirectory(p), readFile: (p: string) => ((read = read || p.includes('notes')), mem.readFile(p)) };
    const f = only((await check('outside-corpus.md', fixture('outside-corpus.md'), spy as never)).findings);
    assert.equal(f.kind, 'outside-corpus');
    assert.match(f.message, /notes\/nested\.md, which is outside the corpus/);
    assert.equal(read, false);
  });

  test('moved: information with the new place, and a fix that changes only the fragment', async () => {
    const text = fixture('moved.md');
    const r = await check('moved.md');
    const f = only(r.findings);
    assert.equal(f.kind, 'moved');
    assert.equal(f.severity, 'info');
    assert.equal(f.actual, '#L9C1-L9C54');
    assert.equal(f.expected, '#L11C1-L11C54');
    assert.equal(r.citations[0].status, 'moved');
    assert.ok(f.fix);
    assert.equal(f.fix.edits.length, 2, 'the link text and the destination');
    const fixed = applyEdits(text, f.fix.edits);
    assert.equal(fixed, text.replaceAll('#L9C1-L9C54', '#L11C1-L11C54'));
    assert.deepEqual((await check('moved.md', fixed)).findings, []);
  });

  test('not found: reported as such, not attached to some other passage', async () => {
    const r = await check('not-found.md');
    const f = only(r.findings);
    assert.equal(f.kind, 'not-found');
    assert.equal(f.severity, 'error');
    assert.equal(r.citations[0].status, 'not-found');
    assert.equal(r.citations[0].located, undefined);
  });

  test('malformed location: a warning; the passage is still found by its text, and the fix writes a proper one', async () => {
    const text = fixture('not-a-source.md');
    const r = await check('not-a-source.md');
    const f = only(r.findings);
    assert.equal(f.kind, 'not-a-source');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /malformed location “#line-11”/);
    assert.equal(r.citations[0].status, 'ok');
    assert.ok(f.fix);
    const fixed = applyEdits(text, f.fix.edits);
    assert.equal(fixed, text.replaceAll('#line-11', '#L11C1-L11C54'));
    assert.deepEqual((await check('not-a-source.md', fixed)).findings, []);
  });
});

suite('checks: the source changed since citing', () => {
  const BRIEFING = 'Lavrov said: “We do not want a conflict, as the president of Russia, Vladimir Putin has said.”[^1]\n\n' +
    `[^1]: x. [../corpus/${S3}#L11C56-L11C151](../corpus/${S3}#L11C56-L11C151 "\\"We do not want a conflict, as the president of Russia, Vladimir…")\n`;

  test('lines added above the passage: moved, and the quote is still verified against it', async () => {
    const mem = workspace();
    mem.write(`/ws/corpus/${S3}`, 'Update: three paragraphs were added at the top.\n\nA second new paragraph.\n\n' + source(S3));
    const r = await check('changed.md', BRIEFING, mem);
    const f = only(r.findings);
    assert.equal(f.kind, 'moved');
    assert.equal(f.expected, '#L15C56-L15C151');
    assert.equal(r.citations[0].status, 'moved');
    assert.equal(r.citations[0].located?.how, 'moved');
  });

  test('a line-only citation follows the quotation when the paragraph moved', async () => {
    const mem = workspace();
    mem.write(`/ws/corpus/${S3}`, 'New first line.\n\n' + source(S3));
    const text = `He said: “We do not want a conflict”.[^1]\n\n[^1]: [source](../corpus/${S3}#L11)\n`;
    const f = only((await check('line.md', text, mem)).findings);
    assert.equal(f.kind, 'moved');
    assert.equal(f.expected, '#L13');
  });

  test('the passage was deleted and a lookalike remains: not found, never re-anchored to the lookalike', async () => {
    const mem = workspace();
    const edited = source(S3)
      .replace(/Lavrov said Russia also favours a diplomatic solution\. "We do not want a conflict, as the president of Russia, Vladimir Putin has said", he reiterated\.\s/, 'Lavrov said Russia favours a political solution. "We do not want a war, as the president has said", he added. ');
    assert.notEqual(edited, source(S3));
    mem.write(`/ws/corpus/${S3}`, edited);
    const r = await check('deleted.md', BRIEFING, mem);
    const f = only(r.findings);
    assert.equal(f.kind, 'not-found');
    assert.equal(r.citations[0].status, 'not-found');
    assert.equal(r.citations[0].located, undefined);
    assert.ok(!r.findings.some((x) => x.kind === 'altered-quote'));
  });

  test('a word fixed in the source: found approximately at the same place, and the quote is reported as differing', async () => {
    const mem = workspace();
    mem.write(`/ws/corpus/${S3}`, source(S3).replace('"We do not want a conflict, as the president', '"We do not want any conflict, as the president'));
    const r = await check('fixed.md', BRIEFING, mem);
    const kinds = r.findings.map((f) => f.kind).sort();
    assert.ok(kinds.includes('altered-quote'), JSON.stringify(r.findings));
    assert.equal(r.citations[0].located?.match, 'fuzzy');
    const q = r.findings.find((f) => f.kind === 'altered-quote');
    assert.match(q?.message ?? '', /changed “any” to “a”/);
  });
});
