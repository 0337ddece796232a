import * as vscode from 'vscode';
import type { CorpusService } from './corpusService';
import type { FootnoteCache } from './footnoteCache';
import { isPickInput, pickPassage } from './pickPassage';
import { applyCitationEdit, citationEdit } from './citationEdit';

/** "Sourced: Insert Citation…": pick a passage and insert it, with its footnote, at the cursor. */
export async function insertCitation(corpus: CorpusService, footnotes: FootnoteCache, input?: unknown): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'markdown') {
    void vscode.window.showInformationMessage('Sourced Briefings: open a Markdown briefing to insert a citation.');
    return false;
  }
  const passage = await pickPassage(corpus, 'Insert Citation', isPickInput(input) ? input : undefined);
  if (!passage) return false;
  if (editor.document.isClosed) return false;
  const edit = citationEdit(editor.document, editor.selection, passage.text, passage, footnotes.get(editor.document));
  return applyCitationEdit(editor, edit);
}
