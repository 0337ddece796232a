import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, sourced, wsUri } from './helpers';

const PASSAGE = 'He warned Lavrov of “serious consequences” if Russia invades Ukraine and urged him to pursue diplomatic channels.';
const SOURCE = 'corpus/000_d9e0f3baa55f90e5.txt';

suite('navigation: definitions, links, citations of a source', () => {
  let doc: vscode.TextDocument;
  suiteSetup(async () => {
    await sourced();
    doc = await vscode.workspace.openTextDocument(wsUri('briefing.md'));
    await vscode.window.showTextDocument(doc);
  });
  suiteTeardown(closeAllEditors);

  const at = (needle: string, delta = 2) => doc.positionAt(doc.getText().indexOf(needle) + delta);

  test('F12 on a footnote reference goes to the passage in the source', async () => {
    const locations = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', doc.uri, at('[^1]'));
    const ours = locations.map((l) => ('targetUri' in l ? { uri: l.targetUri, range: l.targetRange } : l)).find((l) => l.uri.path.endsWith(SOURCE));
    assert.ok(ours, JSON.stringify(locations));
    const source = await vscode.workspace.openTextDocument(ours.uri);
    assert.equal(source.getText(ours.range), PASSAGE);
  });

  test('the link in a definition opens the source at the passage', async () => {
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri, 10);
    const ours = links.filter((l) => l.target?.scheme === 'command');
    assert.equal(ours.length, 2, 'one link per definition');
    const target = ours.find((l) => doc.getText(l.range).startsWith(SOURCE))?.target;
    assert.ok(target);
    assert.equal(target.path, 'sourced.openSource');
    const args = (JSON.parse(decodeURIComponent(target.query)) as unknown[])[0];
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('sourced.openSource', args);
    assert.equal(editor?.document.getText(editor.selection), PASSAGE);
  });

  test('Open source highlights the passage until the source is edited', async () => {
    const api = await sourced();
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at('[^1]'));
    const md = hovers.flatMap((h) => h.contents).map((c) => (c instanceof vscode.MarkdownString ? c.value : '')).join('\n');
    for (const link of ['Open source', 'Show all citations of this source', 'Copy citation']) assert.ok(md.includes(`[${link.replace(/ /g, ' ')}](command:`), `${link} in ${md}`);
    const args = (JSON.parse(decodeURIComponent(/\(command:sourced\.openSource\?([^)]+)\)/.exec(md)?.[1] ?? '')) as unknown[])[0];
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('sourced.openSource', args);
    assert.ok(editor);
    const lit = api.highlighted();
    assert.equal(lit?.uri, editor.document.uri.toString());
    assert.equal(editor.document.getText(lit?.range), PASSAGE);
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), ' '));
    assert.equal(api.highlighted(), undefined);
    await vscode.commands.executeCommand('undo');
  });

  test('Show all citations of this source lists the footnotes that cite it', async () => {
    const list = await vscode.commands.executeCommand<Array<{ briefing: string; label: string; line: number }>>('sourced.showCitationsOf', { uri: wsUri(SOURCE).toString() });
    const here = list.filter((c) => c.briefing === doc.uri.toString());
    assert.deepEqual(here.map((c) => c.label), ['1']);
    assert.equal(here[0].line, doc.positionAt(doc.getText().indexOf('[^1]')).line);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  test('Copy citation returns the definition as written', async () => {
    const text = await vscode.commands.executeCommand<string>('sourced.copyCitation', { uri: doc.uri.toString(), label: '2' });
    const def = doc.getText().split('\n').find((l) => l.startsWith('[^2]: '));
    assert.equal(text, def);
  });
});
