// Unit test runner: mocha (tdd ui) over out/test/unit/**/*.test.js in plain Node, spec report on
// screen, results JSON (the shape of results.ts) to --results FILE. Exit 0 all passed, 1 failures.
//
//   node out/test/host/unit.js [--results FILE] [--grep REGEXP]
import * as path from 'path';
import { parseArgs } from 'util';
import { findTestFiles, runMocha } from './mocha';
import { repoRoot } from './repo';
import { emptyResults, writeResults } from './results';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { results: { type: 'string' }, grep: { type: 'string' } } });
  const dir = path.join(repoRoot, 'out', 'test', 'unit');
  const files = findTestFiles(dir);
  let results = emptyResults();
  if (files.length === 0) console.log(`unit: no *.test.js files in ${path.relative(repoRoot, dir)}`);
  else results = await runMocha(files, { grep: values.grep });
  if (values.results) writeResults(path.resolve(values.results), results);
  console.log(`unit: ${results.passed} passed, ${results.failed} failed`);
  return results.failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error('unit:', e);
    process.exit(2);
  },
);
