import { detachedString } from './text';
import { lowerBound } from './sorted';
import { indexTermIds, TermIds } from './tokenize';
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

  /** The ids of the index terms of `text.slice(start, end)` (tokenize.ts `indexTerms`), new ones added, appended to `out`. */
  idsOf(text: string, out: number[], start = 0, end = text.length): void {
    indexTermIds(text, this.termIds, out, start, end);
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
      if ((k & (STEP_ITEMS - 1)) === STEP_ITEMS - 1) yield;
    }
    const first = Buckets.of(terms, firstKey);
    yield;
    const last = Buckets.of(terms, lastKey);
    yield;
    return { oldOf, install: () => this.install(terms, masks, first, last) };
  }

  /** A vocabulary whose base is `terms`, which must be sorted and distinct (the cache's are checked). */
  static fromSorted(terms: string[]): Vocabulary {
    for (let i = 1; i < terms.length; i++) if (!(terms[i - 1] < terms[i])) throw new Error('terms are not sorted and distinct');
    const masks = new Uint32Array(terms.length);
    for (let id = 0; id < terms.length; id++) masks[id] = letterMask(terms[id]);
    const v = new Vocabulary();
    v.install(terms, masks, Buckets.of(terms, firstKey), Buckets.of(terms, lastKey));
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

  static of(terms: readonly string[], keyOf: (term: string) => number): Buckets {
    // key × 2^24 + id sorts by key, then id; both stay exact in a double.
    const packed = new Float64Array(terms.length);
    let n = 0;
    for (let id = 0; id < terms.length; id++) {
      const t = terms[id];
      if (t.length && !isDigit(t.charCodeAt(0))) packed[n++] = keyOf(t) * ID_SPACE + id;
    }
    const sorted = packed.subarray(0, n).sort();
    const b = new Buckets();
    b.ids = new Uint32Array(n);
    const keys: number[] = [];
    const start: number[] = [];
    for (let i = 0; i < n; i++) {
      const key = Math.floor(sorted[i] / ID_SPACE);
      b.ids[i] = sorted[i] - key * ID_SPACE;
      if (keys.length === 0 || keys[keys.length - 1] !== key) {
        keys.push(key);
        start.push(i);
      }
    }
    start.push(n);
    b.keys = Float64Array.from(keys);
    b.start = Uint32Array.from(start);
    return b;
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

const ID_SPACE = 2 ** 24;

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

/** `sortedOrder` in steps. */
function* sorting(terms: readonly string[]): Steps<Uint32Array> {
  const n = terms.length;
  // Three code units a number, each plus one (0: none, which comes first), 17 bits each: exact in a double.
  let hi = new Float64Array(n);
  let lo = new Float64Array(n);
  let ids = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const t = terms[i];
    hi[i] = (unitAt(t, 0) * 0x20000 + unitAt(t, 1)) * 0x20000 + unitAt(t, 2);
    lo[i] = (unitAt(t, 3) * 0x20000 + unitAt(t, 4)) * 0x20000 + unitAt(t, 5);
    ids[i] = i;
    if ((i & (STEP_ITEMS - 1)) === STEP_ITEMS - 1) yield;
  }
  // Runs of 16 by insertion, then merged pairwise.
  const RUN = 16;
  for (let from = 0; from < n; from += RUN) {
    const to = Math.min(n, from + RUN);
    for (let i = from + 1; i < to; i++) {
      const h = hi[i];
      const l = lo[i];
      const id = ids[i];
      let j = i - 1;
      while (j >= from && (h !== hi[j] ? h < hi[j] : l !== lo[j] ? l < lo[j] : terms[id] < terms[ids[j]])) {
        hi[j + 1] = hi[j];
        lo[j + 1] = lo[j];
        ids[j + 1] = ids[j];
        j--;
      }
      hi[j + 1] = h;
      lo[j + 1] = l;
      ids[j + 1] = id;
    }
    if ((to & (STEP_ITEMS - 1)) === 0) yield;
  }
  let hi2 = new Float64Array(n);
  let lo2 = new Float64Array(n);
  let ids2 = new Uint32Array(n);
  for (let width = RUN; width < n; width *= 2) {
    for (let from = 0; from < n; from += 2 * width) {
      const mid = Math.min(n, from + width);
      const to = Math.min(n, from + 2 * width);
      let i = from;
      let j = mid;
      let k = from;
      while (i < mid && j < to) {
        // The right one first only when it is before the left one: equal terms keep their order.
        const right = hi[j] !== hi[i] ? hi[j] < hi[i] : lo[j] !== lo[i] ? lo[j] < lo[i] : terms[ids[j]] < terms[ids[i]];
        const next = right ? j++ : i++;
        hi2[k] = hi[next];
        lo2[k] = lo[next];
        ids2[k++] = ids[next];
      }
      for (; i < mid; i++, k++) {
        hi2[k] = hi[i];
        lo2[k] = lo[i];
        ids2[k] = ids[i];
      }
      for (; j < to; j++, k++) {
        hi2[k] = hi[j];
        lo2[k] = lo[j];
        ids2[k] = ids[j];
      }
    }
    [hi, hi2] = [hi2, hi];
    [lo, lo2] = [lo2, lo];
    [ids, ids2] = [ids2, ids];
    yield;
  }
  return ids;
}

function unitAt(s: string, i: number): number {
  return i < s.length ? s.charCodeAt(i) + 1 : 0;
}


/** Append to the list a map holds under `key`. */
export function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

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
