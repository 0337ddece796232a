import * as vscode from 'vscode';
import { footnoteAt, parseCitationLink } from '../core/footnotes';
import { sourceRange } from '../core/cite';
import { locatorOffsets } from '../core/readers/locator';
import { dirname, joinPath } from '../core/fs';
import { blockquote, commandLink, escapeMarkdown } from '../core/markdown';
import type { CorpusService } from './corpusService';
import type { FootnoteCache } from './footnoteCache';
import type { CitationChecker } from './diagnostics';
import { passageMarkdown, verdictMarkdown } from '../core/checks/render';
import { OPEN_SOURCE, type OpenSourceArgs } from './openSource';

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
    const at = footnoteAt(fn, document.offsetAt(position));
    if (!at) return undefined;
    const range = new vscode.Range(document.positionAt(at.start), document.positionAt(at.end));
    const definition = fn.definitions.find((d) => d.label === at.label);
    const md = new vscode.MarkdownString();
    md.isTrusted = { enabledCommands: [OPEN_SOURCE] };
    md.supportHtml = false;
    if (!definition) {
      md.appendMarkdown(`✗ No definition for \`[^${escapeMarkdown(at.label)}]\` in this document.`);
      return new vscode.Hover(md, range);
    }
    const link = parseCitationLink(definition.content);
    if (!link) {
      md.appendMarkdown(`Footnote \`[^${escapeMarkdown(at.label)}]\` does not link to a corpus file.`);
      return new vscode.Hover(md, range);
    }
    const path = joinPath(dirname(document.uri.path), link.path);
    const source = await this.corpus.document(path);
    if (token.isCancellationRequested) return undefined;
    if (!source) {
      md.appendMarkdown(`✗ The cited file cannot be read: \`${escapeMarkdown(link.path)}\``);
      return new vscode.Hover(md, range);
    }
    const check = await this.checker?.citationAt(document, document.offsetAt(position));
    if (token.isCancellationRequested) return undefined;
    // Where the checks found the passage (it may have moved), else where the link points:
    // lines and columns (text, Markdown, HTML) or page/paragraph and offsets (PDF, DOCX).
    const offsets =
      check?.located && check.document === source
        ? check.located
        : check?.status === 'not-found'
          ? undefined
          : link.fragment
            ? locatorOffsets(source, link.fragment)
            : undefined;
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
    const r = offsets ? sourceRange(source, offsets.start, offsets.end) : undefined;
    const args: OpenSourceArgs = { uri: this.corpus.uri(path).toString() };
    if (r) args.range = [r.startLine - 1, r.startColumn - 1, r.endLine - 1, r.endColumn];
    md.appendMarkdown(`${commandLink('Open source', OPEN_SOURCE, args)} · \`${escapeMarkdown(source.relPath)}\``);
    return new vscode.Hover(md, range);
  }
}
