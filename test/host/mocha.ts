// Runs mocha (tdd ui, spec reporter) over a list of files and returns the results, including the
// spec reporter's text. Shared by the integration tests module (inside an extension host) and the
// unit test runner (plain Node).
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
import Mocha from 'mocha';
import { emptyResults, TestResults } from './results';

export interface MochaOptions {
  /** Only run tests whose full title matches (a regular expression, as mocha's --grep). */
  grep?: string;
  timeout?: number;
  /** Also print the spec report as it is produced (default true). */
  echo?: boolean;
}

/** Every `*.test.js` under `dir` (recursive, sorted), skipping stale output whose source is gone. */
export function findTestFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTestFiles(full));
    else if (entry.name.endsWith('.test.js') && !isStale(full)) found.push(full);
  }
  return found.sort();
}

/** True when the compiled file's source map names a source file that no longer exists. */
function isStale(file: string): boolean {
  try {
    const map = JSON.parse(fs.readFileSync(`${file}.map`, 'utf8')) as { sources?: string[]; sourceRoot?: string };
    const source = map.sources?.[0];
    if (!source) return false;
    const stale = !fs.existsSync(path.resolve(path.dirname(file), map.sourceRoot ?? '', source));
    if (stale) console.log(`mocha: skipping ${file}: its source ${source} was deleted`);
    return stale;
  } catch {
    return false;
  }
}

export function runMocha(files: string[], options: MochaOptions = {}): Promise<TestResults> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: options.timeout ?? 30000, reporter: 'spec' });
  if (options.grep) mocha.grep(new RegExp(options.grep));
  for (const file of files) mocha.addFile(file);

  const results = emptyResults();
  const Base = Mocha.reporters.Base;
  const originalLog = Base.consoleLog;
  const lines: string[] = [];
  Base.consoleLog = (...args: unknown[]) => {
    lines.push(util.format(...args));
    if (options.echo !== false) originalLog(...args);
  };
  const finish = (): TestResults => {
    Base.consoleLog = originalLog;
    results.report = lines.join('\n');
    return results;
  };

  return new Promise((resolve) => {
    try {
      const runner = mocha.run(() => resolve(finish()));
      runner.on('pass', (test) => {
        results.passed++;
        results.tests.push({ title: test.fullTitle(), state: 'passed', ms: test.duration });
      });
      runner.on('pending', (test) => {
        results.pending++;
        results.tests.push({ title: test.fullTitle(), state: 'pending' });
      });
      runner.on('fail', (test, err: Error) => {
        results.failed++;
        results.tests.push({ title: test.fullTitle(), state: 'failed' });
        results.failures.push({ title: test.fullTitle(), message: String(err?.message), stack: String(err?.stack) });
      });
    } catch (e) {
      // A test file that throws while loading (syntax error, missing module) ends up here.
      const err = e instanceof Error ? e : new Error(String(e));
      results.failed++;
      results.failures.push({ title: 'loading the test files', message: err.message, stack: String(err.stack) });
      lines.push(`mocha could not load the test files: ${err.stack}`);
      resolve(finish());
    }
  });
}
