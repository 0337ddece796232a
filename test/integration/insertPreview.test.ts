import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Passage } from '../../src/core/types';
import type { SourcedApi } from '../../src/extension/extension';
import { closeAllEditors, openBriefing, readWs, sliceFragment, sourced, waitFor, wsUri } from './helpers';

const SOURCE = 'corpus/000_d9e0f3baa55f90e5.txt';
const QUERY = 'highly symbolic Riga';
const SYMBOLIC = 'to update the strategic concept of NATO. I find it highly symbolic that we launched the process here in Riga in the north-east flank of the lands';
const NOLAN = 'Dan Nolan, “Blinken meets Lavrov after NATO talks in Riga”. ';

/** The range of `text` in a workspace file, found in the file itself (it occurs once). */
async function rangeIn(relPath: string, text: string): Promise<vscode.Range> {
  const file = await readWs(relPath);
  const at = file.indexOf(text);
  assert.ok(at >= 0 && file.indexOf(text, at + 1) === -1, `${relPath} holds the passage once`);
  const position = (offset: number) => {
    const lines = file.slice(0, offset).split('\n');
    return new vscode.Position(lines.length - 1, lines[lines.length - 1].length);
  };
  return new vscode.Range(position(at), position(at + text.length));
}

/** Waits for an editor beside `briefing` showing `relPath` with exactly `range` selected. */
function previewOf(briefing: vscode.TextEditor, relPath: string, range: vscode.Range): Promise<vscode.TextEditor> {
  return waitFor(
    () =>
      vscode.window.visibleTextEditors.find(
        (e) => e.document.uri.path.endsWith(`/${relPath}`) && e.viewColumn !== briefing.viewColumn && e.selection.isEqual(range),
      ),
    `a preview of ${relPath} with ${JSON.stringify(range)} selected`,
  );
}

function tabsOf(relPath: string): { column: vscode.ViewColumn; tab: vscode.Tab }[] {
  return vscode.window.tabGroups.all.flatMap((g) =>
    g.tabs.filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.path.endsWith(`/${relPath}`)).map((tab) => ({ column: g.viewColumn, tab })),
  );
}

function textTabsIn(column: vscode.ViewColumn): number {
  return vscode.window.tabGroups.all.find((g) => g.viewColumn === column)?.tabs.filter((t) => t.input instanceof vscode.TabInputText).length ?? 0;
}

/** Opens the briefing with `selected` selected (the picker starts from it) and runs Insert Citation… without input. */
async function startPicker(name: string, before: string, selected: string): Promise<{ editor: vscode.TextEditor; done: Promise<boolean | undefined> }> {
  const editor = await openBriefing(name, before + selected);
  editor.selection = new vscode.Selection(0, before.length, 0, before.length + selected.length);
  const done = Promise.resolve(vscode.commands.executeCommand<boolean>('sourced.insertCitation'));
  return { editor, done };
}

/** The first result from another document than the first result's: its index, passage and workspace path. */
function otherDocument(api: SourcedApi, results: { passage: Passage }[]): { index: number; passage: Passage; relPath: string } {
  const index = results.findIndex((r) => r.passage.doc.path !== results[0].passage.doc.path);
  assert.ok(index > 0, 'the results come from more than one document');
  const passage = results[index].passage;
  return { index, passage, relPath: vscode.workspace.asRelativePath(api.corpus.uri(passage.doc.path), false) };
}

suite('insert citation: source preview', () => {
  suiteSetup(async () => {
    await sourced();
  });
  teardown(closeAllEditors);

  test('the active result is previewed beside the briefing, follows the arrow keys, and the accepted quote goes into the briefing', async () => {
    const api = await sourced();
    const results = api.corpus.search(QUERY, { limit: 50 });
    assert.equal(results[0]?.passage.text, SYMBOLIC, 'the best result for the query');
    const other = otherDocument(api, results);
    const { editor, done } = await startPicker('ip-accept.md', 'Stoltenberg called it ', QUERY);

    // The first result, at once: in a preview tab beside the briefing, which keeps the focus.
    const symbolic = await rangeIn(SOURCE, SYMBOLIC);
    const first = await previewOf(editor, SOURCE, symbolic);
    assert.notEqual(first.viewColumn, editor.viewColumn);
    assert.equal(vscode.window.activeTextEditor?.document, editor.document, 'the briefing stays the active editor');
    const [shown] = tabsOf(SOURCE);
    assert.ok(shown?.tab.isPreview, 'the source opens in a preview tab');
    assert.ok(first.visibleRanges.some((r) => r.contains(symbolic)), 'the passage is in view');
    assert.equal(api.highlighted()?.uri, first.document.uri.toString());
    assert.ok(api.highlighted()?.range.isEqual(symbolic), 'the passage is highlighted');

    // Down to a result from another document: its source replaces the preview.
    for (let i = 0; i < other.index; i++) await vscode.commands.executeCommand('quickInput.next');
    const otherRel = other.relPath;
    const second = await previewOf(editor, otherRel, await rangeIn(otherRel, other.passage.text));
    assert.equal(textTabsIn(second.viewColumn!), 1, 'one preview tab beside the briefing');
    assert.equal(tabsOf(SOURCE).length, 0, 'the first source was replaced');

    // Back to the first result, and accept it; then "Insert as quotation", the first choice for a quote.
    await vscode.commands.executeCommand('quickInput.first');
    await previewOf(editor, SOURCE, symbolic);
    await vscode.commands.executeCommand('quickInput.accept');
    const original = editor.document.getText();
    await waitFor(async () => {
      await vscode.commands.executeCommand('quickInput.accept');
      return editor.document.getText() !== original;
    }, 'the quotation to be inserted');
    assert.equal(await done, true);

    const file = await readWs(SOURCE);
    const fragment = `L${symbolic.start.line + 1}C${symbolic.start.character + 1}-L${symbolic.end.line + 1}C${symbolic.end.character}`;
    assert.equal(sliceFragment(file, fragment), SYMBOLIC);
    const title = SYMBOLIC.split(' ').slice(0, 12).join(' ') + '…';
    const definition = `[^1]: ${NOLAN}[${SOURCE}#${fragment}](${SOURCE}#${fragment} "${title}")`;
    const inserted = `Stoltenberg called it “${SYMBOLIC}”[^1]`;
    assert.equal(editor.document.getText(), `${inserted}\n\n${definition}\n`);

    // The focus is back in the briefing, after the reference; the accepted passage's source stays beside it.
    await waitFor(() => vscode.window.activeTextEditor?.document === editor.document, 'the briefing to be the active editor');
    assert.equal(editor.document.offsetAt(editor.selection.active), inserted.length);
    await previewOf(editor, SOURCE, symbolic);
    assert.equal(tabsOf(SOURCE).length, 1);
  });

  test('cancelled, the picker closes the preview tab it opened; the briefing is unchanged', async () => {
    const { editor, done } = await startPicker('ip-cancel.md', 'Stoltenberg called it ', QUERY);
    await previewOf(editor, SOURCE, await rangeIn(SOURCE, SYMBOLIC));
    await vscode.commands.executeCommand('quickInput.hide');
    assert.equal(await done, false);
    await waitFor(() => tabsOf(SOURCE).length === 0, 'the preview tab to be closed');
    assert.equal(editor.document.getText(), `Stoltenberg called it ${QUERY}`);
    assert.equal(vscode.window.activeTextEditor?.document, editor.document);
  });

  test('cancelled, a source the writer had open before stays open', async () => {
    const source = await vscode.workspace.openTextDocument(wsUri(SOURCE));
    await vscode.window.showTextDocument(source, { viewColumn: vscode.ViewColumn.Two, preview: false });
    const { editor, done } = await startPicker('ip-kept.md', 'Stoltenberg called it ', QUERY);
    assert.equal(editor.viewColumn, vscode.ViewColumn.One);
    const preview = await previewOf(editor, SOURCE, await rangeIn(SOURCE, SYMBOLIC));
    assert.equal(preview.viewColumn, vscode.ViewColumn.Two);
    assert.equal(tabsOf(SOURCE).length, 1, 'the open tab shows the passage; no second tab');
    await vscode.commands.executeCommand('quickInput.hide');
    assert.equal(await done, false);
    // A round trip through the workbench, after which a close the picker asked for would have happened.
    await vscode.commands.executeCommand('workbench.action.focusFirstEditorGroup');
    const tabs = tabsOf(SOURCE);
    assert.equal(tabs.length, 1, 'the writer’s tab stays open');
    assert.equal(tabs[0].column, vscode.ViewColumn.Two);
    assert.equal(tabs[0].tab.isPreview, false);
  });

  test('with preview editors turned off, arrowing through results leaves one source tab, closed on cancel', async () => {
    const api = await sourced();
    const other = otherDocument(api, api.corpus.search(QUERY, { limit: 50 }));
    const otherRel = other.relPath;
    const config = vscode.workspace.getConfiguration('workbench.editor');
    await config.update('enablePreview', false, vscode.ConfigurationTarget.Workspace);
    try {
      const { editor, done } = await startPicker('ip-nopreview.md', '', QUERY);
      await previewOf(editor, SOURCE, await rangeIn(SOURCE, SYMBOLIC));
      for (let i = 0; i < other.index; i++) await vscode.commands.executeCommand('quickInput.next');
      const second = await previewOf(editor, otherRel, await rangeIn(otherRel, other.passage.text));
      await waitFor(() => tabsOf(SOURCE).length === 0, 'the first source tab to be closed');
      assert.equal(textTabsIn(second.viewColumn!), 1);
      await vscode.commands.executeCommand('quickInput.hide');
      assert.equal(await done, false);
      await waitFor(() => tabsOf(otherRel).length === 0, 'the source tab to be closed');
    } finally {
      await config.update('enablePreview', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
