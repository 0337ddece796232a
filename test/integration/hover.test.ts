import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, hoverText, sourced, unescapeMarkdown, wsUri } from './helpers';

const PASSAGE = 'He warned Lavrov of “serious consequences” if Russia invades Ukraine and urged him to pursue diplomatic channels.';

async function hoverAt(doc: vscode.TextDocument, needle: string, delta = 2): Promise<vscode.Hover[]> {
  const offset = doc.getText().indexOf(needle);
  assert.ok(offset >= 0, `${needle} not in the document`);
  return vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(offset + delta));
}

function openSourceArgs(markdown: string): unknown {
  const m = /\(command:sourced\.openSource\?([^)]+)\)/.exec(markdown);
  assert.ok(m, `no Open source link in: ${markdown}`);
  return (JSON.parse(decodeURIComponent(m[1])) as unknown[])[0];
}

suite('hover and open source', () => {
  let doc: vscode.TextDocument;
  suiteSetup(async () => {
    await sourced();
    doc = await vscode.workspace.openTextDocument(wsUri('briefing.md'));
    await vscode.window.showTextDocument(doc);
  });
  suiteTeardown(closeAllEditors);

  test('hovering a reference shows the cited passage, the title and an Open source link, over exactly the label', async () => {
    const hovers = await hoverAt(doc, '[^1]');
    const ours = hovers.filter((h) => hoverText([h]).includes('sourced.openSource'));
    assert.equal(ours.length, 1);
    const text = hoverText(ours);
    assert.ok(unescapeMarkdown(text).includes(PASSAGE), text);
    assert.ok(unescapeMarkdown(text).includes('Blinken meets Lavrov after NATO talks in Riga'), text);
    const range = ours[0].range;
    assert.ok(range);
    assert.equal(doc.getText(range), '[^1]');
  });

  test('hovering the definition label works too', async () => {
    const hovers = await hoverAt(doc, '[^2]: ');
    assert.ok(unescapeMarkdown(hoverText(hovers)).includes('Lavrov said Russia also favours a diplomatic solution.'));
  });

  test('the Open source link opens the source beside the briefing with the passage selected', async () => {
    const hovers = await hoverAt(doc, '[^1]');
    const args = openSourceArgs(hoverText(hovers));
    await vscode.commands.executeCommand('sourced.openSource', args);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    assert.ok(editor.document.uri.path.endsWith('/corpus/000_d9e0f3baa55f90e5.txt'), editor.document.uri.path);
    assert.equal(editor.document.getText(editor.selection), PASSAGE);
    assert.notEqual(editor.viewColumn, vscode.ViewColumn.One);
    assert.ok(editor.visibleRanges.some((r) => r.contains(editor.selection.start)));
  });

  test('the hover is trusted for this extension\'s command only, and nothing else in it is a live command', async () => {
    const hovers = await hoverAt(doc, '[^1]');
    const md = hovers.flatMap((h) => h.contents).find((c): c is vscode.MarkdownString => c instanceof vscode.MarkdownString && c.value.includes('sourced.openSource'));
    assert.ok(md);
    const links = [...md.value.matchAll(/\]\((command:[^?)]+)/g)].map((m) => m[1]);
    assert.deepEqual([...new Set(links)].sort(), ['command:sourced.copyCitation', 'command:sourced.openSource', 'command:sourced.showCitationsOf']);
    const trusted = md.isTrusted;
    assert.ok(typeof trusted === 'object' && trusted !== null, 'trusted for named commands only, not for all');
    assert.deepEqual([...trusted.enabledCommands].sort(), ['sourced.copyCitation', 'sourced.openSource', 'sourced.showCitationsOf']);
  });

  test('a reference without a definition says so', async () => {
    const d = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Claim.[^9]\n' });
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', d.uri, new vscode.Position(0, 8));
    assert.match(hoverText(hovers), /No definition for/);
  });
});
