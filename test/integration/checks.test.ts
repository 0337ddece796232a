import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SourcedApi } from '../../src/extension/extension';
import { closeAllEditors, hoverText, openBriefing, readWs, sourced, unescapeMarkdown, waitFor, writeFile, wsUri } from './helpers';

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source?.startsWith('sourced.'));
}

/** Open a briefing and wait until its check for the current version is published. */
async function checked(api: SourcedApi, rel: string, content?: string): Promise<vscode.TextEditor> {
  const editor = content === undefined
    ? await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(wsUri(rel)), { preview: false })
    : await openBriefing(rel, content);
  await waitFor(() => api.checks.current(editor.document), `the check of ${rel}`);
  return editor;
}

async function hoverAt(doc: vscode.TextDocument, needle: string): Promise<string> {
  const offset = doc.getText().indexOf(needle);
  assert.ok(offset >= 0, `${needle} not in the document`);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(offset + 2));
  return hoverText(hovers);
}

/** The quick fixes offered at a diagnostic's range. */
async function quickFixes(doc: vscode.TextDocument, d: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
  return actions;
}

/** Apply a quick fix and check that one undo restores the text. */
async function applyAsOneEdit(editor: vscode.TextEditor, action: vscode.CodeAction): Promise<string> {
  const before = editor.document.getText();
  assert.ok(action.edit, `${action.title} has no edit`);
  assert.ok(await vscode.workspace.applyEdit(action.edit));
  const after = editor.document.getText();
  assert.notEqual(after, before);
  await vscode.commands.executeCommand('undo');
  assert.equal(editor.document.getText(), before, 'one undo restores the briefing');
  await vscode.commands.executeCommand('redo');
  assert.equal(editor.document.getText(), after);
  return after;
}

suite('citation checks in the editor', () => {
  let api: SourcedApi;
  suiteSetup(async () => {
    api = await sourced();
  });
  teardown(closeAllEditors);

  test('each faulty fixture gets its diagnostic, with a source per kind and the kind as code', async () => {
    const expected: Array<[string, string, string, vscode.DiagnosticSeverity, number]> = [
      ['altered-quote', 'sourced.quote', 'altered-quote', vscode.DiagnosticSeverity.Error, 2],
      ['figure-mismatch', 'sourced.figure', 'figure-mismatch', vscode.DiagnosticSeverity.Error, 2],
      ['missing-definition', 'sourced.footnote', 'missing-definition', vscode.DiagnosticSeverity.Error, 2],
      ['unused-definition', 'sourced.footnote', 'unused-definition', vscode.DiagnosticSeverity.Warning, 5],
      ['duplicate-definition', 'sourced.footnote', 'duplicate-definition', vscode.DiagnosticSeverity.Error, 5],
      ['missing-source', 'sourced.location', 'missing-source', vscode.DiagnosticSeverity.Error, 4],
      ['outside-corpus', 'sourced.location', 'outside-corpus', vscode.DiagnosticSeverity.Error, 4],
      ['moved', 'sourced.location', 'moved', vscode.DiagnosticSeverity.Information, 4],
      ['not-found', 'sourced.location', 'not-found', vscode.DiagnosticSeverity.Error, 4],
      ['not-a-source', 'sourced.location', 'not-a-source', vscode.DiagnosticSeverity.Warning, 4],
    ];
    for (const [file, source, code, severity, line] of expected) {
      const editor = await checked(api, `checks/${file}.md`);
      const diagnostics = ours(editor.document.uri);
      assert.deepEqual(diagnostics.map((d) => [d.source, d.code, d.severity, d.range.start.line]), [[source, code, severity, line]], file);
    }
  });

  test('the faithful briefing has no diagnostic at all, and the status bar counts its citations', async () => {
    const editor = await checked(api, 'checks/faithful.md');
    assert.deepEqual(ours(editor.document.uri).map((d) => d.message), []);
    await waitFor(() => api.citationStatus.item.text === 'Citations: 7 ✓', `the status bar to say "Citations: 7 ✓" (it says "${api.citationStatus.item.text}")`);
  });

  test('diagnostics follow typing: an altered quote appears, and goes away on undo', async () => {
    const content = await readWs('checks/faithful.md');
    const editor = await checked(api, 'checks/typing.md', content);
    assert.equal(ours(editor.document.uri).length, 0);
    const at = content.indexOf('do not want a conflict, as');
    await editor.edit((b) => b.delete(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + 'do not '.length))));
    const d = await waitFor(() => ours(editor.document.uri).find((x) => x.code === 'altered-quote'), 'an altered-quote diagnostic');
    assert.equal(d.source, 'sourced.quote');
    assert.match(d.message, /dropped “do not”/);
    await waitFor(() => api.citationStatus.item.text === 'Citations: 6 ✓ · 1 ⚠', `the status bar to count the altered quote (it says "${api.citationStatus.item.text}")`);
    await vscode.commands.executeCommand('undo');
    await waitFor(() => api.checks.current(editor.document) && ours(editor.document.uri).length === 0, 'the diagnostic to go away');
  });

  test('quick fix: replace an altered quote with the source\'s words, as one edit', async () => {
    const editor = await checked(api, 'checks/qf-quote.md', await readWs('checks/altered-quote.md'));
    const d = ours(editor.document.uri)[0];
    const fix = (await quickFixes(editor.document, d)).find((a) => a.title === 'Replace the quote with the source\'s words');
    assert.ok(fix);
    assert.equal(fix.isPreferred, true);
    const after = await applyAsOneEdit(editor, fix);
    assert.match(after, /“We do not want a conflict, as the president of Russia, Vladimir Putin has said”\[\^1\]/);
    await waitFor(() => api.checks.current(editor.document) && ours(editor.document.uri).length === 0, 'no diagnostic after the fix');
  });

  test('quick fix: update a moved line hint; only the fragment changes', async () => {
    const original = await readWs('checks/moved.md');
    const editor = await checked(api, 'checks/qf-moved.md', original);
    const d = ours(editor.document.uri)[0];
    const fix = (await quickFixes(editor.document, d)).find((a) => a.title.startsWith('Update the line hint'));
    assert.ok(fix);
    const after = await applyAsOneEdit(editor, fix);
    assert.equal(after, original.replaceAll('#L9C1-L9C54', '#L11C1-L11C54'));
  });

  test('quick fix: remove an unused definition', async () => {
    const original = await readWs('checks/unused-definition.md');
    const editor = await checked(api, 'checks/qf-unused.md', original);
    const d = ours(editor.document.uri)[0];
    const fix = (await quickFixes(editor.document, d)).find((a) => a.title.startsWith('Remove the unused definition'));
    assert.ok(fix);
    const after = await applyAsOneEdit(editor, fix);
    assert.equal(after, original.split('\n').filter((l) => !l.startsWith('[^2]:')).join('\n'));
  });

  test('quick fix: add a missing definition citing a passage the claim finds in the corpus', async () => {
    const editor = await checked(api, 'checks/qf-missing.md', await readWs('checks/missing-definition.md'));
    const d = ours(editor.document.uri)[0];
    const fixes = (await quickFixes(editor.document, d)).filter((a) => a.title.startsWith('Add [^2] citing'));
    assert.ok(fixes.length >= 1);
    const best = fixes.find((a) => a.title.includes('serious consequences'));
    assert.ok(best, fixes.map((a) => a.title).join('\n'));
    const after = await applyAsOneEdit(editor, best);
    assert.match(after, /\n\[\^2\]: .*\(\.\.\/corpus\/000_d9e0f3baa55f90e5\.txt#L15C229-L15C341 "He warned Lavrov of “serious consequences”/);
    await waitFor(() => api.checks.current(editor.document) && ours(editor.document.uri).length === 0, 'no diagnostic once the definition is there');
  });

  test('hover: ✓ with the passage between its neighbours, ⚠ with the word diff, ✗ not found', async () => {
    const faithful = (await checked(api, 'checks/faithful.md')).document;
    const ok = unescapeMarkdown(await hoverAt(faithful, '[^2]'));
    assert.match(ok, /✓ The quote matches the source/);
    assert.ok(ok.includes('**"We do not want a conflict, as the president of Russia, Vladimir Putin has said", he reiterated.**'), ok);
    assert.ok(ok.includes('> Lavrov said Russia also favours a diplomatic solution.'), 'the sentence before');
    assert.ok(ok.includes('> Earlier, Putin warned NATO'), 'the sentence after');

    const altered = (await checked(api, 'checks/altered-quote.md')).document;
    const differs = unescapeMarkdown(await hoverAt(altered, '[^1]'));
    assert.match(differs, /⚠ Differs from the source/);
    assert.match(differs, /Source: We \*\*do not\*\* want a conflict/);
    assert.match(differs, /Briefing: We want a conflict/);

    const missing = (await checked(api, 'checks/not-found.md')).document;
    const notFound = unescapeMarkdown(await hoverAt(missing, '[^1]'));
    assert.match(notFound, /✗ Not found: “Russia is ready for talks in Geneva next week\.” cannot be found/);
    assert.doesNotMatch(notFound, /Lavrov said Russia also favours/, 'no lookalike passage is shown');

    const moved = (await checked(api, 'checks/moved.md')).document;
    const hover = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', moved.uri, moved.positionAt(moved.getText().indexOf('[^1]') + 2));
    const movedText = unescapeMarkdown(hoverText(hover));
    assert.match(movedText, /The passage has moved to line 11/);
    const args = /\(command:sourced\.openSource\?([^)]+)\)/.exec(hoverText(hover));
    assert.ok(args);
    assert.deepEqual((JSON.parse(decodeURIComponent(args[1])) as Array<{ range: number[] }>)[0].range, [10, 0, 10, 54], 'Open source goes where the passage is now');
  });

  test('the status bar lists the problems; picking one selects it in the briefing', async () => {
    const editor = await checked(api, 'checks/figure-mismatch.md');
    await waitFor(() => api.citationStatus.item.text === 'Citations: 0 ✓ · 1 ⚠', `the status bar (it says "${api.citationStatus.item.text}")`);
    assert.equal(api.citationStatus.item.command, 'sourced.showCitationProblems');
    const picked = await vscode.commands.executeCommand<{ kind: string }>('sourced.showCitationProblems', { pick: 0 });
    assert.equal(picked?.kind, 'figure-mismatch');
    assert.equal(editor.document.getText(editor.selection), '80,000');
  });

  test('links to commands or scripts, in a briefing or in a corpus file, are never live in a hover', async () => {
    const evil = 'Click [here](command:workbench.action.quit) or [there](javascript:alert(1)) for the minutes.';
    await writeFile('corpus/evil.txt', `Title\n\n${evil}\n`);
    try {
      await waitFor(async () => (await api.corpus.document(wsUri('corpus/evil.txt').path))?.text.includes('javascript'), 'the corpus file');
      const briefing = [
        'They said “for the minutes”.[^1] A note.[^2] A script.[^3]',
        '',
        '[^1]: [evil](../corpus/evil.txt#L3 "Click [here](command:workbench.action.quit)")',
        '[^2]: [run](command:workbench.action.quit)',
        '[^3]: [x](javascript:alert(1))',
        '',
      ].join('\n');
      const editor = await checked(api, 'checks/evil.md', briefing);
      const codes = ours(editor.document.uri).map((d) => d.code);
      assert.deepEqual(codes, ['not-a-source', 'not-a-source']);
      for (const label of ['[^1]', '[^2]', '[^3]']) {
        const md = await hoverAt(editor.document, label);
        const live = [...md.matchAll(/\]\(([a-z]+:[^)]*)\)/gi)].map((m) => m[1]).filter((l) => !/^command:sourced\.(openSource|showCitationsOf|copyCitation)\?/.test(l));
        assert.deepEqual(live, [], `${label}: ${md}`);
      }
    } finally {
      await vscode.workspace.fs.delete(wsUri('corpus/evil.txt'));
      await waitFor(async () => !(await vscode.workspace.findFiles('corpus/evil.txt')).length, 'the file to go');
      await api.corpus.reload();
    }
  });
});
