import * as vscode from 'vscode';
import type { CorpusService } from './corpusService';
import type { FootnoteCache } from './footnoteCache';
import type { CitationChecker } from './diagnostics';
import { citationTarget } from './citationTarget';
import { OPEN_SOURCE, placeOf } from './openSource';

/** F12 / Peek Definition on `[^n]` goes to the cited passage in the source. */
export class FootnoteDefinitionProvider implements vscode.DefinitionProvider {
  constructor(
    private readonly corpus: CorpusService,
    private readonly footnotes: FootnoteCache,
    private readonly checker: CitationChecker,
  ) {}

  async provideDefinition(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Location | undefined> {
    const fn = await this.footnotes.parsed(document, token);
    if (!fn) return undefined;
    const t = await citationTarget(this.corpus, this.checker, document, fn, document.offsetAt(position), token);
    if (!t?.open || token.isCancellationRequested) return undefined;
    const place = await placeOf(vscode.Uri.parse(t.open.uri, true), t.open.range);
    const r = place.range ?? [0, 0, 0, 0];
    return new vscode.Location(place.uri, new vscode.Range(r[0], r[1], r[2], r[3]));
  }
}

interface CitationLinkItem extends vscode.DocumentLink {
  document: vscode.TextDocument;
  offset: number;
}

/** The link in a footnote definition opens the source with the passage selected. */
export class CitationLinkProvider implements vscode.DocumentLinkProvider<CitationLinkItem> {
  constructor(
    private readonly corpus: CorpusService,
    private readonly footnotes: FootnoteCache,
    private readonly checker: CitationChecker,
  ) {}

  async provideDocumentLinks(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<CitationLinkItem[]> {
    const fn = await this.footnotes.parsed(document, token);
    if (!fn) return [];
    const out: CitationLinkItem[] = [];
    for (const def of fn.definitions) {
      const m = /\[(?:[^\]\\]|\\.)*\]\(\s*(<[^>]*>|[^\s)]+)/.exec(def.content);
      if (!m || /^[a-z][a-z0-9+.-]*:/i.test(m[1].replace(/^</, ''))) continue;
      const start = def.contentStart + (m.index ?? 0) + m[0].length - m[1].length;
      const link = new vscode.DocumentLink(new vscode.Range(document.positionAt(start), document.positionAt(start + m[1].length))) as CitationLinkItem;
      link.tooltip = 'Open the source with the passage selected';
      link.document = document;
      link.offset = def.labelStart;
      out.push(link);
    }
    return out;
  }

  async resolveDocumentLink(link: CitationLinkItem, token: vscode.CancellationToken): Promise<CitationLinkItem> {
    const fn = await this.footnotes.parsed(link.document, token);
    const t = fn && (await citationTarget(this.corpus, this.checker, link.document, fn, link.offset, token));
    if (t?.open) link.target = vscode.Uri.parse(`command:${OPEN_SOURCE}?${encodeURIComponent(JSON.stringify([t.open]))}`);
    return link;
  }
}
