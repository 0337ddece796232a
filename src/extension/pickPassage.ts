import * as vscode from 'vscode';
import type { Passage } from '../core/types';
import { offsetToPosition, shorten } from '../core/text';
import type { CorpusService } from './corpusService';
import { describePassage } from './completion';

/** Input for driving the pickers without UI (tests, keybindings, other extensions). */
export interface PickInput {
  query: string;
  /** Which result to take, 0-based; default 0. */
  pick?: number;
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
export async function pickPassage(corpus: CorpusService, title: string, input?: PickInput): Promise<Passage | undefined> {
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
  const initial = vscode.window.activeTextEditor?.document.getText(vscode.window.activeTextEditor.selection).trim();
  if (initial && initial.length < 200) {
    qp.value = initial;
    update(initial);
  }
  return new Promise<Passage | undefined>((resolve) => {
    const subs = [
      qp.onDidChangeValue(update),
      qp.onDidAccept(() => {
        resolve(qp.selectedItems[0]?.passage);
        qp.hide();
      }),
      qp.onDidHide(() => {
        resolve(undefined);
        for (const s of subs) s.dispose();
        qp.dispose();
      }),
    ];
    qp.show();
  });
}
