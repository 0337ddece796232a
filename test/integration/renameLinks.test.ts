import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, readWs, sourced, waitFor, writeFile, wsUri } from './helpers';

async function rename(from: string, to: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.renameFile(wsUri(from), wsUri(to));
  assert.ok(await vscode.workspace.applyEdit(edit));
}

suite('links follow renamed files', () => {
  suiteSetup(async () => {
    await sourced();
  });
  teardown(closeAllEditors);

  test('renaming a source updates the briefings that cite it; moving a briefing rewrites its relative links', async () => {
    const original = await readWs('briefing.md');
    await writeFile('rename-me.md', original);
    await rename('corpus/003_c5efd77b2ca7bb98.txt', 'corpus/renamed-003.txt');
    try {
      const updated = await waitFor(async () => {
        const t = await readWs('rename-me.md');
        return t.includes('corpus/renamed-003.txt#L11C1-L11C54') ? t : undefined;
      }, 'the link to follow the renamed source');
      assert.equal(updated, original.replace(/corpus\/003_c5efd77b2ca7bb98\.txt/g, 'corpus/renamed-003.txt'));
    } finally {
      await rename('corpus/renamed-003.txt', 'corpus/003_c5efd77b2ca7bb98.txt');
    }
    await waitFor(async () => (await readWs('rename-me.md')) === original, 'the link to follow the source back');

    await rename('rename-me.md', 'notes/moved.md');
    const moved = await waitFor(async () => {
      const t = await readWs('notes/moved.md');
      return t.includes('](../corpus/000_d9e0f3baa55f90e5.txt#') ? t : undefined;
    }, 'the moved briefing to link with ../');
    assert.equal(moved, original.replace(/(\[|\()corpus\//g, '$1../corpus/'));
    await vscode.workspace.fs.delete(wsUri('notes/moved.md'));
  });
});
