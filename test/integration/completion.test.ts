import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, openBriefing, readWs, sliceFragment, sourced, waitFor } from './helpers';

const PASSAGE = 'He warned Lavrov of “serious consequences” if Russia invades Ukraine and urged him to pursue diplomatic channels.';
const SOURCE = 'corpus/000_d9e0f3baa55f90e5.txt';

function snippetText(item: vscode.CompletionItem): string {
  const t = item.insertText;
  if (t instanceof vscode.SnippetString) return t.value.replace(/\$0/g, '').replace(/\\([$}\\])/g, '$1');
  return typeof t === 'string' ? t : typeof item.label === 'string' ? item.label : item.label.label;
}

function itemRange(item: vscode.CompletionItem): vscode.Range {
  const r = item.range;
  assert.ok(r, 'completion item has no range');
  return r instanceof vscode.Range ? r : r.replacing;
}

async function completions(editor: vscode.TextEditor, trigger?: string): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    editor.document.uri,
    editor.selection.active,
    trigger,
  );
  // Only this extension's items: they insert a footnote reference.
  return list.items.filter((i) => /\[\^[^\]]+\]/.test(snippetText(i)));
}

/** Apply an item's main and additional edits as one workspace edit. */
async function applyItem(editor: vscode.TextEditor, item: vscode.CompletionItem): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(editor.document.uri, itemRange(item), snippetText(item));
  for (const e of item.additionalTextEdits ?? []) edit.replace(editor.document.uri, e.range, e.newText);
  assert.ok(await vscode.workspace.applyEdit(edit));
}

/** The footnote definition line a citation of `source` with `passage` must have, computed from the file. */
async function expectDefinition(label: string, prefix: string, source: string, passage: string, briefingDir = ''): Promise<string> {
  const text = await readWs(source);
  const lineIndex = text.split('\n').findIndex((l) => l.includes(passage));
  assert.ok(lineIndex >= 0, `passage not found in ${source}`);
  const col = text.split('\n')[lineIndex].indexOf(passage) + 1;
  const fragment = `L${lineIndex + 1}C${col}-L${lineIndex + 1}C${col + passage.length - 1}`;
  assert.equal(sliceFragment(text, fragment), passage);
  const path = briefingDir ? `../${source}` : source;
  const title = passage.split(' ').slice(0, 12).join(' ') + (passage.split(' ').length > 12 ? '…' : '');
  return `[^${label}]: ${prefix}[${path}#${fragment}](${path}#${fragment} "${title}")`;
}

suite('completion', () => {
  suiteSetup(async () => {
    await sourced();
  });
  teardown(closeAllEditors);

  test('Ctrl+Space lists the passage, with its source, for words still being typed', async () => {
    const editor = await openBriefing('c-invoke.md', 'Intro paragraph.\n\nLavrov urged to pursue diplomatic chan');
    const items = await completions(editor);
    assert.ok(items.length > 0 && items.length <= 20, `got ${items.length} items`);
    const first = items[0];
    const label = typeof first.label === 'string' ? first.label : first.label.label;
    assert.ok(PASSAGE.startsWith(label.replace(/…$/, '')), `first item: ${label}`);
    assert.equal(typeof first.label === 'string' ? undefined : first.label.description, 'Blinken meets Lavrov after NATO talks in Riga');
    assert.equal(first.sortText, '0000');
    // The range covers exactly the typed words since the line start.
    const range = itemRange(first);
    assert.equal(editor.document.getText(range), 'Lavrov urged to pursue diplomatic chan');
  });

  test('accepting inserts the passage and a footnote whose link names the exact passage', async () => {
    const editor = await openBriefing('c-apply.md', 'Intro paragraph.\n\nLavrov urged to pursue diplomatic chan');
    const [first] = await completions(editor);
    await applyItem(editor, first);
    const definition = await expectDefinition('1', 'Dan Nolan, “Blinken meets Lavrov after NATO talks in Riga”. ', SOURCE, PASSAGE);
    assert.equal(editor.document.getText(), `Intro paragraph.\n\n${PASSAGE}[^1]\n\n${definition}\n`);
  });

  test('after an opening quotation mark: quotations, inserted in curly quotes over the auto-closed mark', async () => {
    const editor = await openBriefing('c-quote.md', 'Blinken warned of “serious consequ”');
    const pos = new vscode.Position(0, editor.document.lineAt(0).text.length - 1);
    editor.selection = new vscode.Selection(pos, pos);
    const items = await completions(editor, '“');
    assert.ok(items.length > 0);
    assert.equal(editor.document.getText(itemRange(items[0])), '“serious consequ”');
    assert.match(items[0].detail ?? '', /Anthony Blinken/, 'the speaker is named in the item');
    await applyItem(editor, items[0]);
    const definition = await expectDefinition('1', 'Dan Nolan, “Blinken meets Lavrov after NATO talks in Riga”. ', SOURCE, 'serious consequences');
    assert.equal(editor.document.getText(), `Blinken warned of “serious consequences”[^1]\n\n${definition}\n`);
  });

  test('a straight quotation mark triggers too; a sentence inside a quotation gets single inner quotes', async () => {
    const editor = await openBriefing('c-straight.md', 'He warned "Lavrov of serious consequences if Russia invad"');
    const pos = new vscode.Position(0, editor.document.lineAt(0).text.length - 1);
    editor.selection = new vscode.Selection(pos, pos);
    const items = await completions(editor, '"');
    assert.ok(items.length > 0);
    assert.equal(editor.document.getText(itemRange(items[0])), '"Lavrov of serious consequences if Russia invad"');
    const text = snippetText(items[0]);
    assert.match(text, /^“[^“”]+”\[\^1\]/, text);
  });

  test('numbering continues from the highest label and never renumbers; a nested briefing links with ../', async () => {
    const before = 'Earlier claim.[^7]\n\nMore text.[^2] Lavrov urged to pursue diplomatic chan';
    const defs = '\n\n[^7]: Old source.\n[^2]: Another.\n';
    const editor = await openBriefing('notes/c-number.md', before + defs);
    const pos = editor.document.positionAt(before.length);
    editor.selection = new vscode.Selection(pos, pos);
    const [first] = await completions(editor);
    await applyItem(editor, first);
    const definition = await expectDefinition('8', 'Dan Nolan, “Blinken meets Lavrov after NATO talks in Riga”. ', SOURCE, PASSAGE, 'notes');
    assert.equal(editor.document.getText(), `Earlier claim.[^7]\n\nMore text.[^2] ${PASSAGE}[^8]\n\n[^7]: Old source.\n[^2]: Another.\n${definition}\n`);
  });

  test('accepting in the editor is one edit: one undo restores the text', async () => {
    const original = 'Intro paragraph.\n\nLavrov urged to pursue diplomatic chan';
    const editor = await openBriefing('c-undo.md', original);
    await vscode.commands.executeCommand('editor.action.triggerSuggest');
    await waitFor(async () => {
      await vscode.commands.executeCommand('acceptSelectedSuggestion');
      return editor.document.getText() !== original;
    }, 'the suggestion to be accepted');
    const accepted = editor.document.getText();
    assert.ok(accepted.includes(`${PASSAGE}[^1]`), accepted);
    assert.ok(/\n\n\[\^1\]: Dan Nolan, /.test(accepted), accepted);
    const cursor = editor.document.offsetAt(editor.selection.active);
    assert.equal(accepted.slice(0, cursor), `Intro paragraph.\n\n${PASSAGE}[^1]`);
    await vscode.commands.executeCommand('undo');
    await waitFor(() => editor.document.getText() === original, 'one undo to restore the original text');
  });

  test('right after an opening quotation mark, before any word: quotations to start from, so the list opens and follows the typing', async () => {
    const editor = await openBriefing('c-empty.md', 'He said “”');
    const pos = new vscode.Position(0, 9);
    editor.selection = new vscode.Selection(pos, pos);
    const items = await completions(editor, '“');
    assert.ok(items.length > 0 && items.length <= 20, `${items.length} items`);
    for (const item of items) assert.match(snippetText(item), /^“[^“”]+”\[\^1\]/);
    assert.ok(items.every((i) => (i.detail ?? '').length > 0), 'each names its speaker or source');
    assert.equal(editor.document.getText(itemRange(items[0])), '“”');
  });

  test('a trigger character that opens nothing (a single @, a closing quote) asks for nothing', async () => {
    const editor = await openBriefing('c-none.md', 'As @smith2020 said');
    assert.equal((await completions(editor, '@')).length, 0);
    const editor2 = await openBriefing('c-none2.md', 'He said “hi”');
    assert.equal((await completions(editor2, '”')).length, 0);
  });
});
