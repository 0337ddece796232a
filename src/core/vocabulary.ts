import { detachedString } from './text';

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
    if (this.extra.length === 0) return undefined;
    const order = this.extra.map((_, i) => i).sort((a, b) => (this.extra[a] < this.extra[b] ? -1 : 1));
    const total = this.base.length + this.extra.length;
    const terms = new Array<string>(total);
    const oldOf = new Uint32Array(total);
    let i = 0;
    let j = 0;
    for (let k = 0; k < total; k++) {
      if (j >= order.length || (i < this.base.length && this.base[i] < this.extra[order[j]])) {
        terms[k] = this.base[i];
        oldOf[k] = i++;
      } else {
        terms[k] = this.extra[order[j]];
        oldOf[k] = this.base.length + order[j++];
      }
    }
    this.setBase(terms);
    return oldOf;
  }

  /** A vocabulary whose base is `terms`, which must be sorted and distinct (the cache's are checked). */
  static fromSorted(terms: string[]): Vocabulary {
    for (let i = 1; i < terms.length; i++) if (!(terms[i - 1] < terms[i])) throw new Error('terms are not sorted and distinct');
    const v = new Vocabulary();
    v.setBase(terms);
    return v;
  }

  private setBase(terms: string[]): void {
    this.base = terms;
    this.baseMasks = new Uint32Array(terms.length);
    for (let id = 0; id < terms.length; id++) this.baseMasks[id] = letterMask(terms[id]);
    this.baseFirst = Buckets.of(terms, (t) => bucketKey(t.length, t.charCodeAt(0)));
    this.baseLast = Buckets.of(terms, (t) => bucketKey(t.length, t.charCodeAt(t.length - 1)));
    this.extra = [];
    this.extraIds.clear();
    this.extraMasks = [];
    this.extraFirst = new Map();
    this.extraLast = new Map();
  }
}

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

/** The first index of a sorted array whose value is not below `value`. */
function lowerBound<T extends string | number>(sorted: ArrayLike<T>, value: T): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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
