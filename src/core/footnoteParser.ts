/**
 * Finding footnote references and definitions with exact offsets, as GitHub and Pandoc read them:
 * CommonMark with the GFM footnote extension (micromark). Not in code spans, fences, indented code,
 * HTML or after a backslash; in blockquotes and lists too; definitions with indented continuation
 * lines; CRLF line ends.
 *
 * GFM reads `[^x]` as a reference only when `x` is defined. A reference to a label without a
 * definition is still one the writer meant, so every label written as `[^x]` anywhere counts as
 * defined while parsing: the parser then finds all references by the same rules.
 *
 * The document is parsed in pieces that start where every block before has ended (see `cuts`); a
 * piece that ends inside fenced code or an HTML block is parsed together with the next. Pieces are cached by their text, so typing in one paragraph re-parses only that one.
 */
import { parse, postprocess, preprocess } from 'micromark';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';

export interface FootnoteReference {
  label: string;
  /** Span of `[^label]`. */
  start: number;
  end: number;
}

export interface FootnoteDefinition {
  label: string;
  /** From the start of the definition's line to the end of its last continuation line (no line break). */
  start: number;
  end: number;
  /** Span of `[^label]` at the start of the definition. */
  labelStart: number;
  labelEnd: number;
  contentStart: number;
  content: string;
  /**
   * Spans within `[start, end)` that belong to the blockquotes and list items around the definition
   * (`> `, `- `, their indentation on continuation lines). Without them the definition reads as it
   * would at the top level.
   */
  outer: Array<[number, number]>;
  /** Inside another definition's content. */
  nested: boolean;
}

export interface Footnotes {
  references: FootnoteReference[];
  definitions: FootnoteDefinition[];
}

type Span = [number, number];
type MicromarkEvent = ReturnType<typeof postprocess>[number];

/** GFM compares footnote labels case-insensitively. */
export function labelKey(label: string): string {
  return label.toLowerCase();
}

export function isNumericLabel(label: string): boolean {
  return /^\d+$/.test(label);
}

/** What one piece of a document holds; offsets relative to the piece. */
interface Piece {
  references: FootnoteReference[];
  definitions: Array<{ label: string; labelStart: number; labelEnd: number; end: number; nested: boolean }>;
  /** Per-line prefixes of blockquotes and list items. */
  prefixes: Span[];
  /** Indentation that continues a footnote definition. */
  indents: Span[];
  code: Span[];
  /** The piece ends in fenced code or an HTML block, which a blank line does not close. */
  open: boolean;
}

const CODE = new Set<string>(['codeText', 'codeFenced', 'codeIndented']);
const CONTAINER_PREFIX = new Set<string>(['blockQuotePrefix', 'listItemIndent']);
const SPACING = new Set<string>(['lineEnding', 'lineEndingBlank', 'linePrefix']);
/**
 * Tokens that do not make a definition longer: line breaks, the prefixes of the lines after it, and
 * containers (whose ends micromark may put after the next line's prefixes).
 */
const NOT_CONTENT = new Set<string>([
  ...SPACING,
  ...CONTAINER_PREFIX,
  'blockQuoteMarker',
  'blockQuotePrefixWhitespace',
  'gfmFootnoteDefinitionIndent',
  'blockQuote',
  'listOrdered',
  'listUnordered',
  'gfmFootnoteDefinition',
]);
const CANDIDATE = /\[\^([^[\]\s]+)\]/g;

function parsePiece(text: string): Piece {
  const parser = parse({ extensions: [gfmFootnote()] });
  parser.gfmFootnotes = [...new Set([...text.matchAll(CANDIDATE)].map((m) => m[1].toLowerCase().toUpperCase()))];
  const events: MicromarkEvent[] = postprocess(parser.document().write(preprocess()(text, undefined, true)));
  const piece: Piece = { references: [], definitions: [], prefixes: [], indents: [], code: [], open: false };
  const openDefs: Piece['definitions'] = [];
  let call: FootnoteReference | undefined;
  let depth = 0;
  let last = '';
  for (const [kind, token] of events) {
    if (kind === 'exit') {
      depth--;
      if (token.type === 'gfmFootnoteDefinition') openDefs.pop();
      continue;
    }
    if (depth === 0 && !SPACING.has(token.type)) last = token.type;
    depth++;
    const start = token.start.offset;
    const end = token.end.offset;
    if (!NOT_CONTENT.has(token.type)) for (const d of openDefs) d.end = Math.max(d.end, end);
    if (CODE.has(token.type)) piece.code.push([start, end]);
    switch (token.type) {
      case 'gfmFootnoteCall':
        call = { label: '', start, end };
        piece.references.push(call);
        break;
      case 'gfmFootnoteCallString':
        if (call) call.label = text.slice(start, end);
        break;
      case 'gfmFootnoteDefinition': {
        const def = { label: '', labelStart: start, labelEnd: start, end: start, nested: openDefs.length > 0 };
        piece.definitions.push(def);
        openDefs.push(def);
        break;
      }
      case 'gfmFootnoteDefinitionLabel': {
        const def = openDefs[openDefs.length - 1];
        if (def && def.labelEnd === def.labelStart) def.labelEnd = end;
        break;
      }
      case 'gfmFootnoteDefinitionLabelString': {
        const def = openDefs[openDefs.length - 1];
        if (def && !def.label) def.label = text.slice(start, end);
        break;
      }
      case 'gfmFootnoteDefinitionIndent':
        piece.indents.push([start, end]);
        break;
      default:
        if (CONTAINER_PREFIX.has(token.type)) piece.prefixes.push([start, end]);
    }
  }
  piece.open = last === 'codeFenced' || last === 'htmlFlow';
  return piece;
}

const MAX_CACHED = 2000;
const cache = new Map<string, Piece>();

function cachedPiece(text: string): Piece {
  const hit = cache.get(text);
  if (hit) {
    cache.delete(text);
    cache.set(text, hit);
    return hit;
  }
  const piece = parsePiece(text);
  cache.set(text, piece);
  if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value as string);
  return piece;
}

/** Pieces are at least this long (characters), unless the text ends. */
const MIN_PIECE = 400;
/** A piece longer than this is cut at the next place that allows it. */
const MAX_PIECE = 6000;

/**
 * Where pieces may start: after a blank line at a line that starts with neither space nor tab, or at
 * an unindented footnote definition (it closes any blockquote, list or paragraph before it). Which
 * of these places are taken depends on the text that follows them, so an edit shifts no cut but its own.
 */
function cuts(text: string): number[] {
  const out = [0];
  let last = 0;
  for (const m of text.matchAll(/\n[ \t]*\r?\n(?=\S)|\n(?=\[\^[^[\]\s]+\]:)/g)) {
    const at = (m.index ?? 0) + m[0].length;
    const size = at - last;
    if (size >= MAX_PIECE || (size >= MIN_PIECE && lineHash(text, at) % 4 === 0)) {
      out.push(at);
      last = at;
    }
  }
  return out;
}

function lineHash(text: string, at: number): number {
  let h = 2166136261;
  for (let i = at; i < Math.min(text.length, at + 32); i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** The document's pieces, each with its offset, parsed (or taken from the cache) one at a time. */
function* walkPieces(text: string): Generator<{ offset: number; piece: Piece }> {
  const starts = cuts(text);
  for (let i = 0; i < starts.length; ) {
    let j = i + 1;
    for (;;) {
      const piece = cachedPiece(text.slice(starts[i], j < starts.length ? starts[j] : text.length));
      if (!piece.open || j >= starts.length) {
        yield { offset: starts[i], piece };
        break;
      }
      // Fenced code or an HTML block may go on past the blank line: take more of the text.
      j = Math.min(starts.length, j + (j - i));
    }
    i = j;
  }
}

function pieces(text: string, whole = false): Array<{ offset: number; piece: Piece }> {
  return whole ? [{ offset: 0, piece: parsePiece(text) }] : [...walkPieces(text)];
}

/**
 * Parse a large document's pieces into the cache without holding the thread: `pause` is awaited after
 * every `sliceMs` of work (and `cancelled` checked), so that `parseFootnotes` afterwards is quick.
 */
export async function prepareFootnotes(text: string, pause: () => Promise<void>, cancelled: () => boolean = () => false, sliceMs = 10): Promise<void> {
  let sliceStart = performance.now();
  const walk = walkPieces(text);
  while (!walk.next().done) {
    if (performance.now() - sliceStart < sliceMs) continue;
    await pause();
    if (cancelled()) return;
    sliceStart = performance.now();
  }
}

function lineEndOf(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  const end = nl === -1 ? text.length : nl;
  return end > offset && text[end - 1] === '\r' ? end - 1 : end;
}

/** Code spans, fenced and indented code, where `[^n]` is not a footnote. */
export function codeSpans(text: string): Array<[number, number]> {
  try {
    return pieces(text).flatMap(({ offset, piece }) => piece.code.map(([s, e]): Span => [s + offset, e + offset]));
  } catch {
    return [];
  }
}

export interface ParseOptions {
  /** Parse the text in one go instead of in cached pieces (same result, slower; for checking). */
  whole?: boolean;
}

export function parseFootnotes(text: string, options: ParseOptions = {}): Footnotes {
  const references: FootnoteReference[] = [];
  const definitions: FootnoteDefinition[] = [];
  if (!text.includes('[^')) return { references, definitions };
  let parsed: Array<{ offset: number; piece: Piece }>;
  try {
    parsed = pieces(text, options.whole);
  } catch {
    return { references, definitions };
  }
  for (const { offset, piece } of parsed) {
    for (const r of piece.references) references.push({ label: r.label, start: r.start + offset, end: r.end + offset });
    const prefixes = new Map(piece.prefixes.map(([s, e]) => [s + offset, e + offset]));
    const indents = piece.indents.map(([s, e]): Span => [s + offset, e + offset]);
    for (const d of piece.definitions) {
      const labelStart = d.labelStart + offset;
      const labelEnd = d.labelEnd + offset;
      const start = text.lastIndexOf('\n', labelStart - 1) + 1;
      const end = lineEndOf(text, d.end + offset);
      const colon = labelEnd + 1;
      const contentStart = Math.min(end, colon + (text[colon] === ' ' || text[colon] === '\t' ? 1 : 0));
      const def: FootnoteDefinition = {
        label: d.label,
        start,
        end,
        labelStart,
        labelEnd,
        contentStart,
        content: text.slice(contentStart, end),
        outer: [],
        nested: d.nested,
      };
      def.outer = outerPrefixes(text, def, prefixes, indents);
      definitions.push(def);
    }
  }
  return { references, definitions };
}

/** The container prefixes on each line of a definition (see `FootnoteDefinition.outer`). */
function outerPrefixes(text: string, def: FootnoteDefinition, prefixes: ReadonlyMap<number, number>, indents: readonly Span[]): Span[] {
  const out: Span[] = [];
  if (def.labelStart > def.start) out.push([def.start, def.labelStart]);
  for (let nl = text.indexOf('\n', def.labelStart); nl !== -1 && nl < def.end; nl = text.indexOf('\n', nl + 1)) {
    const lineStart = nl + 1;
    let at = lineStart;
    for (let next = prefixes.get(at); next !== undefined && next > at; next = prefixes.get(at)) at = next;
    const lineEnd = lineEndOf(text, lineStart);
    const indent = indents.find(([s]) => s >= lineStart && s <= lineEnd);
    if (indent && indent[0] < at) at = indent[0];
    if (at > lineStart) out.push([lineStart, at]);
  }
  return out;
}
