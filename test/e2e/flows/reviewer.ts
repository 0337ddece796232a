// Flow 2, the reviewer: hovers a footnote reference in the sample briefing, reads the cited passage, its
// source and the check's verdict in the hover, clicks "Open source" and sees the source beside the
// briefing with the passage selected.
import * as assert from 'assert/strict';
import { BRIEFING, citations, spanAt } from '../expected';
import type { Flow } from '../flow';
import { openFile, textRect, waitCursorStatus, waitLanguage } from '../ui';

const HOVER = '.monaco-hover:not(.hidden)';

export const reviewer: Flow = {
  name: 'reviewer',
  title: 'reviewer: hovering [^1] shows the cited passage checked ✓; "Open source" opens it beside, selected',
  async run({ page, ws, shot }) {
    const cited = citations(ws, BRIEFING).find((c) => c.label === '1');
    assert.ok(cited?.title && cited.author, `${BRIEFING} has no [^1] definition with author and title`);
    const passage = spanAt(ws, cited.file, cited.fragment);
    const sourceName = cited.file.split('/').pop() as string;

    await openFile(page, BRIEFING);
    await waitLanguage(page, 'Markdown');
    // The reference that ends the first paragraph ("… diplomatic channels.[^1]").
    let hover;
    for (let attempt = 1; !hover; attempt++) {
      const rect = await textRect(page, 'channels.[^1]', '[^1]');
      assert.ok(rect, 'the reference "channels.[^1]" is not on screen');
      const x = rect.x + rect.width / 2;
      const y = rect.y + rect.height / 2;
      await page.mouse.move(x - 40, y);
      await page.mouse.move(x, y, { steps: 4 });
      try {
        hover = await page.waitForSelector(`${HOVER}:has-text("Open source")`, { timeout: 10000 });
      } catch (e) {
        if (attempt === 2) throw e;
        await page.mouse.move(1, 1); // away and back: one more hover
      }
    }
    const text = (await hover.innerText()).replace(/\s+/g, ' ');
    assert.ok(text.includes(cited.title), `the hover does not name the source “${cited.title}”: ${text}`);
    assert.ok(text.includes(cited.author), `the hover does not name the author ${cited.author}: ${text}`);
    assert.ok(text.includes(passage.text), `the hover does not show the passage "${passage.text}": ${text}`);
    // The citation is faithful: the hover's check says so (✓), with no problem (⚠ / ✗).
    assert.ok(/✓/.test(text) && !/[✗⚠]/.test(text), `the hover does not show a faithful citation as checked (✓): ${text}`);
    await shot();

    await page.click(`${HOVER} a:has-text("Open source")`);
    // Beside: a second editor group, active, with the source; the briefing stays in the first.
    const sourceTab = `.editor-group-container.active .tab.active[aria-label^=${JSON.stringify(sourceName)}]`;
    await page.waitForSelector(sourceTab);
    const groups = await page.$$eval('.editor-group-container', (els) =>
      els.map((g) => [...g.querySelectorAll('.tab')].map((t) => (t.getAttribute('aria-label') ?? '').split(',')[0])),
    );
    assert.equal(groups.length, 2, `the source did not open beside the briefing: groups ${JSON.stringify(groups)}`);
    assert.ok(groups[0].includes('briefing.md') && groups[1].includes(sourceName), `editor groups: ${JSON.stringify(groups)}`);
    // The passage is selected: on its line, exactly its length (the cursor may sit at either end).
    const status = await waitCursorStatus(page, new RegExp(`^Ln ${passage.line}, Col \\d+ \\(${passage.text.length} selected\\)`));
    const col = Number(/Col (\d+)/.exec(status)?.[1]);
    assert.ok(col === passage.startColumn || col === passage.endColumn + 1, `the selection is not the passage: ${status}`);
    await page.waitForSelector('.editor-group-container.active .monaco-editor .selected-text');
    await page.mouse.move(1, 1);
    await shot('source');
  },
};
