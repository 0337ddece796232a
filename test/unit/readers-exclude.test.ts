import * as assert from 'node:assert/strict';
import { excludeMatcher } from '../../src/core/glob';
import { loadCorpus } from '../../src/core/corpus';
import { MemoryFileSystem, type CorpusFileSystem } from '../../src/core/fs';

function excluded(patterns: string[], paths: string[]): string[] {
  const m = excludeMatcher(patterns);
  return paths.filter((p) => m.file(p));
}

suite('corpus: exclude globs', () => {
  test('**/drafts/** leaves out everything under any drafts folder, and nothing else', () => {
    assert.deepEqual(
      excluded(['**/drafts/**'], ['drafts/a.md', 'x/drafts/b/c.md', 'drafts.md', 'mydrafts/a.md', 'x/drafts', 'a.md']),
      ['drafts/a.md', 'x/drafts/b/c.md'],
    );
  });

  test('a pattern without a slash matches a name at any depth; a leading slash anchors it to the root', () => {
    assert.deepEqual(excluded(['*.tmp.md'], ['a.tmp.md', 'x/y/b.tmp.md', 'a.md', 'tmp.md', 'a.tmp.md.txt']), ['a.tmp.md', 'x/y/b.tmp.md']);
    assert.deepEqual(excluded(['/top.md'], ['top.md', 'x/top.md']), ['top.md']);
    assert.deepEqual(excluded(['archive'], ['archive/a.md', 'x/archive/b/c.pdf', 'archive.md']), ['archive/a.md', 'x/archive/b/c.pdf']);
  });

  test('a pattern with a slash is relative to the root; * and ? stay within one folder', () => {
    assert.deepEqual(excluded(['notes/*.md'], ['notes/a.md', 'notes/sub/b.md', 'x/notes/a.md']), ['notes/a.md']);
    assert.deepEqual(excluded(['2023/??-*.pdf'], ['2023/01-report.pdf', '2023/1-report.pdf', '2023/ab/01-x.pdf']), ['2023/01-report.pdf']);
    assert.deepEqual(excluded(['a/**/z.md'], ['a/z.md', 'a/b/z.md', 'a/b/c/z.md', 'b/a/z.md']), ['a/z.md', 'a/b/z.md', 'a/b/c/z.md']);
  });

  test('sets, ranges, negated sets and alternatives', () => {
    assert.deepEqual(excluded(['*.{tmp,bak}'], ['a.tmp', 'b.bak', 'c.md']), ['a.tmp', 'b.bak']);
    assert.deepEqual(excluded(['v[0-9].md'], ['v1.md', 'v9.md', 'vx.md']), ['v1.md', 'v9.md']);
    assert.deepEqual(excluded(['v[!0-9].md'], ['v1.md', 'vx.md']), ['vx.md']);
    assert.deepEqual(excluded(['a+b (1).md'], ['a+b (1).md', 'aab (1).md']), ['a+b (1).md']);
  });

  test('a trailing slash matches folders only; blank patterns and comments match nothing', () => {
    const m = excludeMatcher(['old/', '', '  ', '# a comment']);
    assert.equal(m.file('old'), false);
    assert.equal(m.file('old/a.md'), true);
    assert.equal(m.file('x/old/b.md'), true);
    assert.equal(m.folder('old'), true);
    assert.equal(excludeMatcher([]).file('anything.md'), false);
    assert.equal(excludeMatcher(['', '# x']).file('# x'), false);
  });

  test('loadCorpus leaves excluded files out (not reported as skipped) and does not enter excluded folders', async () => {
    const mem = new MemoryFileSystem();
    const body = 'A title line for the piece\n\nThe committee agreed the budget for next year after a long debate.\n';
    mem.write('/c/keep.md', body);
    mem.write('/c/notes/keep-too.md', body);
    mem.write('/c/draft.tmp.md', body);
    mem.write('/c/notes/other.tmp.md', body);
    mem.write('/c/drafts/a.md', body);
    mem.write('/c/drafts/deep/b.md', body);
    mem.write('/c/notes/drafts/c.md', body);
    const entered: string[] = [];
    const spy: CorpusFileSystem = {
      stat: (p) => mem.stat(p),
      readDirectory: (p) => {
        entered.push(p);
        return mem.readDirectory(p);
      },
      readFile: (p) => mem.readFile(p),
    };
    const load = await loadCorpus(spy, ['/c'], { exclude: ['**/drafts/**', '*.tmp.md'] });
    assert.deepEqual(load.documents.map((d) => d.relPath).sort(), ['keep.md', 'notes/keep-too.md']);
    assert.deepEqual(load.skipped, []);
    assert.deepEqual(entered.sort(), ['/c', '/c/notes']);
  });
});
