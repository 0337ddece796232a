import * as vscode from 'vscode';
import { offsetToPosition, shorten } from '../core/text';
import type { Passage } from '../core/types';
import type { CorpusService } from './corpusService';
import type { FootnoteCache } from './footnoteCache';
import { applyCitationEdit, citationEdit } from './citationEdit';
import { describePassage } from './completion';

/** Results this close to the best one also "fit": the writer chooses. */
const CLOSE = 0.06;

/** Where a footnote reference for a selection goes: after its last character and closing punctuation. */
function referencePosition(document: vscode.TextDocument, selection: vscode.Selection): vscode.Position {
  const text = document.getText(selection);
  const trailing = text.length - text.trimEnd().length;
  let offset = document.offsetAt(selection.end) - trailing;
  const after = document.getText(new vscode.Range(document.positionAt(offset), document.positionAt(offset + 3)));
  const punct = /^[.,;:!?”’"')]*/.exec(after)?.[0] ?? '';
  offset += punct.length;
  return document.positionAt(offset);
}

/**
 * "Sourced: Cite Selection": find the corpus passage that best supports the selected sentence and attach
 * its footnote; when several fit about equally, ask which.
 */
export async function citeSelection(corpus: CorpusService, footnotes: FootnoteCache, input?: unknown): Promise<Passage | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'markdown') return undefined;
  if (editor.selection.isEmpty) {
    void vscode.window.showInformationMessage('Sourced Briefings: select the sentence you want to cite.');
    return undefined;
  }
  await corpus.ready;
  const claim = editor.document
    .getText(editor.selection)
    .replace(/\[\^[^\]]+\]/g, ' ')
    .replace(/[“”"]/g, ' ')
    .trim();
  const results = corpus.search(claim, { limit: 8 });
  if (!results.length) {
    void vscode.window.showInformationMessage('Sourced Briefings: no passage in the corpus supports the selected text.');
    return undefined;
  }
  const fits = results.filter((r) => r.score - results[0].score <= CLOSE);
  const pick = (input as { pick?: number } | undefined)?.pick;
  let passage: Passage | undefined;
  if (pick !== undefined) passage = results[pick]?.passage;
  else if (fits.length === 1) passage = fits[0].passage;
  else {
    const chosen = await vscode.window.showQuickPick(
      results.map((r) => {
        const pos = offsetToPosition(r.passage.doc.lineStarts, r.passage.start);
        return { label: shorten(r.passage.text, 120), description: describePassage(r.passage), detail: `${r.passage.doc.relPath}:${pos.line + 1}`, passage: r.passage };
      }),
      { title: 'Cite Selection: several passages fit', matchOnDescription: true },
    );
    passage = chosen?.passage;
  }
  if (!passage) return undefined;
  const at = referencePosition(editor.document, editor.selection);
  const edit = citationEdit(editor.document, new vscode.Range(at, at), '', passage, footnotes.get(editor.document));
  return (await applyCitationEdit(editor, edit)) ? passage : undefined;
}
