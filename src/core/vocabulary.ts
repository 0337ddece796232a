import { detachedString } from './text';
import { lowerBound } from './sorted';
import { TermIds } from './tokenize';
import { runSteps, STEP_ITEMS, type Steps } from './steps';

/**
 * The index's terms. Most live in a sorted base (ids in sorted order: a term is found by binary
 * search, the terms a prefix begins are one range, and the base is read back from the cache as it
 * is, with no map to build); terms added since are kept in a map until `rebase` merges them in.
 * Each term has a letter mask for typo search, and buckets by (length, first letter) and by
 * (length, last letter) find candidate terms for a typo without scanning the vocabulary.
 */
export class Vocabulary {
  private base: string[] = [];
  private baseMasks = new Uint32Array(0);
  private baseFirst = new Buckets();
  private baseLast = new Buckets();
  private extra: string[] = [];
  /** Ids of the added terms, and of base terms found since the last rebase (indexing looks the same words up again and again). */
  private readonly extraIds = new Map<string, number>();
  private extraMasks: number[] = [];
  private extraFirst = new Map<number, number[]>();
  private extraLast = new Map<number, number[]>();
  /** Ids of terms met, kept with the tokenizer's words until the base changes (and ids with it). */
  readonly termIds = new TermIds((term) => this.id(term));

  get size(): number {
    return this.base.length + this.extra.length;
  }

  /** Terms not yet merged into the sorted base. */
  get added(): number {
    return this.extra.length;
  }

  term(id: number): string {
    return id < this.base.length ? this.base[id] : this.extra[id - this.base.length];
  }

  get(term: string): number | undefined {
    const known = this.extraIds.get(term);
    if (known !== undefined) return known;
    const base = this.base;
    const lo = lowerBound(base, term);
    if (lo < base.length && base[lo] === term) {
      this.extraIds.set(term, lo);
      return lo;
    }
    return undefined;
  }

  mask(id: number): number {
    return id < this.base.length ? this.baseMasks[id] : this.extraMasks[id - this.base.length];
  }

  /** The id of a term, added when new. */
  id(term: string): number {
    const known = this.get(term);
    if (known !== undefined) return known;
    const id = this.base.length + this.extra.length;
    // A long term cut out of a text would keep that text in memory: keep a copy.
    term = detachedString(term);
    this.extra.push(term);
    this.extraIds.set(term, id);
    this.extraMasks.push(letterMask(term));
    if (!isDigit(term.charCodeAt(0))) {
      push(this.extraFirst, bucketKey(term.length, term.charCodeAt(0)), id);
      push(this.extraLast, bucketKey(term.length, term.charCodeAt(term.length - 1)), id);
    }
    return id;
  }

  /** Terms beginning with `prefix`. */
  withPrefix(prefix: string): number[] {
    const base = this.base;
    const lo = lowerBound(base, prefix);
    const out: number[] = [];
    for (let i = lo; i < base.length && base[i].startsWith(prefix); i++) out.push(i);
    for (let i = 0; i < this.extra.length; i++) if (this.extra[i].startsWith(prefix)) out.push(this.base.length + i);
    return out;
  }

  /** Call `fn` with each term of `length` whose first (or last) character is `code` (not numbers). */
  forBucket(which: 'first' | 'last', length: number, code: number, fn: (id: number) => void): void {
    const key = bucketKey(length, code);
    (which === 'first' ? this.baseFirst : this.baseLast).forEach(key, fn);
    const extra = (which === 'first' ? this.extraFirst : this.extraLast).get(key);
    if (extra) for (const id of extra) fn(id);
  }

  /**
   * The terms of a bucket whose letter mask differs from `mask` in at most `bits` bits (a term within
   * n typos of a word differs in at most 2n letters), into `out`.
   */
  nearInBucket(which: 'first' | 'last', length: number, code: number, mask: number, bits: number, out: number[]): void {
    const key = bucketKey(length, code);
    const masks = this.baseMasks;
    (which === 'first' ? this.baseFirst : this.baseLast).forRange(key, (from, to, ids) => {
      for (let i = from; i < to; i++) if (popcount(mask ^ masks[ids[i]]) <= bits) out.push(ids[i]);
    });
    const extra = (which === 'first' ? this.extraFirst : this.extraLast).get(key);
    if (extra) for (const id of extra) if (popcount(mask ^ this.mask(id)) <= bits) out.push(id);
  }

  /** Every term in id order (the sorted base once `rebase` has run). */
  all(): string[] {
    return this.extra.length ? [...this.base, ...this.extra] : this.base;
  }

  /**
   * Merge the added terms into the sorted base. Returns, for each new id, the id the term had
   * before (undefined when nothing was added and ids stand).
   */
  rebase(): Uint32Array | undefined {
    const rebased = runSteps(this.rebasing());
    rebased?.install();
    return rebased?.oldOf;
  }

  /**
   * `rebase` in steps: the new base is made aside, and `install` puts it in place (the ids change
   * then). No term may be added in between.
   */
  *rebasing(): Steps<{ oldOf: Uint32Array; install: () => void } | undefined> {
    const { base, baseMasks, extraMasks } = this;
    // The terms added so far (should more come in between, this base is not installed).
    const extra = this.extra.slice();
    if (extra.length === 0) return undefined;
    const order = yield* sorting(extra);
    const total = base.length + extra.length;
    const terms = new Array<string>(total);
    const masks = new Uint32Array(total);
    const oldOf = new Uint32Array(total);
    let i = 0;
    let j = 0;
    for (let k = 0; k < total; k++) {
      if (j >= order.length || (i < base.length && base[i] < extra[order[j]])) {
        terms[k] = base[i];
        masks[k] = baseMasks[i];
        oldOf[k] = i++;
      } else {
        terms[k] = extra[order[j]];
        masks[k] = extraMasks[order[j]];
        oldOf[k] = base.length + order[j++];
      }
      if ((k & (TERM_STEP - 1)) === TERM_STEP - 1) yield;
    }
    const first = yield* Buckets.building(terms, firstKey);
    const last = yield* Buckets.building(terms, lastKey);
    return { oldOf, install: () => this.install(terms, masks, first, last) };
  }

  /** A vocabulary whose base is `terms`, which must be sorted and distinct (the cache's are checked). */
  static fromSorted(terms: string[]): Vocabulary {
    return runSteps(Vocabulary.fromSortedSteps(terms));
  }

  /** `fromSorted` in steps. */
  static *fromSortedSteps(terms: string[]): Steps<Vocabulary> {
    for (let from = 1; from < terms.length; from += TERM_STEP) {
      if (!ascending(terms, from, Math.min(terms.length, from + TERM_STEP))) throw new Error('terms are not sorted and distinct');
      yield;
    }
    const masks = new Uint32Array(terms.length);
    for (let from = 0; from < terms.length; from += TERM_STEP) {
      letterMasks(terms, masks, from, Math.min(terms.length, from + TERM_STEP));
      yield;
    }
    const first = yield* Buckets.building(terms, firstKey);
    const last = yield* Buckets.building(terms, lastKey);
    const v = new Vocabulary();
    v.install(terms, masks, first, last);
    return v;
  }

  /** Make `terms` (sorted, with their letter masks and buckets) the base, with no terms added since. */
  private install(terms: string[], masks: Uint32Array<ArrayBuffer>, first: Buckets, last: Buckets): void {
    this.base = terms;
    this.baseMasks = masks;
    this.baseFirst = first;
    this.baseLast = last;
    this.extra = [];
    this.extraIds.clear();
    this.extraMasks = [];
    this.extraFirst = new Map();
    this.extraLast = new Map();
    this.termIds.renumbered();
  }
}

/**
 * Terms numbered by another `TermIds` (a worker thread's `WordNumbering`, prepare.ts) and their ids in
 * a vocabulary, looked up when first used (in the order a single thread would have met them).
 */
export class TermMap {
  private readonly words: string[] = [];
  private ids = new Int32Array(0);
  /** The `termIds.owner` of the vocabulary `ids` are for: another vocabulary, or a rebased one, has other ids. */
  private owner: object | undefined;

  /** The words numbered `first`, `first + 1`… by the other numbering. */
  learn(first: number, words: readonly string[]): void {
    for (let i = 0; i < words.length; i++) this.words[first + i] = words[i];
  }

  /** Turn `terms`, in the other numbering, into ids of `vocab` (new terms are added to it). */
  translate(vocab: Vocabulary, terms: Uint32Array): void {
    if (this.owner !== vocab.termIds.owner) {
      this.owner = vocab.termIds.owner;
      this.ids = new Int32Array(0);
    }
    if (this.ids.length < this.words.length) {
      const ids = new Int32Array(Math.max(this.words.length, 2 * this.ids.length)).fill(-1);
      ids.set(this.ids);
      this.ids = ids;
    }
    const ids = this.ids;
    for (let i = 0; i < terms.length; i++) {
      const w = terms[i];
      let id = ids[w];
      if (!(id >= 0)) {
        const word = this.words[w];
        if (word === undefined) throw new Error(`term ${w} was not sent`);
        id = ids[w] = vocab.id(word);
      }
      terms[i] = id;
    }
  }
}

const firstKey = (t: string) => bucketKey(t.length, t.charCodeAt(0));
const lastKey = (t: string) => bucketKey(t.length, t.charCodeAt(t.length - 1));

/** Term ids grouped by a numeric key: the distinct keys sorted, each with its run of ids in one typed array. */
class Buckets {
  private keys = new Float64Array(0);
  private start = new Uint32Array(1);
  private ids = new Uint32Array(0);

  /**
   * The buckets of `terms` (numbers left out) by `keyOf`, in steps: ids sorted by key by a stable
   * radix sort (keys are below 2^22: two passes of 11 bits), so that each bucket's ids ascend.
   */
  static *building(terms: readonly string[], keyOf: (term: string) => number): Steps<Buckets> {
    const all = terms.length;
    let keys = new Uint32Array(all);
    let ids = new Uint32Array(all);
    let n = 0;
    for (let from = 0; from < all; from += TERM_STEP) {
      n = Buckets.keysOf(terms, keyOf, from, Math.min(all, from + TERM_STEP), keys, ids, n);
      yield;
    }
    let keys2 = new Uint32Array(n);
    let ids2 = new Uint32Array(n);
    for (let shift = 0; shift < KEY_BITS; shift += DIGIT_BITS) {
      // Where the keys of each digit go: after those of the digits below.
      const at = new Uint32Array(DIGITS + 1);
      for (let from = 0; from < n; from += STEP_ITEMS) {
        countDigits(keys, shift, from, Math.min(n, from + STEP_ITEMS), at);
        yield;
      }
      for (let d = 0; d < DIGITS; d++) at[d + 1] += at[d];
      for (let from = 0; from < n; from += STEP_ITEMS) {
        moveByDigit(keys, ids, shift, from, Math.min(n, from + STEP_ITEMS), at, keys2, ids2);
        yield;
      }
      [keys, keys2] = [keys2, keys];
      [ids, ids2] = [ids2, ids];
    }
    const b = new Buckets();
    b.ids = ids.length === n ? ids : ids.slice(0, n);
    const distinct: number[] = [];
    const start: number[] = [];
    for (let from = 0; from < n; from += STEP_ITEMS) {
      runsOf(keys, from, Math.min(n, from + STEP_ITEMS), distinct, start);
      yield;
    }
    start.push(n);
    b.keys = Float64Array.from(distinct);
    b.start = Uint32Array.from(start);
    return b;
  }

  /** The keys of `terms[from, to)` (numbers left out) and their ids into `keys[n…]` and `ids[n…]`; returns the new `n`. */
  private static keysOf(terms: readonly string[], keyOf: (term: string) => number, from: number, to: number, keys: Uint32Array, ids: Uint32Array, n: number): number {
    for (let id = from; id < to; id++) {
      const t = terms[id];
      if (t.length && !isDigit(t.charCodeAt(0))) {
        keys[n] = keyOf(t);
        ids[n++] = id;
      }
    }
    return n;
  }

  forEach(key: number, fn: (id: number) => void): void {
    this.forRange(key, (from, to, ids) => {
      for (let i = from; i < to; i++) fn(ids[i]);
    });
  }

  /** The bucket of `key` as `ids[from, to)`. */
  forRange(key: number, fn: (from: number, to: number, ids: Uint32Array) => void): void {
    const lo = lowerBound(this.keys, key);
    if (lo < this.keys.length && this.keys[lo] === key) fn(this.start[lo], this.start[lo + 1], this.ids);
  }
}

/** Terms looked at (compared, read character by character) between two steps. */
const TERM_STEP = STEP_ITEMS >> 2;

/** Count the keys of `keys[from, to)` by their digit at `shift` into `at[digit + 1]`. */
function countDigits(keys: Uint32Array, shift: number, from: number, to: number, at: Uint32Array): void {
  for (let i = from; i < to; i++) at[((keys[i] >>> shift) & (DIGITS - 1)) + 1]++;
}

/** Move `keys[from, to)` and their ids to `keys2` and `ids2` where `at` says for their digit at `shift` (in order: the sort is stable). */
function moveByDigit(keys: Uint32Array, ids: Uint32Array, shift: number, from: number, to: number, at: Uint32Array, keys2: Uint32Array, ids2: Uint32Array): void {
  for (let i = from; i < to; i++) {
    const k = at[(keys[i] >>> shift) & (DIGITS - 1)]++;
    keys2[k] = keys[i];
    ids2[k] = ids[i];
  }
}

/** In the sorted `keys[from, to)`, each key that differs from the one before, and where it starts. */
function runsOf(keys: Uint32Array, from: number, to: number, distinct: number[], start: number[]): void {
  for (let i = from; i < to; i++) {
    if (i === 0 || keys[i] !== keys[i - 1]) {
      distinct.push(keys[i]);
      start.push(i);
    }
  }
}

/** Bucket keys (`bucketKey`) are below 2^KEY_BITS; they are sorted DIGIT_BITS at a time. */
const KEY_BITS = 22;
const DIGIT_BITS = 11;
const DIGITS = 1 << DIGIT_BITS;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * The indices of `terms` in the order of their terms, as `<` compares strings (by UTF-16 code units).
 * A merge sort of numbers made of each term's first six code units, carried along with the indices
 * (so that the sort reads memory in order); the strings are compared only where those are equal.
 */
export function sortedOrder(terms: readonly string[]): Uint32Array {
  return runSteps(sorting(terms));
}

/**
 * `sortedOrder` in steps. The work of each step is done by plain functions (`prefixKeys`,
 * `insertionRuns`, `mergeUntil`), which the engine optimizes on their own, from the first steps on.
 */
function* sorting(terms: readonly string[]): Steps<Uint32Array> {
  const n = terms.length;
  let keys: SortKeys = { hi: new Float64Array(n), lo: new Float64Array(n), ids: new Uint32Array(n) };
  for (let from = 0; from < n; from += TERM_STEP) {
    prefixKeys(terms, keys, from, Math.min(n, from + TERM_STEP));
    yield;
  }
  // Runs of RUN by insertion (TERM_STEP is a multiple of RUN), then merged pairwise.
  for (let from = 0; from < n; from += TERM_STEP) {
    insertionRuns(terms, keys, from, Math.min(n, from + TERM_STEP));
    yield;
  }
  let out: SortKeys = { hi: new Float64Array(n), lo: new Float64Array(n), ids: new Uint32Array(n) };
  const at: MergeAt = { i: 0, j: 0, k: 0 };
  let merged = 0;
  for (let width = RUN; width < n; width *= 2) {
    for (let from = 0; from < n; from += 2 * width) {
      const mid = Math.min(n, from + width);
      const to = Math.min(n, from + 2 * width);
      at.i = from;
      at.j = mid;
      at.k = from;
      while (at.k < to) {
        const until = Math.min(to, at.k + TERM_STEP - merged);
        merged += until - at.k;
        mergeUntil(terms, keys, out, at, mid, to, until);
        if (merged >= TERM_STEP) {
          merged = 0;
          yield;
        }
      }
    }
    [keys, out] = [out, keys];
  }
  return keys.ids;
}

/** Terms being sorted: by `hi`, then `lo` (each three code units of the term's start), then the terms; `ids` their indices. */
interface SortKeys {
  hi: Float64Array;
  lo: Float64Array;
  ids: Uint32Array;
}

/** Where a merge stands: the next of the left run, of the right run, and where it goes. */
interface MergeAt {
  i: number;
  j: number;
  k: number;
}

const RUN = 16;

/** The keys of `terms[from, to)`. */
function prefixKeys(terms: readonly string[], keys: SortKeys, from: number, to: number): void {
  const { hi, lo, ids } = keys;
  // Three code units a number, each plus one (0: none, which comes first), 17 bits each: exact in a double.
  for (let i = from; i < to; i++) {
    const t = terms[i];
    hi[i] = (unitAt(t, 0) * 0x20000 + unitAt(t, 1)) * 0x20000 + unitAt(t, 2);
    lo[i] = (unitAt(t, 3) * 0x20000 + unitAt(t, 4)) * 0x20000 + unitAt(t, 5);
    ids[i] = i;
  }
}

/** Sort each run of RUN in `[from, to)` (`from` a multiple of RUN) by insertion. */
function insertionRuns(terms: readonly string[], keys: SortKeys, from: number, to: number): void {
  const { hi, lo, ids } = keys;
  for (let start = from; start < to; start += RUN) {
    const end = Math.min(to, start + RUN);
    for (let i = start + 1; i < end; i++) {
      const h = hi[i];
      const l = lo[i];
      const id = ids[i];
      let j = i - 1;
      while (j >= start && (h !== hi[j] ? h < hi[j] : l !== lo[j] ? l < lo[j] : terms[id] < terms[ids[j]])) {
        hi[j + 1] = hi[j];
        lo[j + 1] = lo[j];
        ids[j + 1] = ids[j];
        j--;
      }
      hi[j + 1] = h;
      lo[j + 1] = l;
      ids[j + 1] = id;
    }
  }
}

/** Merge the sorted runs `[at.i, mid)` and `[at.j, to)` of `src` into `dst` from `at.k` on, until `at.k` is `until`. */
function mergeUntil(terms: readonly string[], src: SortKeys, dst: SortKeys, at: MergeAt, mid: number, to: number, until: number): void {
  const { hi, lo, ids } = src;
  const { hi: hi2, lo: lo2, ids: ids2 } = dst;
  let { i, j, k } = at;
  for (; k < until; k++) {
    // The right one first only when it is before the left one: equal terms keep their order.
    const right = i >= mid || (j < to && (hi[j] !== hi[i] ? hi[j] < hi[i] : lo[j] !== lo[i] ? lo[j] < lo[i] : terms[ids[j]] < terms[ids[i]]));
    const next = right ? j++ : i++;
    hi2[k] = hi[next];
    lo2[k] = lo[next];
    ids2[k] = ids[next];
  }
  at.i = i;
  at.j = j;
  at.k = k;
}

function unitAt(s: string, i: number): number {
  return i < s.length ? s.charCodeAt(i) + 1 : 0;
}

/** Whether `terms[from - 1, to)` ascend strictly. */
function ascending(terms: readonly string[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!(terms[i - 1] < terms[i])) return false;
  return true;
}

/** The letter masks of `terms[from, to)` into `masks`. */
function letterMasks(terms: readonly string[], masks: Uint32Array, from: number, to: number): void {
  for (let id = from; id < to; id++) masks[id] = letterMask(terms[id]);
}

/** Append to the list a map holds under `key`. */
export function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Below 2^22 (`KEY_BITS`): a code unit is below 2^16. */
function bucketKey(length: number, code: number): number {
  return code * 64 + Math.min(length, 63);
}

/** Which letters a word has: a-z one bit each, everything else sharing bits by character code. */
export function letterMask(word: string): number {
  let m = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    m |= 1 << (c >= 97 && c <= 122 ? c - 97 : 26 + (c % 6));
  }
  return m >>> 0;
}

export function popcount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
