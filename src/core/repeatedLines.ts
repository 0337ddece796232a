/**
 * Lines repeated across documents. A short line (3 to 12 words) that stands in several documents is
 * the site's ("Subscribe to our newsletter…", a tagline), not the article's. Lines are compared by a
 * hash of their normalised text, so the index keeps a number per passage, not the line.
 */
import type { Passage } from './types';
import { lineSpans, trimSpan, wordCount } from './segment';
import { fold } from './text';
import { hashString } from './hash';

export interface LineHashes {
  /** The distinct hashes of the document's short lines. */
  lines: Float64Array;
  /** Per passage: the hash of the line it starts on when that line is short, else 0. */
  passages: Float64Array;
}

export function lineHashes(text: string, passages: readonly Pick<Passage, 'start'>[]): LineHashes {
  const distinct = new Set<number>();
  const spans = lineSpans(text);
  const hashOfLine = new Float64Array(spans.length);
  spans.forEach((span, i) => {
    const t = trimSpan(text, span);
    const line = text.slice(t.start, t.end);
    const words = wordCount(line);
    if (words < 3 || words > 12) return;
    const h = hashString(normalLine(line)) || 1;
    hashOfLine[i] = h;
    distinct.add(h);
  });
  const out = new Float64Array(passages.length);
  let line = 0;
  let previous = -1;
  passages.forEach((p, i) => {
    // Passages come in document order, mostly: walk forward, search back when one starts earlier.
    if (p.start < previous) line = 0;
    previous = p.start;
    while (line + 1 < spans.length && spans[line + 1].start <= p.start) line++;
    out[i] = hashOfLine[line];
  });
  return { lines: Float64Array.from(distinct), passages: out };
}

function normalLine(text: string): string {
  return fold(text).replace(/\s+/g, ' ').trim();
}
