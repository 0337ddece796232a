// Flow 4, checking: a briefing with a planted altered quote ("We want a conflict" where the source says
// "We do not want a conflict") shows one problem, on that quote, in the Problems panel; its faithful
// citation shows none. Pending while the extension contributes no diagnostics.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { readText } from '../expected';
import type { Flow } from '../flow';
import { openFile, runCommand, waitLanguage } from '../ui';

const BRIEFING = 'checks/altered-quote.md';
const PROBLEM_ROWS = '.markers-panel .monaco-list-row';

/** Whether the installed bundle publishes diagnostics (creates a diagnostic collection). */
function hasDiagnostics(extensionDir: string): boolean {
  try {
    return fs.readFileSync(path.join(extensionDir, 'dist', 'extension.js'), 'utf8').includes('createDiagnosticCollection');
  } catch {
    return false;
  }
}

export const problems: Flow = {
  name: 'problems',
  title: 'problems: a planted altered quote shows its diagnostic in the Problems panel',
  pending(extensionDir) {
    return hasDiagnostics(extensionDir) ? undefined : 'the extension contributes no diagnostics yet (its dist/extension.js creates no diagnostic collection)';
  },
  async run({ page, ws, shot }) {
    const lines = readText(ws, BRIEFING).split('\n');
    const altered = lines.findIndex((l) => l.includes('“We want a conflict')) + 1;
    assert.ok(altered > 0, `${BRIEFING} has no planted altered quote`);

    await openFile(page, BRIEFING);
    await waitLanguage(page, 'Markdown');
    await runCommand(page, 'View: Focus Problems');
    await page.waitForSelector('.markers-panel');
    // A problem row: "<message> <source>(<code>) [Ln l, Col c]".
    const row = await page.waitForSelector(`${PROBLEM_ROWS}:has-text("[Ln ${altered},")`, { timeout: 30000 });
    const text = (await row.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /quote/i, `the problem does not speak of the quote: ${text}`);
    assert.match(text, /do not/, `the problem does not name the words the quote dropped ("do not"): ${text}`);
    // The tree: a file (level 1), its problems (level 2), their related places (level 3).
    const rows = await page.$$eval(PROBLEM_ROWS, (els) =>
      els
        .map((e) => ({
          top: parseFloat((e as unknown as { style: { top: string } }).style.top) || 0,
          level: Number(e.getAttribute('aria-level')),
          text: (e as unknown as { innerText: string }).innerText.replace(/\s+/g, ' ').trim(),
        }))
        .sort((a, b) => a.top - b.top),
    );
    const mine: string[] = [];
    let file = '';
    for (const r of rows) {
      if (r.level === 1) file = r.text;
      else if (r.level === 2 && file.includes(path.posix.basename(BRIEFING))) mine.push(/\[Ln (\d+),/.exec(r.text)?.[1] ?? r.text);
    }
    assert.deepEqual(mine, [String(altered)], `expected one problem in ${BRIEFING}, on line ${altered}; the panel lists: ${JSON.stringify(rows)}`);
    await page.mouse.move(1, 1);
    await shot();
  },
};
