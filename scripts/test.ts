// `npm test` (after the build): every check, in order, each a child process with its output shown,
// each run even when an earlier one failed:
//   typecheck    tsc --noEmit for tsconfig.json and tsconfig.test.json (one check)
//   lint         eslint . (one check)
//   unit         mocha over out/test/unit/**/*.test.js, in Node
//   integration  out/test/host/run.js: the integration suites in code-server's extension host
//   e2e          out/test/e2e/run.js, when it exists: browser end-to-end tests
// Test suites write their counts to test-results/<suite>.json. A summary table follows, then one
// final line `N passed, N failed` (typecheck and lint count 1 each; a suite that fails without
// results counts at least 1 failed). Exit 1 when anything failed.
import * as fs from 'fs';
import * as path from 'path';
import { run } from '../test/host/proc';
import { repoRoot } from '../test/host/repo';
import { readResults } from '../test/host/results';

interface Row {
  suite: string;
  passed: number;
  failed: number;
  seconds: number;
}

const node = process.execPath;
const bin = (...p: string[]): string => path.join(repoRoot, 'node_modules', ...p);
const resultsDir = path.join(repoRoot, 'test-results');

/** A command-line word for display: `node`, or a path relative to the repository. */
const shown = (word: string): string =>
  word === node ? 'node' : word.startsWith(repoRoot + path.sep) ? path.relative(repoRoot, word) : word;

function banner(title: string): void {
  console.log(`\n━━━ ${title} ${'━'.repeat(Math.max(3, 70 - title.length))}`);
}

/** Runs commands in sequence (all of them); one check: passed when every one exits 0. */
async function check(suite: string, commands: string[][]): Promise<Row> {
  banner(suite);
  const t0 = Date.now();
  let ok = true;
  for (const [cmd, ...args] of commands) {
    console.log(`$ ${[cmd, ...args].map(shown).join(' ')}`);
    const exit = await run(cmd, args, { cwd: repoRoot });
    if (exit.code !== 0) ok = false;
  }
  return { suite, passed: ok ? 1 : 0, failed: ok ? 0 : 1, seconds: (Date.now() - t0) / 1000 };
}

/** Runs a test runner that accepts `--results FILE`, and counts its tests from that file. */
async function suite(name: string, script: string): Promise<Row> {
  banner(name);
  const t0 = Date.now();
  const file = path.join(resultsDir, `${name}.json`);
  fs.rmSync(file, { force: true });
  console.log(`$ ${[node, script, '--results', file].map(shown).join(' ')}`);
  const exit = await run(node, [script, '--results', file], { cwd: repoRoot });
  const results = readResults(file);
  const passed = results?.passed ?? 0;
  let failed = results?.failed ?? 0;
  if (exit.code !== 0 && failed === 0) failed = 1; // crashed, timed out, or failed without results
  return { suite: name, passed, failed, seconds: (Date.now() - t0) / 1000 };
}

function table(rows: Row[]): string {
  const lines = [['suite', 'passed', 'failed', 'seconds'], ...rows.map((r) => [r.suite, String(r.passed), String(r.failed), r.seconds.toFixed(1)])];
  return lines.map(([a, b, c, d]) => `${a.padEnd(12)} ${b.padStart(7)} ${c.padStart(7)} ${d.padStart(8)}`).join('\n');
}

async function main(): Promise<number> {
  fs.mkdirSync(resultsDir, { recursive: true });
  const tsc = bin('typescript', 'bin', 'tsc');
  const rows: Row[] = [];
  rows.push(await check('typecheck', [
    [node, tsc, '-p', 'tsconfig.json', '--noEmit'],
    [node, tsc, '-p', 'tsconfig.test.json', '--noEmit'],
  ]));
  rows.push(await check('lint', [[node, bin('eslint', 'bin', 'eslint.js'), '.']]));
  rows.push(await suite('unit', path.join(repoRoot, 'out', 'test', 'host', 'unit.js')));
  rows.push(await suite('integration', path.join(repoRoot, 'out', 'test', 'host', 'run.js')));
  const e2e = path.join(repoRoot, 'out', 'test', 'e2e', 'run.js');
  if (fs.existsSync(e2e)) rows.push(await suite('e2e', e2e));

  const passed = rows.reduce((n, r) => n + r.passed, 0);
  const failed = rows.reduce((n, r) => n + r.failed, 0);
  banner('summary');
  console.log(table(rows));
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error('test:', e);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
