import * as vscode from 'vscode';
import type { Passage } from '../core/types';
import { offsetToPosition, shorten } from '../core/text';
import { sourceRange } from '../core/cite';
import type { CorpusService } from './corpusService';
import { describePassage } from './completion';
import { highlight, placeOf } from './openSource';

/** Input for driving the pickers without UI (tests, keybindings, other extensions). */
export interface PickInput {
  query: string;
  /** Which result to take, 0-based; default 0. */
  pick?: number;
}

export interface PickOptions {
  /** Show the active result's source beside the editor while the writer chooses. */
  preview?: boolean;
}

export function isPickInput(a: unknown): a is PickInput {
  return !!a && typeof (a as PickInput).query === 'string';
}

interface PassagePickItem extends vscode.QuickPickItem {
  passage: Passage;
}

function toItem(p: Passage): PassagePickItem {
  const pos = offsetToPosition(p.doc.lineStarts, p.start);
  return {
    label: shorten(p.text, 120),
    description: describePassage(p),
    detail: `${p.doc.metadata.title ? p.doc.metadata.title + ' — ' : ''}${p.doc.relPath}:${pos.line + 1}:${pos.character + 1}`,
    alwaysShow: true,
    passage: p,
  };
}

/** A live QuickPick over the corpus: results follow the typed words. */
export async function pickPassage(corpus: CorpusService, title: string, input?: PickInput, options: PickOptions = {}): Promise<Passage | undefined> {
  await corpus.ready;
  if (input) return corpus.search(input.query, { limit: (input.pick ?? 0) + 1 })[input.pick ?? 0]?.passage;

  const qp = vscode.window.createQuickPick<PassagePickItem>();
  qp.title = title;
  qp.placeholder = 'Type words of a quote or fact (typos are fine)';
  qp.matchOnDescription = false;
  qp.matchOnDetail = false;
  const update = (value: string) => {
    qp.items = value.trim().length < 2 ? [] : corpus.search(value, { limit: 50 }).map((r) => toItem(r.passage));
  };
  const preview = options.preview ? new SourcePreview(corpus) : undefined;
  const initial = vscode.window.activeTextEditor?.document.getText(vscode.window.activeTextEditor.selection).trim();
  if (initial && initial.length < 200) {
    qp.value = initial;
    update(initial);
  }
  let picked: Passage | undefined;
  return new Promise<Passage | undefined>((resolve) => {
    const subs = [
      qp.onDidChangeValue(update),
      qp.onDidChangeActive((items) => preview?.show(items[0]?.passage)),
      qp.onDidAccept(() => {
        picked = qp.selectedItems[0]?.passage;
        qp.hide();
      }),
      qp.onDidHide(() => {
        preview?.end(picked !== undefined);
        resolve(picked);
        for (const s of subs) s.dispose();
        qp.dispose();
      }),
    ];
    qp.show();
  });
}

const PREVIEW_DELAY_MS = 120;

function tabKey(column: vscode.ViewColumn | undefined, uri: vscode.Uri): string {
  return `${column ?? 0} ${uri.toString()}`;
}

function openTabs(): Set<string> {
  const keys = new Set<string>();
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) if (tab.input instanceof vscode.TabInputText) keys.add(tabKey(group.viewColumn, tab.input.uri));
  }
  return keys;
}

function findTab(column: vscode.ViewColumn, uri: vscode.Uri): vscode.Tab | undefined {
  const group = vscode.window.tabGroups.all.find((g) => g.viewColumn === column);
  return group?.tabs.find((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString());
}

/**
 * The active result's source, beside the editor, in a preview tab that keeps the focus in the picker:
 * the passage selected, in the centre, highlighted. Follows the active result after a short pause (holding
 * an arrow key does not open every source on the way); a slow read never replaces a newer result's preview.
 * If nothing is picked, the tab it opened is closed again (never a tab the writer had open).
 */
class SourcePreview {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pending: Passage | undefined;
  private generation = 0;
  private state: 'choosing' | 'picked' | 'cancelled' = 'choosing';
  private column: vscode.ViewColumn | undefined;
  /** The tab this preview opened and shows now (undefined when it shows a tab the writer had open). */
  private opened: { column: vscode.ViewColumn; uri: vscode.Uri } | undefined;
  private readonly before = openTabs();

  constructor(private readonly corpus: CorpusService) {}

  show(passage: Passage | undefined): void {
    if (!passage || this.state !== 'choosing') return;
    clearTimeout(this.timer);
    this.pending = passage;
    this.timer = setTimeout(() => this.flush(), PREVIEW_DELAY_MS);
  }

  /** The picker closed: keep the preview of the picked passage, or close what the preview opened. */
  end(picked: boolean): void {
    this.state = picked ? 'picked' : 'cancelled';
    if (picked) {
      this.flush();
      return;
    }
    clearTimeout(this.timer);
    this.generation++;
    this.close();
  }

  private flush(): void {
    clearTimeout(this.timer);
    const passage = this.pending;
    this.pending = undefined;
    if (passage) this.open(passage, ++this.generation).catch(() => undefined);
  }

  private async open(p: Passage, generation: number): Promise<void> {
    const r = sourceRange(p.doc, p.start, p.end);
    const place = await placeOf(this.corpus.uri(p.doc.path), [r.startLine - 1, r.startColumn - 1, r.endLine - 1, r.endColumn]);
    const document = await vscode.workspace.openTextDocument(place.uri);
    if (generation !== this.generation) return;
    const range = place.range;
    const selection = range ? document.validateRange(new vscode.Range(range[0], range[1], range[2], range[3])) : undefined;
    const editor = await vscode.window.showTextDocument(document, {
      viewColumn: this.column ?? vscode.ViewColumn.Beside,
      preview: true,
      preserveFocus: true,
    });
    const column = editor.viewColumn ?? vscode.ViewColumn.Beside;
    this.column = column;
    const previous = this.opened;
    this.opened = this.before.has(tabKey(column, document.uri)) ? undefined : { column, uri: document.uri };
    // With preview tabs turned off, the previous source would stay open as a tab of its own.
    if (previous && previous.uri.toString() !== document.uri.toString()) this.closeTab(previous);
    if (generation !== this.generation) {
      if (this.state === 'cancelled') this.close();
      return;
    }
    if (selection) {
      editor.selection = new vscode.Selection(selection.start, selection.end);
      editor.revealRange(selection, vscode.TextEditorRevealType.InCenter);
      highlight(editor, selection);
    }
  }

  private close(): void {
    if (this.opened) this.closeTab(this.opened);
    this.opened = undefined;
  }

  private closeTab(where: { column: vscode.ViewColumn; uri: vscode.Uri }): void {
    const tab = findTab(where.column, where.uri);
    // The writer clicked into the source (which closes the picker): it stays.
    if (!tab || tab.isDirty || (tab.isActive && vscode.window.activeTextEditor?.document.uri.toString() === where.uri.toString())) return;
    void vscode.window.tabGroups.close(tab, true).then(undefined, () => undefined);
  }
}
