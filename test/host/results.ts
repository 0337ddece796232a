// The results file every test runner here writes (integration tests module, unit runner, e2e) and
// scripts/test.ts sums: counts, one row per test, failure details and the spec reporter's text.
import * as fs from 'fs';
import * as path from 'path';

export interface TestRow {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  ms?: number;
}

export interface TestFailure {
  title: string;
  message: string;
  stack: string;
}

export interface TestResults {
  passed: number;
  failed: number;
  pending: number;
  tests: TestRow[];
  failures: TestFailure[];
  report: string;
}

export function emptyResults(): TestResults {
  return { passed: 0, failed: 0, pending: 0, tests: [], failures: [], report: '' };
}

/** Writes atomically (temp file + rename), so a reader polling for the file never sees half of it. */
export function writeResults(file: string, results: TestResults): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(results, null, 2));
  fs.renameSync(tmp, file);
}

/** The results in `file`, or undefined when it is missing or not a results object. */
export function readResults(file: string): TestResults | undefined {
  try {
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<TestResults>;
    if (typeof data.passed !== 'number' || typeof data.failed !== 'number') return undefined;
    return { ...emptyResults(), ...data } as TestResults;
  } catch {
    return undefined;
  }
}
