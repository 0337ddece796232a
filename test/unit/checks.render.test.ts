import * as assert from 'node:assert/strict';
import { diffSide, findingMarkdown, passageMarkdown, verdictMarkdown } from '../../src/core/checks/render';
import type { Finding } from '../../src/core/checks/types';
import { check } from './checksHelpers';

suite('checks: hover Markdown', () => {
  test('corpus text is escaped: a command or script link in a passage is never a live link', () => {
    const md = passageMarkdown('Click [here](command:workbench.action.quit) or [x](javascript:alert(1)).', { before: '<b>[a](command:x)</b>', after: '*after*' });
    assert.doesNotMatch(md, /\]\((command|javascript):/);
    assert.doesNotMatch(md, /<b>/);
    assert.match(md, /^> &lt;b&gt;\\\[a\\\]\\\(command\\:x\\\)&lt;\/b&gt;\n>\n> \*\*Click/);
    assert.match(md, /\n>\n> \\\*after\\\*$/);
  });

  test('a multi-line passage is bold line by line inside the blockquote', () => {
    assert.equal(passageMarkdown('one\ntwo'), '> **one**\n> **two**');
  });

  test('the diff shows each side with the differing words in bold', () => {
    const diff = [
      { type: 'equal' as const, quote: 'We', source: 'We' },
      { type: 'dropped' as const, source: 'do not' },
      { type: 'equal' as const, quote: 'want a', source: 'want a' },
      { type: 'changed' as const, quote: 'war', source: 'conflict' },
    ];
    assert.equal(diffSide(diff, 'source'), 'We **do not** want a **conflict**');
    assert.equal(diffSide(diff, 'quote'), 'We want a **war**');
    const f: Finding = { kind: 'altered-quote', severity: 'error', label: '1', line: 1, start: 0, end: 1, message: 'm', diff };
    assert.equal(findingMarkdown(f), 'Source: We **do not** want a **conflict**  \nBriefing: We want a **war**');
  });

  test('verdicts: ✓ matches, ⚠ differs with the figures, ✗ not found with why', async () => {
    const ok = (await check('faithful.md')).citations.find((c) => c.label === '2');
    assert.ok(ok);
    assert.equal(verdictMarkdown(ok), '✓ The quote matches the source');
    const figure = (await check('figure-mismatch.md')).citations[0];
    assert.equal(verdictMarkdown(figure), '⚠ Differs from the source  \n“80,000” in the briefing; the source says **90,000**');
    const lost = (await check('not-found.md')).citations[0];
    assert.match(verdictMarkdown(lost), /^✗ Not found: “Russia is ready for talks in Geneva next week\\\.” cannot be found/);
    const moved = (await check('moved.md')).citations[0];
    assert.match(verdictMarkdown(moved), /✓ Matches the source {2}\n↪ The passage has moved to line 11; the link still says \\#L9C1\\-L9C54/);
  });
});
