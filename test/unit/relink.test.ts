import * as assert from 'node:assert/strict';
import { movedPath, relinkBriefing } from '../../src/core/relink';

const DEF = '[^1]: Dan Nolan, “T”. [corpus/a.txt#L3C1-L3C9](corpus/a.txt#L3C1-L3C9 "opening words")';

function apply(text: string, edits: ReturnType<typeof relinkBriefing>): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

suite('relinking after moves', () => {
  test('a moved source: both the link text and the destination follow; the rest is untouched', () => {
    const text = `Claim.[^1] Other.[^2]\n\n${DEF}\n[^2]: Untouched [x](corpus/b.txt#L1)\n`;
    const out = apply(text, relinkBriefing(text, '/w/brief.md', [{ from: '/w/corpus/a.txt', to: '/w/corpus/2021/a (1).txt' }]));
    assert.equal(out, text.replace(/corpus\/a\.txt/g, 'corpus/2021/a%20%281%29.txt'));
  });

  test('a moved briefing: links are rewritten relative to its new folder', () => {
    const text = `Claim.[^1]\n\n${DEF}\n`;
    const out = apply(text, relinkBriefing(text, '/w/notes/brief.md', [{ from: '/w/brief.md', to: '/w/notes/brief.md' }]));
    assert.equal(out, text.replace(/corpus\/a\.txt/g, '../corpus/a.txt'));
  });

  test('a moved folder moves what is inside; unrelated moves change nothing', () => {
    assert.equal(movedPath('/w/corpus/x/a.txt', [{ from: '/w/corpus', to: '/w/sources' }]), '/w/sources/x/a.txt');
    const text = `Claim.[^1]\n\n${DEF}\n`;
    assert.deepEqual(relinkBriefing(text, '/w/brief.md', [{ from: '/w/other.md', to: '/w/else.md' }]), []);
    const out = apply(text, relinkBriefing(text, '/w/brief.md', [{ from: '/w/corpus', to: '/w/sources' }]));
    assert.equal(out, text.replace(/corpus\/a\.txt/g, 'sources/a.txt'));
  });
});
