import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, hoverText, openBriefing, sourced, unescapeMarkdown, waitFor, writeFile, wsUri } from './helpers';
import type { SourcedApi } from '../../src/extension/extension';

/** The reader fixtures, from out/test/integration. */
const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/readers');
const COPIES: Array<[fixture: string, copy: string]> = [
  ['coastal-resilience.pdf', 'corpus/readers-report.pdf'],
  ['flood-barrier-vote.html', 'corpus/readers-article.html'],
  ['harbour-bridge-memo.docx', 'corpus/readers-memo.docx'],
  ['broken.pdf', 'corpus/readers-broken.pdf'],
];

const HTML_FACT = 'She pointed to the February storm, which flooded 214 homes and closed the harbour road for nine days.';

function snippetText(item: vscode.CompletionItem): string {
  const t = item.insertText;
  if (t instanceof vscode.SnippetString) return t.value.replace(/\$0/g, '').replace(/\\([$}\\])/g, '$1');
  return typeof t === 'string' ? t : typeof item.label === 'string' ? item.label : item.label.label;
}

async function acceptFirst(editor: vscode.TextEditor, words: string): Promise<string> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, editor.selection.active);
  const item = list.items.find((i) => /\[\^[^\]]+\]/.test(snippetText(i)) && snippetText(i).includes(words));
  assert.ok(item, `no completion inserts "${words}"`);
  const r = item.range;
  assert.ok(r);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(editor.document.uri, r instanceof vscode.Range ? r : r.replacing, snippetText(item));
  for (const e of item.additionalTextEdits ?? []) edit.replace(editor.document.uri, e.range, e.newText);
  assert.ok(await vscode.workspace.applyEdit(edit));
  return editor.document.getText();
}

function definitionLine(text: string, label: string): string {
  const line = text.split('\n').find((l) => l.startsWith(`[^${label}]: `));
  assert.ok(line, `no definition [^${label}] in:\n${text}`);
  return line;
}

async function hoverAt(doc: vscode.TextDocument, needle: string): Promise<string> {
  const offset = doc.getText().indexOf(needle);
  assert.ok(offset >= 0);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(offset + 2));
  return hoverText(hovers);
}

function openSourceArgs(markdown: string): unknown {
  const m = /\(command:sourced\.openSource\?([^)]+)\)/.exec(markdown);
  assert.ok(m, `no Open source link in: ${markdown}`);
  return (JSON.parse(decodeURIComponent(m[1])) as unknown[])[0];
}

suite('document readers in the editor', () => {
  let api: SourcedApi;
  suiteSetup(async function () {
    this.timeout(60000);
    api = await sourced();
    for (const [fixture, copy] of COPIES) await writeFile(copy, new Uint8Array(fs.readFileSync(path.join(FIXTURES, fixture))));
    const summary = await api.corpus.reload();
    assert.equal(summary.documents, 8, JSON.stringify(summary.skipped));
  });
  suiteTeardown(async function () {
    this.timeout(60000);
    await closeAllEditors();
    for (const [, copy] of COPIES) await vscode.workspace.fs.delete(wsUri(copy)).then(undefined, () => undefined);
    const summary = await api.corpus.reload();
    assert.equal(summary.documents, 5);
  });
  teardown(closeAllEditors);

  test('a broken PDF is skipped with its reason; the other documents are indexed', () => {
    const skipped = api.corpus.lastSummary?.skipped ?? [];
    const broken = skipped.find((s) => s.path.endsWith('/corpus/readers-broken.pdf'));
    assert.match(broken?.reason ?? '', /^PDF cannot be parsed: Invalid PDF structure/);
    assert.ok(!skipped.some((s) => /readers-(report|article|memo)/.test(s.path)), JSON.stringify(skipped));
  });

  test('completing from the PDF inserts a footnote with a page locator that names the passage', async function () {
    this.timeout(30000);
    const editor = await openBriefing('r-pdf.md', 'Costs keep rising.\n\nInsurance premiums for properties in the lowest');
    const text = await acceptFirst(editor, 'Insurance premiums');
    const def = definitionLine(text, '1');
    assert.ok(def.startsWith('[^1]: Helen Marsh, “Coastal Flood Resilience: Funding Options for 2025”, 2024-03-18. [corpus/readers-report.pdf#page=2&text='), def);
    const m = /\(corpus\/readers-report\.pdf#page=(\d+)&text=(\d+)-(\d+) "/.exec(def);
    assert.ok(m, def);
    const doc = await api.corpus.document(wsUri('corpus/readers-report.pdf').path);
    assert.ok(doc?.pages);
    const page = doc.text.slice(doc.pages[Number(m[1]) - 1], doc.pages[Number(m[1])]);
    const passage = page.slice(Number(m[2]), Number(m[3]));
    assert.ok(passage.startsWith('Insurance premiums for properties in the lowest-lying streets rose by 12 percent'), passage);
    assert.ok(text.includes(`${passage.replace(/\s+/g, ' ')}[^1]`) || text.includes(`${passage}[^1]`), text);
  });

  test('hovering a PDF footnote shows the passage; Open source shows the extracted text with the passage selected', async function () {
    this.timeout(30000);
    const editor = await openBriefing('r-pdf-hover.md', 'Costs keep rising.\n\nInsurance premiums for properties in the lowest');
    await acceptFirst(editor, 'Insurance premiums');
    const hover = await hoverAt(editor.document, '[^1]');
    assert.ok(unescapeMarkdown(hover).includes('insurers have stopped offering new policies there.'), hover);
    await vscode.commands.executeCommand('sourced.openSource', openSourceArgs(hover));
    const opened = await waitFor(() => {
      const e = vscode.window.activeTextEditor;
      return e && e.document.uri.scheme === 'sourced-extract' ? e : undefined;
    }, 'the extracted text to open');
    assert.ok(opened.document.uri.path.endsWith('/corpus/readers-report.pdf'));
    const selected = opened.document.getText(opened.selection);
    assert.ok(selected.startsWith('Insurance premiums for properties') && selected.endsWith('new policies there.'), selected);
    assert.ok(opened.document.getText().includes('Page 2 of 3'));
  });

  test('completing from the HTML article cites lines and columns in the .html file; Open source selects that markup', async function () {
    this.timeout(30000);
    const editor = await openBriefing('r-html.md', 'She pointed to the February storm, which flooded');
    const text = await acceptFirst(editor, 'She pointed to the February storm');
    const def = definitionLine(text, '1');
    assert.ok(def.startsWith('[^1]: Maria Okafor, “Council approves flood barrier funding after late-night vote”, The Harbour Ledger, 2024-04-09, https://harbourledger.example/news/2024/04/09/flood-barrier-vote. [corpus/readers-article.html#L'), def);
    const hover = await hoverAt(editor.document, '[^1]');
    assert.ok(unescapeMarkdown(hover).includes(HTML_FACT), hover);
    await vscode.commands.executeCommand('sourced.openSource', openSourceArgs(hover));
    const opened = await waitFor(() => {
      const e = vscode.window.activeTextEditor;
      return e && e.document.uri.path.endsWith('/corpus/readers-article.html') ? e : undefined;
    }, 'the .html file to open');
    assert.equal(opened.document.uri.scheme, wsUri('corpus').scheme);
    // The markup breaks the sentence over two lines.
    assert.equal(opened.document.getText(opened.selection).replace(/\s+/g, ' '), HTML_FACT);
  });

  test('completing from the DOCX cites the paragraph', async function () {
    this.timeout(30000);
    const editor = await openBriefing('r-docx.md', 'Buses will be diverted over the north');
    const def = definitionLine(await acceptFirst(editor, 'Buses will be diverted'), '1');
    assert.match(def, /^\[\^1\]: Tomasz Wrona, “Harbour Bridge Maintenance Schedule”, 2023-11-02\. \[corpus\/readers-memo\.docx#paragraph=4&text=0-116\]/);
  });

  test('sourced.corpus.exclude leaves matching files out at once', async function () {
    this.timeout(30000);
    const config = vscode.workspace.getConfiguration('sourced');
    await config.update('corpus.exclude', ['readers-*.{pdf,docx}'], vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor(() => api.corpus.lastSummary?.documents === 6, 'the index to leave out the PDF and DOCX files');
      assert.ok(!(api.corpus.lastSummary?.skipped ?? []).some((s) => s.path.endsWith('readers-broken.pdf')));
    } finally {
      await config.update('corpus.exclude', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor(() => api.corpus.lastSummary?.documents === 8, 'the files to come back');
  });
});
