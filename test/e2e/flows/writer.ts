// Flow 1, the writer: types a few words of a quote in the sample briefing, sees the suggest widget list
// the passage with its source, accepts it, and reads back the quote and its new footnote definition.
import * as assert from 'assert/strict';
import { BRIEFING, citations, locator, nextLabel, spanOf } from '../expected';
import type { Flow } from '../flow';
import { editorLines, goToLine, openFile, typeKeys, waitForEditorText, waitLanguage } from '../ui';

const SUGGEST = '.editor-widget.suggest-widget';
const SUGGEST_ROWS = `${SUGGEST}.visible .monaco-list-row`;
/**
 * A writer's pace: each key is answered before the next. (Keys typed faster land while a request is still
 * pending, which would hide a list that closes between keys.)
 */
const TYPIST_MS = 150;

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
    const words = 'serious consequ';

    await openFile(page, BRIEFING);
    await waitLanguage(page, 'Markdown');
    // The extension activates with the first Markdown file and indexes the corpus; its status bar entry
    // then reads "N docs · M passages". A writer starts once it does.
    await page.waitForFunction(`/\\d+ docs?\\b/.test(document.querySelector('[id$="sourced.index"]')?.textContent ?? '')`, undefined, { timeout: 30000 });
    // A new paragraph after "Ukraine says Russia has amassed more than 90,000".
    const lines = await editorLines(page);
    const anchor = lines.find((l) => l.text.startsWith('Ukraine says Russia has amassed'));
    assert.ok(anchor, `the sample briefing has no "Ukraine says Russia has amassed" line; rendered: ${JSON.stringify(lines)}`);
    await goToLine(page, anchor.line);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Blinken warned of ', { delay: TYPIST_MS });

    // The opening quotation mark alone opens the list: quotations to start from, each with its source.
    await typeKeys(page, '“');
    const rowsAfterTrigger = await page
      .waitForFunction(
        `(() => {
          const rows = [...document.querySelectorAll(${JSON.stringify(SUGGEST_ROWS)})].map((r) => r.getAttribute('aria-label') || '');
          return rows.length > 0 && rows.every((r) => r.endsWith(', Reference')) && rows;
        })()`,
        undefined,
        { timeout: 10000 },
      )
      .then((h) => h.jsonValue() as Promise<string[]>)
      .catch(async () => {
        const seen = await page.$$eval(SUGGEST_ROWS, (els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
        throw new Error(`typing “ did not open the list of quotations; suggestions: ${JSON.stringify(seen)}`);
      });
    assert.ok(rowsAfterTrigger.length > 0);

    // The list follows the words as they are typed, across the space between them (no Ctrl+Space).
    await page.keyboard.type(words, { delay: TYPIST_MS });
    const wanted = `${SUGGEST_ROWS}[aria-label^=${JSON.stringify(passage.text)}][aria-label*=${JSON.stringify(sample.title)}]`;
    await page.waitForSelector(wanted, { timeout: 10000 }).catch(async () => {
      const seen = await page.$$eval(SUGGEST_ROWS, (els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
      throw new Error(`after typing “${words} the list does not offer "${passage.text}" from “${sample.title}”; suggestions: ${JSON.stringify(seen)}`);
    });
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
  },
};
