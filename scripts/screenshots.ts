// `npm run screenshots`: copies the README's pictures from the last end-to-end run
// (test-results/e2e/, written by out/test/e2e/run.js, part of `npm test`) into docs/images/.
//
//   node out/scripts/screenshots.js [--check]
// --check only reports which pictures are missing or differ. Exit 1 when a picture is missing.
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { repoRoot } from '../test/host/repo';

const FROM = path.join(repoRoot, 'test-results', 'e2e');
const TO = path.join(repoRoot, 'docs', 'images');

/** docs/images/<name> ← test-results/e2e/<source>. */
const PICTURES: Array<{ name: string; source: string }> = [
  { name: 'writer.png', source: 'writer.png' },
  { name: 'reviewer-hover.png', source: 'reviewer.png' },
  { name: 'reviewer-source.png', source: 'reviewer-source.png' },
  { name: 'insert-citation.png', source: 'insert-citation.png' },
  { name: 'problems.png', source: 'problems.png' },
];

function main(): number {
  const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
  let missing = 0;
  if (!values.check) fs.mkdirSync(TO, { recursive: true });
  for (const p of PICTURES) {
    const source = path.join(FROM, p.source);
    const target = path.join(TO, p.name);
    if (!fs.existsSync(source)) {
      console.log(`screenshots: MISSING ${path.relative(repoRoot, source)}`);
      missing++;
      continue;
    }
    const same = fs.existsSync(target) && fs.readFileSync(target).equals(fs.readFileSync(source));
    const when = fs.statSync(source).mtime.toISOString().replace('T', ' ').slice(0, 16);
    if (values.check) {
      console.log(`screenshots: ${same ? 'up to date' : 'differs   '} ${path.relative(repoRoot, target)} (e2e picture of ${when})`);
      continue;
    }
    fs.copyFileSync(source, target);
    console.log(`screenshots: ${path.relative(repoRoot, target)} ← ${path.relative(repoRoot, source)} (${when}, ${Math.round(fs.statSync(target).size / 1024)} KB)`);
  }
  if (missing) console.log('screenshots: run the end-to-end tests first: `npm test`, or `node out/test/e2e/run.js` after a build');
  return missing ? 1 : 0;
}

process.exit(main());
