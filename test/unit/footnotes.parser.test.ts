import * as assert from 'node:assert/strict';
import { parseFootnotes, prepareFootnotes, type FootnoteDefinition, type Footnotes } from '../../src/core/footnotes';

function refs(fn: Footnotes, doc: string): string[] {
  return fn.references.map((r) => {
    assert.equal(doc.slice(r.start, r.end), `[^${r.label}]`, 'a reference spans exactly `[^label]`');
    return r.label;
  });
}

/** The definition as it would read at the top level: its text without the container prefixes. */
function topLevel(doc: string, d: FootnoteDefinition): string {
  let out = '';
  let at = d.start;
  for (const [s, e] of d.outer) {
    out += doc.slice(at, s);
    at = e;
  }
  return out + doc.slice(at, d.end);
}

suite('footnotes: parser (CommonMark + GFM footnotes)', () => {
  test('[^1] in code spans, fences, indented code and HTML is no reference, even when 1 is defined', () => {
    const doc = [
      'Real[^1] and `[^1]` and ``a ` [^1]``.',
      '',
      '```md',
      '[^1]: not a definition',
      'nor [^1] a reference',
      '```',
      '',
      '    [^1] indented code',
      '',
      '<!-- [^1] -->',
      '',
      '[^1]: the definition',
      '',
    ].join('\n');
    const fn = parseFootnotes(doc);
    assert.deepEqual(refs(fn, doc), ['1']);
    assert.equal(fn.references[0].start, 4);
    assert.deepEqual(
      fn.definitions.map((d) => [d.label, d.content]),
      [['1', 'the definition']],
    );
  });

  test('an escaped bracket is no reference; an escaped backslash before one is', () => {
    const doc = 'A \\[^1] b \\\\[^1] c.\n\n[^1]: x\n';
    const fn = parseFootnotes(doc);
    assert.deepEqual(refs(fn, doc), ['1']);
    assert.equal(fn.references[0].start, doc.indexOf('\\\\[^1]') + 2);
  });

  test('references without a definition are found, outside code and link destinations', () => {
    const doc = 'See [^missing] and `[^code]` and [link](a[^dest]) and [^other].\n';
    const fn = parseFootnotes(doc);
    assert.deepEqual(refs(fn, doc), ['missing', 'other']);
    assert.equal(fn.definitions.length, 0);
  });

  test('labels match case-insensitively, as GFM does', () => {
    const doc = 'A[^Note].\n\n[^note]: x\n';
    const fn = parseFootnotes(doc);
    assert.deepEqual(refs(fn, doc), ['Note']);
    assert.deepEqual(fn.definitions.map((d) => d.label), ['note']);
  });

  test('continuation lines: indented, after a blank line, and lazy; the definition ends before the next block', () => {
    const doc = '[^a]: first\n    second\nlazy\n\n    another paragraph\n\nNot part[^a].\n';
    const fn = parseFootnotes(doc);
    assert.equal(fn.definitions.length, 1);
    const d = fn.definitions[0];
    assert.equal(d.content, 'first\n    second\nlazy\n\n    another paragraph');
    assert.equal(doc.slice(d.start, d.end), '[^a]: first\n    second\nlazy\n\n    another paragraph');
    assert.deepEqual(refs(fn, doc), ['a']);
  });

  test('definitions in blockquotes and lists: their prefixes are marked as outer', () => {
    const doc = '> [^q]: quoted\n>     more\n>\n>     para\n\n- [^l]: listed\n      more\n  lazy\n\nx[^q][^l]\n';
    const fn = parseFootnotes(doc);
    assert.deepEqual(
      fn.definitions.map((d) => topLevel(doc, d)),
      ['[^q]: quoted\n    more\n\n    para', '[^l]: listed\n    more\nlazy'],
    );
    assert.equal(fn.definitions[0].start, 0);
    assert.equal(fn.definitions[0].labelStart, 2);
    assert.deepEqual(refs(fn, doc), ['q', 'l']);
  });

  test('CRLF and astral characters: offsets are string offsets, no \\r in spans', () => {
    const doc = 'Emoji 😀 first[^1].\r\n\r\n> quote[^2]\r\n\r\n[^1]: one\r\n    cont\r\n[^2]: two\r\n';
    const fn = parseFootnotes(doc);
    assert.deepEqual(refs(fn, doc), ['1', '2']);
    assert.deepEqual(
      fn.definitions.map((d) => doc.slice(d.start, d.end)),
      ['[^1]: one\r\n    cont', '[^2]: two'],
    );
    assert.deepEqual(fn.definitions.map((d) => doc.slice(d.labelStart, d.labelEnd)), ['[^1]', '[^2]']);
  });

  test('a definition inside a definition is marked nested', () => {
    const doc = '[^1]: outer\n\n    [^2]: inner\n\nx[^1][^2]\n';
    const fn = parseFootnotes(doc);
    assert.deepEqual(fn.definitions.map((d) => [d.label, d.nested]), [['1', false], ['2', true]]);
  });

  test('a fence left open swallows the rest, however long the document', () => {
    const filler = Array.from({ length: 60 }, (_, i) => `Paragraph ${i} with a reference[^${i}] in it.`).join('\n\n');
    const doc = `Before[^0].\n\n\`\`\`\nopen fence\n\n${filler}\n\n[^0]: def\n`;
    const fn = parseFootnotes(doc);
    assert.deepEqual(refs(fn, doc), ['0']);
    assert.equal(fn.definitions.length, 0);
  });

  test('an HTML comment over blank lines hides its footnotes, however long', () => {
    const filler = Array.from({ length: 40 }, (_, i) => `Line ${i} [^${i}]`).join('\n\n');
    const doc = `A[^x]\n\n<!--\n${filler}\n-->\n\n[^x]: def\n`;
    const fn = parseFootnotes(doc);
    assert.deepEqual(refs(fn, doc), ['x']);
    assert.deepEqual(fn.definitions.map((d) => d.label), ['x']);
  });

  test('parsing in pieces gives the same result as parsing at once, also after an edit', function () {
    this.timeout(30000);
    const blocks: string[] = [];
    for (let i = 0; i < 120; i++) {
      const kinds = [
        `Para ${i} cites[^${i % 17}] and \`[^${i}]\` text.`,
        `> quoted ${i}[^${i % 5}]\n> [^q${i}]: quote def ${i}\n>     more`,
        `- item[^${i % 7}]\n- [^l${i}]: list def\n      cont`,
        '```\n[^1]: fenced\n\nstill fenced [^2]\n```',
        `[^${i % 17}]: Def ${i}\n    cont ${i}`,
        '<div>\n[^3]\n</div>',
      ];
      blocks.push(kinds[(i * 7) % kinds.length]);
    }
    const doc = blocks.join('\n\n') + '\n';
    assert.deepEqual(parseFootnotes(doc), parseFootnotes(doc, { whole: true }));
    const edited = doc.replace('Para 35 cites', 'Para 35 now cites[^new] and\n\n```\nunclosed');
    assert.deepEqual(parseFootnotes(edited), parseFootnotes(edited, { whole: true }));
    const crlf = doc.replace(/\n/g, '\r\n');
    assert.deepEqual(parseFootnotes(crlf), parseFootnotes(crlf, { whole: true }));
  });

  test('no footnotes and bad input: empty results, no exception', () => {
    assert.deepEqual(parseFootnotes(''), { references: [], definitions: [] });
    assert.deepEqual(parseFootnotes('plain text'), { references: [], definitions: [] });
    const junk = '[^\u0000]: \uFFFD\r\r\n[^][^ ]\\';
    assert.doesNotThrow(() => parseFootnotes(junk));
  });
});

suite('footnotes: preparing a large document without holding the thread', () => {
  test('prepareFootnotes yields while it parses, and the result equals a parse in one go', async () => {
    let text = '# Long briefing\n\n';
    for (let i = 1; i <= 300; i++) text += `Claim ${i} about troops and talks in Riga.[^${i}] More words follow here.\n\n`;
    for (let i = 1; i <= 300; i++) text += `[^${i}]: Source ${i}. [a.txt#L${i}](a.txt#L${i} "opening ${i}")\n`;
    let pauses = 0;
    await prepareFootnotes(text, async () => void pauses++, () => false, 0);
    assert.ok(pauses > 10, `paused ${pauses} times`);
    const fn = parseFootnotes(text);
    assert.equal(fn.references.length, 300);
    assert.equal(fn.definitions.length, 300);
    assert.deepEqual(fn, parseFootnotes(text, { whole: true }));
  });

  test('prepareFootnotes stops when cancelled', async () => {
    let pauses = 0;
    const text = Array.from({ length: 200 }, (_, i) => `Para ${i} with a note.[^${i}]\n\n[^${i}]: n\n\n`).join('');
    await prepareFootnotes(text, async () => void pauses++, () => pauses >= 2, 0);
    assert.equal(pauses, 2);
  });
});
