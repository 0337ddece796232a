import * as vscode from 'vscode';
import type { CorpusSummary, LoadProgress } from '../core/corpusIndex';

/** A first build that takes longer than this shows a notification with counts and Cancel. */
const NOTIFY_AFTER_MS = 1500;

export interface ProgressRun {
  report(p: LoadProgress): void;
  readonly cancelled: boolean;
  end(): void;
}

/** A load in flight, as the progress shows it. */
interface Running {
  last?: LoadProgress;
  notified: boolean;
}

/** Indexing progress: a status bar item (documents and passages, or counts while indexing) and, for a long first build, a cancellable notification. */
export class IndexProgress implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('sourced.index', vscode.StatusBarAlignment.Right, 100);
  /** The load in flight: its counts so far, and whether its notification is shown. */
  private running: Running | undefined;

  constructor() {
    this.item.name = 'Sourced Briefings: corpus index';
    this.item.command = 'sourced.showLog';
    this.item.text = '$(sync~spin) Sourced: indexing…';
    this.item.show();
  }

  /** The status bar item's text, as shown. */
  get text(): string {
    return this.item.text;
  }

  /** The status bar item's tooltip. */
  get tooltip(): string {
    const t = this.item.tooltip;
    return typeof t === 'string' ? t : (t?.value ?? '');
  }

  /** Files read so far, of those to read, while a load runs (before its first file: `{ done: 0, total: 0 }`). */
  get current(): LoadProgress | undefined {
    return this.running && (this.running.last ?? { done: 0, total: 0 });
  }

  /** The load in flight shows its cancellable notification. */
  get notifying(): boolean {
    return this.running?.notified ?? false;
  }

  start(firstBuild: boolean): ProgressRun {
    let cancelled = false;
    let reporter: vscode.Progress<{ message?: string; increment?: number }> | undefined;
    let finish: () => void = () => {};
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const run: Running = { notified: false };
    // The bar shows the share of files read (while the listing runs, of those found so far): it moves on when the share grows.
    let shown = 0;
    const show = (p: LoadProgress) => {
      const share = (100 * p.done) / Math.max(1, p.total);
      reporter?.report({ message: `${p.done} of ${counted(p)} files`, increment: Math.max(0, share - shown) });
      shown = Math.max(shown, share);
    };
    this.running = run;
    // Until the first file is read (listing a big corpus takes a while), the counts of the last load no longer hold.
    this.item.text = '$(sync~spin) Sourced: indexing…';
    const timer = firstBuild
      ? setTimeout(() => {
          void vscode.window.withProgress(
            { location: vscode.ProgressLocation.Notification, title: 'Sourced Briefings: indexing the corpus', cancellable: true },
            (progress, token) => {
              reporter = progress;
              run.notified = true;
              token.onCancellationRequested(() => (cancelled = true));
              if (run.last) show(run.last);
              return finished;
            },
          );
        }, NOTIFY_AFTER_MS)
      : undefined;
    return {
      report: (p) => {
        run.last = p;
        this.item.text = `$(sync~spin) Sourced: indexing ${p.done}/${counted(p)}`;
        show(p);
      },
      get cancelled() {
        return cancelled;
      },
      end: () => {
        if (timer) clearTimeout(timer);
        if (this.running === run) this.running = undefined;
        finish();
      },
    };
  }

  done(summary: CorpusSummary): void {
    this.item.text = `$(library) ${summary.documents} docs · ${summary.passages} passages${summary.cancelled ? ' (stopped)' : ''}`;
    const skipped = summary.skipped.length ? `\n${summary.skipped.length} files skipped (see the log)` : '';
    this.item.tooltip = `Sourced Briefings: ${summary.documents} documents, ${summary.passages} passages indexed${skipped}${summary.cancelled ? '\nIndexing was stopped before the end: run "Sourced: Reindex Corpus" to finish' : ''}\nClick to show the log`;
  }

  dispose(): void {
    this.item.dispose();
  }
}

/** The files to read, as many as found so far (`120+`) while the corpus is still being listed. */
function counted(p: LoadProgress): string {
  return p.listing ? `${p.total}+` : `${p.total}`;
}
