/**
 * The passage index. Stage one, an inverted index over stemmed words, finds candidates in a corpus of
 * any size: exact words, the word still being typed as a prefix, and words within one or two typos,
 * each weighted by rarity (BM25). Stage two ranks the few hundred best candidates with fuse.js, which
 * is strong at typo-tolerant matching of short strings, together with the word scores and a bonus for
 * the typed words appearing as one span.
 */
import Fuse from 'fuse.js';
import type { CorpusDocument, Passage, PassageKind } from './types';
import { tokenize } from './tokenize';
import { fold } from './text';

export interface SearchOptions {
  limit?: number;
  kinds?: readonly PassageKind[];
  /** Candidates handed to the reranker. */
  candidates?: number;
}

export interface SearchResult {
  passage: Passage;
  /** 0 is a perfect match; lower is better. */
  score: number;
}

const K1 = 1.2;
const B = 0.75;
const PREFIX_WEIGHT = 0.9;
const MAX_PREFIX_TERMS = 200;

interface Expansion {
  termId: number;
  weight: number;
}

export class PassageIndex {
  private readonly passages: Array<Passage | undefined> = [];
  private readonly lengths: number[] = [];
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  private readonly postings: number[][] = [];
  private readonly termsByLength: number[][] = [];
  private readonly docs = new Map<string, CorpusDocument>();
  private sortedTermIds: number[] | undefined;
  private live = 0;
  private totalLength = 0;

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
      this.lengths.push(tokens.length);
      this.totalLength += tokens.length;
      this.live++;
      const seen = new Set<number>();
      for (const t of tokens) {
        const id = this.termId(t.term);
        if (seen.has(id)) continue;
        seen.add(id);
        this.postings[id].push(p.id);
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
      this.totalLength -= this.lengths[p.id];
      this.live--;
      for (const t of tokenize(p.text)) {
        const id = this.termIds.get(t.term);
        if (id !== undefined) touched.add(id);
      }
    }
    for (const id of touched) this.postings[id] = this.postings[id].filter((pid) => !dead.has(pid));
  }

  private termId(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.termIds.set(term, id);
      this.terms.push(term);
      this.postings.push([]);
      (this.termsByLength[term.length] ??= []).push(id);
      this.sortedTermIds = undefined;
    }
    return id;
  }

  private idf(termId: number): number {
    const df = this.postings[termId].length;
    return Math.log(1 + (this.live - df + 0.5) / (df + 0.5));
  }

  /** Terms starting with `prefix`, most frequent first. */
  private prefixTerms(prefix: string): number[] {
    if (!this.sortedTermIds) {
      this.sortedTermIds = this.terms.map((_, i) => i).sort((a, b) => (this.terms[a] < this.terms[b] ? -1 : 1));
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
    if (out.length > MAX_PREFIX_TERMS) out.sort((a, b) => this.postings[b].length - this.postings[a].length).length = MAX_PREFIX_TERMS;
    return out;
  }

  /** Terms within one typo (two for long words). */
  private fuzzyTerms(term: string): Expansion[] {
    if (term.length < 4 || /^\d/.test(term)) return [];
    const maxDistance = term.length >= 8 ? 2 : 1;
    const out: Expansion[] = [];
    for (let len = term.length - maxDistance; len <= term.length + maxDistance; len++) {
      for (const id of this.termsByLength[len] ?? []) {
        const candidate = this.terms[id];
        if (candidate === term || !this.postings[id].length) continue;
        const d = boundedDistance(term, candidate, maxDistance);
        if (d <= maxDistance) out.push({ termId: id, weight: d === 1 ? 0.8 : 0.6 });
      }
    }
    return out;
  }

  /** Expansions for each query word: exact, prefix (for the word being typed) and fuzzy. */
  private expand(query: string): Expansion[][] {
    const tokens = tokenize(query);
    const typing = !/[\s\p{P}]$/u.test(query);
    return tokens.map((t, i) => {
      const best = new Map<number, number>();
      const add = (termId: number, weight: number) => {
        if ((best.get(termId) ?? 0) < weight) best.set(termId, weight);
      };
      const exact = this.termIds.get(t.term);
      if (exact !== undefined) add(exact, 1);
      const surface = this.termIds.get(t.word);
      if (surface !== undefined) add(surface, 1);
      if (i === tokens.length - 1 && typing && t.word.length >= 2) {
        for (const id of this.prefixTerms(t.word)) add(id, PREFIX_WEIGHT);
      }
      for (const e of this.fuzzyTerms(t.term)) add(e.termId, e.weight);
      return [...best].map(([termId, weight]) => ({ termId, weight }));
    });
  }

  search(query: string, opts: SearchOptions = {}): SearchResult[] {
    const limit = opts.limit ?? 20;
    const kinds = opts.kinds ? new Set(opts.kinds) : undefined;
    const expansions = this.expand(query).filter((e) => e.length > 0);
    if (expansions.length === 0 || this.live === 0) return [];
    const avg = this.totalLength / Math.max(1, this.live);
    const scores = new Map<number, number>();
    const coverage = new Map<number, number>();
    let maxPossible = 0;
    for (const group of expansions) {
      const perPassage = new Map<number, number>();
      let groupMax = 0;
      for (const { termId, weight } of group) {
        const idf = this.idf(termId) * weight;
        groupMax = Math.max(groupMax, idf);
        for (const pid of this.postings[termId]) {
          const norm = (K1 + 1) / (1 + K1 * (1 - B + (B * this.lengths[pid]) / avg));
          const s = idf * norm;
          if ((perPassage.get(pid) ?? 0) < s) perPassage.set(pid, s);
        }
      }
      maxPossible += groupMax;
      for (const [pid, s] of perPassage) {
        scores.set(pid, (scores.get(pid) ?? 0) + s);
        coverage.set(pid, (coverage.get(pid) ?? 0) + 1);
      }
    }
    const candidates: Array<{ pid: number; words: number }> = [];
    for (const [pid, s] of scores) {
      const p = this.passages[pid];
      if (!p || (kinds && !kinds.has(p.kind))) continue;
      candidates.push({ pid, words: s + (coverage.get(pid) ?? 0) * maxPossible });
    }
    candidates.sort((a, b) => b.words - a.words);
    candidates.length = Math.min(candidates.length, opts.candidates ?? 300);
    return this.rerank(query, candidates, expansions.length, scores, coverage, maxPossible).slice(0, limit);
  }

  private rerank(
    query: string,
    candidates: Array<{ pid: number }>,
    queryWords: number,
    scores: Map<number, number>,
    coverage: Map<number, number>,
    maxPossible: number,
  ): SearchResult[] {
    const passages = candidates.map((c) => this.passages[c.pid] as Passage);
    const fuse = new Fuse(passages, {
      keys: ['text'],
      includeScore: true,
      ignoreLocation: true,
      ignoreDiacritics: true,
      threshold: 0.6,
      useTokenSearch: true,
    });
    const fuseScore = new Map<number, number>();
    for (const r of fuse.search(query)) fuseScore.set(r.item.id, r.score ?? 1);
    const foldedQuery = fold(query).replace(/\s+/g, ' ').trim();
    const results: SearchResult[] = passages.map((p) => {
      const words = (scores.get(p.id) ?? 0) / Math.max(maxPossible, 1e-9);
      const covered = (coverage.get(p.id) ?? 0) / queryWords;
      const fuzzy = 1 - (fuseScore.get(p.id) ?? 1);
      const span = foldedQuery.length >= 3 && fold(p.text).replace(/\s+/g, ' ').includes(foldedQuery) ? 1 : 0;
      const kindBonus = p.kind === 'sentence' ? 0 : 0.03;
      const relevance = 0.45 * words + 0.25 * covered + 0.15 * fuzzy + 0.15 * span + kindBonus;
      return { passage: p, score: Math.max(0, Math.min(1, 1 - relevance)) };
    });
    results.sort((a, b) => a.score - b.score || a.passage.id - b.passage.id);
    return results;
  }
}

/** Levenshtein distance, or `max + 1` as soon as it must exceed `max`. */
export function boundedDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (cur[j] < rowMin) rowMin = cur[j];
    }
    if (rowMin > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}
