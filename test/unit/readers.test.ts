import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { loadCorpus, readDocument, type CorpusLoad } from '../../src/core/corpus';
import { MemoryFileSystem } from '../../src/core/fs';
import { NodeFileSystem, toCorePath } from '../../src/cli/nodeFs';
import { citationFor } from '../../src/core/cite';
import { formatDefinition, parseCitationLink, parseFragment } from '../../src/core/footnotes';
import { readerFor } from '../../src/core/readers/index';
import { fileRange, locatorFor, locatorOffsets } from '../../src/core/readers/locator';
import { readHtml } from '../../src/core/readers/html';
import { readPdf } from '../../src/core/readers/pdf';
import { pageText } from '../../src/core/readers/pdfText';
import { coreProperties, readDocx } from '../../src/core/readers/docx';
import type { CorpusDocument, Passage } from '../../src/core/types';
import { FIXTURES, REPO } from './helpers';

const DIR = path.join(FIXTURES, 'readers');
const HTML = 'flood-barrier-vote.html';
const PDF = 'coastal-resilience.pdf';
const DOCX = 'harbour-bridge-memo.docx';

function bytes(name: string): Uint8Array {
  return new Uint8Array(fs.readFileSync(path.join(DIR, name)));
}

function passageWith(doc: CorpusDocument, words: string): Passage {
  const p = doc.passages.find((x) => x.text.includes(words));
  assert.ok(p, `no passage of ${doc.relPath} has "${words}"`);
  return p;
}

/** A PDF built by hand: each page is a list of [x, y, size, text] lines in the standard Helvetica font (not embedded). */
function handMadePdf(pages: Array<Array<[number, number, number, string]>>): Uint8Array {
  const objects: string[] = [];
  const kids: number[] = [];
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  for (const lines of pages) {
    const content = lines.map(([x, y, size, text]) => `BT /F1 ${size} Tf ${x} ${y} Td (${text.replace(/[()\\]/g, (c) => '\\' + c)}) Tj ET`).join('\n');
    const contentId = objects.length;
    objects[contentId] = `<< /Length ${content.length} >>\nstream\n${content}\nendstream`;
    const pageId = objects.length;
    objects[pageId] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${contentId} 0 R >>`;
    kids.push(pageId);
  }
  objects[2] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (let i = 1; i < objects.length; i++) {
    offsets[i] = out.length;
    out += `${i} 0 obj\n${objects[i]}\nendobj\n`;
  }
  const xref = out.length;
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let i = 1; i < objects.length; i++) out += `${String(offsets[i]).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

/** The text of a 1-based, end-inclusive line-and-column range of a file. */
function sliceRange(text: string, fragment: string): string {
  const r = parseFragment(fragment);
  assert.ok(r && r.startColumn && r.endLine && r.endColumn !== undefined, `not a line-and-column range: ${fragment}`);
  const lines = text.split('\n');
  if (r.startLine === r.endLine) return lines[r.startLine - 1].slice(r.startColumn - 1, r.endColumn);
  return [lines[r.startLine - 1].slice(r.startColumn - 1), ...lines.slice(r.startLine, r.endLine - 1), lines[r.endLine - 1].slice(0, r.endColumn)].join('\n');
}

/** What a browser shows for a piece of this fixture's markup: tags dropped, its entities decoded, white space collapsed. */
function rendered(markup: string): string {
  const entities: Record<string, string> = { pound: '£', ldquo: '“', rdquo: '”', rsquo: '’', amp: '&', nbsp: ' ' };
  return markup
    .replace(/<[^>]*>/g, '')
    .replace(/&(\w+);/g, (m, e: string) => entities[e] ?? m)
    .replace(/\s+/g, ' ')
    .trim();
}

let fixtures: CorpusLoad;
const fixture = (name: string) => {
  const doc = fixtures.documents.find((d) => d.relPath === name);
  assert.ok(doc, `${name} was not indexed; skipped: ${JSON.stringify(fixtures.skipped)}`);
  return doc;
};

suiteSetup(async function () {
  this.timeout(30000);
  fixtures = await loadCorpus(new NodeFileSystem(), [toCorePath(DIR)]);
});

suite('readers: HTML', () => {
  test('the main text is the article: no navigation, sidebar, cookie banner, share box or footer', () => {
    const doc = fixture(HTML);
    assert.equal(doc.format, 'html');
    for (const chrome of ['Most read', 'Ferry strike called off', 'We use cookies', 'Accept all cookies', 'All rights reserved', 'Politics', 'Share this story', 'Terms and conditions', 'dataLayer', 'cookie-banner']) {
      assert.ok(!doc.text.includes(chrome), `"${chrome}" is in the text`);
    }
    const paragraphs = doc.text.split('\n\n');
    assert.ok(paragraphs[0].startsWith('Councillors voted by 31 to 12 on Tuesday night'), paragraphs[0]);
    assert.equal(paragraphs[paragraphs.length - 1], 'Residents can comment on the detailed designs at drop-in sessions at the library on 20 and 27 April.');
    // Entities decoded, inline markup dropped, source line breaks folded into spaces.
    assert.ok(doc.text.includes('The £48 million first phase will raise the sea wall along Quay Street and install two tidal gates near the old ferry terminal.'));
    assert.ok(doc.text.includes('“Every year we wait, the insurance bill for our residents goes up & the barrier gets more expensive to build,” Natarajan told the chamber.'));
    assert.ok(!doc.passages.some((p) => /Ferry strike|cookies/.test(p.text)));
  });

  test('metadata from meta tags: og:title, author, article:published_time, og:site_name, the canonical link', () => {
    assert.deepEqual(fixture(HTML).metadata, {
      title: 'Council approves flood barrier funding after late-night vote',
      author: 'Maria Okafor',
      date: '2024-04-09',
      outlet: 'The Harbour Ledger',
      url: 'https://harbourledger.example/news/2024/04/09/flood-barrier-vote',
    });
  });

  test('every passage is cited by lines and columns in the .html file, at markup that renders as the passage', () => {
    const doc = fixture(HTML);
    const source = fs.readFileSync(path.join(DIR, HTML), 'utf8');
    assert.ok(doc.passages.length >= 10);
    for (const p of doc.passages) {
      const locator = locatorFor(doc, p.start, p.end);
      assert.match(locator, /^L\d+C\d+-L\d+C\d+$/);
      assert.equal(rendered(sliceRange(source, locator)), rendered(p.text), locator);
    }
    // An entity at the start of the passage is part of the range.
    const quote = passageWith(doc, 'Every year we wait');
    assert.ok(sliceRange(source, locatorFor(doc, quote.start, quote.end)).startsWith('&ldquo;Every year'));
  });

  test('locatorFor → locatorOffsets gives back the same span; a hand-written range around a tag finds its words', () => {
    const doc = fixture(HTML);
    for (const p of doc.passages) assert.deepEqual(locatorOffsets(doc, locatorFor(doc, p.start, p.end)), { start: p.start, end: p.end });
    const source = fs.readFileSync(path.join(DIR, HTML), 'utf8').split('\n');
    const line = source.findIndex((l) => l.includes('Residents can comment')) + 1;
    const whole = locatorOffsets(doc, `L${line}`);
    assert.ok(whole);
    assert.equal(doc.text.slice(whole.start, whole.end), 'Residents can comment on the detailed designs at drop-in sessions at the library on 20 and 27 April.');
    assert.equal(locatorOffsets(doc, 'L9999C1-L9999C5'), undefined);
  });

  test('a page that is not an article is read whole, without its navigation and footer', async () => {
    const html = '<html><head><title>Contacts</title></head><body><nav><a href="/">Home</a> <a href="/x">Elsewhere</a></nav>' +
      '<div><p>The press office answers questions from journalists on weekdays between nine and five.</p><p>Call 0100 000 000.</p></div>' +
      '<footer>Copyright notice for the whole site</footer></body></html>';
    const read = await readHtml(new TextEncoder().encode(html));
    assert.ok(!('reason' in read), JSON.stringify(read));
    assert.equal(read.text, 'The press office answers questions from journalists on weekdays between nine and five.\n\nCall 0100 000 000.');
    assert.equal(read.metadata.title, 'Contacts');
  });

  test('character sets: a declared windows-1252 page is decoded; undeclared bytes that are not UTF-8 are a reason', async () => {
    const body = 'The minister said the \x93talks would continue\x94 next week, according to officials in the capital city.';
    const page = `<html><head><meta charset="windows-1252"><title>T</title></head><body><p>${body}</p></body></html>`;
    const latin = Uint8Array.from(page, (c) => c.charCodeAt(0));
    const read = await readHtml(latin);
    assert.ok(!('reason' in read), JSON.stringify(read));
    assert.ok(read.text.includes('the “talks would continue” next week'), read.text);
    const undeclared = Uint8Array.from(page.replace('<meta charset="windows-1252">', ''), (c) => c.charCodeAt(0));
    assert.deepEqual(await readHtml(undeclared), { reason: 'not valid UTF-8 text (and no other character set is declared)' });
  });
});

suite('readers: PDF', () => {
  test('text page by page with each page\'s start offset; lines of a paragraph stay together, paragraphs apart', () => {
    const doc = fixture(PDF);
    assert.equal(doc.format, 'pdf');
    assert.equal(doc.pages?.length, 3);
    const pages = (doc.pages as number[]).map((start, i, all) => doc.text.slice(start, all[i + 1] ?? doc.text.length).trim());
    assert.ok(pages[0].startsWith('Coastal Flood Resilience: Funding Options for 2025\n\nRegional Planning Office, March 2024\n\nSummary\n\nThis report'), pages[0]);
    assert.ok(pages[1].startsWith('Findings\n\nStorm surges'), pages[1]);
    assert.ok(pages[2].startsWith('Recommendations\n\n'), pages[2]);
    for (const [i, page] of pages.entries()) assert.ok(page.endsWith(`Page ${i + 1} of 3`), page);
    assert.ok(pages[1].includes('Insurance premiums for properties in the lowest-lying streets rose by 12 percent last year, and several\ninsurers have stopped offering new policies there.'));
  });

  test('metadata from the document information dictionary', () => {
    assert.deepEqual(fixture(PDF).metadata, { title: 'Coastal Flood Resilience: Funding Options for 2025', author: 'Helen Marsh', date: '2024-03-18' });
  });

  test('passages are cited by page and offset in the page\'s text, and the locator leads back to them', () => {
    const doc = fixture(PDF);
    const pages = doc.pages as number[];
    const insurance = passageWith(doc, 'Insurance premiums');
    const locator = locatorFor(doc, insurance.start, insurance.end);
    const m = /^page=(\d)&text=(\d+)-(\d+)$/.exec(locator);
    assert.ok(m, locator);
    assert.equal(m[1], '2');
    const pageText = doc.text.slice(pages[1], pages[2]);
    assert.equal(pageText.slice(Number(m[2]), Number(m[3])), insurance.text);
    assert.match(locatorFor(doc, ...span(passageWith(doc, 'Progress should be reported'))), /^page=3&/);
    for (const p of doc.passages) assert.deepEqual(locatorOffsets(doc, locatorFor(doc, p.start, p.end)), { start: p.start, end: p.end });
    // A page alone names the page; offsets beyond the text name nothing.
    const page3 = locatorOffsets(doc, 'page=3');
    assert.ok(page3 && doc.text.slice(page3.start, page3.end).startsWith('Recommendations') && doc.text.slice(page3.start, page3.end).endsWith('Page 3 of 3'));
    assert.equal(locatorOffsets(doc, 'page=4&text=0-10'), undefined);
    assert.equal(locatorOffsets(doc, 'page=3&text=0-99999'), undefined);
    assert.equal(locatorOffsets(doc, 'L3C1-L3C10'), undefined);
    assert.equal(fileRange(doc, insurance.start, insurance.end), undefined);
  });

  test('paragraphs from line positions: a gap wider than the type, or a change of size, starts a paragraph', () => {
    const item = (str: string, y: number, size: number, hasEOL = true) => ({ str, dir: 'ltr', transform: [size, 0, 0, size, 72, y], width: 100, height: size, fontName: 'f', hasEOL });
    const text = pageText([
      item('A Heading', 720, 16),
      item('First line of a paragraph that', 690, 11),
      item('wraps onto a second line.', 676, 11),
      item('', 676, 11),
      item('Another paragraph after a gap.', 650, 11),
    ]);
    assert.equal(text, 'A Heading\n\nFirst line of a paragraph that\nwraps onto a second line.\n\nAnother paragraph after a gap.');
  });

  test('a hand-made PDF with an unembedded standard font is read; a page without text is left empty', async () => {
    const [a, b, c] = ['The committee met on Tuesday and agreed the budget.', 'Its next meeting is in May.', 'Annex (c): figures.'];
    const read = await readPdf(handMadePdf([[[72, 700, 12, a], [72, 686, 12, b]], [], [[72, 700, 12, c]]]));
    assert.ok(!('reason' in read), JSON.stringify(read));
    const page1 = `${a}\n${b}`;
    assert.equal(read.text, `${page1}\n\n\n\n${c}`);
    assert.deepEqual(read.pages, [0, page1.length + 2, page1.length + 4]);
  });

  test('unreadable PDFs are skipped with a clear reason, and the rest of the corpus is still indexed', async () => {
    const reasons = Object.fromEntries(fixtures.skipped.map((s) => [path.basename(s.path), s.reason]));
    assert.match(reasons['broken.pdf'], /^PDF cannot be parsed: Invalid PDF structure/);
    assert.match(reasons['locked.pdf'], /^PDF is password-protected/);
    assert.match(reasons['make-fixtures.sh'], /not a supported document type/);
    assert.deepEqual(fixtures.documents.map((d) => d.relPath).sort(), [PDF, HTML, DOCX].sort());
    assert.deepEqual(await readPdf(handMadePdf([[]])), { reason: 'PDF has no text layer (scanned pages need text recognition first)' });
    assert.match(((await readPdf(new TextEncoder().encode('just some text'))) as { reason: string }).reason, /^PDF cannot be parsed/);
  });
});

function span(p: Passage): [number, number] {
  return [p.start, p.end];
}

suite('readers: DOCX', () => {
  test('paragraphs (headings, list items, table cells) in order, empty ones left out, with their start offsets', () => {
    const doc = fixture(DOCX);
    assert.equal(doc.format, 'docx');
    const paragraphs = (doc.paragraphs as number[]).map((start, i, all) => doc.text.slice(start, all[i + 1] ?? doc.text.length).trim());
    assert.deepEqual(paragraphs, [
      'Harbour Bridge Maintenance Schedule',
      'To: Cabinet member for infrastructure',
      'The harbour bridge will close to traffic for three weekends in February while the bearings are replaced.',
      'Buses will be diverted over the north crossing, which adds about twelve minutes to the journey into the town centre.',
      'Closures',
      'The first closure begins at 8pm on Friday 9 February.',
      'Pedestrians and cyclists can cross at all times on the east footway.',
      'Bearings',
      '£1.2 million',
      'Resurfacing',
      '£380,000',
      'The contractor has agreed to pay a penalty of £15,000 for every hour the bridge stays closed beyond 6am on Monday.',
    ]);
  });

  test('metadata from the core properties', () => {
    assert.deepEqual(fixture(DOCX).metadata, { title: 'Harbour Bridge Maintenance Schedule', author: 'Tomasz Wrona', date: '2023-11-02' });
    assert.deepEqual(coreProperties('<cp:coreProperties><dc:title>Q&amp;A &#8211; notes</dc:title><dc:creator></dc:creator></cp:coreProperties>'), { title: 'Q&A – notes' });
  });

  test('passages are cited by paragraph and offset, and the locator leads back to them', () => {
    const doc = fixture(DOCX);
    const penalty = passageWith(doc, 'penalty of £15,000');
    assert.equal(locatorFor(doc, penalty.start, penalty.end), `paragraph=12&text=0-${penalty.text.length}`);
    for (const p of doc.passages) assert.deepEqual(locatorOffsets(doc, locatorFor(doc, p.start, p.end)), { start: p.start, end: p.end });
    const para = locatorOffsets(doc, 'paragraph=2');
    assert.ok(para);
    assert.equal(doc.text.slice(para.start, para.end), 'To: Cabinet member for infrastructure');
    assert.equal(locatorOffsets(doc, 'paragraph=13'), undefined);
  });

  test('a file that is not a DOCX package, or an encrypted one, is a reason', async () => {
    assert.deepEqual(await readDocx(new TextEncoder().encode('plain text pretending')), { reason: 'DOCX cannot be read: not a Word document (no ZIP package)' });
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    assert.match(((await readDocx(ole)) as { reason: string }).reason, /password-protected/);
    const zipButNotWord = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]);
    assert.match(((await readDocx(zipButNotWord)) as { reason: string }).reason, /^DOCX cannot be read: /);
  });
});

suite('readers: citations and the corpus', () => {
  test('a PDF citation carries the page locator; the link parsed back from the footnote finds the passage', () => {
    const doc = fixture(PDF);
    const p = passageWith(doc, 'Option A would fund');
    const c = citationFor(p, toCorePath(path.join(REPO, 'briefings/flood.md')));
    assert.match(c.fragment ?? '', /^page=2&text=\d+-\d+$/);
    const definition = formatDefinition('1', c);
    assert.ok(definition.startsWith('[^1]: Helen Marsh, “Coastal Flood Resilience: Funding Options for 2025”, 2024-03-18. [../test/fixtures/readers/coastal-resilience.pdf#page=2&text='), definition);
    const link = parseCitationLink(definition.slice('[^1]: '.length));
    assert.ok(link?.fragment);
    const back = locatorOffsets(doc, link.fragment);
    assert.deepEqual(back && doc.text.slice(back.start, back.end), p.text);
  });

  test('an HTML citation is a line-and-column range in the .html file; text files are cited as before', () => {
    const doc = fixture(HTML);
    const p = passageWith(doc, 'Opposition members argued');
    const c = citationFor(p, toCorePath(path.join(DIR, 'briefing.md')));
    assert.equal(c.fragment, undefined);
    assert.equal(formatDefinition('1', c).includes(`(${HTML}#L${c.range.startLine}C${c.range.startColumn}-L${c.range.endLine}C${c.range.endColumn} `), true);
    const source = fs.readFileSync(path.join(DIR, HTML), 'utf8');
    assert.equal(sliceRange(source, `L${c.range.startLine}C${c.range.startColumn}-L${c.range.endLine}C${c.range.endColumn}`), p.text);
  });

  test('readerFor picks a reader by file ending; text files have none', () => {
    assert.equal(readerFor('/c/a.PDF')?.format, 'pdf');
    assert.equal(readerFor('/c/page.htm')?.format, 'html');
    assert.equal(readerFor('/c/memo.docx')?.format, 'docx');
    assert.equal(readerFor('/c/notes.md'), undefined);
    assert.equal(readerFor('/c/old.doc'), undefined);
  });

  test('a file that cannot be opened is skipped with the reason; the others are read', async () => {
    const mem = new MemoryFileSystem();
    mem.write('/c/ok.txt', 'A readable article title here\n\nThe mayor opened the new library on Saturday morning.\n');
    mem.write('/c/secret.pdf', bytes(PDF));
    const denying = {
      stat: (p: string) => mem.stat(p),
      readDirectory: (p: string) => mem.readDirectory(p),
      readFile: async (p: string) => {
        if (p.endsWith('secret.pdf')) throw new Error("EACCES: permission denied, open '/c/secret.pdf'");
        return mem.readFile(p);
      },
    };
    const load = await loadCorpus(denying, ['/c']);
    assert.deepEqual(load.documents.map((d) => d.relPath), ['ok.txt']);
    assert.deepEqual(load.skipped, [{ path: '/c/secret.pdf', reason: "cannot be read: EACCES: permission denied, open '/c/secret.pdf'" }]);
    const md = await readDocument(mem, '/c', '/c/ok.txt');
    assert.equal('reason' in md ? undefined : md.format, 'text');
  });

  test('reader libraries load on first use only; pdf.js never in the calling thread', function () {
    this.timeout(30000);
    const probe = `
      const loaded = (name) => Object.keys(require.cache).filter((k) => new RegExp('node_modules[\\\\\\\\/]' + name).test(k)).length;
      const all = () => ['pdfjs-dist', 'linkedom', 'mammoth', '@mozilla'].map(loaded).reduce((a, b) => a + b);
      const { loadCorpus } = require(${JSON.stringify(path.join(REPO, 'out/src/core/corpus.js'))});
      const { readerFor } = require(${JSON.stringify(path.join(REPO, 'out/src/core/readers/index.js'))});
      const { NodeFileSystem } = require(${JSON.stringify(path.join(REPO, 'out/src/cli/nodeFs.js'))});
      (async () => {
        const before = all();
        const text = await loadCorpus(new NodeFileSystem(), [${JSON.stringify(path.join(REPO, 'corpus'))}]);
        const afterText = all();
        const pdf = await readerFor('a.pdf').read(new TextEncoder().encode('not a PDF'));
        const afterPdf = loaded('pdfjs-dist');
        await readerFor('a.html').read(new TextEncoder().encode('<p>Hello there, this is a page.</p>'));
        console.log(JSON.stringify({ before, afterText, docs: text.documents.length, pdf, afterPdf, afterHtml: loaded('linkedom') }));
      })();`;
    const r = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { before: number; afterText: number; docs: number; pdf: { reason?: string }; afterPdf: number; afterHtml: number };
    assert.deepEqual([out.before, out.afterText, out.docs], [0, 0, 5]);
    assert.match(out.pdf.reason ?? '', /^PDF cannot be parsed/);
    assert.equal(out.afterPdf, 0);
    assert.ok(out.afterHtml > 0);
  });
});

suite('readers: bundles', () => {
  const dist = path.join(REPO, 'dist');
  suiteSetup(function () {
    if (!fs.existsSync(path.join(dist, 'readers/pdf.js'))) throw new Error('dist/readers is missing: run npm run build first');
  });

  test('the extension and CLI bundles hold no reader library; the readers are separate files', () => {
    for (const bundle of ['extension.js', 'cli.js']) {
      const code = fs.readFileSync(path.join(dist, bundle), 'utf8');
      assert.ok(!/node_modules\/(pdfjs-dist|linkedom|mammoth|@mozilla\/readability)/.test(code), `${bundle} bundles a reader library`);
      assert.ok(code.includes('require("./readers/pdf.js")'), `${bundle} does not load the PDF reader on demand`);
    }
  });

  test('the bundled command line reads HTML, PDF and DOCX and reports the files it skips', function () {
    this.timeout(30000);
    // A fresh index cache folder: the readers run, and nothing is written to the user's cache.
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sourced-readers-cache-'));
    const r = spawnSync(process.execPath, [path.join(dist, 'cli.js'), 'search', '--json', '--limit', '1', '--stdin', '--corpus', DIR], {
      cwd: REPO,
      input: 'insurance premiums lowest-lying streets\nbuses diverted north crossing\nCouncillor Ian Breck Independent group\n',
      encoding: 'utf8',
      env: { ...process.env, SOURCED_CACHE_DIR: cacheDir },
    });
    fs.rmSync(cacheDir, { recursive: true, force: true });
    assert.equal(r.status, 0, r.stderr);
    const files = r.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { results: Array<{ file: string }> }).results[0]?.file);
    assert.deepEqual(files, [PDF, DOCX, HTML]);
    assert.match(r.stderr, /broken\.pdf: PDF cannot be parsed: Invalid PDF structure/);
    assert.match(r.stderr, /locked\.pdf: PDF is password-protected/);
    assert.ok(!/DOMMatrix|Warning/.test(r.stderr + r.stdout), r.stderr);
  });
});
