// The integration tests module. The extension host (code-server's, via test/host/run.ts, or desktop
// VS Code's, via test/host/electron.ts) loads it and awaits run(), the @vscode/test-electron convention:
// resolve when every test passed, reject when any failed.
//
// It runs every *.test.js in this folder (mocha, tdd ui). When SOURCED_TEST_RESULTS names a file it
// writes the results there (counts, failures, the spec report) for the driver to print.
// SOURCED_TEST_GREP limits the run to matching test titles. SOURCED_TEST_WORKSPACE is the workspace
// folder the host opened (a fresh copy of test/fixtures/workspace plus corpus/).
import { findTestFiles, runMocha } from '../host/mocha';
import { writeResults } from '../host/results';

export async function run(): Promise<void> {
  const results = await runMocha(findTestFiles(__dirname), { grep: process.env.SOURCED_TEST_GREP });
  const file = process.env.SOURCED_TEST_RESULTS;
  if (file) writeResults(file, results);
  if (results.failed > 0) {
    throw new Error(`${results.failed} integration test(s) failed, ${results.passed} passed`);
  }
}
