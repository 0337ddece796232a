import * as vscode from 'vscode';
import { blockquote, commandLink, escapeMarkdown } from '../core/markdown';
import type { CorpusService } from './corpusService';
import type { FootnoteCache } from './footnoteCache';
import type { CitationChecker } from './diagnostics';
import { passageMarkdown, verdictMarkdown } from '../core/checks/render';
import { OPEN_SOURCE } from './openSource';
import { citationTarget } from './citationTarget';
import { COPY_CITATION, SHOW_CITATIONS_OF } from './citationCommands';

/** Hovering `[^n]` shows the cited passage, its source, and a link that opens it selected. */
export class FootnoteHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly corpus: CorpusService,
    private readonly footnotes: FootnoteCache,
    private readonly checker?: CitationChecker,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const fn = await this.footnotes.parsed(document, token);
    if (!fn) return undefined;
    const t = await citationTarget(this.corpus, this.checker, document, fn, document.offsetAt(position), token);
    if (!t || token.isCancellationRequested) return undefined;
    const range = new vscode.Range(document.positionAt(t.start), document.positionAt(t.end));
    const md = new vscode.MarkdownString();
    md.isTrusted = { enabledCommands: [OPEN_SOURCE, SHOW_CITATIONS_OF, COPY_CITATION] };
    md.supportHtml = false;
    const label = escapeMarkdown(t.label);
    if (!t.definition) {
      md.appendMarkdown(`✗ No definition for \`[^${label}]\` in this document.`);
      return new vscode.Hover(md, range);
    }
    const copy = commandLink('Copy citation', COPY_CITATION, { uri: document.uri.toString(), label: t.label });
    if (!t.link || !t.path) {
      md.appendMarkdown(`Footnote \`[^${label}]\` does not link to a corpus file. ${copy}`);
      return new vscode.Hover(md, range);
    }
    const source = t.source;
    if (!source) {
      md.appendMarkdown(`✗ The cited file cannot be read: \`${escapeMarkdown(t.link.path)}\``);
      return new vscode.Hover(md, range);
    }
    const { check, offsets, link } = t;
    const meta = source.metadata;
    md.appendMarkdown(`**${escapeMarkdown(meta.title ?? source.relPath)}**`);
    const byline = [meta.author, meta.outlet, meta.date].filter(Boolean).map((s) => escapeMarkdown(s as string));
    if (byline.length) md.appendMarkdown(`  \n${byline.join(' · ')}`);
    md.appendMarkdown('\n\n');
    if (check) md.appendMarkdown(verdictMarkdown(check) + '\n\n');
    if (offsets && check?.context) md.appendMarkdown(passageMarkdown(source.text.slice(offsets.start, offsets.end), check.context) + '\n\n');
    else if (offsets) md.appendMarkdown(blockquote(source.text.slice(offsets.start, offsets.end)) + '\n\n');
    else if (check?.status === 'not-found') md.appendMarkdown(''); // the verdict above says why
    else if (link.range) md.appendMarkdown(`✗ The cited lines are not in the file any more.\n\n`);
    else if (link.fragment) md.appendMarkdown(`✗ The cited passage (#${escapeMarkdown(link.fragment)}) is not in the file any more.\n\n`);
    const links = [
      commandLink('Open source', OPEN_SOURCE, t.open),
      commandLink('Show all citations of this source', SHOW_CITATIONS_OF, { uri: t.open?.uri }),
      copy,
    ];
    md.appendMarkdown(`${links.join(' · ')} · \`${escapeMarkdown(source.relPath)}\``);
    return new vscode.Hover(md, range);
  }
}
