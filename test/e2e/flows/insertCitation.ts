// Flow 3, the command palette: "Sourced: Insert Citation…", a query, a result (its source previewed beside
// the draft), "Insert as sentence"; the sentence and its footnote land in the draft.
import * as assert from 'assert/strict';
import { citations, locator, readText, spanOf } from '../expected';
import type { Flow } from '../flow';
import { focusQuickRow, goToLine, openFile, QUICK_INPUT, runCommand, waitForEditorText, waitLanguage, waitQuickInputClosed } from '../ui';

const DRAFT = 'drafts/troop-build-up.md';
const SOURCE = 'corpus/000_d9e0f3baa55f90e5.txt';

export const insertCitation: Flow = {
  name: 'insert-citation',
  title: 'command palette: Insert Citation… finds a sentence by a query, previews its source beside the draft and inserts it with its footnote',
  async run({ page, ws, shot }) {
    const sentence = /Ukraine says Russia has amassed [^.]*\./.exec(readText(ws, SOURCE))?.[0];
    assert.ok(sentence, `${SOURCE} has no sentence "Ukraine says Russia has amassed …"`);
    const span = spanOf(ws, SOURCE, sentence);
    const source = citations(ws, 'examples/briefing.md').find((c) => c.file === SOURCE)?.source;
    assert.ok(source, `the sample briefing cites no ${SOURCE}`);
    const draftLines = readText(ws, DRAFT).split('\n');
    const line = draftLines.findIndex((l) => l.startsWith('What Kyiv says:')) + 1;

    await openFile(page, DRAFT);
    await waitLanguage(page, 'Markdown');
    await goToLine(page, line);
    await page.keyboard.press('End');
    await page.keyboard.type(' ');

    await runCommand(page, 'Sourced: Insert Citation');
    await page.waitForSelector(`${QUICK_INPUT} .quick-input-title:has-text("Insert Citation")`);
    await page.keyboard.insertText('amassed 90,000 troops');
    const picked = await focusQuickRow(page, ['amassed more than 90,000 troops', 'Blinken meets Lavrov after NATO talks in Riga']);
    assert.ok(picked.includes(`000_d9e0f3baa55f90e5.txt:${span.line}:${span.startColumn}`), `the result does not name its place in the source: ${picked}`);
    // The highlighted result's source, beside the draft, the passage in view and selected; the picker keeps the keys.
    await page.waitForFunction(
      `(() => {
        const group = [...document.querySelectorAll('.editor-group-container:not(.active)')]
          .find((g) => g.querySelector('.tab.active[aria-label^=${JSON.stringify(SOURCE.split('/').pop())}]'));
        const lines = group ? [...group.querySelectorAll('.view-lines .view-line')].map((l) => l.textContent.replace(/\\u00a0/g, ' ')) : [];
        return lines.some((l) => l.includes(${JSON.stringify(sentence.slice(0, 40))})) && !!group.querySelector('.selected-text');
      })()`,
      undefined,
      { timeout: 10000 },
    ).catch(() => {
      throw new Error(`no preview of ${SOURCE} beside the draft with the passage in view and selected`);
    });
    await page.waitForSelector(`${QUICK_INPUT} .quick-input-box input:focus`);
    await shot();
    await page.keyboard.press('Enter');

    // How to insert it.
    await page.waitForSelector(`${QUICK_INPUT} .quick-input-list .monaco-list-row[aria-label*="Insert as quotation"]`);
    const placeholder = await page.getAttribute(`${QUICK_INPUT} .quick-input-box input`, 'placeholder');
    assert.equal(placeholder, sentence, 'the second step shows the chosen passage');
    await focusQuickRow(page, ['Insert as sentence']);
    await page.keyboard.press('Enter');
    await waitQuickInputClosed(page);

    const label = 1;
    const expected = `What Kyiv says: ${sentence}[^${label}]`;
    const lines = await waitForEditorText(page, `[^${label}]: `);
    assert.equal(lines.find((l) => l.line === line)?.text, expected, 'the line with the inserted sentence');
    const target = locator(DRAFT, span);
    const definition = lines.find((l) => l.text.startsWith(`[^${label}]: `))?.text ?? '';
    assert.ok(
      definition.startsWith(`[^${label}]: ${source}. [${target}](${target} "Ukraine says Russia has amassed`),
      `the footnote definition: ${definition}`,
    );
    await page.mouse.move(1, 1);
    await shot('inserted');
  },
};
