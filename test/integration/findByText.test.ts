import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, openBriefing, sourced, waitFor } from './helpers';

suite('quick fix: find the passage by text', () => {
  suiteSetup(async () => {
    await sourced();
  });
  teardown(closeAllEditors);

  test('a link to a file that is gone is re-cited to the passage its opening words find', async () => {
    const body = 'Lavrov said Russia also favours a diplomatic solution.[^1]\n\n';
    const def = '[^1]: Old source. [corpus/gone.txt#L11C1-L11C54](corpus/gone.txt#L11C1-L11C54 "Lavrov said Russia also favours a diplomatic solution.")\n';
    const editor = await openBriefing('find-by-text.md', body + def);
    const uri = editor.document.uri;
    const diagnostic = await waitFor(
      () => vscode.languages.getDiagnostics(uri).find((d) => d.code === 'missing-source' || (typeof d.code === 'object' && d.code.value === 'missing-source')),
      'a missing-source diagnostic',
    );
    let titles: string[] = [];
    const fix = await waitFor(async () => {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      titles = actions.map((a) => a.title);
      return actions.find((a) => a.title.startsWith('Find the passage by text') && a.title.includes('003_c5efd77b2ca7bb98.txt'));
    }, 'the find-by-text quick fix', 10000).catch((e: Error) => assert.fail(`${e.message}; ${JSON.stringify(diagnostic)} => ${titles.join(' | ')}`));
    assert.ok(fix.edit);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const text = editor.document.getText();
    assert.ok(text.startsWith(body), 'the briefing text before the definition is untouched');
    assert.match(text, /^\[\^1\]: “Blinken and Lavrov discuss growing tensions Ukraine-Russia”, commonspace\.eu\. \[corpus\/003_c5efd77b2ca7bb98\.txt#L11C1-L11C54\]\(corpus\/003_c5efd77b2ca7bb98\.txt#L11C1-L11C54 "Lavrov said Russia also favours a diplomatic solution\."\)$/m);
    await waitFor(() => !vscode.languages.getDiagnostics(uri).some((d) => d.severity === vscode.DiagnosticSeverity.Error), 'the error to clear');
  });
});
