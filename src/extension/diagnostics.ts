import * as vscode from 'vscode';
import { checkBriefing } from '../core/checks/checks';
import { cachedSourceReader } from '../core/checks/sources';
import type { CheckResult, CitationCheck, Finding, FindingKind, SourceReader } from '../core/checks/types';
import { isInside, joinPath, type CorpusFileSystem } from '../core/fs';
import { fileRange } from '../core/readers/locator';
import type { Logger } from '../core/types';
import type { CorpusService } from './corpusService';
import type { FootnoteCache } from './footnoteCache';
import { VscodeFileSystem } from './vscodeFs';

/** `diagnostic.source` per kind, so that users can filter the Problems view. */
export const DIAGNOSTIC_SOURCE: Record<FindingKind, string> = {
  'missing-definition': 'sourced.footnote',
  'unused-definition': 'sourced.footnote',
  'duplicate-definition': 'sourced.footnote',
  'missing-source': 'sourced.location',
  'outside-corpus': 'sourced.location',
  'not-a-source': 'sourced.location',
  'not-found': 'sourced.location',
  moved: 'sourced.location',
  'altered-quote': 'sourced.quote',
  'figure-mismatch': 'sourced.figure',
};

const DEBOUNCE_MS = 300;

const SEVERITY: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export interface CheckedDocument {
  uri: vscode.Uri;
  version: number;
  result: CheckResult;
}

interface Run {
  version: number;
  generation: number;
  cancelled: boolean;
  promise: Promise<CheckResult | undefined>;
}

/** The path a briefing's links are relative to (an untitled briefing: the first workspace folder). */
export function briefingPath(document: vscode.TextDocument): string {
  if (document.uri.scheme !== 'untitled') return document.uri.path;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.path ?? '/';
  return joinPath(folder, document.uri.path.replace(/^.*\//, '') || 'untitled.md');
}

/**
 * Runs the citation checks on Markdown briefings as they are opened and edited (debounced; a newer
 * edit cancels the run in progress), publishes them as diagnostics, and shares each result with the
 * hovers, quick fixes and status bar.
 */
export class CitationChecker implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('sourced');
  private readonly results = new Map<string, CheckedDocument & { generation: number }>();
  private readonly runs = new Map<string, Run>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly checked = new vscode.EventEmitter<CheckedDocument>();
  /** Fires with each new result (also when it has no findings). */
  readonly onDidCheck = this.checked.event;
  private generation = 0;
  private reader: SourceReader;

  constructor(
    private readonly corpus: CorpusService,
    private readonly footnotes: FootnoteCache,
    private readonly log: Logger,
  ) {
    this.reader = this.makeReader();
    this.disposables.push(
      this.collection,
      this.checked,
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length) this.schedule(e.document, DEBOUNCE_MS);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
      corpus.onDidChange(() => {
        // New index: new documents to compare with; check every open briefing again.
        this.generation++;
        this.reader = this.makeReader();
        for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
      }),
    );
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  private makeReader(): SourceReader {
    const fs: CorpusFileSystem = new VscodeFileSystem(this.corpus.uri('/'));
    return cachedSourceReader(fs, this.corpus.roots, { indexed: (path) => this.corpus.document(path) });
  }

  /** A Markdown briefing in the workspace (not a Markdown file of the corpus itself). */
  isBriefing(document: vscode.TextDocument): boolean {
    if (document.languageId !== 'markdown') return false;
    if (!['file', 'untitled', 'vscode-remote', 'vscode-vfs', 'vscode-userdata'].includes(document.uri.scheme)) return false;
    return !this.corpus.roots.some((r) => isInside(r, document.uri.path));
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    if (!this.isBriefing(document)) return;
    const key = document.uri.toString();
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    // A run for an older version is superseded now, not when the timer fires.
    const run = this.runs.get(key);
    if (run && run.version !== document.version) run.cancelled = true;
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (!document.isClosed) void this.resultFor(document);
      }, delay),
    );
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
    const run = this.runs.get(key);
    if (run) run.cancelled = true;
    this.runs.delete(key);
    this.results.delete(key);
    this.collection.delete(uri);
  }

  /** The last result published for a document, if it is for the document's current version. */
  current(document: vscode.TextDocument): CheckResult | undefined {
    const hit = this.results.get(document.uri.toString());
    return hit && hit.version === document.version && hit.generation === this.generation ? hit.result : undefined;
  }

  /** The result for the document as it is now: the published one, the run in progress, or a new run. */
  async resultFor(document: vscode.TextDocument): Promise<CheckResult | undefined> {
    const done = this.current(document);
    if (done) return done;
    if (!this.isBriefing(document)) return undefined;
    const key = document.uri.toString();
    const running = this.runs.get(key);
    if (running && !running.cancelled && running.version === document.version && running.generation === this.generation) return running.promise;
    if (running) running.cancelled = true;
    const run: Run = { version: document.version, generation: this.generation, cancelled: false, promise: Promise.resolve(undefined) };
    run.promise = this.execute(document, run);
    this.runs.set(key, run);
    return run.promise;
  }

  private async execute(document: vscode.TextDocument, run: Run): Promise<CheckResult | undefined> {
    await this.corpus.ready;
    if (!this.isBriefing(document)) return undefined;
    const stale = () => run.cancelled || document.isClosed || document.version !== run.version || run.generation !== this.generation;
    if (stale()) return undefined;
    const footnotes = await this.footnotes.parsed(document);
    if (!footnotes || stale()) return undefined;
    let result: CheckResult | undefined;
    try {
      result = await checkBriefing({
        text: document.getText(),
        path: briefingPath(document),
        roots: this.corpus.roots,
        read: this.reader,
        footnotes,
        cancelled: stale,
        pause: () => new Promise((resolve) => setImmediate(resolve)),
      });
    } catch (e) {
      this.log.error(`Checking ${document.uri.fsPath} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      return undefined;
    } finally {
      if (this.runs.get(document.uri.toString()) === run) this.runs.delete(document.uri.toString());
    }
    if (!result || stale()) return undefined;
    const checked = { uri: document.uri, version: run.version, generation: run.generation, result };
    this.results.set(document.uri.toString(), checked);
    this.collection.set(document.uri, result.findings.map((f) => this.toDiagnostic(document, result, f)));
    this.checked.fire(checked);
    return result;
  }

  private toDiagnostic(document: vscode.TextDocument, result: CheckResult, f: Finding): vscode.Diagnostic {
    const range = new vscode.Range(document.positionAt(f.start), document.positionAt(Math.max(f.start, f.end)));
    let message = f.message;
    if (f.kind === 'altered-quote' && f.expected) message += `\nThe source says: “${f.expected}”`;
    const d = new vscode.Diagnostic(range, message, SEVERITY[f.severity]);
    d.source = DIAGNOSTIC_SOURCE[f.kind];
    d.code = f.kind;
    if (f.kind === 'unused-definition') d.tags = [vscode.DiagnosticTag.Unnecessary];
    const place = this.sourcePlace(result, f);
    if (place) d.relatedInformation = [new vscode.DiagnosticRelatedInformation(place, f.kind === 'moved' ? 'The passage is here now' : 'The cited passage')];
    return d;
  }

  /** The cited passage in its file, for the findings about it. */
  private sourcePlace(result: CheckResult, f: Finding): vscode.Location | undefined {
    if (f.kind !== 'altered-quote' && f.kind !== 'figure-mismatch' && f.kind !== 'moved') return undefined;
    const c = result.citations.find((x) => x.findings.includes(f));
    if (!c?.located || !c.document || !c.sourcePath) return undefined;
    const r = fileRange(c.document, c.located.start, c.located.end);
    if (!r) return undefined;
    return new vscode.Location(this.corpus.uri(c.sourcePath), new vscode.Range(r.startLine - 1, r.startColumn - 1, r.endLine - 1, r.endColumn));
  }

  /** The check of the reference (or definition label) at an offset of the document as it is now. */
  async citationAt(document: vscode.TextDocument, offset: number): Promise<CitationCheck | undefined> {
    const result = await this.resultFor(document);
    if (!result) return undefined;
    return (
      result.citations.find((c) => c.reference && c.reference.start <= offset && offset <= c.reference.end) ??
      result.citations.find((c) => c.definition && c.definition.labelStart <= offset && offset <= c.definition.labelEnd)
    );
  }

  /** The finding a diagnostic of the current result stands for. */
  findingFor(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): Finding | undefined {
    const result = this.current(document);
    if (!result) return undefined;
    const start = document.offsetAt(diagnostic.range.start);
    const end = document.offsetAt(diagnostic.range.end);
    return result.findings.find((f) => f.kind === diagnostic.code && f.start === start && Math.max(f.start, f.end) === end);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const r of this.runs.values()) r.cancelled = true;
    for (const d of this.disposables) d.dispose();
  }
}
