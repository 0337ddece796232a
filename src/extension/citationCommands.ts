import * as vscode from 'vscode';
import { footnoteAt, parseCitationLink, parseFootnotes } from '../core/footnotes';
import { dirname, joinPath, normalizePath } from '../core/fs';
import type { FootnoteCache } from './footnoteCache';

export const SHOW_CITATIONS_OF = 'sourced.showCitationsOf';
export const COPY_CITATION = 'sourced.copyCitation';

export interface CitationOf {
  briefing: string;
  label: string;
  /** 0-based line of the first reference, else of the definition. */
  line: number;
}

/** The footnote under the cursor of the active Markdown editor. */
async function labelAtCursor(footnotes: FootnoteCache): Promise<{ document: vscode.TextDocument; label: string } | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'markdown') return undefined;
  const fn = await footnotes.parsed(editor.document);
  const at = fn && footnoteAt(fn, editor.document.offsetAt(editor.selection.active));
  return at ? { document: editor.document, label: at.label } : undefined;
}

/** "Copy citation": the footnote's definition, as written, to the clipboard. */
export async function copyCitation(footnotes: FootnoteCache, args?: { uri?: string; label?: string }): Promise<string | undefined> {
  let document: vscode.TextDocument | undefined;
  let label = args?.label;
  if (args?.uri && label) document = await vscode.workspace.openTextDocument(vscode.Uri.parse(args.uri, true));
  else {
    const here = await labelAtCursor(footnotes);
    document = here?.document;
    label = here?.label;
  }
  if (!document || !label) {
    void vscode.window.showInformationMessage('Sourced Briefings: put the cursor on a footnote such as [^1] to copy its citation.');
    return undefined;
  }
  const fn = await footnotes.parsed(document);
  const def = fn?.definitions.find((d) => d.label === label);
  if (!def) {
    void vscode.window.showInformationMessage(`Sourced Briefings: [^${label}] has no definition to copy.`);
    return undefined;
  }
  const text = document.getText(new vscode.Range(document.positionAt(def.start), document.positionAt(def.end)));
  try {
    await vscode.env.clipboard.writeText(text);
    void vscode.window.setStatusBarMessage(`Copied the citation [^${label}]`, 3000);
  } catch (e) {
    void vscode.window.showWarningMessage(`Sourced Briefings: the clipboard refused the citation (${e instanceof Error ? e.message : String(e)}).`);
  }
  return text;
}

/** Every footnote in the workspace's Markdown files that cites `source` (a file URI). */
export async function citationsOf(source: vscode.Uri): Promise<CitationOf[]> {
  const wanted = normalizePath(source.path);
  const out: CitationOf[] = [];
  const files = await vscode.workspace.findFiles('**/*.{md,markdown}', '**/node_modules/**', 5000);
  for (const file of files) {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === file.toString());
    const text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
    if (!text.includes('[^')) continue;
    const fn = parseFootnotes(text);
    for (const def of fn.definitions) {
      const link = parseCitationLink(def.content);
      if (!link || joinPath(dirname(file.path), link.path) !== wanted) continue;
      const ref = fn.references.find((r) => r.label === def.label);
      const offset = ref ? ref.start : def.start;
      out.push({ briefing: file.toString(), label: def.label, line: text.slice(0, offset).split('\n').length - 1 });
    }
  }
  return out.sort((a, b) => (a.briefing < b.briefing ? -1 : a.briefing > b.briefing ? 1 : a.line - b.line));
}

/** "Show all citations of this source": a list of the footnotes that cite it; picking one opens it. */
export async function showCitationsOf(args?: { uri?: string }): Promise<CitationOf[]> {
  const uri = args?.uri ? vscode.Uri.parse(args.uri, true) : vscode.window.activeTextEditor?.document.uri;
  if (!uri) return [];
  const all = await citationsOf(uri);
  if (!all.length) {
    void vscode.window.showInformationMessage(`Sourced Briefings: no briefing cites ${vscode.workspace.asRelativePath(uri)}.`);
    return all;
  }
  void vscode.window
    .showQuickPick(
      all.map((c) => ({
        label: `[^${c.label}]`,
        description: `${vscode.workspace.asRelativePath(vscode.Uri.parse(c.briefing))}:${c.line + 1}`,
        citation: c,
      })),
      { title: `Citations of ${vscode.workspace.asRelativePath(uri)}` },
    )
    .then(async (picked) => {
      if (!picked) return;
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(picked.citation.briefing));
      const pos = new vscode.Position(picked.citation.line, 0);
      await vscode.window.showTextDocument(doc, { selection: new vscode.Range(pos, pos) });
    });
  return all;
}
