import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEMO_CORPUS, REPO } from './helpers';

const CLI = path.join(REPO, 'dist/cli.js');
/** The index cache goes to a temporary folder, never the user's. */
let cacheDir = '';

function sourced(args: string[], input?: string) {
  return spawnSync(process.execPath, [CLI, ...args], { cwd: REPO, input, encoding: 'utf8', env: { ...process.env, SOURCED_CACHE_DIR: cacheDir } });
}

suite('sourced command line', function () {
  // Each test starts the CLI in a child process; reading PDFs starts a worker thread.
  this.timeout(60000);
  suiteSetup(function () {
    if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
    cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sourced-cli-cache-'));
  });
  suiteTeardown(() => {
    if (cacheDir) fs.rmSync(cacheDir, { recursive: true, force: true });
  });

  test('search --json prints one object per query with positions that point at the text', () => {
    const r = sourced(['search', '--json', '--limit', '3', 'serious consequ']);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 1);
    const out = JSON.parse(lines[0]);
    assert.equal(out.query, 'serious consequ');
    assert.equal(typeof out.ms, 'number');
    assert.equal(out.results.length, 3);
    const first = out.results[0];
    assert.deepEqual(Object.keys(first).sort(), ['alsoIn', 'author', 'column', 'date', 'figures', 'file', 'kind', 'line', 'locator', 'outlet', 'score', 'speaker', 'text', 'title']);
    assert.ok(['sentence', 'quote', 'fact'].includes(first.kind));
    assert.match(first.text, /serious consequences/);
    assert.equal(first.title, 'Blinken meets Lavrov after NATO talks in Riga');
    assert.equal(first.author, 'Dan Nolan');
    const fileLines = fs.readFileSync(path.join(DEMO_CORPUS, first.file), 'utf8').split('\n');
    assert.ok(fileLines[first.line - 1].slice(first.column - 1).startsWith(first.text));
    assert.equal(first.locator, `L${first.line}C${first.column}-L${first.line}C${first.column + first.text.length - 1}`);
  });

  test('HTML results point into the .html file; PDF results carry a page locator', () => {
    const r = sourced(['search', '--json', '--limit', '20', '--corpus', 'test/fixtures/readers', 'flood funding']);
    assert.equal(r.status, 0, r.stderr);
    const results = JSON.parse(r.stdout).results as Array<{ file: string; line: number; column: number; text: string; locator: string }>;
    const html = results.find((x) => x.file.endsWith('.html'));
    const pdf = results.find((x) => x.file.endsWith('.pdf'));
    assert.ok(html && pdf, 'results from both an HTML and a PDF fixture');
    const htmlLine = fs.readFileSync(path.join(REPO, 'test/fixtures/readers', html.file), 'utf8').split('\n')[html.line - 1];
    assert.ok(htmlLine.slice(html.column - 1).startsWith(html.text.split(/\s/)[0]), `${htmlLine} / ${html.text}`);
    assert.match(pdf.locator, /^page=\d+&text=\d+-\d+$/);
  });

  test('--stdin answers each line in order from one index', () => {
    const r = sourced(['search', '--json', '--limit', '1', '--stdin', '--corpus', 'corpus'], 'serious consequ\nhighly symbolic Riga\n\nMinsk agreement\n');
    assert.equal(r.status, 0, r.stderr);
    const queries = r.stdout.trim().split('\n').map((l) => JSON.parse(l).query);
    assert.deepEqual(queries, ['serious consequ', 'highly symbolic Riga', 'Minsk agreement']);
  });

  test('search --json reports kinds, speakers and normalised figures', () => {
    const quote = JSON.parse(sourced(['search', '--json', '--limit', '5', 'highly symbolic Riga']).stdout);
    const q = quote.results.find((r: { kind: string }) => r.kind === 'quote');
    assert.ok(q, 'a quote among the results');
    assert.equal(q.speaker, 'Jens Stoltenberg');
    const fact = JSON.parse(sourced(['search', '--json', '--limit', '3', '90000 troops amassed']).stdout);
    const f = fact.results.find((r: { kind: string }) => r.kind === 'fact');
    assert.ok(f, 'a fact among the results');
    assert.deepEqual(f.figures.map((x: { value: number }) => x.value), [90000]);
  });

  test('the same passage reported by two outlets comes back once, with the other source in alsoIn', () => {
    const out = JSON.parse(sourced(['search', '--json', '--limit', '3', 'legal guarantees NATO would not expand further east']).stdout);
    const first = out.results[0];
    assert.equal(first.file, '002_eaa28be1ff3a4a8b.txt');
    assert.deepEqual(first.alsoIn.map((a: { file: string }) => a.file), ['001_4ba1c61a50a83e94.txt']);
    const other = first.alsoIn[0];
    const line = fs.readFileSync(path.join(DEMO_CORPUS, other.file), 'utf8').split('\n')[other.line - 1];
    assert.match(line.slice(other.column - 1), /legal guarantees that NATO would not expand further east/);
    assert.ok(!out.results.slice(1).some((r: { file: string; text: string }) => r.file === other.file && /legal guarantees/.test(r.text)));
  });

  test('index lists documents with metadata and counts, and skipped files with reasons', () => {
    const r = sourced(['index', '--json']);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.documents.length, 5);
    const d = out.documents.find((x: { file: string }) => x.file === '002_eaa28be1ff3a4a8b.txt');
    assert.equal(d.date, '2021-12-01');
    assert.ok(d.passages > 10 && d.quotes > 0 && d.facts > 0, JSON.stringify(d));
    assert.deepEqual(out.skipped, []);
    const human = sourced(['index']);
    assert.match(human.stdout, /^5 documents, \d+ passages, 0 skipped/m);
  });

  test('bad usage exits 2 with a message; a missing corpus says where it looked', () => {
    const bad = sourced(['search', '--limit', 'x', 'q']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--limit takes a whole number/);
    const missing = sourced(['search', '--corpus', 'no-such-dir', 'q']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /corpus folder not found: .*no-such-dir/);
    assert.equal(sourced(['frobnicate']).status, 2);
  });
});
