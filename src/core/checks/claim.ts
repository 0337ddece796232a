/**
 * The claim a footnote reference cites: the text in quotation marks immediately before it in the
 * same sentence (a quote), or else the sentence (or the part of it since the previous reference) that
 * carries it (a fact).
 */
import type { FootnoteReference } from '../footnotes';
import { sentences, type Span } from '../segment';
import { lineStarts, offsetToPosition } from '../text';
import { Memo } from './memo';

export interface Claim {
  kind: 'quote' | 'fact';
  /** The quoted words (inside the marks), or the sentence part, as written. */
  text: string;
  /** Offsets of `text` in the briefing. */
  start: number;
  end: number;
  /** Offsets of the sentence part that carries the reference. */
  sentenceStart: number;
  sentenceEnd: number;
  /** The sentence part with references, link targets and line markers blanked out: where its figures are read. */
  figureText: string;
  /** The quotation marks, for quotes. */
  open?: string;
  close?: string;
}

const CLOSERS: Record<string, string> = { '”': '“„', '"': '"', '»': '«', '’': '‘', '“': '„' };
const BLOCK_START = /^ {0,3}(?:>[ \t]?)*(?:#{1,6}(?:[ \t]|$)|[-*+][ \t]|\d{1,9}[.)][ \t]|\[\^[^\]\s]+\]:|```|~~~)/;
const HEADING = /^ {0,3}(?:>[ \t]?)*#{1,6}(?:[ \t]|$)/;
const MARKER = '(?:#{1,6}[ \\t]+|[-*+][ \\t]+|\\d{1,9}[.)][ \\t]+|\\[\\^[^\\]\\s]+\\]:[ \\t]?)';
const PREFIX = new RegExp(`^ {0,3}(?:(?:>[ \\t]?)+${MARKER}?|${MARKER})`, 'gm');

const REF = /\[\^[^\]\s]+\]/g;
const LINK_TARGET = /\]\((?:<[^>\n]*>|[^\s)]*)(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\)/g;
const LINK_OPEN = /!?\[(?=[^\]\n]*\]\()/g;

/**
 * A block with footnote references, link targets and line markers (quote `>`, list bullets, heading
 * hashes) blanked out with spaces: same length, same offsets, no stray figures or sentence marks.
 */
export function maskBlock(text: string): string {
  const spans: Array<[number, number]> = [];
  for (const re of [REF, LINK_TARGET, LINK_OPEN, PREFIX]) for (const m of text.matchAll(re)) if (m[0]) spans.push([m.index ?? 0, (m.index ?? 0) + m[0].length]);
  if (!spans.length) return text;
  spans.sort((a, b) => a[0] - b[0]);
  const parts: string[] = [];
  let at = 0;
  for (const [s, e] of spans) {
    if (e <= at) continue;
    const from = Math.max(s, at);
    parts.push(text.slice(at, from), text.slice(from, e).replace(/[^\r\n]/g, ' '));
    at = e;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

interface Block {
  masked: string;
  /** Sentences, relative to the block. */
  sentences: Span[];
}

const blockMemo = new Memo<Block>();

function analyseBlock(text: string): Block {
  return blockMemo.get(text, () => {
    const masked = maskBlock(text);
    return { masked, sentences: sentences(masked, { start: 0, end: masked.length }) };
  });
}

/** Claims for every reference; only the paragraphs that hold references are read. */
export function claimsFor(text: string, refs: readonly FootnoteReference[]): Map<FootnoteReference, Claim> {
  const starts = lineStarts(text);
  const lineOf = (offset: number) => offsetToPosition(starts, offset).line;
  const lineStart = (l: number) => starts[l];
  const lineEnd = (l: number) => {
    let end = l + 1 < starts.length ? starts[l + 1] - 1 : text.length;
    if (end > starts[l] && text[end - 1] === '\r') end--;
    return end;
  };
  const lineText = (l: number) => text.slice(lineStart(l), lineEnd(l));
  const blank = (l: number) => !/\S/.test(lineText(l));

  const blocks = new Map<number, { start: number; end: number; block: Block }>();
  const blockAround = (offset: number) => {
    const l = lineOf(offset);
    let s = l;
    let e = l;
    if (!HEADING.test(lineText(l))) {
      while (s > 0 && !BLOCK_START.test(lineText(s)) && !blank(s - 1) && !HEADING.test(lineText(s - 1))) s--;
      while (e + 1 < starts.length && !blank(e + 1) && !BLOCK_START.test(lineText(e + 1))) e++;
    }
    const start = lineStart(s);
    let found = blocks.get(start);
    if (!found) {
      const end = lineEnd(e);
      found = { start, end, block: analyseBlock(text.slice(start, end)) };
      blocks.set(start, found);
    }
    return found;
  };

  const out = new Map<FootnoteReference, Claim>();
  const sorted = [...refs].sort((a, b) => a.start - b.start);
  for (let r = 0; r < sorted.length; r++) {
    const ref = sorted[r];
    const { start: base, end: blockEnd, block } = blockAround(ref.start);
    const masked = block.masked;
    const at = ref.start - base;
    const sents = block.sentences;
    let si = -1;
    for (let k = 0; k < sents.length && sents[k].start <= at; k++) si = k;
    if (si === -1) continue;
    const sentence = sents[si];
    const nextStart = si + 1 < sents.length ? sents[si + 1].start : blockEnd - base;
    const inSentence = (x: FootnoteReference) => x.start - base >= sentence.start && x.start - base < nextStart;
    const prev = r > 0 && inSentence(sorted[r - 1]) ? sorted[r - 1] : undefined;
    const next = r + 1 < sorted.length && inSentence(sorted[r + 1]) ? sorted[r + 1] : undefined;
    let segStart = prev ? prev.end - base : sentence.start;
    const segEnd = next ? at : sentence.end;
    const quote = quoteBefore(masked, at, prev ? prev.end - base : 0);
    if (quote && quote.open < segStart) segStart = quote.open;
    const seg = { start: segStart, end: Math.max(segEnd, segStart) };
    const common = { sentenceStart: base + seg.start, sentenceEnd: base + seg.end, figureText: masked.slice(seg.start, seg.end) };
    if (quote) {
      out.set(ref, { kind: 'quote', text: text.slice(base + quote.start, base + quote.end), start: base + quote.start, end: base + quote.end, ...common, open: masked[quote.open], close: masked[quote.close] });
      continue;
    }
    const t = trim(masked, seg.start, seg.end);
    out.set(ref, { kind: 'fact', text: text.slice(base + t.start, base + t.end), start: base + t.start, end: base + t.end, ...common });
  }
  return out;
}

function trim(text: string, start: number, end: number): Span {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

/** The quotation whose closing mark comes right before `offset` (only spaces, punctuation or emphasis between). */
function quoteBefore(masked: string, offset: number, limit: number): { open: number; close: number; start: number; end: number } | undefined {
  let k = offset - 1;
  while (k >= limit && /[\s.,;:!?)\]*_]/.test(masked[k])) k--;
  if (k < limit) return undefined;
  const openers = CLOSERS[masked[k]];
  if (!openers) return undefined;
  for (let o = k - 1; o >= limit; o--) {
    const c = masked[o];
    if (!openers.includes(c)) continue;
    // A straight or single mark opens a quotation only at the start of a word.
    if ((c === '"' || c === '‘') && o > 0 && /[\p{L}\p{N}]/u.test(masked[o - 1])) continue;
    const content = trim(masked, o + 1, k);
    if (content.end <= content.start) return undefined;
    return { open: o, close: k, start: content.start, end: content.end };
  }
  return undefined;
}
