import * as vscode from 'vscode';
import type { CorpusSummary, LoadProgress } from '../core/corpusIndex';

/** A first build that takes longer than this shows a notification with counts and Cancel. */
const NOTIFY_AFTER_MS = 1500;

export interface ProgressRun {
  report(p: LoadProgress): void;
  readonly cancelled: boolean;
  end(): void;
}

/** Indexing progress: a status bar item (documents and passages, or counts while indexing) and, for a long first build, a cancellable notification. */
export class IndexProgress implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('sourced.index', vscode.StatusBarAlignment.Right, 100);

  constructor() {
    this.item.name = 'Sourced Briefings: corpus index';
    this.item.command = 'sourced.showLog';
    this.item.text = '$(sync~spin) Sourced: indexing…';
    this.item.show();
  }

  start(firstBuild: boolean): ProgressRun {
    let cancelled = false;
    let last: LoadProgress | undefined;
    let reporter: vscode.Progress<{ message?: string; increment?: number }> | undefined;
    let finish: () => void = () => {};
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const timer = firstBuild
      ? setTimeout(() => {
          void vscode.window.withProgress(
            { location: vscode.ProgressLocation.Notification, title: 'Sourced Briefings: indexing the corpus', cancellable: true },
            (progress, token) => {
              reporter = progress;
              token.onCancellationRequested(() => (cancelled = true));
              if (last) progress.report({ message: `${last.done} of ${last.total} files` });
              return finished;
            },
          );
        }, NOTIFY_AFTER_MS)
      : undefined;
    return {
      report: (p) => {
        last = p;
        this.item.text = `$(sync~spin) Sourced: indexing ${p.done}/${p.total}`;
        reporter?.report({ message: `${p.done} of ${p.total} files`, increment: 100 / Math.max(1, p.total) });
      },
      get cancelled() {
        return cancelled;
      },
      end: () => {
        if (timer) clearTimeout(timer);
        finish();
      },
    };
  }

  done(summary: CorpusSummary): void {
    this.item.text = `$(library) ${summary.documents} docs · ${summary.passages} passages`;
    const skipped = summary.skipped.length ? `\n${summary.skipped.length} files skipped (see the log)` : '';
    this.item.tooltip = `Sourced Briefings: ${summary.documents} documents, ${summary.passages} passages indexed${skipped}${summary.cancelled ? '\nIndexing was cancelled' : ''}\nClick to show the log`;
  }

  dispose(): void {
    this.item.dispose();
  }
}
