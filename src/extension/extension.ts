import * as vscode from 'vscode';
import { createLogger } from './logging';
import { parseFootnotes } from '../core/footnotes';
import { CorpusService } from './corpusService';
import { FootnoteCache } from './footnoteCache';
import { MARKDOWN, registerCompletion } from './completion';
import { citeSelection } from './citeSelection';
import { FootnoteHoverProvider } from './hover';
import { OPEN_SOURCE, disposeHighlight, highlightedPassage, openSource, useSourceDocuments } from './openSource';
import { CitationLinkProvider, FootnoteDefinitionProvider } from './definition';
import { registerRenameLinks } from './renameLinks';
import { COPY_CITATION, SHOW_CITATIONS_OF, copyCitation, showCitationsOf } from './citationCommands';
import { registerExtractedText } from './extractedText';
import { searchCorpus } from './searchCorpus';
import { insertCitation } from './insertCitation';
import { RENUMBER_FOOTNOTES, renumberFootnotes } from './renumber';
import { CitationChecker } from './diagnostics';
import { CitationActionProvider } from './checkActions';
import { CitationStatus } from './citationStatus';

/** What the extension exports: tests and other extensions await `ready` instead of sleeping. */
export interface SourcedApi {
  /** Resolves when the corpus has been indexed once. */
  ready: Promise<void>;
  corpus: CorpusService;
  /** The citation checks of open briefings, and their status bar item. */
  checks: CitationChecker;
  citationStatus: CitationStatus;
  /** The passage highlighted by the last Open Source, until its document is edited. */
  highlighted(): { uri: string; range: vscode.Range } | undefined;
  /** How long `activate` took, in milliseconds (indexing runs after it, in the background). */
  activationMs: number;
}

export function activate(context: vscode.ExtensionContext): SourcedApi {
  const started = performance.now();
  const { channel, logger } = createLogger();
  const corpus = new CorpusService(logger, context.storageUri ?? context.globalStorageUri);
  const footnotes = new FootnoteCache();
  const checks = new CitationChecker(corpus, footnotes, logger);
  const citationStatus = new CitationStatus(checks);
  context.subscriptions.push(
    channel,
    corpus,
    footnotes,
    registerCompletion(corpus, footnotes),
    vscode.languages.registerHoverProvider(MARKDOWN, new FootnoteHoverProvider(corpus, footnotes, checks)),
    checks,
    citationStatus,
    vscode.languages.registerCodeActionsProvider(MARKDOWN, new CitationActionProvider(checks, corpus, footnotes), CitationActionProvider.metadata),
    vscode.commands.registerCommand(OPEN_SOURCE, openSource),
    registerExtractedText(corpus),
    useSourceDocuments((path) => corpus.document(path)),
    vscode.commands.registerCommand('sourced.searchCorpus', (input?: unknown) => searchCorpus(corpus, input)),
    vscode.commands.registerCommand('sourced.insertCitation', (input?: unknown) => insertCitation(corpus, footnotes, input)),
    vscode.commands.registerCommand('sourced.citeSelection', (input?: unknown) => citeSelection(corpus, footnotes, input)),
    vscode.commands.registerCommand('sourced.reindex', () =>
      vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Sourced: indexing corpus' }, () => corpus.rebuild()),
    ),
    vscode.commands.registerCommand(RENUMBER_FOOTNOTES, renumberFootnotes),
    vscode.languages.registerDefinitionProvider(MARKDOWN, new FootnoteDefinitionProvider(corpus, footnotes, checks)),
    vscode.languages.registerDocumentLinkProvider(MARKDOWN, new CitationLinkProvider(corpus, footnotes, checks)),
    vscode.commands.registerCommand(SHOW_CITATIONS_OF, (args?: { uri?: string }) => showCitationsOf(args)),
    vscode.commands.registerCommand(COPY_CITATION, (args?: { uri?: string; label?: string }) => copyCitation(footnotes, args)),
    { dispose: disposeHighlight },
    registerRenameLinks(),
    vscode.commands.registerCommand('sourced.showLog', () => channel.show()),
  );
  // Index in the background: activation returns at once. Then load the Markdown parser while idle,
  // so that the first keystroke in a briefing does not pay for it.
  void corpus.reload();
  void corpus.ready.then(() => setTimeout(() => parseFootnotes('Warm.[^1]\n\n[^1]: up\n'), 0));
  const activationMs = performance.now() - started;
  logger.info(`Activated in ${activationMs.toFixed(1)} ms`);
  return { ready: corpus.ready, corpus, checks, citationStatus, highlighted: highlightedPassage, activationMs };
}

export function deactivate(): void {}
