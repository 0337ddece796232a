import * as assert from 'node:assert/strict';
import { buildDocument, decodeText, listCorpusFiles, loadCorpus } from '../../src/core/corpus';
import { MemoryFileSystem, type CorpusFileSystem } from '../../src/core/fs';
import { NodeFileSystem, toCorePath } from '../../src/cli/nodeFs';
import { extractMetadata, mergeMetadata, parseDate, parseFrontMatter } from '../../src/core/metadata';
import { blocks, boilerplate, sentences } from '../../src/core/segment';
import { DEMO_CORPUS } from './helpers';

suite('corpus: reading files', () => {
  test('skips binary, non-UTF-8, too large and unsupported files with reasons, keeps the rest', async () => {
    const fs = new MemoryFileSystem();
    fs.write('/c/good.txt', 'A good article title here\n\nThe minister said the talks would continue next week in Vienna.\n');
    fs.write('/c/nested/deeper/also.md', '---\ntitle: Front Matter Title\nauthor: Jane Roe\ndate: 2021-12-02\n---\n\nA sentence of the body that is long enough to be a passage.\n');
    fs.write('/c/binary.txt', new Uint8Array([0x41, 0, 0x42, 0x43]));
    fs.write('/c/latin1.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0x61]));
    fs.write('/c/huge.txt', 'x'.repeat(2000));
    fs.write('/c/image.png', new Uint8Array([1, 2, 3]));
    const warnings: string[] = [];
    const load = await loadCorpus(fs, ['/c', '/missing'], { maxFileBytes: 1000, log: { info() {}, warn: (m) => warnings.push(m), error() {} } });
    assert.deepEqual(load.documents.map((d) => d.relPath).sort(), ['good.txt', 'nested/deeper/also.md']);
    const reasons = Object.fromEntries(load.skipped.map((s) => [s.path, s.reason]));
    assert.match(reasons['/c/binary.txt'], /binary/);
    assert.match(reasons['/c/latin1.txt'], /UTF-8/);
    assert.match(reasons['/c/huge.txt'], /too large/);
    assert.match(reasons['/c/image.png'], /not a supported document type/);
    assert.deepEqual(load.missingRoots, ['/missing']);
    assert.equal(warnings.length, load.skipped.length);
    const md = load.documents.find((d) => d.relPath.endsWith('also.md'));
    assert.deepEqual(md?.metadata, { title: 'Front Matter Title', author: 'Jane Roe', date: '2021-12-02' });
    assert.ok(md?.passages.every((p) => p.start >= md.text.indexOf('A sentence')));
  });

  test('decodeText strips a BOM and rejects invalid UTF-8', () => {
    assert.equal(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x61])).text, 'a');
    assert.equal(decodeText(new Uint8Array([0xff, 0xfe, 0xfd])).text, undefined);
  });

  test('a sidecar sources.yaml does the same; a malformed sidecar is ignored with a reason', async () => {
    const fs = new MemoryFileSystem();
    fs.write('/c/a.txt', 'Original Title Of The Piece\n\nSome body text that is long enough to count as a passage here.\n');
    fs.write('/c/sources.yaml', '# overrides\na.txt:\n  outlet: "The Outlet: Weekly"\n  date: 2021-12-02\n  colour: ignored\n');
    assert.deepEqual((await loadCorpus(fs, ['/c'])).documents[0].metadata, { title: 'Original Title Of The Piece', outlet: 'The Outlet: Weekly', date: '2021-12-02' });
    fs.write('/c/sources.yaml', 'a.txt:\n  outlet: X\nnot yaml at all\n');
    const warnings: string[] = [];
    const load = await loadCorpus(fs, ['/c'], { log: { info() {}, warn: (m) => warnings.push(m), error() {} } });
    assert.equal(load.documents[0].metadata.outlet, undefined);
    assert.ok(warnings.some((w) => /sources\.yaml: line 3/.test(w)), warnings.join('\n'));
  });

  test('a sidecar sources.json overrides metadata per file', async () => {
    const fs = new MemoryFileSystem();
    fs.write('/c/a.txt', 'Original Title Of The Piece\n\nSome body text that is long enough to count as a passage here.\n');
    fs.write('/c/sources.json', JSON.stringify({ 'a.txt': { outlet: 'The Outlet', title: 'Better Title' } }));
    const load = await loadCorpus(fs, ['/c']);
    assert.deepEqual(load.documents[0].metadata, { title: 'Better Title', outlet: 'The Outlet' });
  });
});

suite('corpus: listing files', () => {
  test('the sizes and times of a folder\'s files are asked for many at once; the listing keeps name order, folders where they come', async () => {
    const mem = new MemoryFileSystem();
    const names: string[] = [];
    for (let i = 0; i < 100; i++) names.push(`/c/f${String(i).padStart(3, '0')}.txt`);
    names.push('/c/f050/inner.txt', '/c/f050/zz/deep.txt');
    for (const n of names) mem.write(n, 'A title line\n\nSome text of the document that says enough words.\n');
    // A file system that answers a stat only once the next ones were asked for (or nothing more is coming).
    let pending = 0;
    let most = 0;
    const waiting: Array<() => void> = [];
    const slow: CorpusFileSystem = {
      readDirectory: (p) => mem.readDirectory(p),
      readFile: (p) => mem.readFile(p),
      stat: async (p) => {
        pending++;
        most = Math.max(most, pending);
        await new Promise<void>((resolve) => {
          waiting.push(resolve);
          setImmediate(() => waiting.shift()?.());
        });
        pending--;
        return mem.stat(p);
      },
    };
    const listed = await listCorpusFiles(slow, ['/c']);
    // The folder `f050` comes before the file `f050.txt`, and its own folder `zz` after its files.
    const expected = [...names.slice(0, 50), '/c/f050/inner.txt', '/c/f050/zz/deep.txt', ...names.slice(50, 100)];
    assert.deepEqual(
      listed.files.map((f) => f.path),
      expected,
    );
    assert.ok(most > 8 && most <= 33, `stats at once: ${most}`);
  });
});

suite('corpus: segmentation', () => {
  test('every passage slices exactly its text out of the document', async () => {
    const load = await loadCorpus(new NodeFileSystem(), [toCorePath(DEMO_CORPUS)]);
    assert.equal(load.documents.length, 5);
    for (const doc of load.documents) {
      assert.ok(doc.passages.length > 5, doc.relPath);
      for (const p of doc.passages) {
        assert.equal(doc.text.slice(p.start, p.end), p.text);
        assert.equal(p.text, p.text.trim());
      }
    }
  });

  test('abbreviations, initials and quotations spanning sentence ends do not split a sentence', () => {
    const text = 'Secretary Antony J. Blinken met U.S. officials. Mr. Smith left.\n\nStoltenberg said:“the environment has deteriorated. As we speak, Russia is concentrating,” he added. Next.';
    const out = blocks(text).flatMap((b) => sentences(text, b)).map((s) => text.slice(s.start, s.end));
    assert.deepEqual(out, [
      'Secretary Antony J. Blinken met U.S. officials.',
      'Mr. Smith left.',
      'Stoltenberg said:“the environment has deteriorated. As we speak, Russia is concentrating,” he added.',
      'Next.',
    ]);
  });

  test('wrapped lines join into one block; short lines stay apart', () => {
    const text = 'Editor\'s choice\nNews\nThis is a long line of a paragraph that was wrapped by the\nwriter at a fixed width.\n';
    const out = blocks(text).map((b) => text.slice(b.start, b.end));
    assert.deepEqual(out, ["Editor's choice", 'News', 'This is a long line of a paragraph that was wrapped by the\nwriter at a fixed width.']);
  });

  test('boilerplate: repeated banners, captions and the tail after a section header', () => {
    const banner = 'Click Here Now! '.repeat(5).trim();
    const body = 'This is the first body paragraph of the article with many words in it.\n\nAnd a second body paragraph that also has a good number of words in it.';
    const text = `${banner}\nTitle of the piece\n\n${body}\n\nPhoto credit: Reuters\n\nRecent Posts\n\nOther story headline goes here with words\n`;
    const spans = boilerplate(text).map((s) => text.slice(s.start, s.end));
    assert.equal(spans[0], banner);
    assert.ok(spans.includes('Photo credit: Reuters'));
    assert.ok(spans[spans.length - 1].startsWith('Recent Posts') && spans[spans.length - 1].includes('Other story'));
  });
});

suite('corpus: metadata', () => {
  test('titles, bylines, dates and outlets of the demo articles', async () => {
    const load = await loadCorpus(new NodeFileSystem(), [toCorePath(DEMO_CORPUS)]);
    const md = Object.fromEntries(load.documents.map((d) => [d.relPath.slice(0, 3), d.metadata]));
    assert.equal(md['000'].title, 'Blinken meets Lavrov after NATO talks in Riga');
    assert.equal(md['000'].author, 'Dan Nolan');
    assert.equal(md['001'].title, 'NATO meets to discuss Russia');
    assert.equal(md['001'].author, 'Mălina Mîndruțescu');
    assert.equal(md['002'].title, 'Blinken Set To Meet Lavrov With Nerves On Edge Over Russian Troop Buildup Near Ukraine');
    assert.equal(md['002'].date, '2021-12-01');
    assert.equal(md['003'].outlet, 'commonspace.eu');
    assert.equal(md['004'].title, 'Blinken Urges Russia’s Lavrov to Choose Diplomacy on Ukraine or Face High Price');
    for (const m of Object.values(md)) assert.ok(!JSON.stringify(m).includes('undefined'));
  });

  test('dates in several forms', () => {
    assert.equal(parseDate('By: - December 1, 2021'), '2021-12-01');
    assert.equal(parseDate('2 December 2021'), '2021-12-02');
    assert.equal(parseDate('Sept. 9, 2020'), '2020-09-09');
    assert.equal(parseDate('no date'), undefined);
  });

  test('front matter and plain-text conventions', () => {
    assert.deepEqual(parseFrontMatter('---\ntitle: "Quoted: yes"\n---\nbody').fields, { title: 'Quoted: yes' });
    const md = extractMetadata('Nav\nThe Real Headline Of The Day\nBy Jane Doe\n\nBody sentence number one is long enough to count here.\n');
    assert.equal(md.title, 'The Real Headline Of The Day');
    assert.equal(md.author, 'Jane Doe');
  });

  test('metadata lists its fields in one order (title, author, date, outlet, url) whatever order the lines had; a later source overrides field by field, blank values aside', () => {
    const text = 'https://example.org/story\nSource: The Wire\nThe Real Headline Of The Day\nMarch 5, 2024\nBy Jane Doe\n\nBody sentence number one is long enough to count here and more.\n';
    const found = { title: 'The Real Headline Of The Day', author: 'Jane Doe', date: '2024-03-05', outlet: 'The Wire', url: 'https://example.org/story' };
    const md = extractMetadata(text);
    assert.deepEqual(md, found);
    assert.deepEqual(Object.keys(md), ['title', 'author', 'date', 'outlet', 'url']);
    const doc = buildDocument('/c/a.txt', '/c', text, { outlet: '  ', author: ' Ann Other ' });
    assert.deepEqual(doc.metadata, { ...found, author: 'Ann Other' });
    assert.deepEqual(Object.keys(doc.metadata), ['title', 'author', 'date', 'outlet', 'url']);
    const merged = mergeMetadata({ url: ' u ', outlet: 'o' }, undefined, { title: ' T ', author: '  ', outlet: 'O2' });
    assert.deepEqual(merged, { title: 'T', outlet: 'O2', url: 'u' });
    assert.deepEqual(Object.keys(merged), ['title', 'outlet', 'url']);
  });

  test('a document built from text keeps the title out of the passages', () => {
    const doc = buildDocument('/c/a.txt', '/c', 'A Headline With Words\n\nThe first sentence of the body is here. The second one follows it.\n');
    assert.deepEqual(doc.passages.map((p) => p.text), ['The first sentence of the body is here.', 'The second one follows it.']);
  });
});
