import * as vscode from 'vscode';
import type { CheckResult, Finding } from '../core/checks/types';
import type { CitationChecker } from './diagnostics';

export const SHOW_CITATION_PROBLEMS = 'sourced.showCitationProblems';

/** "Citations: 12 ✓ · 1 ⚠ · 1 ✗": references whose citation matches, differs, or is not found. */
export function statusText(result: CheckResult): string {
  let ok = 0;
  let differs = 0;
  let missing = 0;
  for (const c of result.citations) {
    // References only; a footnote that links to nothing (a note) is not a citation.
    if (!c.reference || (c.status === 'unchecked' && !c.located)) continue;
    if (c.status === 'differs') differs++;
    else if (c.status === 'not-found') missing++;
    else ok++;
  }
  return `Citations: ${ok} ✓` + (differs ? ` · ${differs} ⚠` : '') + (missing ? ` · ${missing} ✗` : '');
}

const ICON: Record<Finding['severity'], string> = { error: '$(error)', warning: '$(warning)', info: '$(info)' };

interface ProblemItem extends vscode.QuickPickItem {
  finding: Finding;
}

/** The status bar item for the active briefing; clicking it lists the citation problems. */
export class CitationStatus implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('sourced.citations', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly checker: CitationChecker) {
    this.item.name = 'Sourced Briefings: citations';
    this.item.command = SHOW_CITATION_PROBLEMS;
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => void this.update()),
      checker.onDidCheck((c) => {
        if (c.uri.toString() === vscode.window.activeTextEditor?.document.uri.toString()) this.show(c.result);
      }),
      vscode.commands.registerCommand(SHOW_CITATION_PROBLEMS, (input?: { pick?: number }) => this.showProblems(input)),
    );
    void this.update();
  }

  private async update(): Promise<void> {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || !this.checker.isBriefing(document)) {
      this.item.hide();
      return;
    }
    const result = this.checker.current(document) ?? (await this.checker.resultFor(document));
    if (document !== vscode.window.activeTextEditor?.document) return;
    if (result) this.show(result);
  }

  private show(result: CheckResult): void {
    const refs = result.citations.filter((c) => c.reference && (c.status !== 'unchecked' || c.located)).length;
    if (!refs && !result.findings.length) {
      this.item.hide();
      return;
    }
    this.item.text = statusText(result);
    const problems = result.findings.filter((f) => f.severity !== 'info').length;
    this.item.tooltip = `${refs} citation${refs === 1 ? '' : 's'} checked against the corpus; ${problems ? `${problems} problem${problems === 1 ? '' : 's'}` : 'no problems'}. Click to list them.`;
    this.item.show();
  }

  /** List the active briefing's findings; picking one reveals it. Returns the finding picked. */
  async showProblems(input?: { pick?: number }): Promise<Finding | undefined> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !this.checker.isBriefing(editor.document)) {
      void vscode.window.showInformationMessage('Sourced Briefings: open a Markdown briefing to see its citation problems.');
      return undefined;
    }
    const result = await this.checker.resultFor(editor.document);
    const findings = result?.findings ?? [];
    if (!findings.length) {
      void vscode.window.showInformationMessage('Sourced Briefings: every citation in this briefing matches its source.');
      return undefined;
    }
    const items: ProblemItem[] = findings.map((f) => ({ label: `${ICON[f.severity]} ${f.message}`, description: `line ${f.line}`, detail: f.expected ? `Source: ${f.expected}` : undefined, finding: f }));
    const picked = input && typeof input.pick === 'number' ? items[input.pick] : await vscode.window.showQuickPick(items, { title: 'Citation problems', matchOnDescription: true });
    if (!picked) return undefined;
    const range = new vscode.Range(editor.document.positionAt(picked.finding.start), editor.document.positionAt(picked.finding.end));
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return picked.finding;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
