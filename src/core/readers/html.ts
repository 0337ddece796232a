/**
 * HTML: the page's main article text (Mozilla Readability over linkedom), not its navigation,
 * sidebars, banners or footer, with metadata from the page's meta tags.
 *
 * Locator: every piece of the extracted text remembers where it came from in the file. The page is
 * tokenised once more with htmlparser2 (the parser linkedom builds its DOM with), which reports the
 * exact file span of each text node, entity by entity; linkedom creates one text node per such span,
 * so the i-th text node of the DOM is the i-th span. Readability moves those nodes into the article
 * without copying them, so each text node of the article still knows its span. Passages of an HTML
 * document are therefore cited by line and column in the .html file itself, like a text file; the
 * range covers the markup inside the passage (`<em>`, `&amp;`).
 */
import { DOMParser } from 'linkedom';
import { Readability } from '@mozilla/readability';
import { Parser } from 'htmlparser2';
import type { DocumentMetadata } from '../types';
import { lineStarts } from '../text';
import { documentDate } from './dates';
import type { ReadOutcome } from './index';
import { MappedText } from './sourceMap';

/** The parts of the DOM this reader uses (linkedom's nodes). */
interface DomNode {
  nodeType: number;
  nodeName: string;
  childNodes: ArrayLike<DomNode>;
  parentNode: DomNode | null;
  data?: string;
  textContent: string | null;
  getAttribute?(name: string): string | null;
}

interface DomDocument extends DomNode {
  documentElement: DomNode | null;
  body: DomNode | null;
  querySelectorAll(selector: string): ArrayLike<DomNode>;
}

const TEXT_NODE = 3;
const CDATA_NODE = 4;
const ELEMENT_NODE = 1;

const BLOCKS = new Set(
  ('address article aside blockquote body caption center dd details dialog div dl dt fieldset figcaption figure footer form ' +
    'h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre section summary table tbody tfoot thead tr ul').split(' '),
);
const CELLS = new Set(['td', 'th']);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'svg', 'math', 'select', 'textarea', 'button', 'head', 'title']);
/** Left out when no article is found and the whole page is read. */
const PAGE_CHROME = new Set(['nav', 'header', 'footer', 'aside', 'form', 'menu']);

/** windows-1252's characters for bytes 0x80–0x9F (empty: undefined, left as they are). */
const WINDOWS_1252 = [...'€\u0000‚ƒ„…†‡ˆ‰Š‹Œ\u0000Ž\u0000\u0000‘’“”•–—˜™š›œ\u0000žŸ'].map((c) => (c === '\u0000' ? '' : c));

/** Decode the bytes: a BOM, else a declared charset, else strict UTF-8. */
export function decodeHtml(bytes: Uint8Array): { text?: string; reason?: string } {
  let label: string | undefined;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) label = 'utf-8';
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) label = 'utf-16le';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) label = 'utf-16be';
  else {
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
    const declared =
      /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1] ?? /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i.exec(head)?.[1];
    label = declared?.toLowerCase();
    if (!label || label === 'utf-16' || label.startsWith('utf-16')) label = 'utf-8'; // a UTF-16 page would have a BOM
    if (bytes.subarray(0, 8192).includes(0)) return { reason: 'binary file (contains NUL bytes)' };
  }
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    return { reason: `unsupported character set "${label}"` };
  }
  try {
    const text = decoder.decode(bytes);
    // Node decodes windows-1252 (the label "latin1" and friends too) as ISO-8859-1: map its 0x80–0x9F itself.
    return { text: decoder.encoding === 'windows-1252' ? text.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252[c.charCodeAt(0) - 0x80] || c) : text };
  } catch {
    return { reason: label === 'utf-8' ? 'not valid UTF-8 text (and no other character set is declared)' : `not valid ${label} text` };
  }
}

interface Span {
  start: number;
  end: number;
  data: string;
  /** Position in the document's sequence of text spans. */
  index: number;
}

/** The file span of every text node, in document order (htmlparser2 with linkedom's options). */
function textSpans(html: string): Span[] {
  const spans: Span[] = [];
  const parser: Parser = new Parser(
    { ontext: (data) => spans.push({ start: parser.startIndex, end: parser.endIndex + 1, data, index: spans.length }) },
    { decodeEntities: true, lowerCaseAttributeNames: false },
  );
  parser.write(html);
  parser.end();
  return spans;
}

function textNodes(root: DomNode, out: DomNode[] = []): DomNode[] {
  const children = root.childNodes;
  for (let i = 0; i < children.length; i++) {
    const c = children[i];
    if (c.nodeType === TEXT_NODE || c.nodeType === CDATA_NODE) out.push(c);
    else textNodes(c, out);
  }
  return out;
}

/** Pair each DOM text node with its file span. */
function locateTextNodes(doc: DomDocument, spans: Span[]): Map<DomNode, Span> {
  const located = new Map<DomNode, Span>();
  let next = 0;
  for (const node of textNodes(doc)) {
    // The same sequence as the tokeniser's, so the match is normally the very next span.
    for (let j = next; j < spans.length && j < next + 8; j++) {
      if (spans[j].data === node.data) {
        located.set(node, spans[j]);
        next = j + 1;
        break;
      }
    }
  }
  return located;
}

const isHidden = (node: DomNode) => {
  const hidden = node.getAttribute?.('hidden');
  return hidden !== null && hidden !== undefined;
};

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';

/** The readable text of an element, paragraph by paragraph, mapped back to the file. */
class TextBuilder {
  readonly out = new MappedText();
  private newlines = 0;
  private space: { s?: number; sl?: number } | undefined;
  private cursor = 0;

  constructor(
    private readonly html: string,
    private readonly located: Map<DomNode, Span>,
    private readonly spans: Span[],
    private readonly leaveOut: ReadonlySet<string>,
  ) {}

  element(node: DomNode, pre = false): void {
    const children = node.childNodes;
    for (let i = 0; i < children.length; i++) {
      const c = children[i];
      if (c.nodeType === TEXT_NODE || c.nodeType === CDATA_NODE) {
        this.text(c, pre);
        continue;
      }
      if (c.nodeType !== ELEMENT_NODE) continue;
      const tag = c.nodeName.toLowerCase();
      if (SKIP.has(tag) || this.leaveOut.has(tag) || isHidden(c)) continue;
      if (tag === 'br') {
        this.newlines = Math.max(this.newlines, 1);
        continue;
      }
      const block = BLOCKS.has(tag);
      if (block) this.newlines = 2;
      else if (CELLS.has(tag) && this.out.length && this.newlines === 0) this.space = {};
      this.element(c, pre || tag === 'pre');
      if (block) this.newlines = 2;
    }
  }

  private text(node: DomNode, pre: boolean): void {
    const data = node.data ?? '';
    let span = this.located.get(node);
    if (!span) {
      // A node Readability had to re-create: find its span further on.
      for (let j = this.cursor; j < this.spans.length; j++) if (this.spans[j].data === data) {
        span = this.spans[j];
        break;
      }
    }
    if (span) this.cursor = Math.max(this.cursor, span.index + 1);
    const linear = !!span && span.end - span.start === data.length && this.html.startsWith(data, span.start);
    if (span && !linear) {
      // An entity (or a span the tokeniser decoded): all or nothing.
      this.word(data.replace(/\u00a0/g, ' '), span.start, span.end - span.start, pre);
      return;
    }
    const at = (i: number) => (span ? span.start + i : undefined);
    let i = 0;
    while (i < data.length) {
      let j = i;
      if (!pre && isSpace(data[i])) {
        while (j < data.length && isSpace(data[j])) j++;
        if (this.out.length && this.newlines === 0 && !isSpace(this.out.lastChar)) this.space = { s: at(i), sl: span ? j - i : undefined };
      } else {
        while (j < data.length && (pre || !isSpace(data[j]))) j++;
        const s = at(i);
        this.word(data.slice(i, j).replace(/\u00a0/g, ' '), s, s === undefined ? undefined : j - i, pre);
      }
      i = j;
    }
  }

  private word(text: string, s: number | undefined, sl: number | undefined, pre: boolean): void {
    if (!pre && text.trim() === '') {
      if (this.out.length && this.newlines === 0) this.space = { s, sl };
      return;
    }
    if (this.out.length && this.newlines > 0) this.out.append('\n'.repeat(this.newlines));
    else if (this.space && this.out.length) this.out.append(' ', this.space.s, this.space.sl);
    this.newlines = 0;
    this.space = undefined;
    this.out.append(text, s, sl);
  }
}

type JsonLd = Record<string, unknown>;

function jsonLdArticles(doc: DomDocument): JsonLd[] {
  const out: JsonLd[] = [];
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      const o = v as JsonLd;
      const type = ([] as unknown[]).concat(o['@type'] ?? []).map(String);
      if (type.some((t) => /Article|BlogPosting|Report|WebPage/.test(t))) out.push(o);
      if (o['@graph']) visit(o['@graph']);
    }
  };
  const scripts = doc.querySelectorAll('script[type="application/ld+json"]');
  for (let i = 0; i < scripts.length; i++) {
    try {
      visit(JSON.parse(scripts[i].textContent ?? ''));
    } catch {
      /* not JSON: ignore */
    }
  }
  return out;
}

function names(v: unknown): string | undefined {
  const list = ([] as unknown[]).concat(v ?? []).map((x) => (typeof x === 'string' ? x : x && typeof x === 'object' ? (x as JsonLd).name : undefined));
  const strings = list.filter((x): x is string => typeof x === 'string' && x.trim() !== '');
  return strings.length ? strings.join(', ') : undefined;
}

const isUrl = (s: string | undefined): s is string => !!s && /^https?:\/\/\S+$/i.test(s.trim());

/** Metadata from meta tags, the canonical link and JSON-LD (read before Readability changes the page). */
function pageMetadata(doc: DomDocument): DocumentMetadata {
  const meta = new Map<string, string>();
  const tags = doc.querySelectorAll('meta');
  for (let i = 0; i < tags.length; i++) {
    const key = (tags[i].getAttribute?.('property') ?? tags[i].getAttribute?.('name') ?? tags[i].getAttribute?.('itemprop'))?.toLowerCase().trim();
    const content = tags[i].getAttribute?.('content')?.trim();
    if (key && content && !meta.has(key)) meta.set(key, content);
  }
  const pick = (...keys: string[]) => keys.map((k) => meta.get(k)).find((v) => v);
  const ld = jsonLdArticles(doc);
  const fromLd = (key: string) => ld.map((o) => o[key]).find((v) => v !== undefined);

  const md: DocumentMetadata = {};
  const title = pick('og:title', 'twitter:title', 'dc.title', 'dcterms.title', 'title') ?? (fromLd('headline') as string | undefined);
  if (typeof title === 'string') md.title = title;
  const metaAuthor = pick('author', 'article:author', 'dc.creator', 'dcterms.creator', 'parsely-author', 'sailthru.author', 'byl');
  const author = (metaAuthor && !isUrl(metaAuthor) ? metaAuthor : undefined) ?? names(fromLd('author'));
  if (author) md.author = author.replace(/^by\s+/i, '');
  const date =
    pick('article:published_time', 'og:published_time', 'datepublished', 'date', 'pubdate', 'publishdate', 'dc.date', 'dcterms.created', 'dcterms.date', 'parsely-pub-date', 'sailthru.date') ??
    (fromLd('datePublished') as string | undefined);
  if (typeof date === 'string') md.date = documentDate(date) ?? date;
  const outlet = pick('og:site_name', 'application-name', 'publisher', 'dc.publisher') ?? names(fromLd('publisher'));
  if (outlet) md.outlet = outlet;
  const links = doc.querySelectorAll('link[rel~="canonical"]');
  const canonical = links.length ? links[0].getAttribute?.('href')?.trim() : undefined;
  const ogUrl = pick('og:url', 'twitter:url');
  let url = isUrl(canonical) ? canonical : undefined;
  if (!url && canonical && isUrl(ogUrl)) {
    try {
      url = new URL(canonical, ogUrl).href;
    } catch {
      /* not a URL */
    }
  }
  url ??= isUrl(ogUrl) ? ogUrl : (fromLd('url') as string | undefined);
  if (isUrl(url)) md.url = url;
  return md;
}

/** Read an HTML page: its article text (mapped back to the file) and metadata. */
export async function readHtml(bytes: Uint8Array): Promise<ReadOutcome> {
  const decoded = decodeHtml(bytes);
  if (decoded.text === undefined) return { reason: decoded.reason ?? 'cannot be decoded' };
  const html = decoded.text;
  const spans = textSpans(html);
  const doc = new DOMParser().parseFromString(html, 'text/html') as unknown as DomDocument;
  const located = locateTextNodes(doc, spans);
  const metadata = pageMetadata(doc);
  const titleElement = doc.querySelectorAll('title')[0]?.textContent?.trim();

  let article: ReturnType<Readability<DomNode>['parse']> = null;
  try {
    article = new Readability<DomNode>(doc as never, { serializer: (el) => el as unknown as DomNode }).parse();
  } catch {
    article = null; // not an article page: read the whole page below
  }
  let builder = new TextBuilder(html, located, spans, new Set());
  if (article?.content) builder.element(article.content);
  if (builder.out.toString().trim().length < 200) {
    // No article found (or a very short one): the page's text without its navigation and furniture.
    const page = doc.body ?? doc.documentElement;
    if (page) {
      const whole = new TextBuilder(html, located, spans, PAGE_CHROME);
      whole.element(page);
      if (whole.out.length > builder.out.length) builder = whole;
    }
  }
  const text = builder.out.toString();
  if (!text.trim()) return { reason: 'HTML page has no readable text' };

  if (!metadata.title) {
    const title = article?.title?.trim() || titleElement;
    if (title) metadata.title = title;
  }
  if (!metadata.author && article?.byline) metadata.author = article.byline.replace(/^by\s+/i, '').trim();
  if (!metadata.date && article?.publishedTime) metadata.date = documentDate(article.publishedTime) ?? article.publishedTime;
  if (!metadata.outlet && article?.siteName) metadata.outlet = article.siteName;
  return {
    format: 'html',
    text,
    metadata,
    sourceMap: { lineStarts: lineStarts(html), length: html.length, runs: builder.out.runs },
  };
}
