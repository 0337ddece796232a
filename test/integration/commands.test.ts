import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, openBriefing, sourced } from './helpers';

const FACT = 'Ukraine says Russia has amassed more than 90,000 troops near their long shared border, while Moscow accuses Kyiv of pursuing its own military build-up, Reuters reported on Thursday.';

suite('commands', () => {
  suiteSetup(async () => {
    await sourced();
  });
  teardown(closeAllEditors);

  test('every command is registered', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const c of ['sourced.searchCorpus', 'sourced.insertCitation', 'sourced.reindex', 'sourced.openSource']) assert.ok(all.includes(c), c);
  });

  test('Insert Citation inserts the picked passage and its footnote at the cursor, as one undo step', async () => {
    const original = 'Troops on the border.\n\nIn short: ';
    const editor = await openBriefing('cmd-insert.md', original);
    const ok = await vscode.commands.executeCommand<boolean>('sourced.insertCitation', { query: '90,000 troops amassed' });
    assert.equal(ok, true);
    const text = editor.document.getText();
    assert.ok(text.startsWith(`${original}${FACT}[^1]\n\n[^1]: `), text);
    assert.match(text, /\(corpus\/000_d9e0f3baa55f90e5\.txt#L17C1-L17C\d+ "Ukraine says Russia has amassed more than 90,000 troops near their long…"\)\n$/);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), original);
  });

  test('Search Corpus opens the source with the passage selected', async () => {
    await openBriefing('cmd-search.md', 'x');
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('sourced.searchCorpus', { query: 'highly symbolic Riga' });
    assert.ok(editor);
    assert.ok(editor.document.uri.path.endsWith('/corpus/000_d9e0f3baa55f90e5.txt'));
    assert.match(editor.document.getText(editor.selection), /I find it highly symbolic that we launched the process here in Riga/);
  });

  test('Reindex Corpus rebuilds the index', async () => {
    const api = await sourced();
    const summary = await vscode.commands.executeCommand<{ documents: number; passages: number }>('sourced.reindex');
    assert.equal(summary.documents, 5);
    assert.ok(summary.passages > 50);
    assert.equal(api.corpus.lastSummary?.documents, 5);
  });
});
