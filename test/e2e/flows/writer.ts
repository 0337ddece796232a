// Flow 1, the writer: types a few words of a quote in the sample briefing, sees the suggest widget list
// the passage with its source, accepts it, and reads back the quote and its new footnote definition.
import * as assert from 'assert/strict';
import { BRIEFING, citations, locator, nextLabel, spanOf } from '../expected';
import type { Flow } from '../flow';
import { editorLines, goToLine, openFile, trace, waitForEditorText, waitLanguage } from '../ui';

const SUGGEST = '.editor-widget.suggest-widget';
const SUGGEST_ROWS = `${SUGGEST}.visible .monaco-list-row`;

export const writer: Flow = {
  name: 'writer',
  title: 'writer: “serious consequ completes to the quote and appends its footnote definition',
  async run({ page, ws, shot }) {
    // Expected from the sample itself: the source of its [^1] and the quote inside that passage.
    const sample = citations(ws, BRIEFING).find((c) => c.label === '1');
    assert.ok(sample?.title, `${BRIEFING} has no [^1] definition naming its source`);
    const quote = spanOf(ws, sample.file, '“serious consequences”');
    const passage = { ...quote, text: 'serious consequences', startColumn: quote.startColumn + 1, endColumn: quote.endColumn - 1 };
    const label = nextLabel(ws, BRIEFING);
    const typed = 'Blinken warned of “serious consequ';

    await openFile(page, BRIEFING);
    await waitLanguage(page, 'Markdown');
    // The extension activates with the first Markdown file and indexes the corpus; its status bar entry
    // then reads "N docs · M passages". Typed earlier, the quote may need Ctrl+Space (below).
    await page
      .waitForFunction(`/\\d+ docs?\\b/.test(document.querySelector('[id$="sourced.index"]')?.textContent ?? '')`, undefined, { timeout: 30000 })
      .catch(() => trace('no index status in the status bar'));
    // A new paragraph after "Ukraine says Russia has amassed more than 90,000".
    const lines = await editorLines(page);
    const anchor = lines.find((l) => l.text.startsWith('Ukraine says Russia has amassed'));
    assert.ok(anchor, `the sample briefing has no "Ukraine says Russia has amassed" line; rendered: ${JSON.stringify(lines)}`);
    await goToLine(page, anchor.line);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.type(typed, { delay: 40 });

    // “ is a trigger character, but at a typist's pace its request comes before any word: an empty answer
    // ends the suggest session, and Markdown has no quick suggestions to start another. Typed before the
    // extension has registered its provider, only the editor's word suggestions answer. Either way the
    // writer presses Ctrl+Space; the report says so.
    const wanted = `${SUGGEST_ROWS}[aria-label^=${JSON.stringify(passage.text)}][aria-label*=${JSON.stringify(sample.title)}]`;
    const answer = await page.waitForFunction(
      `(() => {
        if (document.querySelector(${JSON.stringify(wanted)})) return 'passage';
        const rows = [...document.querySelectorAll(${JSON.stringify(SUGGEST_ROWS)})].map((r) => r.getAttribute('aria-label') || '');
        return rows.length > 0 && rows.every((r) => r.endsWith(', Text')) ? 'words' : false;
      })()`,
      undefined,
      { timeout: 5000 },
    ).then((h) => h.jsonValue(), () => 'nothing');
    let note: string | undefined;
    if (answer !== 'passage') {
      note = `typing “ showed ${answer === 'words' ? 'only word suggestions' : 'no suggestions'}; Ctrl+Space did`;
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+Space');
      await page.waitForSelector(wanted, { timeout: 30000 });
    }
    const rows = await page.$$eval(SUGGEST_ROWS, (els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    const index = rows.findIndex((r) => r.startsWith(passage.text) && r.includes(sample.title as string));
    assert.ok(index >= 0, `no suggestion "${passage.text}" from “${sample.title}”; suggestions: ${JSON.stringify(rows)}`);
    assert.equal(index, 0, `the quote is not the first suggestion: ${JSON.stringify(rows)}`);

    // The details pane: the passage in its context, with its source.
    if (!(await page.$(`${SUGGEST}.shows-details`))) await page.keyboard.press('Control+Space');
    const details = await page.waitForSelector(`.suggest-details-container .suggest-details:has-text(${JSON.stringify(sample.title)})`);
    const detailsText = await details.innerText();
    assert.ok(detailsText.includes(passage.text), `the details do not show the passage: ${detailsText}`);
    await shot();

    await page.keyboard.press('Enter');
    await page.waitForSelector(`${SUGGEST}.visible`, { state: 'hidden' });
    const inserted = `Blinken warned of “${passage.text}”[^${label}]`;
    const after = await waitForEditorText(page, inserted);
    const at = after.find((l) => l.text.includes(inserted));
    assert.equal(at?.text, inserted, 'the new paragraph');
    assert.equal(at?.line, anchor.line + 2, 'the new paragraph is where it was typed');

    // The definition is appended at the end of the document.
    await page.keyboard.press('Control+End');
    const target = locator(BRIEFING, passage);
    const definition = `[^${label}]: ${sample.source}. [${target}](${target} "${passage.text}")`;
    const end = await waitForEditorText(page, `[^${label}]: `);
    const defLine = end.find((l) => l.text.startsWith(`[^${label}]: `));
    assert.equal(defLine?.text, definition, 'the footnote definition');
    const last = end.filter((l) => l.text.trim() !== '').pop();
    assert.equal(last?.line, defLine?.line, 'the definition is the last line with text');
    await shot('inserted');
    return note;
  },
};
