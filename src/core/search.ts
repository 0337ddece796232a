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
import { indexTerms, tokenize, type Token } from './tokenize';
import { collapseDoubles } from './aliases';
import { Vocabulary, letterMask, push, type TermMap } from './vocabulary';
import { prepareDocument, type PreparedDocument } from './prepare';
import { Postings } from './postings';
import { DEAD, HIDDEN, IndexedDocument, KINDS, KIND_CODE, PassageStore, documentFields, type DocumentFields } from './passageStore';
import { LineCounts } from './repeatedLines';
import { lowerBound } from './sorted';
import { runInSlices, runSteps, STEP_ITEMS, type Steps } from './steps';
import { arrangement, boundedDistance, samePassage, type PassageSpan } from './ranking';

export { boundedDistance } from './ranking';

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
/** A query word with more terms than this is taken as held by every candidate when bounding its rank. */
const MAX_PROBED_TERMS = 8;
/** Score fuse.js must beat (0 is exact, 1 anything) for a word nothing else matched. */
const FUSE_THRESHOLD = 0.4;
const FUSE_WEIGHT = 0.6;
const FUSE_TERMS = 5;
/** Stage one's score: coverage of the query (0–1) plus this much for a short passage. */
const LENGTH_BONUS = 0.1;
/**
 * The delta of the postings is due to be sealed when it grows past this, or past the postings sealed
 * (a load seals in slices between files, `sealDue`, each time into a segment); past SEAL_FORCED
 * times that, adding a document seals at once.
 */
const SEAL_MIN = 250_000;
const SEAL_FORCED = 4;

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

interface DocSlot {
  doc: IndexedDocument;
  /** Distinct hashes of the document's short lines. */
  lines: Float64Array;
}

/** What the on-disk cache holds of an index (indexCache.ts). */
export interface IndexSnapshot {
  /** `bytes`: the document's text, UTF-8. */
  docs: Array<{ fields: DocumentFields; bytes: Uint8Array; first: number; count: number; lines: Float64Array }>;
  terms: string[];
  store: PassageStore;
  postings: Postings;
}

export class PassageIndex {
  private store = new PassageStore();
  private vocab = new Vocabulary();
  private postings = new Postings();
  private slots: Array<DocSlot | undefined> = [];
  private readonly byPath = new Map<string, number>();
  private live = 0;
  private totalLength = 0;
  private removedSinceSeal = false;
  /** Documents per short-line hash, counted as documents come and go; undefined until first counted (a restored index). */
  private lineCounts: LineCounts | undefined = new LineCounts();
  /** Slots added since `hideRepeatedLines` last looked at the documents. */
  private freshSlots: number[] = [];
  /** Documents added or removed, and passages' flags changed by `hideRepeatedLines`, so far. */
  private documentChanges = 0;
  private flagChanges = 0;
  // Scratch space for scoring, reused across queries. `covered` is 0 for a passage no query word
  // touched yet, and set back to 0 for the touched ones after each query; group stamps avoid clearing.
  private covered = new Float64Array(0);
  private touched = new Uint32Array(0);
  private touchedCount = 0;
  private groupStamp = new Uint32Array(0);
  private groupBest = new Float64Array(0);
  private group = new Uint32Array(0);
  private hits = new Uint32Array(0);
  private groupQueryStamp = 0;

  get documentCount(): number {
    return this.byPath.size;
  }

  get passageCount(): number {
    return this.live;
  }

  *documents(): IterableIterator<CorpusDocument> {
    for (const slot of this.slots) if (slot) yield slot.doc;
  }

  document(path: string): CorpusDocument | undefined {
    const slot = this.byPath.get(path);
    return slot === undefined ? undefined : this.slots[slot]?.doc;
  }

  /** A passage by id, while its document is unchanged. */
  passage(id: number): Passage | undefined {
    if (id < 0 || id >= this.store.count || this.store.flags[id] !== 0) return undefined;
    return this.slots[this.store.doc[id]]?.doc.passage(id);
  }

  clear(): void {
    for (const path of [...this.byPath.keys()]) this.removeDocument(path);
    this.seal();
  }

  /** Index a document (replacing the one at its path); returns the indexed document. */
  addDocument(doc: CorpusDocument): CorpusDocument {
    return this.addPrepared(prepareDocument(doc, this.vocab.termIds, true));
  }

  /**
   * Index a prepared document (replacing the one at its path); returns the indexed document. `terms`:
   * how its terms are numbered when not by this index (a worker thread prepared it).
   */
  addPrepared(prepared: PreparedDocument, terms?: TermMap): CorpusDocument {
    const { fields, termCount } = prepared;
    if (this.byPath.has(fields.path)) this.removeDocument(fields.path);
    const ids = prepared.terms;
    terms?.translate(this.vocab, ids);
    const slot = this.slots.length;
    const first = this.store.appendAll(slot, prepared);
    const n = termCount.length;
    let t = 0;
    for (let i = 0; i < n; i++) {
      const count = termCount[i];
      this.postings.addPassage(first + i, ids, t, t + count);
      t += count;
    }
    this.totalLength += t;
    this.live += n;
    const indexed = new IndexedDocument(fields, prepared.bytes, this.store, first, n);
    // A copy: the prepared columns share one buffer, which is not kept.
    this.slots.push({ doc: indexed, lines: prepared.lines.slice() });
    this.byPath.set(fields.path, slot);
    this.countLines(slot, 1);
    // For callers that never seal: a load seals in slices when due (`sealDue`), long before this.
    if (this.postings.deltaCount > SEAL_FORCED * Math.max(SEAL_MIN, this.postings.sealedCount)) this.seal(false);
    return indexed;
  }

  /** The postings added since the last seal are many (as many as those sealed): time to `sealInSlices(…, false)`. */
  get sealDue(): boolean {
    return this.postings.deltaCount > Math.max(SEAL_MIN, this.postings.sealedCount);
  }

  removeDocument(path: string): void {
    const slot = this.byPath.get(path);
    if (slot === undefined) return;
    const { doc } = this.slots[slot] as DocSlot;
    this.byPath.delete(path);
    this.countLines(slot, -1);
    this.slots[slot] = undefined;
    this.removedSinceSeal = true;
    const s = this.store;
    for (let pid = doc.first; pid < doc.first + doc.count; pid++) {
      if (s.flags[pid] === 0) {
        this.live--;
        this.totalLength -= s.len[pid];
      }
      s.flags[pid] = DEAD;
    }
  }

  /**
   * Short lines that stand in `minDocs` documents or more ("Subscribe to our newsletter…", a site's
   * tagline) are the site's, not the article's: their passages are left out of documents and searches.
   * The documents holding each line are counted as documents come and go, so that only the documents
   * added since the last call, and those holding a line that became or stopped being repeated, are
   * looked at.
   */
  hideRepeatedLines(minDocs: number): void {
    runSteps(this.hiding(minDocs));
  }

  /**
   * `hideRepeatedLines` in slices of about `sliceMs` milliseconds of work with the event loop turning
   * in between (searches meanwhile may see one document's lines hidden and not yet another's).
   * Documents added or removed meanwhile are seen to at once at the end.
   */
  async hideRepeatedLinesInSlices(minDocs: number, sliceMs = 20): Promise<void> {
    const before = this.documentChanges;
    await runInSlices(this.hiding(minDocs), sliceMs);
    if (this.documentChanges !== before) this.hideRepeatedLines(minDocs);
  }

  /** A document's short lines counted in (`delta` 1: it was added) or out (-1: removed), for `hideRepeatedLines`. */
  private countLines(slot: number, delta: 1 | -1): void {
    this.documentChanges++;
    const lines = this.slots[slot]?.lines;
    if (!lines || !this.lineCounts) return;
    this.lineCounts.add(lines, delta);
    if (delta > 0) this.freshSlots.push(slot);
  }

  /** `hideRepeatedLines` in steps. */
  private *hiding(minDocs: number): Steps<void> {
    let fresh = this.freshSlots;
    this.freshSlots = [];
    let counts = this.lineCounts;
    if (!counts) {
      // Not counted since the index was restored: every document's lines are (aside, and again at once
      // should documents come or go meanwhile), and every document is looked at.
      const before = this.documentChanges;
      counts = yield* this.countingLines();
      if (this.documentChanges !== before) counts = runSteps(this.countingLines());
      this.lineCounts = counts;
      fresh = [];
      for (let k = 0; k < this.slots.length; k++) if (this.slots[k]) fresh.push(k);
    }
    const flipped = yield* counts.settling(minDocs);
    // The documents to look at: those added since, and those holding a line that became, or stopped being, repeated.
    const look = new Uint8Array(this.slots.length);
    for (const k of fresh) look[k] = 1;
    if (flipped.size) {
      for (let k = 0; k < look.length; k++) {
        const lines = look[k] ? undefined : this.slots[k]?.lines;
        if (lines) {
          for (let i = 0; i < lines.length; i++) {
            if (flipped.has(lines[i])) {
              look[k] = 1;
              break;
            }
          }
        }
        if ((k & 255) === 255) yield;
      }
    }
    for (let k = 0; k < look.length; k++) {
      const slot = look[k] ? this.slots[k] : undefined;
      if (!slot) continue;
      this.hideLinesOf(slot.doc, counts);
      yield;
    }
  }

  /** The documents holding each short line, counted over every document, in steps. */
  private *countingLines(): Steps<LineCounts> {
    const slots = this.slots.filter((slot): slot is DocSlot => slot !== undefined);
    const counts = new LineCounts(slots.reduce((n, slot) => n + slot.lines.length, 0));
    for (const slot of slots) {
      counts.add(slot.lines, 1);
      yield;
    }
    return counts;
  }

  /** Hide the document's passages that start on a repeated line, show the others. */
  private hideLinesOf(doc: IndexedDocument, counts: LineCounts): void {
    const s = this.store;
    let changed = false;
    for (let pid = doc.first; pid < doc.first + doc.count; pid++) {
      const h = s.line[pid];
      const hide = h !== 0 && counts.repeated(h);
      const hidden = (s.flags[pid] & HIDDEN) !== 0;
      if (hide === hidden) continue;
      s.flags[pid] = hide ? HIDDEN : 0;
      this.live += hide ? -1 : 1;
      this.totalLength += hide ? -s.len[pid] : s.len[pid];
      changed = true;
    }
    if (changed) {
      doc.invalidate();
      this.flagChanges++;
    }
  }

  /**
   * Merge recent additions into the compact postings and drop removed passages from them; with
   * `sortTerms` (the default), merge the terms added into the vocabulary's sorted base too. (Indexing
   * seals without it as the postings grow: the terms are merged once, at the end.)
   */
  seal(sortTerms = true): void {
    runSteps(this.sealing(sortTerms))();
  }

  /**
   * `seal(sortTerms)` in slices of about `sliceMs` milliseconds of work with the event loop turning in
   * between (searches meanwhile answer from the index as it was). Should the index change meanwhile,
   * it is sealed at once at the end instead.
   */
  async sealInSlices(sliceMs = 20, sortTerms = true): Promise<void> {
    const state = () => [this.slots.length, this.byPath.size, this.store.count, this.postings.deltaCount, this.vocab.size, this.removedSinceSeal].join();
    const before = state();
    const install = await runInSlices(this.sealing(sortTerms), sliceMs);
    if (state() === before) install();
    else this.seal(sortTerms);
  }

  /** `seal` in steps: the new vocabulary base and postings are made aside; the function returned puts them in place. */
  private *sealing(sortTerms: boolean): Steps<() => void> {
    // Nothing to seal; but a full seal merges the segments a load sealed.
    if (this.postings.deltaCount === 0 && (!sortTerms || (this.vocab.added === 0 && this.postings.merged)) && !this.removedSinceSeal) return () => {};
    const flags = this.store.flags;
    const removed = this.removedSinceSeal;
    const rebased = sortTerms ? yield* this.vocab.rebasing() : undefined;
    const terms = rebased ? rebased.oldOf.length : this.vocab.size;
    // Sealed without sorting the terms: a load, which adds more postings soon (into a segment).
    const postings = yield* this.postings.sealing(terms, removed ? (pid) => (flags[pid] & DEAD) !== 0 : undefined, rebased?.oldOf, !sortTerms);
    return () => {
      rebased?.install();
      postings();
      this.removedSinceSeal = false;
    };
  }

  /** The index as the cache stores it: removed passages left out, ids renumbered. */
  snapshot(): IndexSnapshot {
    this.seal();
    return runSteps(this.snapshotting());
  }

  /**
   * `snapshot` in slices of about `sliceMs` milliseconds of work with the event loop turning in
   * between. Should the index change meanwhile, the snapshot is taken at once at the end instead.
   */
  async snapshotInSlices(sliceMs = 20): Promise<IndexSnapshot> {
    await this.sealInSlices(sliceMs);
    const state = () => [this.slots.length, this.store.count, this.postings.deltaCount, this.vocab.size, this.removedSinceSeal, this.documentChanges, this.flagChanges].join();
    const before = state();
    const snap = await runInSlices(this.snapshotting(), sliceMs);
    return state() === before ? snap : this.snapshot();
  }

  /** `snapshot` in steps, of a sealed index. */
  private *snapshotting(): Steps<IndexSnapshot> {
    const s = this.store;
    const terms = this.vocab.all();
    const { offsets, data } = this.postings;
    // When documents were only added since the store was made (none removed or replaced), every
    // passage stays and keeps its id: the columns and postings are taken as they are.
    let next = 0;
    const kept = this.slots.every((slot, k) => {
      if (!slot || slot.doc.first !== next) return false;
      for (let pid = slot.doc.first; pid < slot.doc.first + slot.doc.count; pid++) if (s.doc[pid] !== k) return false;
      next += slot.doc.count;
      return true;
    });
    if (kept && next === s.count) {
      const docs = (this.slots as DocSlot[]).map(({ doc, lines }) => ({ fields: documentFields(doc), bytes: doc.bytes, first: doc.first, count: doc.count, lines }));
      const postings = new Postings();
      postings.offsets = offsets;
      postings.data = data;
      return { docs, terms, store: yield* s.compacting(), postings };
    }
    const newId = new Int32Array(s.count).fill(-1);
    const store = new PassageStore();
    const docs: IndexSnapshot['docs'] = [];
    let slotNo = 0;
    let work = 0;
    for (const slot of this.slots) {
      if (!slot) continue;
      const { doc } = slot;
      const first = store.count;
      for (let pid = doc.first; pid < doc.first + doc.count; pid++) {
        const p = { start: s.start[pid], end: s.end[pid], kind: KINDS[s.kind[pid]], speaker: s.speaker[pid] >= 0 ? s.speakers[s.speaker[pid]] : undefined, figures: s.figures.get(pid) };
        newId[pid] = store.add(slotNo, p, s.len[pid], s.line[pid], s.byteStart[pid], s.byteEnd[pid]);
        store.flags[newId[pid]] = s.flags[pid] & HIDDEN;
      }
      docs.push({ fields: documentFields(doc), bytes: doc.bytes, first, count: doc.count, lines: slot.lines });
      slotNo++;
      work += doc.count;
      if (work >= STEP_ITEMS >> 4) {
        work = 0;
        yield;
      }
    }
    const mapped = new Uint32Array(data.length);
    for (let from = 0; from < data.length; from += STEP_ITEMS << 2) {
      for (let i = from, to = Math.min(data.length, from + (STEP_ITEMS << 2)); i < to; i++) mapped[i] = newId[data[i]];
      yield;
    }
    const postings = new Postings();
    postings.offsets = offsets;
    postings.data = mapped;
    return { docs, terms, store, postings };
  }

  /** An index from a snapshot (the cache's, checked by the cache's reader). */
  static restore(snap: IndexSnapshot): PassageIndex {
    return runSteps(PassageIndex.restoring(snap));
  }

  /** `restore` in slices of about `sliceMs` milliseconds of work with the event loop turning in between. */
  static restoreInSlices(snap: IndexSnapshot, sliceMs = 20): Promise<PassageIndex> {
    return runInSlices(PassageIndex.restoring(snap), sliceMs);
  }

  /** `restore` in steps. */
  private static *restoring(snap: IndexSnapshot): Steps<PassageIndex> {
    if (snap.postings.baseTerms !== snap.terms.length) throw new Error('postings and vocabulary differ in size');
    const index = new PassageIndex();
    index.store = snap.store;
    index.vocab = yield* Vocabulary.fromSortedSteps(snap.terms);
    index.postings = snap.postings;
    // Lines are counted when first needed (hideRepeatedLines), not at every start.
    index.lineCounts = undefined;
    yield;
    let work = 0;
    for (const d of snap.docs) {
      const slot = index.slots.length;
      const doc = new IndexedDocument(d.fields, d.bytes, snap.store, d.first, d.count);
      index.slots.push({ doc, lines: d.lines });
      index.byPath.set(d.fields.path, slot);
      for (let pid = d.first; pid < d.first + d.count; pid++) {
        if (snap.store.doc[pid] !== slot) throw new Error('passage columns do not match the documents');
        if (snap.store.flags[pid] !== 0) continue;
        index.live++;
        index.totalLength += snap.store.len[pid];
      }
      work += d.count;
      if (work >= STEP_ITEMS) {
        work = 0;
        yield;
      }
    }
    return index;
  }

  private idf(df: number): number {
    // Removed passages stay in the postings until the next seal: never count more than there are.
    df = Math.min(df, this.live);
    return Math.log(1 + (this.live - df + 0.5) / (df + 0.5));
  }

  private df(termId: number): number {
    return this.postings.df(termId);
  }

  /** Terms beginning with `prefix` that occur somewhere, the most frequent ones when there are many. */
  private prefixTerms(prefix: string): number[] {
    const out: number[] = [];
    let postings = 0;
    for (const id of this.vocab.withPrefix(prefix)) {
      const df = this.df(id);
      if (!df) continue;
      out.push(id);
      postings += df;
    }
    if (out.length > MAX_PREFIX_TERMS || postings > MAX_PREFIX_POSTINGS) {
      out.sort((a, b) => this.df(b) - this.df(a) || a - b);
      let kept = 0;
      postings = 0;
      while (kept < out.length && kept < MAX_PREFIX_TERMS && postings + this.df(out[kept]) <= MAX_PREFIX_POSTINGS) {
        postings += this.df(out[kept]);
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
    const near: number[] = [];
    const first = term.charCodeAt(0);
    const last = term.charCodeAt(term.length - 1);
    for (let len = term.length - max; len <= term.length + max; len++) {
      this.vocab.nearInBucket('first', len, first, mask, 2 * max, near);
      this.vocab.nearInBucket('last', len, last, mask, 2 * max, near);
    }
    const seen = new Set<number>();
    const out: Array<{ termId: number; distance: number }> = [];
    for (const id of near) {
      if (seen.has(id)) continue;
      seen.add(id);
      if (!this.df(id)) continue;
      const candidate = this.vocab.term(id);
      if (candidate === term) continue;
      const d = boundedDistance(term, candidate, max);
      if (d <= max) out.push({ termId: id, distance: d });
    }
    if (out.length > MAX_TYPO_TERMS) {
      out.sort((a, b) => a.distance - b.distance || this.df(b.termId) - this.df(a.termId));
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
    const collect = (which: 'first' | 'last', code: number, from: number, to: number) => {
      for (let len = Math.max(1, from); len <= to; len++) {
        this.vocab.forBucket(which, len, code, (id) => {
          if (!seen.has(id) && this.df(id)) {
            seen.add(id);
            ids.push(id);
          }
        });
      }
    };
    const n = pattern.length;
    collect('first', pattern.charCodeAt(0), n - 2, typed !== undefined ? n + 8 : n + 2);
    if (typed === undefined) collect('last', pattern.charCodeAt(n - 1), n - 2, n + 2);
    if (ids.length === 0) return [];
    const fuse = new Fuse(
      ids.map((id) => this.vocab.term(id)),
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
      // Values are positive (a passage's `covered` of 0 means untouched).
      const add = (termId: number, v: number) => {
        if (v > 0 && (value.get(termId) ?? 0) < v) value.set(termId, v);
      };
      const exact = this.vocab.get(token.term);
      if (exact !== undefined && this.df(exact)) add(exact, this.idf(this.df(exact)));
      const last = i === tokens.length - 1 && typing && token.offset + token.length === query.length;
      if (last && token.word.length >= 2) {
        const isNumber = /^\d/.test(token.word);
        const prefix = isNumber ? token.word.replace(/\D/g, '') : collapseDoubles(token.word);
        const ids = prefix ? this.prefixTerms(prefix) : [];
        // The word so far is worth what it narrows down to: the idf of all the terms it begins.
        let df = 0;
        for (const id of ids) df += this.df(id);
        const prefixIdf = this.idf(Math.min(df, this.live));
        for (const id of ids) add(id, PREFIX_WEIGHT * Math.min(prefixIdf, this.idf(this.df(id))));
        // The typed word runs past the stem of the word meant ("supplie" → "supply" is indexed as "supp").
        if (!isNumber && exact === undefined && prefix.length >= 5) {
          for (let cut = 1; cut <= 3 && prefix.length - cut >= 4; cut++) {
            const id = this.vocab.get(prefix.slice(0, -cut));
            if (id !== undefined && this.df(id)) add(id, PREFIX_WEIGHT * this.idf(this.df(id)));
          }
        }
      }
      // A word the corpus uses often is spelled as meant; a rare or unknown one may be a typo.
      if (exact === undefined || this.df(exact) <= this.commonDf()) {
        for (const t of this.typoTerms(token.term)) add(t.termId, TYPO_WEIGHT[t.distance] * this.idf(this.df(t.termId)));
      }
      if (value.size === 0) {
        for (const t of this.fuseTerms(token.term, last ? token.word : undefined)) {
          add(t.termId, FUSE_WEIGHT * (1 - t.score) * this.idf(this.df(t.termId)));
        }
      }
      if (value.size === 0) return;
      const expansions = [...value].map(([termId, v]) => ({ termId, value: v }));
      words.push({ token, expansions, best: Math.max(...expansions.map((e) => e.value)) });
    });
    return words;
  }

  private ensureScratch(): void {
    const n = this.store.count;
    if (this.covered.length >= n) return;
    const size = Math.max(n, this.covered.length * 2, 1024);
    this.covered = new Float64Array(size);
    this.touched = new Uint32Array(size);
    this.touchedCount = 0;
    this.groupStamp = new Uint32Array(size);
    this.groupBest = new Float64Array(size);
    this.group = new Uint32Array(size);
    this.groupQueryStamp = 0;
  }

  private nextGroupStamp(): number {
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
    let kindMask = 0;
    for (const k of opts.kinds ?? ['sentence', 'quote', 'fact']) kindMask |= 1 << KIND_CODE[k];
    this.ensureScratch();
    const total = words.reduce((sum, w) => sum + w.best, 0);
    const avg = this.totalLength / Math.max(1, this.live);
    const k = Math.max(opts.candidates ?? DEFAULT_CANDIDATES, limit * 3);
    try {
      return this.dedupe(this.rank(words, this.stageOne(words, k, kindMask, total, avg), total, avg, limit), limit);
    } finally {
      for (let i = 0; i < this.touchedCount; i++) this.covered[this.touched[i]] = 0;
      this.touchedCount = 0;
    }
  }

  /**
   * Stage one: per passage, the sum over query words of the best expansion it contains (`covered`).
   * Words are taken most valuable first, every passage holding one found through its postings; the k
   * best so far are kept. Once the k-th of them cannot be overtaken by a passage holding only the
   * words left, the passages that can still reach it are all there are: the words left are looked up
   * in their postings for those few (max-score), not read whole. Returns the k best, best first.
   */
  private stageOne(words: QueryWord[], k: number, kindMask: number, total: number, avg: number): number[] {
    const { flags, kind, len } = this.store;
    const { covered, group, groupBest } = this;
    // Stage one's score: covered / total + LENGTH_BONUS × the length norm (lengthNorm, as a / (a + b × len)),
    // written out the same way wherever it is computed.
    const a = 1 + K1 * (1 - B);
    const b = (K1 * B) / avg;
    const score = (pid: number) => covered[pid] / total + (LENGTH_BONUS * a) / (a + b * len[pid]);
    const top = (lists: ArrayLike<number>[]) => this.topK(lists, k, { kindMask, total, a, b });
    const order = words.map((_, i) => i).sort((x, y) => words[y].best - words[x].best || x - y);
    const rest = new Float64Array(order.length + 1);
    for (let i = order.length - 1; i >= 0; i--) rest[i] = rest[i + 1] + words[order[i]].best;
    let touched = 0;
    let best: number[] = [];
    let oi = 0;
    for (; oi < order.length; oi++) {
      if (best.length === k && score(best[k - 1]) > rest[oi] / total + LENGTH_BONUS) break;
      // A word with one term and no recent postings is read straight from the postings; else gathered.
      const word = words[order[oi]];
      const only = word.expansions.length === 1 ? word.expansions[0] : undefined;
      const direct = only !== undefined && this.postings.merged && !this.postings.delta[only.termId] && only.termId < this.postings.baseTerms;
      const list = direct ? this.postings.data : group;
      const from = direct ? this.postings.offsets[only.termId] : 0;
      const to = direct ? this.postings.offsets[only.termId + 1] : this.gatherWord(word);
      const value = direct ? only.value : 0;
      // Only a passage that reaches the k-th best so far can enter the k best: it is kept at the front
      // of the group (a gathered group is overwritten behind its reading); `reach`: below it not even
      // the shortest passage can.
      const floor = best.length === k ? score(best[k - 1]) : -Infinity;
      const reach = (floor - LENGTH_BONUS) * total;
      let rising = 0;
      for (let i = from; i < to; i++) {
        const pid = list[i];
        const before = covered[pid];
        if (before === 0) this.touched[touched++] = pid;
        const now = before + (direct ? value : groupBest[pid]);
        covered[pid] = now;
        if (now >= reach && now / total + (LENGTH_BONUS * a) / (a + b * len[pid]) >= floor) group[rising++] = pid;
      }
      this.touchedCount = touched;
      // The k best of all touched: the k best before this word, or passages this word raised enough.
      best = top([best, group.subarray(0, rising)]);
    }
    if (oi === order.length) return best;
    const kth = score(best[k - 1]);
    // The passages that may still reach the k-th best: each scores at most covered / total +
    // LENGTH_BONUS now, and the words left can add rest[oi] / total.
    const floor = (kth - LENGTH_BONUS) * total - rest[oi];
    const may = new Uint32Array(touched);
    let n = 0;
    for (let i = 0; i < touched; i++) {
      const pid = this.touched[i];
      if (covered[pid] >= floor && flags[pid] === 0 && ((kindMask >> kind[pid]) & 1) === 1 && score(pid) + rest[oi] / total >= kth) may[n++] = pid;
    }
    const pool = may.subarray(0, n).sort();
    for (; oi < order.length; oi++) {
      const inGroup = this.lookUpWord(words[order[oi]], pool);
      for (let i = 0; i < inGroup; i++) covered[group[i]] += groupBest[group[i]];
    }
    return top([pool]);
  }

  /** The passages holding one of the word's expansions into `group`, each with its best value in `groupBest`; returns how many. */
  private gatherWord(word: QueryWord): number {
    const g = this.nextGroupStamp();
    let inGroup = 0;
    for (const { termId, value } of word.expansions) {
      this.postings.forEachRun(termId, (data, from, to) => {
        inGroup = this.offer(data, from, to, value, g, inGroup);
      });
      const delta = this.postings.delta[termId];
      if (delta) inGroup = this.offer(delta, 0, delta.length, value, g, inGroup);
    }
    return inGroup;
  }

  /** As `gatherWord`, for the passages of `pool` (ascending) only: each found in the postings by galloping search. */
  private lookUpWord(word: QueryWord, pool: Uint32Array): number {
    const g = this.nextGroupStamp();
    let inGroup = 0;
    if (this.hits.length < pool.length) this.hits = new Uint32Array(Math.max(pool.length, 2 * this.hits.length));
    const hits = this.hits;
    for (const { termId, value } of word.expansions) {
      this.postings.forEachRun(termId, (data, from, to) => {
        inGroup = this.offer(hits, 0, intersect(pool, data, from, to, hits), value, g, inGroup);
      });
      const delta = this.postings.delta[termId];
      if (delta) inGroup = this.offer(hits, 0, intersect(pool, delta, 0, delta.length, hits), value, g, inGroup);
    }
    return inGroup;
  }

  /**
   * The passages `list[from, to)` go into the group of stamp `g` (`group[inGroup…]`), each keeping the
   * best value it was offered in `groupBest`; returns the group's new size.
   */
  private offer(list: ArrayLike<number>, from: number, to: number, value: number, g: number, inGroup: number): number {
    const { group, groupStamp, groupBest } = this;
    for (let i = from; i < to; i++) {
      const pid = list[i];
      if (groupStamp[pid] !== g) {
        groupStamp[pid] = g;
        groupBest[pid] = value;
        group[inGroup++] = pid;
      } else if (groupBest[pid] < value) groupBest[pid] = value;
    }
    return inGroup;
  }

  /**
   * The k eligible passages of `lists` with the highest stage-one score, best first (ties: the earlier
   * passage); a passage may stand in several lists.
   */
  private topK(lists: ArrayLike<number>[], k: number, by: { kindMask: number; total: number; a: number; b: number }): number[] {
    const g = this.nextGroupStamp();
    const { flags, kind, len } = this.store;
    const { covered, groupStamp } = this;
    const { kindMask, total, a, b } = by;
    // A min-heap of at most k (score, pid), a later pid counting as lower on equal scores.
    const hp = new Uint32Array(k);
    const hv = new Float64Array(k);
    let size = 0;
    const lower = (i: number, j: number) => hv[i] < hv[j] || (hv[i] === hv[j] && hp[i] > hp[j]);
    const swap = (i: number, j: number) => {
      const p = hp[i];
      hp[i] = hp[j];
      hp[j] = p;
      const v = hv[i];
      hv[i] = hv[j];
      hv[j] = v;
    };
    for (const list of lists) {
      for (let i = 0; i < list.length; i++) {
        const pid = list[i];
        if (groupStamp[pid] === g) continue;
        groupStamp[pid] = g;
        const s = covered[pid] / total + (LENGTH_BONUS * a) / (a + b * len[pid]);
        if (size === k && (s < hv[0] || (s === hv[0] && pid > hp[0]))) continue;
        if (flags[pid] !== 0 || ((kindMask >> kind[pid]) & 1) === 0) continue;
        let at: number;
        if (size === k) {
          hp[0] = pid;
          hv[0] = s;
          for (at = 0; ; ) {
            const l = 2 * at + 1;
            const r = l + 1;
            let m = at;
            if (l < size && lower(l, m)) m = l;
            if (r < size && lower(r, m)) m = r;
            if (m === at) break;
            swap(m, at);
            at = m;
          }
          continue;
        }
        hp[size] = pid;
        hv[size] = s;
        for (at = size++; at > 0; ) {
          const parent = (at - 1) >> 1;
          if (lower(parent, at)) break;
          swap(parent, at);
          at = parent;
        }
      }
    }
    const order = Array.from({ length: size }, (_, i) => i).sort((i, j) => hv[j] - hv[i] || hp[i] - hp[j]);
    return order.map((i) => hp[i]);
  }

  /**
   * Stage two: the candidates ranked on coverage, order, span, length and kind. Order, span and the
   * count of words held need the passage's terms; the rest does not. Candidates are taken best bound
   * first, and once `limit` distinct results are certain to rank above every candidate left, the rest
   * are not read (they could only have been listed as the same passage in another document).
   */
  private rank(words: QueryWord[], candidates: number[], total: number, avg: number, limit: number): Ranked[] {
    // The query word(s) each expansion's term stands for, by the term's text: a passage's terms are
    // matched against these few, not looked up in the whole vocabulary.
    const groupsOf = new Map<string, number[]>();
    words.forEach((w, g) => {
      for (const e of w.expansions) push(groupsOf, this.vocab.term(e.termId), g);
    });
    const s = this.store;
    const bounded = candidates.map((pid) => {
      const kind = KINDS[s.kind[pid]];
      const coverage = this.covered[pid] / total;
      const length = this.lengthNorm(s.len[pid], avg);
      const kindValue = kind === 'sentence' ? 0 : 1;
      const relevance = (count: number, order: number, span: number) =>
        WEIGHTS.coverage * coverage +
        WEIGHTS.count * count +
        WEIGHTS.order * order +
        WEIGHTS.span * span +
        WEIGHTS.length * length +
        WEIGHTS.kind * kindValue;
      // At most: the words it may hold (found in their postings; a word of many terms is taken as
      // held), and a pair of neighbouring query words near each other wherever both are held.
      const held = words.map((w) => w.expansions.length > MAX_PROBED_TERMS || w.expansions.some((e) => this.postings.holds(e.termId, pid)));
      let present = 0;
      let pairs = 0;
      for (let g = 0; g < words.length; g++) {
        if (held[g]) present++;
        if (g > 0 && held[g] && held[g - 1]) pairs++;
      }
      const near = words.length >= 2 ? pairs / (words.length - 1) : 0;
      return { pid, kind, relevance, upper: relevance(present / words.length, near, near) };
    });
    bounded.sort((x, y) => y.upper - x.upper || x.pid - y.pid);
    const results: Array<Ranked & { relevance: number }> = [];
    let certain = 0;
    for (const { pid, kind, relevance, upper } of bounded) {
      // Results above `upper` (with a hair for rounding) rank above this candidate and all after it.
      const above = results.filter((r) => r.relevance > upper + 1e-12);
      if (above.length >= limit && above.length > certain) {
        certain = above.length;
        if (this.distinct(above.sort(byRank), limit) >= limit) break;
      }
      const slot = s.doc[pid];
      const terms = indexTerms((this.slots[slot] as DocSlot).doc.passageText(pid));
      const { order, span, present } = arrangement(terms, groupsOf, words.length);
      const r = relevance(present / words.length, order, span);
      results.push({ pid, relevance: r, score: Math.max(0, Math.min(1, 1 - r)), terms: new Set(terms), at: { doc: slot, start: s.start[pid], end: s.end[pid], kind } });
    }
    return results.sort(byRank);
  }

  /** How many of the ranked results dedupe keeps, counting up to `limit`. */
  private distinct(ranked: Ranked[], limit: number): number {
    const kept: Ranked[] = [];
    for (const r of ranked) {
      if (kept.length >= limit) break;
      if (!kept.some((k) => samePassage(k.at, k.terms, r.at, r.terms))) kept.push(r);
    }
    return kept.length;
  }

  /**
   * The ranked results with near-identical passages from other documents folded into the best-ranked
   * one. Passage objects are made for what is returned only.
   */
  private dedupe(ranked: Ranked[], limit: number): SearchResult[] {
    const kept: Array<{ ranked: Ranked; alsoIn?: number[] }> = [];
    for (const r of ranked) {
      const same = kept.find((k) => samePassage(k.ranked.at, k.ranked.terms, r.at, r.terms));
      if (same) (same.alsoIn ??= []).push(r.pid);
      else if (kept.length < limit) kept.push({ ranked: r });
    }
    return kept.map(({ ranked: r, alsoIn }) => {
      const result: SearchResult = { passage: this.passage(r.pid) as Passage, score: r.score };
      if (alsoIn) result.alsoIn = alsoIn.map((pid) => this.passage(pid) as Passage);
      return result;
    });
  }
}

/** Stage two's order: best score first, then the earlier passage. */
function byRank(a: Ranked, b: Ranked): number {
  return a.score - b.score || a.pid - b.pid;
}

/** A candidate as stage two ranked it. */
interface Ranked {
  pid: number;
  score: number;
  /** Its index terms. */
  terms: Set<string>;
  /** Where it stands: `doc` is the document's slot. */
  at: PassageSpan;
}

/**
 * The elements of `pool` (ascending) that stand in `list[from, to)` (ascending), written to `out`;
 * returns how many. A galloping search from where the last one was found, so that a short pool
 * costs little in a long list.
 */
export function intersect(pool: ArrayLike<number>, list: ArrayLike<number>, from: number, to: number, out: Uint32Array): number {
  let found = 0;
  let at = from;
  for (let i = 0; i < pool.length && at < to; i++) {
    const pid = pool[i];
    if (list[at] < pid) {
      // Gallop: double the step until past pid, then binary search in the last step.
      let step = 1;
      let lo = at;
      let hi = at + 1;
      while (hi < to && list[hi] < pid) {
        lo = hi;
        step *= 2;
        hi = Math.min(to, hi + step);
      }
      // list[lo] < pid; the first element ≥ pid lies in (lo, hi].
      at = lowerBound(list, pid, lo + 1, hi);
      if (at >= to) break;
    }
    if (list[at] === pid) {
      out[found++] = pid;
      at++;
    }
  }
  return found;
}
