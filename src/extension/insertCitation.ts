import * as vscode from 'vscode';
import type { Passage } from '../core/types';
import { asQuotation } from '../core/insertText';
import { trimPassage, type Trimmed } from '../core/trim';
import type { CorpusService } from './corpusService';
import type { FootnoteCache } from './footnoteCache';
import { isPickInput, pickPassage, type PickInput } from './pickPassage';
import { applyCitationEdit, citationEdit } from './citationEdit';
import { quoteStyle } from './config';

export type InsertMode = 'quote' | 'fact' | 'footnote';

/** Input for driving the command without UI. */
export interface InsertInput extends PickInput {
  /** How to insert; default: a quotation for quotes, the sentence otherwise. */
  as?: InsertMode;
  /** The words of the passage to keep (a cut inside becomes `…`). */
  text?: string;
}

/** A passage narrowed to the span of the kept words, so the citation names exactly what is quoted. */
function narrowed(p: Passage, t: Trimmed): Passage {
  const start = p.start + t.runs[0].start;
  const end = p.start + t.runs[t.runs.length - 1].end;
  return { ...p, start, end, text: p.doc.text.slice(start, end) };
}

async function chooseMode(p: Passage): Promise<InsertMode | 'trim' | undefined> {
  type Item = vscode.QuickPickItem & { mode: InsertMode | 'trim' };
  const items: Item[] = [
    { mode: 'quote', label: '$(quote) Insert as quotation', description: '“…”[^n]' },
    { mode: 'fact', label: '$(note) Insert as sentence', description: '…[^n]' },
    { mode: 'footnote', label: '$(link) Add only the footnote', description: 'the text is already written: [^n]' },
    { mode: 'trim', label: '$(edit) Trim the passage first…', description: 'keep only the words you want' },
  ];
  if (p.kind !== 'quote') items.unshift(items.splice(1, 1)[0]);
  const picked = await vscode.window.showQuickPick(items, { title: 'Insert Citation', placeHolder: p.text });
  return picked?.mode;
}

async function askTrim(p: Passage): Promise<Trimmed | undefined> {
  const kept = await vscode.window.showInputBox({
    title: 'Trim the passage',
    prompt: 'Delete the words you do not want; a cut inside is marked with …',
    value: p.text,
    validateInput: (v) => {
      const t = trimPassage(p.text, v);
      return 'error' in t ? t.error : undefined;
    },
  });
  if (kept === undefined) return undefined;
  const t = trimPassage(p.text, kept);
  return 'error' in t ? undefined : t;
}

/** "Sourced: Insert Citation…": pick a passage and insert it (as a quotation, a sentence, or only its footnote). */
export async function insertCitation(corpus: CorpusService, footnotes: FootnoteCache, input?: unknown): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'markdown') {
    void vscode.window.showInformationMessage('Sourced Briefings: open a Markdown briefing to insert a citation.');
    return false;
  }
  const given = isPickInput(input) ? (input as InsertInput) : undefined;
  const passage = await pickPassage(corpus, 'Insert Citation', given, { preview: true });
  if (!passage) return false;

  let trimmed: Trimmed | undefined;
  if (given?.text !== undefined) {
    const t = trimPassage(passage.text, given.text);
    if ('error' in t) throw new Error(t.error);
    trimmed = t;
  }
  let mode: InsertMode | 'trim' | undefined = given ? given.as ?? (passage.kind === 'quote' ? 'quote' : 'fact') : await chooseMode(passage);
  if (mode === 'trim') {
    trimmed = await askTrim(passage);
    if (!trimmed) return false;
    mode = given?.as ?? (await chooseMode(passage));
    if (!mode || mode === 'trim') return false;
  }
  if (!mode || editor.document.isClosed) return false;

  const cited = trimmed ? narrowed(passage, trimmed) : passage;
  const words = trimmed?.text ?? passage.text;
  const text = mode === 'quote' ? asQuotation(words, quoteStyle()) : mode === 'fact' ? words : '';
  // Only the footnote: the writer's text stays; the reference goes after the selection.
  const range = mode === 'footnote' ? new vscode.Range(editor.selection.end, editor.selection.end) : editor.selection;
  const edit = citationEdit(editor.document, range, text, cited, footnotes.get(editor.document));
  return applyCitationEdit(editor, edit);
}
