import * as vscode from 'vscode';
import { completionQuery } from '../core/completionQuery';
import { asQuotation } from '../core/insertText';
import { shorten } from '../core/text';
import { blockquote, escapeMarkdown } from '../core/markdown';
import { neighbours } from '../core/cite';
import type { Passage, PassageKind } from '../core/types';
import type { CorpusService } from './corpusService';
import type { FootnoteCache } from './footnoteCache';
import { citationContext, citationEdit } from './citationEdit';
import { completionPrefix, quoteStyle } from './config';

export const MARKDOWN: vscode.DocumentSelector = [
  { language: 'markdown', scheme: 'file' },
  { language: 'markdown', scheme: 'untitled' },
  { language: 'markdown', scheme: 'vscode-remote' },
];

const MAX_ITEMS = 20;
const QUOTES: readonly PassageKind[] = ['quote'];
const QUOTES_AND_FACTS: readonly PassageKind[] = ['quote', 'fact'];
/**
 * Appended to every item's filter text. A word typed after the request asks again (the list is incomplete),
 * but a space or punctuation only re-filters the items shown: without these the list would close at the
 * first space of a quote being typed (a closing quotation mark still closes it). The same for every item,
 * so VS Code's filter keeps the ranking.
 */
const TYPED_NEXT = ' ,.;:!?’\'-–—()/ ';

class PassageItem extends vscode.CompletionItem {
  constructor(
    label: vscode.CompletionItemLabel,
    readonly passage: Passage,
  ) {
    super(label, vscode.CompletionItemKind.Reference);
  }
}

export function describePassage(p: Passage): string {
  const md = p.doc.metadata;
  return [p.speaker, md.outlet, md.date].filter(Boolean).join(' · ') || md.title || p.doc.relPath;
}

/** Trigger characters: the quotation marks and the prefix's last character. */
export function triggerCharacters(prefix: string): string[] {
  return [...new Set(['"', '“', prefix[prefix.length - 1]])];
}

/** Register the completion provider, again whenever the prefix setting changes its trigger characters. */
export function registerCompletion(corpus: CorpusService, footnotes: FootnoteCache): vscode.Disposable {
  const provider = new PassageCompletionProvider(corpus, footnotes);
  let triggers = triggerCharacters(completionPrefix());
  let registration = vscode.languages.registerCompletionItemProvider(MARKDOWN, provider, ...triggers);
  const watcher = vscode.workspace.onDidChangeConfiguration((e) => {
    if (!e.affectsConfiguration('sourced.completion.prefix')) return;
    const next = triggerCharacters(completionPrefix());
    if (next.join() === triggers.join()) return;
    triggers = next;
    registration.dispose();
    registration = vscode.languages.registerCompletionItemProvider(MARKDOWN, provider, ...triggers);
  });
  return new vscode.Disposable(() => {
    watcher.dispose();
    registration.dispose();
  });
}

/** Completion of corpus passages; accepting one inserts it with a footnote citation. */
export class PassageCompletionProvider implements vscode.CompletionItemProvider<PassageItem> {

  constructor(
    private readonly corpus: CorpusService,
    private readonly footnotes: FootnoteCache,
  ) {}

  async provideCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
    context: vscode.CompletionContext,
  ): Promise<vscode.CompletionList<PassageItem> | undefined> {
    const line = document.lineAt(position.line).text;
    const q = completionQuery(line, position.character, completionPrefix());
    if (!q) return undefined;
    // A trigger character that did not open a query (a closing quote, a single `@`) asks for nothing.
    if (context.triggerKind === vscode.CompletionTriggerKind.TriggerCharacter && q.trigger === 'none') return undefined;
    // While the corpus is indexed, answer from what is indexed so far (the list is re-queried on every keystroke).
    if (this.corpus.indexedDocuments === 0) return new vscode.CompletionList([], true);
    // Right after a trigger nothing is typed yet: offer quotations to start from. An empty list would
    // not open the suggest widget, and VS Code would not ask again as the writer types.
    const starting = q.query.trim().length < 2;
    if (starting && q.trigger === 'none') return new vscode.CompletionList([], true);

    // After an opening quotation mark, quotations; after the prefix or on invoke, quotations and facts.
    // (Any sentence is reachable through Insert Citation… and Cite Selection.)
    const results = starting ? this.corpus.someQuotes(MAX_ITEMS) : this.corpus.search(q.query, { limit: MAX_ITEMS, kinds: q.trigger === 'quote' ? QUOTES : QUOTES_AND_FACTS });
    if (token.isCancellationRequested) return undefined;
    const range = new vscode.Range(position.line, q.start, position.line, q.end);
    const filterText = document.getText(new vscode.Range(position.line, q.start, position.line, position.character)) + TYPED_NEXT;
    // Typed on while the footnotes were parsed: answer for the text as it is now (an empty answer would end
    // the suggest session; the list is asked for again at once).
    const fn = (await this.footnotes.parsed(document, token)) ?? (token.isCancellationRequested ? undefined : this.footnotes.get(document));
    if (!fn) return undefined;
    const shared = citationContext(document);
    const items = results.map((r, rank) => {
      const p = r.passage;
      const text = q.trigger === 'quote' || p.kind === 'quote' ? asQuotation(p.text, quoteStyle()) : p.text;
      const edit = citationEdit(document, range, text, p, fn, shared);
      const item = new PassageItem({ label: shorten(p.text, 90), description: p.doc.metadata.title ?? p.doc.relPath }, p);
      item.detail = describePassage(p);
      item.filterText = filterText;
      item.sortText = String(rank).padStart(4, '0');
      item.range = edit.range;
      const snippet = new vscode.SnippetString();
      snippet.appendText(edit.plan.text.slice(0, edit.plan.cursor));
      snippet.appendTabstop(0);
      snippet.appendText(edit.plan.text.slice(edit.plan.cursor));
      item.insertText = snippet;
      item.keepWhitespace = true;
      if (edit.append) item.additionalTextEdits = [vscode.TextEdit.insert(edit.append.position, edit.append.text)];
      return item;
    });
    return new vscode.CompletionList(items, true);
  }

  resolveCompletionItem(item: PassageItem, token: vscode.CancellationToken): PassageItem {
    if (token.isCancellationRequested) return item;
    item.documentation = passageDocumentation(item.passage);
    return item;
  }
}

/** The passage in its context, with its source named; corpus text escaped. */
export function passageDocumentation(p: Passage): vscode.MarkdownString {
  const { before, after } = neighbours(p);
  const md = p.doc.metadata;
  const parts = [
    `**${escapeMarkdown(md.title ?? p.doc.relPath)}**`,
    [md.author, md.outlet, md.date].filter(Boolean).map((s) => escapeMarkdown(s as string)).join(' · '),
    before ? `*${escapeMarkdown(shorten(before.text, 200))}*` : '',
    blockquote(p.text),
    after ? `*${escapeMarkdown(shorten(after.text, 200))}*` : '',
    `\`${p.doc.relPath.replace(/`/g, '')}\``,
  ].filter(Boolean);
  const doc = new vscode.MarkdownString(parts.join('\n\n'));
  doc.isTrusted = false;
  doc.supportHtml = false;
  return doc;
}
