import * as assert from 'node:assert/strict';
import {
  codeSpans,
  footnoteAt,
  formatCitation,
  nextNumericLabel,
  parseCitationLink,
  parseFootnotes,
  parseFragment,
  planCitationInsert,
  type Citation,
} from '../../src/core/footnotes';

const citation: Citation = {
  metadata: { title: 'Blinken meets Lavrov' },
  path: 'corpus/a.txt',
  range: { startLine: 3, startColumn: 5, endLine: 3, endColumn: 40 },
  passage: 'He warned Lavrov of “serious consequences” if Russia invades Ukraine and urged him to pursue diplomatic channels.',
};

function apply(doc: string, plan: ReturnType<typeof planCitationInsert>): string {
  let out = doc;
  if (plan.append && plan.append.offset >= plan.end) out = out.slice(0, plan.append.offset) + plan.append.text + out.slice(plan.append.offset);
  out = out.slice(0, plan.start) + plan.text + out.slice(plan.end);
  if (plan.append && plan.append.offset < plan.start) out = out.slice(0, plan.append.offset) + plan.append.text + out.slice(plan.append.offset);
  return out;
}

suite('footnotes: parsing', () => {
  test('finds references and definitions, not inside code', () => {
    const doc = 'Text[^1] and `[^2]` and [^b].\n\n```\n[^3]\n```\n\n[^1]: one\n[^b]: bee\n    continued\n';
    const fn = parseFootnotes(doc);
    assert.deepEqual(fn.references.map((r) => r.label), ['1', 'b']);
    assert.deepEqual(fn.definitions.map((d) => d.label), ['1', 'b']);
    assert.equal(fn.definitions[1].content, 'bee\n    continued');
    assert.equal(doc.slice(fn.references[0].start, fn.references[0].end), '[^1]');
  });

  test('code spans cover fences and backtick runs', () => {
    const doc = 'a ``x [^1] ` y`` b\n~~~\n[^2]\n~~~\n';
    const spans = codeSpans(doc);
    assert.equal(spans.length, 2);
    assert.ok(doc.slice(spans[0][0], spans[0][1]).includes('[^1]'));
  });

  test('definitions inside blockquotes and lists, CRLF line ends', () => {
    const doc = 'A[^1]\r\n\r\n> [^1]: quoted def\r\n- [^2]: listed def\r\n';
    const fn = parseFootnotes(doc);
    assert.deepEqual(fn.definitions.map((d) => [d.label, d.content]), [['1', 'quoted def'], ['2', 'listed def']]);
  });

  test('next numeric label is the highest plus one, ignoring named labels', () => {
    assert.equal(nextNumericLabel(parseFootnotes('a[^3] b[^x] c[^10]\n\n[^3]: x')), '11');
    assert.equal(nextNumericLabel(parseFootnotes('nothing here')), '1');
  });

  test('footnoteAt finds a reference or a definition label', () => {
    const doc = 'See[^12].\n\n[^12]: def';
    const fn = parseFootnotes(doc);
    assert.equal(footnoteAt(fn, 5)?.label, '12');
    assert.equal(footnoteAt(fn, doc.indexOf('[^12]:') + 2)?.label, '12');
    assert.equal(footnoteAt(fn, 0), undefined);
  });
});

suite('footnotes: citation format', () => {
  test('drops unknown fields with their separators', () => {
    assert.equal(
      formatCitation(citation),
      '“Blinken meets Lavrov”. [corpus/a.txt#L3C5-L3C40](corpus/a.txt#L3C5-L3C40 "He warned Lavrov of “serious consequences” if Russia invades Ukraine and urged…")',
    );
    assert.equal(
      formatCitation({ ...citation, metadata: {} }),
      '[corpus/a.txt#L3C5-L3C40](corpus/a.txt#L3C5-L3C40 "He warned Lavrov of “serious consequences” if Russia invades Ukraine and urged…")',
    );
  });

  test('prints every known field in order', () => {
    const text = formatCitation({
      ...citation,
      metadata: { author: 'Dan Nolan', title: 'T', outlet: 'CEE', date: '2021-12-02', url: 'https://x.example/a' },
    });
    assert.ok(text.startsWith('Dan Nolan, “T”, CEE, 2021-12-02, https://x.example/a. [corpus/a.txt#'), text);
    assert.ok(!text.includes('undefined'));
  });

  test('escapes paths and titles', () => {
    const text = formatCitation({ ...citation, path: '../my corpus/a (1).txt', passage: 'He said "no" \\ twice' });
    const link = parseCitationLink(text);
    assert.equal(link?.path, '../my corpus/a (1).txt');
    assert.equal(link?.title, 'He said "no" \\ twice');
    assert.deepEqual(link?.range, { startLine: 3, startColumn: 5, endLine: 3, endColumn: 40 });
  });

  test('parses line-only and line-range fragments, skips URLs', () => {
    assert.deepEqual(parseFragment('L7'), { startLine: 7 });
    assert.deepEqual(parseFragment('L7-L9'), { startLine: 7, endLine: 9 });
    assert.equal(parseFragment('nonsense'), undefined);
    assert.equal(parseCitationLink('[site](https://example.com/a.txt)')?.path, undefined);
    assert.equal(parseCitationLink('[site](https://example.com) and [f](src/b.md#L2)')?.path, 'src/b.md');
  });
});

suite('footnotes: planning an insertion', () => {
  test('appends the definition after a blank line and numbers it', () => {
    const doc = 'Intro.\n\nHe said ';
    const plan = planCitationInsert(doc, doc.length, doc.length, 'X', citation);
    assert.equal(plan.label, '1');
    const out = apply(doc, plan);
    assert.equal(out, `Intro.\n\nHe said X[^1]\n\n[^1]: ${formatCitation(citation)}\n`);
    assert.equal(plan.cursor, 'X[^1]'.length);
  });

  test('inserting in the middle keeps the rest byte-identical', () => {
    const doc = 'Para one.\n\nPara two here.\n';
    const at = doc.indexOf('here');
    const plan = planCitationInsert(doc, at, at + 4, 'Q', citation);
    const out = apply(doc, plan);
    assert.equal(out, `Para one.\n\nPara two Q[^1].\n\n[^1]: ${formatCitation(citation)}\n`);
  });

  test('keeps definitions together and never renumbers', () => {
    const doc = 'A[^4] B.\n\n[^4]: old\n';
    const plan = planCitationInsert(doc, 8, 8, ' C', citation);
    assert.equal(plan.label, '5');
    assert.equal(apply(doc, plan), `A[^4] B. C[^5]\n\n[^4]: old\n[^5]: ${formatCitation(citation)}\n`);
  });

  test('reuses the definition of the same passage', () => {
    const doc = `A[^2].\n\n[^2]: ${formatCitation(citation)}\n`;
    const plan = planCitationInsert(doc, 1, 1, 'again', citation);
    assert.equal(plan.reused, true);
    assert.equal(plan.label, '2');
    assert.equal(plan.append, undefined);
  });

  test('uses CRLF in a CRLF document', () => {
    const doc = 'One.\r\nTwo ';
    const out = apply(doc, planCitationInsert(doc, 4, 4, '!', citation));
    assert.equal(out, `One.![^1]\r\nTwo \r\n\r\n[^1]: ${formatCitation(citation)}\r\n`);
  });

  test('cursor in trailing blank lines still gets a blank line before the definition', () => {
    const doc = 'Intro.\n\n\n';
    const plan = planCitationInsert(doc, 8, 8, 'Q', citation);
    assert.equal(apply(doc, plan), `Intro.\n\nQ[^1]\n\n[^1]: ${formatCitation(citation)}\n`);
  });

  test('empty document', () => {
    const plan = planCitationInsert('', 0, 0, 'Q', citation);
    assert.equal(apply('', plan), `Q[^1]\n\n[^1]: ${formatCitation(citation)}\n`);
  });
});
