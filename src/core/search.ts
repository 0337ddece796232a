/**
 * The passage index.
 *
 * Stage one finds candidates in a corpus of any size through an inverted index over index terms
 * (tokenize.ts: folded, spelling variants joined, stemmed, figures normalised). Each query word is
 * expanded to the terms it may mean: itself; for the word still being typed, the terms it begins;
 * terms within one typo (two for long words), found through buckets of terms by length and first or
 * last letter without scanning the vocabulary; and, for a word nothing else matched (two typos in a
 * short word, a typo in the word being typed), fuse.js's typo-tolerant match against the terms of
 * such buckets. A passage scores, per query word, the best of its expansions weighted by rarity
 * (BM25 idf); the best-covered passages go on.
 *
 * Stage two ranks those few candidates on how much of the query they cover (weighted by rarity and
 * by count), whether the query's words stand near each other and in the same order in the passage
 * (positions), whether they stand right next to each other as typed, and the passage's length
 * (BM25's length norm). Quotes and facts get a small bonus over plain sentences that are as good; a
 * quotation beats the sentence around it when the query lies within the quoted words, since it is
 * shorter, and loses when the query has words from outside the quotation.
 *
 * The same passage reported by several outlets (near-identical words, or the same quotation) is
 * returned once, best-ranked first, with the others in `alsoIn`.
 */
import Fuse from 'fuse.js';
import type { CorpusDocument, Passage, PassageKind } from './types';
import { tokenize, type Token } from './tokenize';
import { collapseDoubles } from './aliases';

export interface SearchOptions {
  limit?: number;
  kinds?: readonly PassageKind[];
  /** Candidates handed to the second stage. */
  candidates?: number;
}

export interface SearchResult {
  passage: Passage;
  /** 0 is a perfect match; lower is better. */
  score: number;
  /** The same passage in other documents (other outlets reporting it), best first. */
  alsoIn?: Passage[];
}

const K1 = 1.2;
const B = 0.75;
const PREFIX_WEIGHT = 0.9;
const TYPO_WEIGHT = [1, 0.8, 0.6];
const MAX_PREFIX_TERMS = 400;
const MAX_TYPO_TERMS = 12;
/** Postings a prefix may expand to; the most frequent completions are kept. */
const MAX_PREFIX_POSTINGS = 20000;
/** A word in at least this many passages (or this share of them) is taken as spelled as meant. */
const COMMON_MIN_DF = 20;
const COMMON_SHARE = 0.0005;
const DEFAULT_CANDIDATES = 60;
/** Score fuse.js must beat (0 is exact, 1 anything) for a word nothing else matched. */
const FUSE_THRESHOLD = 0.4;
const FUSE_WEIGHT = 0.6;
const FUSE_TERMS = 5;
/** Words apart that still count as "next to each other" (dropped words between them). */
const NEAR = 3;
const NO_TERMS = new Uint32Array(0);

const WEIGHTS = {
  coverage: 0.45,
  count: 0.15,
  order: 0.15,
  span: 0.07,
  length: 0.06,
  kind: 0.03,
};

interface Expansion {
  termId: number;
  /** idf × match weight. */
  value: number;
}

interface QueryWord {
  token: Token;
  expansions: Expansion[];
  /** The best value any expansion gives. */
  best: number;
}

interface Candidate {
  pid: number;
  stage1: number;
}

export class PassageIndex {
  private readonly passages: Array<Passage | undefined> = [];
  private readonly passageTerms: Uint32Array[] = [];
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  private readonly masks: number[] = [];
  private readonly postings: number[][] = [];
  /** Term ids by (length, first letter) and by (length, last letter). */
  private readonly firstBuckets = new Map<number, number[]>();
  private readonly lastBuckets = new Map<number, number[]>();
  private readonly docs = new Map<string, CorpusDocument>();
  private sortedTermIds: number[] | undefined;
  private live = 0;
  private totalLength = 0;
  // Scratch space for scoring, reused across queries (stamps avoid clearing).
  private stamp = new Uint32Array(0);
  private groupStamp = new Uint32Array(0);
  private covered = new Float64Array(0);
  private groupBest = new Float64Array(0);
  private matched = new Uint16Array(0);
  private queryStamp = 0;
  private groupQueryStamp = 0;

  get documentCount(): number {
    return this.docs.size;
  }

  get passageCount(): number {
    return this.live;
  }

  documents(): IterableIterator<CorpusDocument> {
    return this.docs.values();
  }

  document(path: string): CorpusDocument | undefined {
    return this.docs.get(path);
  }

  passage(id: number): Passage | undefined {
    return this.passages[id];
  }

  clear(): void {
    for (const path of [...this.docs.keys()]) this.removeDocument(path);
  }

  addDocument(doc: CorpusDocument): void {
    if (this.docs.has(doc.path)) this.removeDocument(doc.path);
    this.docs.set(doc.path, doc);
    for (const p of doc.passages) {
      p.id = this.passages.length;
      this.passages.push(p);
      const tokens = tokenize(p.text);
      const ids = new Uint32Array(tokens.length);
      for (let i = 0; i < tokens.length; i++) ids[i] = this.termId(tokens[i].term);
      this.passageTerms.push(ids);
      this.totalLength += ids.length;
      this.live++;
      for (let i = 0; i < ids.length; i++) {
        const list = this.postings[ids[i]];
        if (list[list.length - 1] !== p.id) list.push(p.id);
      }
    }
  }

  removeDocument(path: string): void {
    const doc = this.docs.get(path);
    if (!doc) return;
    this.docs.delete(path);
    const dead = new Set<number>();
    const touched = new Set<number>();
    for (const p of doc.passages) {
      if (p.id < 0 || this.passages[p.id] !== p) continue;
      dead.add(p.id);
      this.passages[p.id] = undefined;
      const ids = this.passageTerms[p.id];
      this.passageTerms[p.id] = NO_TERMS;
      this.totalLength -= ids.length;
      this.live--;
      for (const id of ids) touched.add(id);
    }
    for (const id of touched) this.postings[id] = this.postings[id].filter((pid) => !dead.has(pid));
  }

  private termId(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.termIds.set(term, id);
      this.terms.push(term);
      this.masks.push(letterMask(term));
      this.postings.push([]);
      if (!/^\d/.test(term)) {
        push(this.firstBuckets, bucketKey(term.length, term.charCodeAt(0)), id);
        push(this.lastBuckets, bucketKey(term.length, term.charCodeAt(term.length - 1)), id);
      }
      this.sortedTermIds = undefined;
    }
    return id;
  }

  private idf(df: number): number {
    return Math.log(1 + (this.live - df + 0.5) / (df + 0.5));
  }

  /** Terms beginning with `prefix` that occur somewhere, most frequent first when there are many. */
  private prefixTerms(prefix: string): number[] {
    if (!this.sortedTermIds) {
      const terms = this.terms;
      this.sortedTermIds = terms.map((_, i) => i).sort((a, b) => (terms[a] < terms[b] ? -1 : terms[a] > terms[b] ? 1 : 0));
    }
    const ids = this.sortedTermIds;
    let lo = 0;
    let hi = ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.terms[ids[mid]] < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let i = lo; i < ids.length && this.terms[ids[i]].startsWith(prefix); i++) {
      if (this.postings[ids[i]].length) out.push(ids[i]);
    }
    let postings = 0;
    for (const id of out) postings += this.postings[id].length;
    if (out.length > MAX_PREFIX_TERMS || postings > MAX_PREFIX_POSTINGS) {
      out.sort((a, b) => this.postings[b].length - this.postings[a].length);
      let kept = 0;
      postings = 0;
      while (kept < out.length && kept < MAX_PREFIX_TERMS && postings + this.postings[out[kept]].length <= MAX_PREFIX_POSTINGS) {
        postings += this.postings[out[kept]].length;
        kept++;
      }
      out.length = Math.max(kept, 1);
    }
    return out;
  }

  /** Terms within one typo of `term` (two for words of eight letters or more), closest first. */
  private typoTerms(term: string): Array<{ termId: number; distance: number }> {
    if (term.length < 4 || /\d/.test(term)) return [];
    const max = term.length >= 8 ? 2 : 1;
    const mask = letterMask(term);
    const seen = new Set<number>();
    const out: Array<{ termId: number; distance: number }> = [];
    const first = term.charCodeAt(0);
    const last = term.charCodeAt(term.length - 1);
    for (let len = term.length - max; len <= term.length + max; len++) {
      for (const bucket of [this.firstBuckets.get(bucketKey(len, first)), this.lastBuckets.get(bucketKey(len, last))]) {
        if (!bucket) continue;
        for (const id of bucket) {
          if (seen.has(id)) continue;
          seen.add(id);
          if (popcount(mask ^ this.masks[id]) > 2 * max || !this.postings[id].length) continue;
          const candidate = this.terms[id];
          if (candidate === term) continue;
          const d = boundedDistance(term, candidate, max);
          if (d <= max) out.push({ termId: id, distance: d });
        }
      }
    }
    if (out.length > MAX_TYPO_TERMS) {
      out.sort((a, b) => a.distance - b.distance || this.postings[b.termId].length - this.postings[a.termId].length);
      out.length = MAX_TYPO_TERMS;
    }
    return out;
  }

  /**
   * fuse.js's typo-tolerant match of a word nothing else matched (two typos in a short word, a typo in
   * the word still being typed) against the terms that share its first or last letter and about its
   * length. For the word being typed (`typed`), a match near the start of a longer term counts.
   */
  private fuseTerms(term: string, typed: string | undefined): Array<{ termId: number; score: number }> {
    const pattern = typed !== undefined ? collapseDoubles(typed) : term;
    if (pattern.length < 4 || /\d/.test(pattern)) return [];
    const ids: number[] = [];
    const seen = new Set<number>();
    const collect = (buckets: Map<number, number[]>, code: number, from: number, to: number) => {
      for (let len = Math.max(1, from); len <= to; len++) {
        for (const id of buckets.get(bucketKey(len, code)) ?? []) {
          if (!seen.has(id) && this.postings[id].length) {
            seen.add(id);
            ids.push(id);
          }
        }
      }
    };
    const n = pattern.length;
    collect(this.firstBuckets, pattern.charCodeAt(0), n - 2, typed !== undefined ? n + 8 : n + 2);
    if (typed === undefined) collect(this.lastBuckets, pattern.charCodeAt(n - 1), n - 2, n + 2);
    if (ids.length === 0) return [];
    const fuse = new Fuse(
      ids.map((id) => this.terms[id]),
      typed !== undefined
        ? { includeScore: true, threshold: FUSE_THRESHOLD, location: 0, distance: 2 * n }
        : { includeScore: true, threshold: FUSE_THRESHOLD, ignoreLocation: true },
    );
    return fuse.search(pattern, { limit: FUSE_TERMS }).map((r) => ({ termId: ids[r.refIndex], score: r.score ?? 1 }));
  }

  /** The query's words, each with the index terms it may mean and what each is worth. */
  private queryWords(query: string): QueryWord[] {
    const tokens = tokenize(query);
    const typing = !/[\s\p{P}]$/u.test(query);
    const words: QueryWord[] = [];
    const seenTerms = new Set<string>();
    tokens.forEach((token, i) => {
      if (seenTerms.has(token.term)) return;
      seenTerms.add(token.term);
      const value = new Map<number, number>();
      const add = (termId: number, v: number) => {
        if ((value.get(termId) ?? 0) < v) value.set(termId, v);
      };
      const exact = this.termIds.get(token.term);
      if (exact !== undefined && this.postings[exact].length) add(exact, this.idf(this.postings[exact].length));
      const last = i === tokens.length - 1 && typing && token.offset + token.length === query.length;
      if (last && token.word.length >= 2) {
        const isNumber = /^\d/.test(token.word);
        const prefix = isNumber ? token.word.replace(/\D/g, '') : collapseDoubles(token.word);
        const ids = this.prefixTerms(prefix);
        // The word so far is worth what it narrows down to: the idf of all the terms it begins.
        let df = 0;
        for (const id of ids) df += this.postings[id].length;
        const prefixIdf = this.idf(Math.min(df, this.live));
        for (const id of ids) add(id, PREFIX_WEIGHT * Math.min(prefixIdf, this.idf(this.postings[id].length)));
        // The typed word runs past the stem of the word meant ("supplie" → "supply" is indexed as "supp").
        if (!isNumber && exact === undefined && prefix.length >= 5) {
          for (let cut = 1; cut <= 3 && prefix.length - cut >= 4; cut++) {
            const id = this.termIds.get(prefix.slice(0, -cut));
            if (id !== undefined && this.postings[id].length) add(id, PREFIX_WEIGHT * this.idf(this.postings[id].length));
          }
        }
      }
      // A word the corpus uses often is spelled as meant; a rare or unknown one may be a typo.
      if (exact === undefined || this.postings[exact].length <= this.commonDf()) {
        for (const t of this.typoTerms(token.term)) add(t.termId, TYPO_WEIGHT[t.distance] * this.idf(this.postings[t.termId].length));
      }
      if (value.size === 0) {
        for (const t of this.fuseTerms(token.term, last ? token.word : undefined)) {
          add(t.termId, FUSE_WEIGHT * (1 - t.score) * this.idf(this.postings[t.termId].length));
        }
      }
      if (value.size === 0) return;
      const expansions = [...value].map(([termId, v]) => ({ termId, value: v }));
      words.push({ token, expansions, best: Math.max(...expansions.map((e) => e.value)) });
    });
    return words;
  }

  private ensureScratch(): void {
    const n = this.passages.length;
    if (this.stamp.length >= n) return;
    const size = Math.max(n, this.stamp.length * 2, 1024);
    this.stamp = new Uint32Array(size);
    this.groupStamp = new Uint32Array(size);
    this.covered = new Float64Array(size);
    this.groupBest = new Float64Array(size);
    this.matched = new Uint16Array(size);
    this.queryStamp = 0;
    this.groupQueryStamp = 0;
  }

  private nextStamp(which: 'query' | 'group'): number {
    if (which === 'query') {
      if (++this.queryStamp === 0xffffffff) {
        this.stamp.fill(0);
        this.queryStamp = 1;
      }
      return this.queryStamp;
    }
    if (++this.groupQueryStamp === 0xffffffff) {
      this.groupStamp.fill(0);
      this.groupQueryStamp = 1;
    }
    return this.groupQueryStamp;
  }

  /** Passages a word must occur in to count as common (and so spelled as meant). */
  private commonDf(): number {
    return Math.max(COMMON_MIN_DF, this.live * COMMON_SHARE);
  }

  /** Length norm of BM25 for a passage of `len` terms, scaled to (0, 1]. */
  private lengthNorm(len: number, avg: number): number {
    return 1 / (1 + K1 * (1 - B + (B * len) / avg)) / (1 / (1 + K1 * (1 - B)));
  }

  search(query: string, opts: SearchOptions = {}): SearchResult[] {
    const limit = Math.max(0, opts.limit ?? 20);
    if (limit === 0 || this.live === 0) return [];
    const words = this.queryWords(query);
    if (words.length === 0) return [];
    const kinds = opts.kinds ? new Set(opts.kinds) : undefined;
    this.ensureScratch();

    // Stage one: per passage, the sum over query words of the best expansion it contains.
    const q = this.nextStamp('query');
    const touched: number[] = [];
    for (const word of words) {
      const g = this.nextStamp('group');
      const inGroup: number[] = [];
      for (const { termId, value } of word.expansions) {
        for (const pid of this.postings[termId]) {
          if (this.groupStamp[pid] !== g) {
            this.groupStamp[pid] = g;
            this.groupBest[pid] = value;
            inGroup.push(pid);
          } else if (this.groupBest[pid] < value) this.groupBest[pid] = value;
        }
      }
      for (const pid of inGroup) {
        if (this.stamp[pid] !== q) {
          this.stamp[pid] = q;
          this.covered[pid] = 0;
          this.matched[pid] = 0;
          touched.push(pid);
        }
        this.covered[pid] += this.groupBest[pid];
        this.matched[pid]++;
      }
    }
    const total = words.reduce((s, w) => s + w.best, 0);
    const avg = this.totalLength / Math.max(1, this.live);
    const k = Math.max(opts.candidates ?? DEFAULT_CANDIDATES, limit * 3);
    const heap = new MinHeap(k);
    for (const pid of touched) {
      const p = this.passages[pid];
      if (!p || (kinds && !kinds.has(p.kind))) continue;
      const stage1 = this.covered[pid] / total + 0.1 * this.lengthNorm(this.passageTerms[pid].length, avg);
      heap.offer({ pid, stage1 });
    }
    const candidates = heap.items();
    return this.dedupe(this.rank(words, candidates, total, avg), limit);
  }

  /** Stage two: the candidates ranked on coverage, order, span, length and kind. */
  private rank(words: QueryWord[], candidates: Candidate[], total: number, avg: number): SearchResult[] {
    const groupsOf = new Map<number, number[]>();
    words.forEach((w, g) => {
      for (const e of w.expansions) push(groupsOf, e.termId, g);
    });
    candidates.sort((a, b) => b.stage1 - a.stage1);
    const results: SearchResult[] = candidates.map(({ pid }) => {
      const p = this.passages[pid] as Passage;
      const ids = this.passageTerms[pid];
      const coverage = this.covered[pid] / total;
      const count = this.matched[pid] / words.length;
      const { order, span } = arrangement(ids, groupsOf, words.length);
      const length = this.lengthNorm(ids.length, avg);
      const kind = p.kind === 'sentence' ? 0 : 1;
      const relevance =
        WEIGHTS.coverage * coverage +
        WEIGHTS.count * count +
        WEIGHTS.order * order +
        WEIGHTS.span * span +
        WEIGHTS.length * length +
        WEIGHTS.kind * kind;
      return { passage: p, score: Math.max(0, Math.min(1, 1 - relevance)) };
    });
    results.sort((a, b) => a.score - b.score || a.passage.id - b.passage.id);
    return results;
  }

  /** The ranked results with near-identical passages from other documents folded into the best-ranked one. */
  private dedupe(ranked: SearchResult[], limit: number): SearchResult[] {
    const kept: Array<{ result: SearchResult; terms: Set<number> }> = [];
    for (const r of ranked) {
      const terms = new Set(this.passageTerms[r.passage.id]);
      const same = kept.find((k) => samePassage(k.result.passage, k.terms, r.passage, terms));
      if (same) (same.result.alsoIn ??= []).push(r.passage);
      else if (kept.length < limit) kept.push({ result: r, terms });
    }
    return kept.map((k) => k.result);
  }
}

/** Whether two passages are the same text reported twice: a quotation repeated, or ≥ 90% of the words shared. */
function samePassage(a: Passage, aTerms: Set<number>, b: Passage, bTerms: Set<number>): boolean {
  if (a.doc === b.doc && a.start < b.end && b.start < a.end) return false;
  const small = aTerms.size <= bTerms.size ? aTerms : bTerms;
  const large = small === aTerms ? bTerms : aTerms;
  if (small.size === 0) return false;
  let shared = 0;
  for (const t of small) if (large.has(t)) shared++;
  if (a.kind === 'quote' && b.kind === 'quote' && shared === small.size && small.size === large.size) return true;
  return small.size >= 4 && shared / small.size >= 0.9 && small.size / large.size >= 0.8;
}

/**
 * How the query's words stand in the passage, over adjacent query-word pairs: `order`, the share near
 * each other (1 in query order, ½ reversed); `span`, the share right next to each other in query order.
 */
function arrangement(ids: Uint32Array, groupsOf: Map<number, number[]>, groups: number): { order: number; span: number } {
  if (groups < 2) return { order: 0, span: 0 };
  const positions: number[][] = Array.from({ length: groups }, () => []);
  for (let i = 0; i < ids.length; i++) {
    const gs = groupsOf.get(ids[i]);
    if (gs) for (const g of gs) positions[g].push(i);
  }
  let order = 0;
  let span = 0;
  for (let g = 0; g + 1 < groups; g++) {
    let best = 0;
    let next = 0;
    for (const a of positions[g]) {
      for (const b of positions[g + 1]) {
        if (b > a && b - a <= NEAR) {
          best = 1;
          if (b - a === 1) next = 1;
        } else if (a > b && a - b <= NEAR && best < 0.5) best = 0.5;
      }
      if (next === 1) break;
    }
    order += best;
    span += next;
  }
  return { order: order / (groups - 1), span: span / (groups - 1) };
}

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function bucketKey(length: number, code: number): number {
  return code * 64 + Math.min(length, 63);
}

/** Which letters a word has: a-z one bit each, everything else sharing bits by character code. */
function letterMask(word: string): number {
  let m = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    m |= 1 << (c >= 97 && c <= 122 ? c - 97 : 26 + (c % 6));
  }
  return m >>> 0;
}

function popcount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** A bounded min-heap keeping the `capacity` candidates with the highest stage-one score. */
class MinHeap {
  private readonly heap: Candidate[] = [];
  constructor(private readonly capacity: number) {}

  offer(c: Candidate): void {
    const h = this.heap;
    if (h.length < this.capacity) {
      h.push(c);
      let i = h.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (less(h[parent], h[i])) break;
        [h[parent], h[i]] = [h[i], h[parent]];
        i = parent;
      }
      return;
    }
    if (!less(h[0], c)) return;
    h[0] = c;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && less(h[l], h[m])) m = l;
      if (r < h.length && less(h[r], h[m])) m = r;
      if (m === i) break;
      [h[m], h[i]] = [h[i], h[m]];
      i = m;
    }
  }

  items(): Candidate[] {
    return [...this.heap];
  }
}

/** Lower stage-one score first; on a tie, the later passage counts as lower, so earlier passages stay. */
function less(a: Candidate, b: Candidate): boolean {
  return a.stage1 < b.stage1 || (a.stage1 === b.stage1 && a.pid > b.pid);
}

/**
 * Edit distance with adjacent transpositions counted as one edit ("sanctoins" is one typo from
 * "sanctions"), or `max + 1` as soon as it must exceed `max`.
 */
export function boundedDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = new Array<number>(n + 1);
  let cur = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n];
}
