// Shared by the checks unit tests: the fixture workspace (test/fixtures/workspace + the demo corpus)
// in memory, as the extension host and the command line see it on disk.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MemoryFileSystem } from '../../src/core/fs';
import { checkBriefing } from '../../src/core/checks/checks';
import { cachedSourceReader } from '../../src/core/checks/sources';
import type { CheckResult, TextEdit } from '../../src/core/checks/types';
import { DEMO_CORPUS, FIXTURES } from './helpers';

export const WS = '/ws';
export const ROOT = '/ws/corpus';
export const S3 = '003_c5efd77b2ca7bb98.txt';
export const S0 = '000_d9e0f3baa55f90e5.txt';

/** The fixture workspace in memory: briefings under /ws/checks, notes under /ws/notes, the corpus under /ws/corpus. */
export function workspace(): MemoryFileSystem {
  const mem = new MemoryFileSystem();
  const copy = (dir: string, to: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) copy(path.join(dir, e.name), `${to}/${e.name}`);
      else mem.write(`${to}/${e.name}`, fs.readFileSync(path.join(dir, e.name)));
    }
  };
  copy(path.join(FIXTURES, 'workspace'), WS);
  copy(DEMO_CORPUS, ROOT);
  return mem;
}

export function source(name: string): string {
  return fs.readFileSync(path.join(DEMO_CORPUS, name), 'utf8');
}

export function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, 'workspace', 'checks', name), 'utf8');
}

/** Check a briefing at /ws/checks/<name> (its text from the fixture unless given). */
export async function check(name: string, text = fixture(name), mem = workspace()): Promise<CheckResult> {
  const result = await checkBriefing({ text, path: `${WS}/checks/${name}`, roots: [ROOT], read: cachedSourceReader(mem, [ROOT]) });
  if (!result) throw new Error('the check was cancelled');
  return result;
}

/** Apply a fix's edits (non-overlapping) to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
