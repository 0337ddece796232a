import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PassageKind } from '../../src/core/types';
import type { SourcedApi } from '../../src/extension/extension';
import { closeAllEditors, openBriefing, readWs, sliceFragment, sourced, waitFor, wsUri } from './helpers';

const FACT = 'Ukraine says Russia has amassed more than 90,000 troops near their long shared border, while Moscow accuses Kyiv of pursuing its own military build-up, Reuters reported on Thursday.';
const TYPED = 'Russia has amassed 90,000 troops near bor';
const SOURCE = 'corpus/000_d9e0f3baa55f90e5.txt';
/** Words whose best match in the corpus is a plain sentence (“He warned Lavrov of … diplomatic channels.”). */
const SENTENCE_QUERY = 'Lavrov urged to pursue diplomatic chan';
/** Words that no quotation holds (a fact and sentences do). */
const NO_QUOTE_QUERY = 'Reuters reported Thursday';

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

/** The kind of the passage each item cites, found from the locator its footnote definition links to. */
async function offeredKinds(api: SourcedApi, items: vscode.CompletionItem[]): Promise<PassageKind[]> {
  const kinds: PassageKind[] = [];
  for (const item of items) {
    const definition = [snippetText(item), ...(item.additionalTextEdits ?? []).map((e) => e.newText)].join('\n');
    const m = /\]\(([^)#\s]+)#L(\d+)C(\d+)-L\d+C\d+ /.exec(definition);
    assert.ok(m, `no locator in ${definition}`);
    const doc = await api.corpus.document(wsUri(m[1]).path);
    assert.ok(doc, `${m[1]} is not in the corpus`);
    const start = doc.lineStarts[Number(m[2]) - 1] + Number(m[3]) - 1;
    const label = typeof item.label === 'string' ? item.label : item.label.label;
    const passage = doc.passages.find((p) => p.start === start && p.text.startsWith(label.replace(/…$/, '')));
    assert.ok(passage, `no passage of ${m[1]} at offset ${start} labelled ${label}`);
    kinds.push(passage.kind);
  }
  return kinds;
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
    const editor = await openBriefing('c-invoke.md', `Intro paragraph.\n\n${TYPED}`);
    const items = await completions(editor);
    assert.ok(items.length > 0 && items.length <= 20, `got ${items.length} items`);
    const first = items[0];
    const label = typeof first.label === 'string' ? first.label : first.label.label;
    assert.ok(FACT.startsWith(label.replace(/…$/, '')), `first item: ${label}`);
    assert.equal(typeof first.label === 'string' ? undefined : first.label.description, 'Blinken meets Lavrov after NATO talks in Riga');
    assert.equal(first.sortText, '0000');
    // The range covers exactly the typed words since the line start.
    const range = itemRange(first);
    assert.equal(editor.document.getText(range), TYPED);
  });

  test('accepting inserts the passage and a footnote whose link names the exact passage', async () => {
    const editor = await openBriefing('c-apply.md', `Intro paragraph.\n\n${TYPED}`);
    const [first] = await completions(editor);
    await applyItem(editor, first);
    const definition = await expectDefinition('1', 'Dan Nolan, “Blinken meets Lavrov after NATO talks in Riga”. ', SOURCE, FACT);
    assert.equal(editor.document.getText(), `Intro paragraph.\n\n${FACT}[^1]\n\n${definition}\n`);
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

  test('a straight quotation mark triggers too; the quotation goes in curly quotes over the auto-closed mark', async () => {
    const editor = await openBriefing('c-straight.md', 'He warned of "serious consequ"');
    const pos = new vscode.Position(0, editor.document.lineAt(0).text.length - 1);
    editor.selection = new vscode.Selection(pos, pos);
    const items = await completions(editor, '"');
    assert.ok(items.length > 0);
    assert.equal(editor.document.getText(itemRange(items[0])), '"serious consequ"');
    assert.match(snippetText(items[0]), /^“serious consequences”\[\^1\]/);
  });

  test('after a quotation mark only quotations are offered, even when the words match a sentence best, and none when no quotation matches', async () => {
    const api = await sourced();
    assert.equal(api.corpus.search(SENTENCE_QUERY, { limit: 1 })[0]?.passage.kind, 'sentence', 'the words match a plain sentence best');
    for (const [name, open] of [['c-only-curly.md', '“'], ['c-only-straight.md', '"']] as const) {
      const close = open === '“' ? '”' : '"';
      const editor = await openBriefing(name, `He said ${open}${SENTENCE_QUERY}${close}`);
      const pos = new vscode.Position(0, editor.document.lineAt(0).text.length - 1);
      editor.selection = new vscode.Selection(pos, pos);
      const items = await completions(editor, open);
      assert.ok(items.length > 0, `quotations offered after ${open}`);
      assert.deepEqual([...new Set(await offeredKinds(api, items))], ['quote'], `after ${open}`);
    }
    // Words that only sentences and facts hold: nothing to offer after a quotation mark.
    assert.ok(api.corpus.search(NO_QUOTE_QUERY, { limit: 1 }).length > 0, 'the words match a passage');
    const editor = await openBriefing('c-only-none.md', `He said “${NO_QUOTE_QUERY}”`);
    const pos = new vscode.Position(0, editor.document.lineAt(0).text.length - 1);
    editor.selection = new vscode.Selection(pos, pos);
    assert.deepEqual(await completions(editor, '“'), []);
  });

  test('on Ctrl+Space and after the prefix quotes and facts are offered, no plain sentence', async () => {
    const api = await sourced();
    const best = api.corpus.search(SENTENCE_QUERY, { limit: 1 })[0]?.passage;
    assert.equal(best?.kind, 'sentence', 'the words match a plain sentence best');
    for (const [name, text, trigger] of [['c-kinds-invoke.md', `Intro paragraph.\n\n${SENTENCE_QUERY}`, undefined], ['c-kinds-prefix.md', `Intro @@${SENTENCE_QUERY}`, '@']] as const) {
      const editor = await openBriefing(name, text);
      const items = await completions(editor, trigger);
      const kinds = await offeredKinds(api, items);
      assert.ok(kinds.includes('quote') && kinds.includes('fact'), `${name}: quotes and facts offered: ${kinds.join(', ')}`);
      assert.ok(!kinds.includes('sentence'), `${name}: no plain sentence offered: ${kinds.join(', ')}`);
      assert.ok(!items.some((i) => snippetText(i).startsWith(best.text)), `${name}: the best-matching sentence is not offered`);
    }
  });

  test('numbering continues from the highest label and never renumbers; a nested briefing links with ../', async () => {
    const before = `Earlier claim.[^7]\n\nMore text.[^2] ${TYPED}`;
    const defs = '\n\n[^7]: Old source.\n[^2]: Another.\n';
    const editor = await openBriefing('notes/c-number.md', before + defs);
    const pos = editor.document.positionAt(before.length);
    editor.selection = new vscode.Selection(pos, pos);
    const [first] = await completions(editor);
    await applyItem(editor, first);
    const definition = await expectDefinition('8', 'Dan Nolan, “Blinken meets Lavrov after NATO talks in Riga”. ', SOURCE, FACT, 'notes');
    assert.equal(editor.document.getText(), `Earlier claim.[^7]\n\nMore text.[^2] ${FACT}[^8]\n\n[^7]: Old source.\n[^2]: Another.\n${definition}\n`);
  });

  test('accepting in the editor is one edit: one undo restores the text', async () => {
    const original = `Intro paragraph.\n\n${TYPED}`;
    const editor = await openBriefing('c-undo.md', original);
    await vscode.commands.executeCommand('editor.action.triggerSuggest');
    await waitFor(async () => {
      await vscode.commands.executeCommand('acceptSelectedSuggestion');
      return editor.document.getText() !== original;
    }, 'the suggestion to be accepted');
    const accepted = editor.document.getText();
    assert.ok(accepted.includes(`${FACT}[^1]`), accepted);
    assert.ok(/\n\n\[\^1\]: Dan Nolan, /.test(accepted), accepted);
    const cursor = editor.document.offsetAt(editor.selection.active);
    assert.equal(accepted.slice(0, cursor), `Intro paragraph.\n\n${FACT}[^1]`);
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
