// TEMPORARY harness check (to be deleted).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

suite('harness smoke', () => {
  test('a workspace folder is open', () => {
    const folders = vscode.workspace.workspaceFolders;
    assert.ok(folders && folders.length > 0, 'no workspace folder');
    assert.strictEqual(folders[0].uri.fsPath, process.env.SOURCED_TEST_WORKSPACE);
  });
  test('the corpus is in the workspace', () => {
    const ws = process.env.SOURCED_TEST_WORKSPACE ?? '';
    assert.ok(fs.readdirSync(path.join(ws, 'corpus')).length > 0);
  });
  test('host facts', () => {
    console.log(vscode.version, process.version, vscode.env.uiKind, vscode.env.remoteName);
  });
});
