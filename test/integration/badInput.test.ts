import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, openBriefing, sourced, waitFor, writeFile, wsUri } from './helpers';

suite('bad input', () => {
  teardown(closeAllEditors);

  test('binary and non-UTF-8 files are skipped with a reason; the rest is still indexed', async () => {
    const api = await sourced();
    await writeFile('corpus/broken.txt', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0x10, 0]));
    await writeFile('corpus/latin1.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9]));
    try {
      const summary = await api.corpus.reload();
      assert.equal(summary.documents, 5);
      const reasons = Object.fromEntries(summary.skipped.map((s) => [s.path.replace(/.*\//, ''), s.reason]));
      assert.match(reasons['broken.txt'] ?? '', /binary/);
      assert.match(reasons['latin1.txt'] ?? '', /UTF-8/);
    } finally {
      await vscode.workspace.fs.delete(wsUri('corpus/broken.txt'));
      await vscode.workspace.fs.delete(wsUri('corpus/latin1.txt'));
    }
  });

  test('a missing corpus folder: one clear message naming where it looked, no errors while typing, recovery on a settings change', async () => {
    const api = await sourced();
    const config = vscode.workspace.getConfiguration('sourced');
    const shown = api.corpus.warnings.length;
    await config.update('corpus.paths', ['no-such-folder'], vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor(() => api.corpus.lastSummary?.documents === 0, 'the index to follow the setting');
      assert.equal(api.corpus.warnings.length, shown + 1);
      const message = api.corpus.warnings[api.corpus.warnings.length - 1];
      assert.match(message, /no-such-folder/);
      assert.match(message, /sourced\.corpus\.paths/);
      // Typing with no corpus: completion answers (empty), nothing throws, and no new message per keystroke.
      const editor = await openBriefing('bad-typing.md', 'Blinken warned of serious consequ');
      for (let i = 0; i < 3; i++) {
        const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, editor.selection.active);
        assert.equal(list.items.filter((x) => x.kind === vscode.CompletionItemKind.Reference).length, 0);
      }
      await api.corpus.reload();
      assert.equal(api.corpus.warnings.length, shown + 1, 'the same message is not shown twice');
    } finally {
      await config.update('corpus.paths', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor(() => api.corpus.lastSummary?.documents === 5, 'the corpus to come back when the setting is restored');
  });
});
