import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, openBriefing, sourced, unescapeMarkdown } from './helpers';

const SYMBOLIC = 'to update the strategic concept of NATO. I find it highly symbolic that we launched the process here in Riga in the north-east flank of the lands';

async function withSetting<T>(key: string, value: unknown, body: () => Promise<T>): Promise<T> {
  const config = vscode.workspace.getConfiguration('sourced');
  await config.update(key, value, vscode.ConfigurationTarget.Workspace);
  try {
    return await body();
  } finally {
    await config.update(key, undefined, vscode.ConfigurationTarget.Workspace);
  }
}

async function ourItems(editor: vscode.TextEditor, trigger?: string): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, editor.selection.active, trigger, 30);
  return list.items.filter((i) => i.kind === vscode.CompletionItemKind.Reference && i.insertText instanceof vscode.SnippetString);
}

suite('writing flow', () => {
  suiteSetup(async () => {
    await sourced();
  });
  teardown(closeAllEditors);

  test('the prefix asks for quotes and facts and is replaced with the passage', async () => {
    const editor = await openBriefing('w-prefix.md', 'Ukraine counts @@90000 troo');
    const items = await ourItems(editor, '@');
    assert.ok(items.length > 0);
    const range = items[0].range as vscode.Range;
    assert.equal(editor.document.getText(range), '@@90000 troo');
    assert.match((items[0].insertText as vscode.SnippetString).value, /more than 90,000 troops/);
  });

  test('a configured prefix replaces @@', async () => {
    await withSetting('completion.prefix', ';;', async () => {
      const editor = await openBriefing('w-prefix2.md', 'Note ;;highly symbolic Riga');
      const items = await ourItems(editor, ';');
      assert.ok(items.length > 0, 'items for the configured prefix');
      assert.equal(editor.document.getText(items[0].range as vscode.Range), ';;highly symbolic Riga');
    });
  });

  test('quote style straight', async () => {
    await withSetting('quoteStyle', 'straight', async () => {
      const editor = await openBriefing('w-straight.md', 'Stoltenberg: “highly symbolic Riga');
      const items = await ourItems(editor, '“');
      const text = (items[0].insertText as vscode.SnippetString).value;
      assert.ok(text.startsWith(`"${SYMBOLIC}"[^1]`), text);
    });
  });

  test('items name the speaker and resolve to the passage in its context, escaped', async () => {
    const editor = await openBriefing('w-doc.md', 'Stoltenberg: “highly symbolic Riga');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, editor.selection.active, '“', 1);
    const item = list.items.find((i) => i.kind === vscode.CompletionItemKind.Reference);
    assert.ok(item);
    assert.match(item.detail ?? '', /^Jens Stoltenberg/);
    const doc = item.documentation;
    assert.ok(doc instanceof vscode.MarkdownString, 'documentation is resolved');
    const text = unescapeMarkdown(doc.value);
    assert.ok(text.includes(SYMBOLIC), text);
    assert.ok(text.includes('Blinken meets Lavrov after NATO talks in Riga'));
    assert.equal(doc.isTrusted, false);
  });

  test('Insert Citation: as quotation, trimmed to the words kept, citing exactly those words', async () => {
    const editor = await openBriefing('w-insert-trim.md', 'Stoltenberg called it ');
    const ok = await vscode.commands.executeCommand('sourced.insertCitation', { query: 'highly symbolic Riga', as: 'quote', text: 'I find it highly symbolic … here in Riga' });
    assert.equal(ok, true);
    const text = editor.document.getText();
    assert.ok(text.startsWith('Stoltenberg called it “I find it highly symbolic … here in Riga”[^1]\n\n[^1]: '), text);
    const m = /\(corpus\/000_d9e0f3baa55f90e5\.txt#L11C(\d+)-L11C(\d+) "I find it highly symbolic that we launched the process here in…"\)/.exec(text);
    assert.ok(m, text);
    const source = (await vscode.workspace.openTextDocument(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'corpus/000_d9e0f3baa55f90e5.txt'))).lineAt(10).text;
    assert.equal(source.slice(Number(m[1]) - 1, Number(m[2])), 'I find it highly symbolic that we launched the process here in Riga');
  });

  test('Insert Citation: only the footnote, after the selected text, which stays as written', async () => {
    const editor = await openBriefing('w-insert-fn.md', 'Russia massed 90,000 troops.\n');
    editor.selection = new vscode.Selection(0, 0, 0, 27);
    assert.equal(await vscode.commands.executeCommand('sourced.insertCitation', { query: '90,000 troops', as: 'footnote' }), true);
    assert.ok(editor.document.getText().startsWith('Russia massed 90,000 troops[^1].\n\n[^1]: '), editor.document.getText());
  });

  test('Cite Selection attaches the footnote of the passage that supports the sentence, after its punctuation', async () => {
    const editor = await openBriefing('w-cite.md', 'Intro.\n\nKyiv says Russia has massed over 90,000 troops near the border. Next sentence.\n');
    const line = editor.document.lineAt(2).text;
    editor.selection = new vscode.Selection(2, 0, 2, line.indexOf('.') );
    const passage = await vscode.commands.executeCommand<{ text: string }>('sourced.citeSelection', { pick: 0 });
    assert.ok(passage);
    assert.match(passage.text, /amassed more than 90,000 troops/);
    const text = editor.document.getText();
    assert.ok(text.includes('near the border.[^1] Next sentence.'), text);
    assert.match(text, /\n\n\[\^1\]: Dan Nolan, .*corpus\/000_d9e0f3baa55f90e5\.txt#L17C1-/);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), 'Intro.\n\nKyiv says Russia has massed over 90,000 troops near the border. Next sentence.\n');
  });
});
