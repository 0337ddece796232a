import * as vscode from 'vscode';
import { citationFor } from '../core/cite';
import { planCitationInsert, type Footnotes, type InsertPlan } from '../core/footnotes';
import { isLabelStyle, type LabelStyle } from '../core/labels';
import type { Passage } from '../core/types';

export interface CitationEdit {
  plan: InsertPlan;
  /** The range replaced by `plan.text`. */
  range: vscode.Range;
  /** Where the definition goes, when it is a separate edit. */
  append?: { position: vscode.Position; text: string };
}

/** `sourced.footnotes.labelStyle`, read live. */
function labelStyle(document: vscode.TextDocument): LabelStyle {
  const value = vscode.workspace.getConfiguration('sourced', document.uri).get<unknown>('footnotes.labelStyle');
  return isLabelStyle(value) ? value : 'numeric';
}

/** What every citation edit of one document version shares: its text and the label style. */
export interface CitationContext {
  text: string;
  labelStyle: LabelStyle;
}

export function citationContext(document: vscode.TextDocument): CitationContext {
  return { text: document.getText(), labelStyle: labelStyle(document) };
}

/**
 * The edit that replaces `range` with `text` + a footnote reference citing `passage`, plus its definition.
 * Callers that plan many edits of one document version (completion) pass the shared `context` once.
 */
export function citationEdit(
  document: vscode.TextDocument,
  range: vscode.Range,
  text: string,
  passage: Passage,
  footnotes: Footnotes,
  context: CitationContext = citationContext(document),
): CitationEdit {
  const plan = planCitationInsert(
    context.text,
    document.offsetAt(range.start),
    document.offsetAt(range.end),
    text,
    citationFor(passage, document.uri.path),
    footnotes,
    { labelStyle: context.labelStyle },
  );
  const edit: CitationEdit = { plan, range: new vscode.Range(document.positionAt(plan.start), document.positionAt(plan.end)) };
  if (plan.append) edit.append = { position: document.positionAt(plan.append.offset), text: plan.append.text };
  return edit;
}

/** Apply a citation edit to an editor as one undo step, and put the cursor after the reference. */
export async function applyCitationEdit(editor: vscode.TextEditor, edit: CitationEdit): Promise<boolean> {
  const document = editor.document;
  const startOffset = document.offsetAt(edit.range.start);
  const appendBefore = edit.append && document.offsetAt(edit.append.position) < startOffset ? edit.append.text.length : 0;
  const ok = await editor.edit(
    (builder) => {
      builder.replace(edit.range, edit.plan.text);
      if (edit.append) builder.insert(edit.append.position, edit.append.text);
    },
    { undoStopBefore: true, undoStopAfter: true },
  );
  if (ok) {
    const cursor = document.positionAt(startOffset + appendBefore + edit.plan.cursor);
    editor.selection = new vscode.Selection(cursor, cursor);
    editor.revealRange(new vscode.Range(cursor, cursor));
  }
  return ok;
}
