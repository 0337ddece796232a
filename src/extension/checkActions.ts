import * as vscode from 'vscode';
import { citationFor } from '../core/cite';
import { planDefinition } from '../core/checks/fixes';
import { formatCitation, parseCitationLink } from '../core/footnotes';
import type { Finding, TextEdit } from '../core/checks/types';
import { offsetToPosition, shorten } from '../core/text';
import type { CorpusService } from './corpusService';
import type { FootnoteCache } from './footnoteCache';
import { briefingPath, CitationChecker, DIAGNOSTIC_SOURCE } from './diagnostics';

const SOURCES = new Set(Object.values(DIAGNOSTIC_SOURCE));
/** Passages offered for a missing definition. */
const SUGGESTIONS = 3;

function workspaceEdit(document: vscode.TextDocument, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) edit.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.text);
  return edit;
}

/**
 * Quick fixes for the citation checks: replace an altered quote with the source's words, update a
 * moved line hint, remove an unused definition, and add a missing definition citing a passage found by
 * searching the corpus for the claim. Each is one edit (one undo step).
 */
export class CitationActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(
    private readonly checker: CitationChecker,
    private readonly corpus: CorpusService,
    private readonly footnotes: FootnoteCache,
  ) {}

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext, token: vscode.CancellationToken): Promise<vscode.CodeAction[]> {
    const ours = context.diagnostics.filter((d) => typeof d.source === 'string' && SOURCES.has(d.source));
    if (!ours.length) return [];
    const version = document.version;
    const result = await this.checker.resultFor(document);
    if (!result || token.isCancellationRequested || document.version !== version) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of ours) {
      const finding = this.checker.findingFor(document, diagnostic);
      if (!finding) continue;
      if (finding.fix && finding.fix.edits.length) {
        const action = new vscode.CodeAction(finding.fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = workspaceEdit(document, finding.fix.edits);
        action.diagnostics = [diagnostic];
        action.isPreferred = finding.kind === 'altered-quote' || finding.kind === 'moved';
        actions.push(action);
      }
      if (finding.kind === 'missing-definition') actions.push(...this.addDefinition(document, finding, diagnostic, result.citations.find((c) => c.findings.includes(finding))?.claim?.text));
      if (finding.kind === 'missing-source' || finding.kind === 'not-found') {
        actions.push(...this.findByText(document, finding, diagnostic, result.citations.find((c) => c.findings.includes(finding))?.claim?.text));
      }
    }
    return actions;
  }

  /**
   * A link that no longer resolves: find the passage by its text (the link title's opening words, else the
   * claim) and offer to cite what is found instead. The label and the rest of the briefing stay.
   */
  private findByText(document: vscode.TextDocument, finding: Finding, diagnostic: vscode.Diagnostic, claim: string | undefined): vscode.CodeAction[] {
    const fn = this.footnotes.get(document);
    const def = fn.definitions.find((d) => d.label === finding.label);
    if (!def) return [];
    const title = parseCitationLink(def.content)?.title?.replace(/…$/, '');
    const query = (title || claim)?.replace(/\[\^[^\]\s]+\]/g, ' ').trim();
    if (!query) return [];
    return this.corpus.search(query, { limit: SUGGESTIONS }).map((r) => {
      const p = r.passage;
      const line = offsetToPosition(p.doc.lineStarts, p.start).line + 1;
      const action = new vscode.CodeAction(`Find the passage by text: cite “${shorten(p.text, 60)}” (${p.doc.relPath}:${line})`, vscode.CodeActionKind.QuickFix);
      action.edit = workspaceEdit(document, [{ start: def.contentStart, end: def.end, text: formatCitation(citationFor(p, briefingPath(document))) }]);
      action.diagnostics = [diagnostic];
      return action;
    });
  }

  /** One action per passage the claim finds in the corpus: add `[^label]: <citation of it>`. */
  private addDefinition(document: vscode.TextDocument, finding: Finding, diagnostic: vscode.Diagnostic, claim: string | undefined): vscode.CodeAction[] {
    const query = claim?.replace(/\[\^[^\]\s]+\]/g, ' ').trim();
    if (!query) return [];
    const text = document.getText();
    const fn = this.footnotes.get(document);
    return this.corpus.search(query, { limit: SUGGESTIONS }).map((r) => {
      const p = r.passage;
      const line = offsetToPosition(p.doc.lineStarts, p.start).line + 1;
      const edit = planDefinition(text, fn, finding.label, citationFor(p, briefingPath(document)));
      const action = new vscode.CodeAction(`Add [^${finding.label}] citing “${shorten(p.text, 60)}” (${p.doc.relPath}:${line})`, vscode.CodeActionKind.QuickFix);
      action.edit = workspaceEdit(document, [edit]);
      action.diagnostics = [diagnostic];
      return action;
    });
  }
}
