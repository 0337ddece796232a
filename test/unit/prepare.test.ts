import * as assert from 'node:assert/strict';
import * as nodeFs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { buildDocument, documentFromBytes, textFileUtf8 } from '../../src/core/corpus';
import { hashAsciiLine, hashString } from '../../src/core/hash';
import { KIND_CODE } from '../../src/core/passageStore';
import { prepareDocument, WordNumbering } from '../../src/core/prepare';
import { lineHashes, normalLine } from '../../src/core/repeatedLines';
import { countWords } from '../../src/core/segment';
import { utf8Offsets } from '../../src/core/text';
import { indexTerms } from '../../src/core/tokenize';
import { DEMO_CORPUS } from './helpers';

const SEED = 20261123;

suite('preparing a document for the index', () => {
  test('every passage: its place, its bytes, its kind and its terms, as the document has them', () => {
    const name = nodeFs.readdirSync(DEMO_CORPUS).filter((f) => f.endsWith('.txt'))[0];
    // Curly quotes and dashes: byte offsets differ from character offsets.
    const text = nodeFs.readFileSync(path.join(DEMO_CORPUS, name), 'utf8') + '\n\n“We’ll see — maybe,” said the Minister of State, €4.2bn later.\n';
    const doc = buildDocument(`/c/${name}`, '/c', text);
    const numbering = new WordNumbering();
    const p = prepareDocument(doc, numbering.termIds, true);
    const { words } = numbering.take();
    assert.ok(doc.passages.length > 10 && doc.passages.some((x) => x.kind === 'quote' && x.speaker) && doc.passages.some((x) => x.figures?.length));
    assert.equal(new TextDecoder().decode(p.bytes), text);
    let t = 0;
    doc.passages.forEach((passage, i) => {
      assert.equal(p.start[i], passage.start);
      assert.equal(p.end[i], passage.end);
      assert.equal(new TextDecoder().decode(p.bytes.subarray(p.byteStart[i], p.byteEnd[i])), passage.text);
      assert.equal(p.kind[i], KIND_CODE[passage.kind]);
      assert.equal(p.speakers?.[i] ?? undefined, passage.speaker);
      assert.deepEqual(p.figures?.[i] ?? undefined, passage.figures?.length ? passage.figures : undefined);
      const terms = [...p.terms.subarray(t, t + p.termCount[i])].map((id) => words[id]);
      assert.deepEqual(terms, indexTerms(passage.text), passage.text);
      t += p.termCount[i];
    });
    assert.equal(t, p.terms.length);
    // The columns share one buffer; the text has its own.
    assert.equal(p.start.buffer, p.terms.buffer);
    assert.equal(p.kind.buffer, p.line.buffer);
    assert.notEqual(p.bytes.buffer, p.start.buffer);
  });

  test('every prepared document has the same fields, speakers and figures too (undefined when it has none)', () => {
    const plain = buildDocument('/c/a.txt', '/c', 'A Headline With Words\n\nThe first sentence of the body is here. The second one follows it.\n');
    const rich = buildDocument('/c/b.txt', '/c', 'A Headline With Words\n\n“We will pay,” said Amira Haddad. Costs rose by 40% in 2021 to £2.5bn.\n');
    const a = prepareDocument(plain, new WordNumbering().termIds, false);
    const b = prepareDocument(rich, new WordNumbering().termIds, false);
    assert.equal(a.speakers, undefined);
    assert.equal(a.figures, undefined);
    assert.ok(b.speakers?.includes('Amira Haddad'), JSON.stringify(b.speakers));
    assert.ok(b.figures?.some((f) => f?.some((x) => x.text === '40%')), JSON.stringify(b.figures));
    assert.deepEqual(Object.keys(a), Object.keys(b));
  });

  test("a text file's bytes are taken as its UTF-8 (a byte order mark left out), in a buffer of their own", async () => {
    const text = 'Flood barrier — “We’ll see,” said the Minister of State. It costs €4.2bn, 😀 or 90,000 jobs.\n';
    for (const bytes of [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), Buffer.from(text)]) {
      const doc = await documentFromBytes('/c', '/c/a.txt', bytes);
      assert.ok(!('reason' in doc) && doc.text === text);
      const utf8 = textFileUtf8('/c/a.txt', bytes);
      const taken = prepareDocument(doc, new WordNumbering().termIds, false, utf8);
      const encoded = prepareDocument(doc, new WordNumbering().termIds, false);
      assert.deepEqual(Buffer.from(taken.bytes), Buffer.from(encoded.bytes));
      assert.deepEqual([...taken.byteStart, ...taken.byteEnd], [...encoded.byteStart, ...encoded.byteEnd]);
      // A small Buffer is a view into a shared pool, and a text after a byte order mark a view past it: copied, so that sending them moves nothing else.
      assert.equal(taken.bytes.byteOffset, 0);
      assert.equal(taken.bytes.buffer.byteLength, taken.bytes.byteLength);
      assert.notEqual(taken.bytes.buffer, bytes.buffer);
    }
    const own = new TextEncoder().encode(text);
    assert.equal(textFileUtf8('/c/a.md', own), own);
    assert.equal(textFileUtf8('/c/a.html', own), undefined);
  });

  test('UTF-8 offsets of character offsets in any order, as the encoded text counts them', () => {
    const chars = fc.constantFrom('a', ' ', 'é', '’', '€', '😀', '\n', 'Z', 'ab', '“é”', '\u07ff\u0800');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 60 }), fc.array(fc.nat(), { maxLength: 40 }), (parts, picks) => {
        const text = parts.join('');
        // Offsets at character boundaries (never inside a surrogate pair).
        const bounds = [0];
        for (const part of parts) bounds.push(bounds[bounds.length - 1] + part.length);
        // And past the end, which counts the whole text.
        const offsets = picks.map((k) => (k % 7 === 6 ? text.length + k : bounds[k % bounds.length]));
        const got = utf8Offsets(text, offsets);
        assert.deepEqual([...got], offsets.map((o) => Buffer.byteLength(text.slice(0, o))));
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  test('short lines: their distinct hashes in the order first met, and each passage the hash of the line it starts on', () => {
    const short = ['Subscribe to our newsletter', 'Follow us  on social media', '“Read more” — the café’s news', 'Three word line'];
    const long = 'This line has far more than twelve words in it, so it is never taken for a site’s line.';
    const parts = fc.array(fc.constantFrom(...short, long, '', '  ', 'Two words', '\tSubscribe to OUR   newsletter\r'), { maxLength: 300 });
    fc.assert(
      fc.property(parts, fc.array(fc.nat(), { maxLength: 30 }), (lines, picks) => {
        const text = lines.join('\n');
        const starts: number[] = [];
        for (let at = 0, i = 0; i < lines.length; at += lines[i].length + 1, i++) starts.push(at);
        const hashOf = (line: string) => {
          const words = countWords(line, 0, line.length, 13);
          return words >= 3 && words <= 12 ? hashString(normalLine(line)) || 1 : 0;
        };
        const passages = picks.map((k) => ({ start: lines.length ? starts[k % lines.length] + (k % 3) : 0 }));
        const got = lineHashes(text, passages);
        const expected = [...new Set(lines.map(hashOf).filter((h) => h !== 0))];
        assert.deepEqual([...got.lines], expected);
        const lineOf = (offset: number) => lines.length ? lines[starts.filter((s) => s <= offset).length - 1] : '';
        assert.deepEqual([...got.passages], passages.map((p) => hashOf(lineOf(p.start))));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  test('an ASCII line is hashed as its normal form is, without making it; any other character is left to the full path', () => {
    const ascii = fc.array(fc.constantFrom('a', 'B', ' ', '\t', '\u000b', '\f', '\r', 'z', 'Q', '1', '-', '.', '\u0001'), { maxLength: 40 }).map((a) => a.join(''));
    fc.assert(
      fc.property(ascii, fc.nat(), fc.nat(), (line, a, b) => {
        const [s, e] = [a % (line.length + 1), b % (line.length + 1)].sort((x, y) => x - y);
        assert.equal(hashAsciiLine(line, s, e), hashString(normalLine(line.slice(s, e))));
      }),
      { seed: SEED, numRuns: 1000 },
    );
    assert.equal(hashAsciiLine('Subscribe\u00a0to our newsletter', 0, 29), -1);
    assert.equal(hashAsciiLine('Subscribe to “our” newsletter', 0, 29), -1);
  });
});
