/**
 * Lines repeated across documents. A short line (3 to 12 words) that stands in several documents is
 * the site's ("Subscribe to our newsletter…", a tagline), not the article's. Lines are compared by a
 * hash of their normalised text, so the index keeps a number per passage, not the line.
 */
import type { Passage } from './types';
import { countWords, isSpaceCode } from './segment';
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
  const starts: number[] = [];
  const hashOfLine: number[] = [];
  // Lines end at `\n` (a `\r` before it is not on the line); each is read trimmed of white space.
  for (let start = 0; start <= text.length; ) {
    let nl = text.indexOf('\n', start);
    if (nl === -1) nl = text.length;
    let s = start;
    let e = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    while (s < e && isSpaceCode(text.charCodeAt(s))) s++;
    while (e > s && isSpaceCode(text.charCodeAt(e - 1))) e--;
    // Words counted up to 13: a line of more is not short.
    const words = countWords(text, s, e, 13);
    let h = 0;
    if (words >= 3 && words <= 12) {
      h = hashString(normalLine(text.slice(s, e))) || 1;
      distinct.add(h);
    }
    starts.push(start);
    hashOfLine.push(h);
    start = nl + 1;
  }
  const out = new Float64Array(passages.length);
  let line = 0;
  let previous = -1;
  passages.forEach((p, i) => {
    // Passages come in document order, mostly: walk forward, search back when one starts earlier.
    if (p.start < previous) line = 0;
    previous = p.start;
    while (line + 1 < starts.length && starts[line + 1] <= p.start) line++;
    out[i] = hashOfLine[line];
  });
  return { lines: Float64Array.from(distinct), passages: out };
}

// eslint-disable-next-line no-control-regex
const ASCII = /^[\x00-\x7f]*$/;

/** The line folded (ASCII needs lower case only), runs of white space as one space. */
function normalLine(text: string): string {
  return (ASCII.test(text) ? text.toLowerCase() : fold(text)).replace(/\s+/g, ' ').trim();
}

/** The hashes found in `minDocs` or more of the lists (each list's hashes distinct), sorted. */
export function repeatedHashes(lists: readonly Float64Array[], minDocs: number): Float64Array {
  const all = new Float64Array(lists.reduce((n, l) => n + l.length, 0));
  let at = 0;
  for (const l of lists) {
    all.set(l, at);
    at += l.length;
  }
  all.sort();
  const out: number[] = [];
  for (let i = 0; i < all.length; ) {
    let j = i + 1;
    while (j < all.length && all[j] === all[i]) j++;
    if (j - i >= minDocs) out.push(all[i]);
    i = j;
  }
  return Float64Array.from(out);
}
