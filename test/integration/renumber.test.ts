import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, openBriefing, sourced, waitFor, wsUri } from './helpers';

const RENUMBER = 'sourced.renumberFootnotes';
const SOURCE = 'corpus/000_d9e0f3baa55f90e5.txt';
const PASSAGE = 'Ukraine says Russia has amassed more than 90,000 troops near their long shared border, while Moscow accuses Kyiv of pursuing its own military build-up, Reuters reported on Thursday.';
/** Words of PASSAGE (a fact, which completion offers), as a writer types them. */
const TYPED = 'Russia has amassed 90,000 troops near bor';

interface Outcome {
  changed: boolean;
  merged: number;
  error?: string;
}

function snippetText(item: vscode.CompletionItem): string {
  const t = item.insertText;
  if (t instanceof vscode.SnippetString) return t.value.replace(/\$0/g, '').replace(/\\([$}\\])/g, '$1');
  return typeof t === 'string' ? t : typeof item.label === 'string' ? item.label : item.label.label;
}

/** This extension's completion items at the cursor (they insert a footnote reference). */
async function completions(editor: vscode.TextEditor): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, editor.selection.active);
  return list.items.filter((i) => /\[\^[^\]]+\]/.test(snippetText(i)));
}

/** The item that inserts the Nolan passage (whatever its rank). */
async function nolanItem(editor: vscode.TextEditor): Promise<vscode.CompletionItem> {
  const item = (await completions(editor)).find((i) => snippetText(i).startsWith(PASSAGE));
  assert.ok(item, 'a completion item for the passage');
  return item;
}

/** Accept an item: its main and additional edits as one workspace edit. */
async function accept(editor: vscode.TextEditor, item: vscode.CompletionItem): Promise<void> {
  const r = item.range;
  assert.ok(r, 'completion item has no range');
  const edit = new vscode.WorkspaceEdit();
  edit.replace(editor.document.uri, r instanceof vscode.Range ? r : r.replacing, snippetText(item));
  for (const e of item.additionalTextEdits ?? []) edit.replace(editor.document.uri, e.range, e.newText);
  assert.ok(await vscode.workspace.applyEdit(edit));
}

async function setLabelStyle(value: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('sourced').update('footnotes.labelStyle', value, vscode.ConfigurationTarget.Workspace);
  await waitFor(() => vscode.workspace.getConfiguration('sourced').get('footnotes.labelStyle') === (value ?? 'numeric'), `labelStyle ${value}`);
}

async function undoTo(editor: vscode.TextEditor, text: string): Promise<void> {
  await vscode.window.showTextDocument(editor.document);
  await vscode.commands.executeCommand('undo');
  await waitFor(() => editor.document.getText() === text, 'one undo to restore the text');
}

suite('renumber footnotes', () => {
  suiteSetup(async () => {
    await sourced();
  });
  teardown(closeAllEditors);

  test('numeric labels in order of first reference, named labels kept, continuation lines moved: one undo step', async () => {
    const original = [
      '# Briefing',
      '',
      'Second claim.[^4] Named claim.[^nolan-2021-12-02] First again.[^2] Code: `[^4]`.',
      '',
      '[^2]: Two, with',
      '    a continuation line.',
      '',
      'More text.[^4]',
      '',
      '[^nolan-2021-12-02]: Named.',
      '[^4]: Four.',
      '',
    ].join('\n');
    const editor = await openBriefing('r-numeric.md', original);
    const outcome = await vscode.commands.executeCommand<Outcome>(RENUMBER);
    assert.deepEqual(outcome, { changed: true, merged: 0 });
    assert.equal(
      editor.document.getText(),
      [
        '# Briefing',
        '',
        'Second claim.[^1] Named claim.[^nolan-2021-12-02] First again.[^2] Code: `[^4]`.',
        '',
        'More text.[^1]',
        '',
        '[^1]: Four.',
        '[^nolan-2021-12-02]: Named.',
        '[^2]: Two, with',
        '    a continuation line.',
        '',
      ].join('\n'),
    );
    // A second run finds nothing to do.
    const renumbered = editor.document.getText();
    assert.deepEqual(await vscode.commands.executeCommand<Outcome>(RENUMBER), { changed: false, merged: 0 });
    assert.equal(editor.document.getText(), renumbered);
    await undoTo(editor, original);
  });

  test('a CRLF briefing stays CRLF; footnotes in a list and a blockquote; duplicates of a passage merge', async () => {
    const link = `[${SOURCE}#L9C1-L9C20](${SOURCE}#L9C1-L9C20 "words")`;
    const original = [
      '- A listed claim.[^3]',
      '- [^3]: Listed. ' + link,
      '',
      '> Quoted claim.[^1]',
      '',
      '[^1]: Same passage. ' + link,
      '',
    ].join('\r\n');
    const editor = await openBriefing('r-crlf.md', original);
    assert.equal(editor.document.eol, vscode.EndOfLine.CRLF);
    const outcome = await vscode.commands.executeCommand<Outcome>(RENUMBER);
    assert.deepEqual(outcome, { changed: true, merged: 1 });
    const text = editor.document.getText();
    assert.equal(text, ['- A listed claim.[^1]', '', '> Quoted claim.[^1]', '', '[^1]: Listed. ' + link, ''].join('\r\n'));
    assert.equal(editor.document.eol, vscode.EndOfLine.CRLF);
    await undoTo(editor, original);
  });

  test('nothing to renumber, and no Markdown editor: no change', async () => {
    const text = 'A[^1] B[^x].\n\n[^1]: one\n[^x]: ex\n';
    const editor = await openBriefing('r-same.md', text);
    assert.deepEqual(await vscode.commands.executeCommand<Outcome>(RENUMBER), { changed: false, merged: 0 });
    assert.equal(editor.document.getText(), text);
    await closeAllEditors();
    assert.deepEqual(await vscode.commands.executeCommand<Outcome>(RENUMBER), { changed: false, merged: 0 });
  });

  test('labelStyle "named": completion inserts [^surname-date]; citing the same passage again reuses it', async () => {
    const api = await sourced();
    const source = await api.corpus.document(wsUri(SOURCE).path);
    assert.ok(source, 'the source document is indexed');
    const { author, date } = source.metadata;
    assert.equal(author, 'Dan Nolan');
    const expected = /^\d{4}-\d{2}-\d{2}$/.test(date ?? '') ? `nolan-${date}` : 'nolan';

    await setLabelStyle('named');
    try {
      const editor = await openBriefing('r-named.md', `Intro.[^nolan]\n\n${TYPED}`);
      const first = await nolanItem(editor);
      // `nolan` is taken when the date is unknown: then the next free label is `nolan-2`.
      const label = expected === 'nolan' ? 'nolan-2' : expected;
      assert.ok(snippetText(first).startsWith(`${PASSAGE}[^${label}]`), snippetText(first));
      await accept(editor, first);
      const after = editor.document.getText();
      assert.ok(after.includes(`\n\n[^${label}]: Dan Nolan, `), after);

      // Cite the same passage again at the end of the first paragraph.
      const lineEnd = editor.document.lineAt(0).range.end;
      await editor.edit((b) => b.insert(lineEnd, ` Again: ${TYPED}`));
      const cursor = editor.document.lineAt(0).range.end;
      editor.selection = new vscode.Selection(cursor, cursor);
      const again = await nolanItem(editor);
      assert.ok(snippetText(again).endsWith(`[^${label}]`), snippetText(again));
      assert.equal(again.additionalTextEdits?.length ?? 0, 0, 'no second definition');
      await accept(editor, again);
      const text = editor.document.getText();
      assert.equal(text.split(`[^${label}]:`).length - 1, 1, text);
      assert.equal(text.split(`[^${label}]`).length - 1, 3, text);
    } finally {
      await setLabelStyle(undefined);
    }
  });

  test('numeric labels (the default): citing the same passage twice gives one footnote', async () => {
    const editor = await openBriefing('r-reuse.md', TYPED);
    await accept(editor, await nolanItem(editor));
    const lineEnd = editor.document.lineAt(0).range.end;
    await editor.edit((b) => b.insert(lineEnd, ` ${TYPED}`));
    const cursor = editor.document.lineAt(0).range.end;
    editor.selection = new vscode.Selection(cursor, cursor);
    await accept(editor, await nolanItem(editor));
    const text = editor.document.getText();
    assert.ok(text.startsWith(`${PASSAGE}[^1] ${PASSAGE}[^1]\n\n[^1]: `), text);
    assert.equal(text.split('[^1]:').length - 1, 1, text);
    assert.ok(!text.includes('[^2]'), text);
  });
});
