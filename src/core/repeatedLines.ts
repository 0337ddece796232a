/**
 * Lines repeated across documents. A short line (3 to 12 words) that stands in several documents is
 * the site's ("Subscribe to our newsletter…", a tagline), not the article's. Lines are compared by a
 * hash of their normalised text, so the index keeps a number per passage, not the line.
 */
import type { Passage } from './types';
import { countWords, isSpaceCode } from './segment';
import { fold } from './text';
import { hashAsciiLine, hashString } from './hash';
import { STEP_ITEMS, type Steps } from './steps';

export interface LineHashes {
  /** The distinct hashes of the document's short lines. */
  lines: Float64Array;
  /** Per passage: the hash of the line it starts on when that line is short, else 0. */
  passages: Float64Array;
}

export function lineHashes(text: string, passages: readonly Pick<Passage, 'start'>[]): LineHashes {
  let count = 0;
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
      h = hashAsciiLine(text, s, e);
      if (h < 0) h = hashString(normalLine(text.slice(s, e)));
      h ||= 1;
    }
    if (count === lineStarts.length) growLines();
    lineStarts[count] = start;
    lineHash[count] = h;
    count++;
    start = nl + 1;
  }
  const out = new Float64Array(passages.length);
  let line = 0;
  let previous = -1;
  for (let i = 0; i < passages.length; i++) {
    const p = passages[i];
    // Passages come in document order, mostly: walk forward, search back when one starts earlier.
    if (p.start < previous) line = 0;
    previous = p.start;
    while (line + 1 < count && lineStarts[line + 1] <= p.start) line++;
    out[i] = lineHash[line];
  }
  return { lines: distinctHashes(lineHash, count), passages: out };
}

// The lines of the document being read (reused from one document to the next).
let lineStarts = new Float64Array(1024);
let lineHash = new Float64Array(1024);

function growLines(): void {
  const starts = new Float64Array(lineStarts.length * 2);
  const hashes = new Float64Array(lineHash.length * 2);
  starts.set(lineStarts);
  hashes.set(lineHash);
  lineStarts = starts;
  lineHash = hashes;
}

/** The distinct hashes other than 0 among `hashes[0, count)`, in the order first met (an open-addressing set, no number boxed). */
let seen = new Float64Array(2048);
function distinctHashes(hashes: Float64Array, count: number): Float64Array {
  let size = seen.length;
  while (size < 2 * count) size *= 2;
  if (size !== seen.length) seen = new Float64Array(size);
  else seen.fill(0);
  const mask = size - 1;
  const found = new Float64Array(count);
  let n = 0;
  for (let i = 0; i < count; i++) {
    const h = hashes[i];
    if (h === 0) continue;
    // The low 32 bits of a cyrb53 hash are well mixed: they choose the slot.
    let slot = (h >>> 0) & mask;
    while (seen[slot] !== 0 && seen[slot] !== h) slot = (slot + 1) & mask;
    if (seen[slot] === h) continue;
    seen[slot] = h;
    found[n++] = h;
  }
  return found.slice(0, n);
}

// eslint-disable-next-line no-control-regex
const ASCII = /^[\x00-\x7f]*$/;

/** The line folded (ASCII needs lower case only), runs of white space as one space (`hashAsciiLine` hashes an ASCII line so). */
export function normalLine(text: string): string {
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

/** Entry state in `LineCounts`: repeated when last settled; its count changed since. */
const REPEATED = 1;
const CHANGED = 2;

/**
 * How many documents hold each short-line hash, kept as documents come and go, and whether each was
 * repeated (in `minDocs` documents or more) when last settled: settling looks at the hashes whose
 * count changed since, so that a change costs in proportion to the documents changed. An
 * open-addressing table in typed arrays: a quarter of a million hashes take a few megabytes and give
 * the garbage collector nothing to trace.
 */
export class LineCounts {
  /** Hashes (0: an empty entry; a line's hash is never 0). */
  private keys: Float64Array;
  private counts: Int32Array;
  private state: Uint8Array;
  /** Entries in use, those of count 0 included. */
  private used = 0;
  /** Hashes whose count changed since they were last settled, each once. */
  private changed: number[] = [];
  /** The `minDocs` of the last settling; NaN before the first. */
  private settledFor = NaN;

  /** `expected`: about how many hashes there will be (room is made for them at once). */
  constructor(expected = 0) {
    let size = 1024;
    while (size < 2 * expected) size *= 2;
    this.keys = new Float64Array(size);
    this.counts = new Int32Array(size);
    this.state = new Uint8Array(size);
  }

  /** Count a document's distinct line hashes in (`delta` 1: it was added) or out (-1: removed). */
  add(lines: ArrayLike<number>, delta: number): void {
    // Before the first settling, which looks at every hash, which changed is not noted.
    const note = !Number.isNaN(this.settledFor);
    for (let i = 0; i < lines.length; i++) {
      const h = lines[i];
      if (h === 0) continue;
      const at = this.entry(h);
      this.counts[at] += delta;
      if (note && (this.state[at] & CHANGED) === 0) {
        this.state[at] |= CHANGED;
        this.changed.push(h);
      }
    }
  }

  /** Documents holding the hash. */
  count(h: number): number {
    const at = this.find(h);
    return at < 0 ? 0 : this.counts[at];
  }

  /** Was the hash repeated when last settled? */
  repeated(h: number): boolean {
    const at = this.find(h);
    return at >= 0 && (this.state[at] & REPEATED) !== 0;
  }

  /**
   * Settle the hashes whose count changed (every hash, when `minDocs` is not the last settling's):
   * a hash is repeated when in `minDocs` documents or more. Returns those that became, or stopped
   * being, repeated. Counts may change between steps: a hash changed after it was settled waits for
   * the next settling.
   */
  *settling(minDocs: number): Steps<Set<number>> {
    const flipped = new Set<number>();
    if (minDocs !== this.settledFor) {
      this.settledFor = minDocs;
      this.changed = [];
      for (let at = 0; at < this.keys.length; at += STEP_ITEMS) {
        this.settleEntries(at, Math.min(this.keys.length, at + STEP_ITEMS), minDocs, flipped);
        yield;
      }
      return flipped;
    }
    const changed = this.changed;
    this.changed = [];
    for (let i = 0; i < changed.length; i += STEP_ITEMS) {
      this.settleChanged(changed, i, Math.min(changed.length, i + STEP_ITEMS), minDocs, flipped);
      yield;
    }
    return flipped;
  }

  /** Settle the entries `[from, to)` of the table (loops are plain methods: the optimiser makes more of them than of a generator). */
  private settleEntries(from: number, to: number, minDocs: number, flipped: Set<number>): void {
    for (let at = from; at < to; at++) if (this.keys[at] !== 0) this.settle(at, minDocs, flipped);
  }

  /** Settle the hashes `changed[from, to)` whose count still waits for it. */
  private settleChanged(changed: readonly number[], from: number, to: number, minDocs: number, flipped: Set<number>): void {
    for (let i = from; i < to; i++) {
      const at = this.find(changed[i]);
      if (at >= 0 && (this.state[at] & CHANGED) !== 0) this.settle(at, minDocs, flipped);
    }
  }

  private settle(at: number, minDocs: number, flipped: Set<number>): void {
    const was = this.state[at] & REPEATED;
    const now = this.counts[at] > 0 && this.counts[at] >= minDocs ? REPEATED : 0;
    if (was !== now) flipped.add(this.keys[at]);
    this.state[at] = now;
  }

  /** The entry of a hash, or -1. */
  private find(h: number): number {
    const mask = this.keys.length - 1;
    for (let at = slotOf(h, mask); ; at = (at + 1) & mask) {
      const k = this.keys[at];
      if (k === h) return at;
      if (k === 0) return -1;
    }
  }

  /** The entry of a hash, made when new. */
  private entry(h: number): number {
    if (2 * (this.used + 1) > this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    for (let at = slotOf(h, mask); ; at = (at + 1) & mask) {
      const k = this.keys[at];
      if (k === h) return at;
      if (k === 0) {
        this.keys[at] = h;
        this.used++;
        return at;
      }
    }
  }

  /** Twice the room (or as much, when many entries are of hashes no document holds any more, which are dropped). */
  private grow(): void {
    const { keys, counts, state } = this;
    let live = 0;
    for (let at = 0; at < keys.length; at++) if (keys[at] !== 0 && (counts[at] !== 0 || state[at] !== 0)) live++;
    let size = keys.length;
    while (4 * (live + 1) > size) size *= 2;
    this.keys = new Float64Array(size);
    this.counts = new Int32Array(size);
    this.state = new Uint8Array(size);
    this.used = 0;
    const mask = size - 1;
    for (let from = 0; from < keys.length; from++) {
      const h = keys[from];
      if (h === 0 || (counts[from] === 0 && state[from] === 0)) continue;
      let at = slotOf(h, mask);
      while (this.keys[at] !== 0) at = (at + 1) & mask;
      this.keys[at] = h;
      this.counts[at] = counts[from];
      this.state[at] = state[from];
      this.used++;
    }
  }
}

/** Where a hash's probe starts: its low and high 32 bits, mixed. */
function slotOf(h: number, mask: number): number {
  const x = Math.imul((h >>> 0) ^ ((h / 4294967296) >>> 0), 0x9e3779b1);
  return (x ^ (x >>> 15)) & mask;
}
