import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEMO_CORPUS, FIXTURES, REPO } from './helpers';

const CLI = path.join(REPO, 'dist/cli.js');

interface JsonFinding {
  file: string;
  line: number;
  label: string;
  kind: string;
  severity: string;
  message: string;
  expected: string | null;
  actual: string | null;
}

suite('sourced check (command line)', function () {
  // Each test starts the command line, which takes a while on a busy machine.
  this.timeout(60000);
  let ws: string;
  let cacheDir: string;
  /** Any index cache goes to a temporary folder, never the user's. */
  const run = (args: string[]) => spawnSync(process.execPath, [CLI, 'check', ...args], { cwd: ws, encoding: 'utf8', env: { ...process.env, SOURCED_CACHE_DIR: cacheDir } });

  suiteSetup(() => {
    if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
    // The fixture workspace as on disk: checks/*.md, notes/, and the demo corpus under corpus/.
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'sourced-check-'));
    cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sourced-check-cache-'));
    fs.cpSync(path.join(FIXTURES, 'workspace'), ws, { recursive: true });
    fs.cpSync(DEMO_CORPUS, path.join(ws, 'corpus'), { recursive: true });
  });
  suiteTeardown(() => {
    fs.rmSync(ws, { recursive: true, force: true });
    fs.rmSync(cacheDir, { recursive: true, force: true });
  });

  test('a faithful briefing: exit 0 and a report that says so', () => {
    const r = run(['checks/faithful.md']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /no problems found; 0 errors, 0 warnings, 0 notes in 1 file/);
  });

  test('faults: exit 1, one "file:line: severity: message" line per finding', () => {
    const r = run(['checks/altered-quote.md', 'checks/figure-mismatch.md']);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /^checks\/altered-quote\.md:3: error: \[\^1\]: the quote differs from the source: dropped “do not” \[altered-quote\]$/m);
    assert.match(r.stdout, /^ {4}source: {3}We do not want a conflict/m);
    assert.match(r.stdout, /^checks\/figure-mismatch\.md:3: error: .*“80,000”.*“90,000” \[figure-mismatch\]$/m);
    assert.match(r.stdout, /2 errors, 0 warnings, 0 notes in 2 files/);
  });

  test('--json: {"findings": [...]} with the documented fields, one per planted fault', () => {
    const files = fs.readdirSync(path.join(ws, 'checks')).filter((f) => f.endsWith('.md')).sort();
    const r = run(['--json', ...files.map((f) => `checks/${f}`)]);
    assert.equal(r.status, 1, r.stderr);
    const out = JSON.parse(r.stdout) as { findings: JsonFinding[] };
    assert.deepEqual(Object.keys(out), ['findings']);
    for (const f of out.findings) assert.deepEqual(Object.keys(f), ['file', 'line', 'label', 'kind', 'severity', 'message', 'expected', 'actual']);
    const byFile = Object.fromEntries(out.findings.map((f) => [path.basename(f.file, '.md'), f.kind]));
    assert.deepEqual(byFile, {
      'altered-quote': 'altered-quote',
      'duplicate-definition': 'duplicate-definition',
      'figure-mismatch': 'figure-mismatch',
      'missing-definition': 'missing-definition',
      'missing-source': 'missing-source',
      moved: 'moved',
      'not-a-source': 'not-a-source',
      'not-found': 'not-found',
      'outside-corpus': 'outside-corpus',
      'unused-definition': 'unused-definition',
    });
    assert.equal(out.findings.length, 10);
    const figure = out.findings.find((f) => f.kind === 'figure-mismatch');
    assert.deepEqual([figure?.expected, figure?.actual, figure?.line], ['90,000', '80,000', 3]);
  });

  test('only warnings and notes: exit 0', () => {
    const r = run(['checks/moved.md', 'checks/unused-definition.md']);
    assert.equal(r.status, 0, r.stdout);
    assert.match(r.stdout, /moved\.md:5: info: .*moved to line 11/);
    assert.match(r.stdout, /update the link to #L11C1-L11C54/);
  });

  test('a folder checks the Markdown files under it, not the corpus', () => {
    const r = run(['--json', '.', '--corpus', 'corpus']);
    const files = new Set((JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings.map((f) => f.file));
    assert.ok(files.has(path.join('checks', 'altered-quote.md')), [...files].join(', '));
    assert.ok(![...files].some((f) => f.startsWith('corpus')));
  });

  test('bad usage: exit 2 with a clear message', () => {
    const none = run([]);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /check needs at least one BRIEFING\.md/);
    const option = run(['--frob', 'checks/faithful.md']);
    assert.equal(option.status, 2);
    assert.match(option.stderr, /unknown option --frob/);
    const corpus = run(['checks/faithful.md', '--corpus', 'no-such-folder']);
    assert.equal(corpus.status, 2);
    assert.match(corpus.stderr, /corpus folder not found: no-such-folder/);
    const missing = run(['checks/no-such-briefing.md']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read checks\/no-such-briefing\.md/);
    const value = run(['checks/faithful.md', '--corpus']);
    assert.equal(value.status, 2);
    assert.match(value.stderr, /--corpus needs a folder/);
  });
});
