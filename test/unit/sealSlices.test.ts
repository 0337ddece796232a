import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { Corpus } from '../../src/core/corpusIndex';
import { documentFromBytes } from '../../src/core/corpus';
import { MemoryFileSystem } from '../../src/core/fs';
import { encodeIndexCache } from '../../src/core/indexCache';
import { PassageIndex } from '../../src/core/search';
import { nextTurn, runInSlices, runSteps, type Steps } from '../../src/core/steps';
import type { CorpusDocument } from '../../src/core/types';
import { letterMask, sortedOrder, Vocabulary } from '../../src/core/vocabulary';

/** A fixed stream of pseudo-random numbers in [0, 1). */
function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

/** Distinct terms of many kinds: long shared beginnings, numbers, letters beyond ASCII (up to U+FFFF), one to 70 code units. */
function manyTerms(n: number, seed: number): string[] {
  const next = random(seed);
  const units = ['a', 'b', 'e', 'n', 's', 't', 'z', '0', '7', '-', "'", 'é', 'ß', 'ж', '日', '\u0100', '\u07ff', '\ud83d', '\ude42', '\uffff'];
  const stems = ['', 'inter', 'internation', 'international', 'counter', '19', '2024-', 'über', '日本'];
  const out = new Set<string>();
  while (out.size < n) {
    let t = stems[Math.floor(next() * stems.length)];
    const length = 1 + Math.floor(next() * next() * 70);
    while (t.length < length) t += units[Math.floor(next() * units.length)];
    out.add(t);
  }
  return [...out];
}

/** Run steps one at a time; returns the result and how many steps there were. */
function stepped<T>(steps: Steps<T>): { value: T; steps: number } {
  for (let n = 1; ; n++) {
    const next = steps.next();
    if (next.done) return { value: next.value, steps: n };
  }
}

/** What a vocabulary answers about each of `terms` (its id order, masks, and the buckets by first and last character and length). */
function answers(v: Vocabulary, terms: readonly string[]): unknown {
  const ids = terms.map((t) => v.get(t));
  const buckets: Record<string, number[][]> = {};
  for (const t of terms) {
    if (!t.length || (t.charCodeAt(0) >= 48 && t.charCodeAt(0) <= 57)) continue;
    for (const which of ['first', 'last'] as const) {
      const code = t.charCodeAt(which === 'first' ? 0 : t.length - 1);
      const key = `${which} ${t.length} ${code}`;
      if (buckets[key]) continue;
      const all: number[] = [];
      v.forBucket(which, t.length, code, (id) => all.push(id));
      const near: number[] = [];
      v.nearInBucket(which, t.length, code, letterMask(t), 2, near);
      buckets[key] = [all, near];
    }
  }
  return { ids, terms: ids.map((id) => (id === undefined ? undefined : v.term(id))), masks: ids.map((id) => (id === undefined ? 0 : v.mask(id))), buckets };
}

/** The same, worked out from the sorted terms alone. */
function modelAnswers(sorted: readonly string[], terms: readonly string[]): unknown {
  const idOf = new Map(sorted.map((t, id) => [t, id]));
  const ids = terms.map((t) => idOf.get(t));
  const isNumber = (t: string) => t.charCodeAt(0) >= 48 && t.charCodeAt(0) <= 57;
  // Lengths from 63 on share a bucket.
  const keyOf = (which: string, t: string) => `${which} ${Math.min(t.length, 63)} ${t.charCodeAt(which === 'first' ? 0 : t.length - 1)}`;
  const groups = new Map<string, number[]>();
  sorted.forEach((s, id) => {
    if (!s.length || isNumber(s)) return;
    for (const which of ['first', 'last']) {
      const list = groups.get(keyOf(which, s));
      if (list) list.push(id);
      else groups.set(keyOf(which, s), [id]);
    }
  });
  const buckets: Record<string, number[][]> = {};
  for (const t of terms) {
    if (!t.length || isNumber(t)) continue;
    for (const which of ['first', 'last'] as const) {
      const key = `${which} ${t.length} ${t.charCodeAt(which === 'first' ? 0 : t.length - 1)}`;
      if (buckets[key]) continue;
      const all = groups.get(keyOf(which, t)) ?? [];
      const mask = letterMask(t);
      buckets[key] = [all, all.filter((id) => popcount(mask ^ letterMask(sorted[id])) <= 2)];
    }
  }
  return { ids, terms: ids.map((id) => (id === undefined ? undefined : sorted[id])), masks: ids.map((id) => (id === undefined ? 0 : letterMask(sorted[id]))), buckets };
}

function popcount(x: number): number {
  let n = 0;
  for (; x; x >>>= 1) n += x & 1;
  return n;
}

suite('the vocabulary in steps', () => {
  test('made in steps from sorted terms: the terms, masks and buckets a model gives, and those of the same terms added in any order and rebased', () => {
    const terms = manyTerms(40_000, 7);
    const sorted = [...terms].sort();
    const { value: restored, steps } = stepped(Vocabulary.fromSortedSteps(sorted));
    assert.ok(steps >= 12, `made in ${steps} steps`);
    const probe = terms.filter((_, i) => i % 97 === 0).concat(['international', 'not a term', 'z', '\uffff']);
    const expected = modelAnswers(sorted, probe);
    assert.deepEqual(answers(restored, probe), expected);
    assert.deepEqual(answers(Vocabulary.fromSorted(sorted), probe), expected);
    const added = new Vocabulary();
    for (const t of terms) added.id(t);
    added.rebase();
    assert.deepEqual(answers(added, probe), expected);
    assert.throws(() => runSteps(Vocabulary.fromSortedSteps([...sorted.slice(0, 30_000), sorted[29_999], ...sorted.slice(30_000)])), /not sorted and distinct/);
  });

  test('sortedOrder of many terms, ties on their first six code units included (merges that span steps): the default sort, equal terms in their order', () => {
    const terms = manyTerms(60_000, 11);
    // Some terms twice, far apart.
    for (let i = 0; i < 2_000; i++) terms.push(terms[i * 17]);
    const order = sortedOrder(terms);
    assert.deepEqual([...order].map((i) => terms[i]), [...terms].sort());
    for (let k = 1; k < order.length; k++) if (terms[order[k]] === terms[order[k - 1]]) assert.ok(order[k] > order[k - 1], `equal terms out of order at ${k}`);
  });

  test('a step of work between two turns of the event loop, even when the work starts in an I/O callback', async () => {
    // Each step lasts 2 ms; a timer set in a step is due by the next one and, if the loop turned in
    // between, has run.
    let pending = 0;
    let missed = 0;
    function* steps(): Steps<number> {
      for (let i = 0; i < 12; i++) {
        if (pending) missed++;
        pending++;
        setTimeout(() => pending--, 0);
        const t = performance.now();
        while (performance.now() - t < 2) {
          // busy
        }
        yield;
      }
      return 12;
    }
    const done = await new Promise<number>((resolve, reject) => fs.readFile(__filename, () => runInSlices(steps(), 0).then(resolve, reject)));
    assert.equal(done, 12);
    assert.equal(missed, 0, 'steps that ran before the timers of the step before');
    await nextTurn();
  });
});

/** A sentence of `words` words taken from `vocabulary`. */
function sentence(next: () => number, vocabulary: readonly string[], words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(vocabulary[Math.floor(next() * vocabulary.length)]);
  out[0] = out[0][0].toUpperCase() + out[0].slice(1);
  return `${out.join(' ')}.`;
}

/** Made-up words of two to four syllables. */
function madeUpWords(n: number, next: () => number): string[] {
  const syllables = ['ka', 'lo', 'mi', 'nu', 'pe', 'ra', 'si', 'to', 'vu', 'ze', 'bar', 'den', 'fil', 'gor', 'hun', 'jat'];
  const out = new Set<string>();
  while (out.size < n) {
    let w = '';
    for (let k = 2 + Math.floor(next() * 3); k > 0; k--) w += syllables[Math.floor(next() * syllables.length)];
    out.add(w);
  }
  return [...out];
}

const QUERIES = (words: readonly string[]) => [`${words[3]} ${words[40]}`, `${words[7]}`, `${words[100].slice(0, 5)}`, `${words[12]} ${words[13]} ${words[14]}`, `${words[5].slice(0, -1)}x`];

function resultsOf(index: PassageIndex, queries: readonly string[]): string {
  return JSON.stringify(queries.map((q) => index.search(q, { limit: 8 }).map((r) => [r.passage.doc.path, r.passage.start, r.passage.end, r.score, (r.alsoIn ?? []).map((p) => p.id)])));
}

function encoded(index: PassageIndex, docs: readonly CorpusDocument[]): Uint8Array {
  const stamps = new Map(docs.map((d) => [d.path, { size: 1, mtime: 2, hash: 3 }]));
  return encodeIndexCache({ key: 'k', snapshot: index.snapshot(), stamps, sidecars: {} });
}

suite('sealing while a corpus loads', () => {
  test('a load seals in slices between files: the index of a load sealed at once, or not until the end; searches between the slices answer as from the same documents', async function () {
    this.timeout(60_000);
    const next = random(3);
    const vocabulary = madeUpWords(6_000, next);
    const fsys = new MemoryFileSystem();
    // About 700,000 postings in 40 files: several seals are due on the way.
    for (let f = 0; f < 40; f++) {
      const paragraphs: string[] = [];
      for (let p = 0; p < 90; p++) paragraphs.push(Array.from({ length: 8 }, () => sentence(next, vocabulary, 22)).join(' '));
      fsys.write(`/c/d${String(f).padStart(2, '0')}.txt`, `${paragraphs.join('\n\n')}\n`);
    }
    const queries = QUERIES(vocabulary);

    const corpus = new Corpus(fsys, ['/c']);
    const index = corpus.index;
    const seal = index.sealInSlices.bind(index);
    const seals: boolean[] = [];
    let sealing = false;
    // Slices of no length: a pause after every step.
    index.sealInSlices = async (_sliceMs?: number, sortTerms?: boolean) => {
      seals.push(sortTerms ?? true);
      sealing = true;
      try {
        await seal(0, sortTerms);
      } finally {
        sealing = false;
      }
    };
    const seen: Array<{ documents: number; results: string }> = [];
    let loaded = false;
    const searching = (async () => {
      while (!loaded) {
        await nextTurn();
        if (sealing && !seals[seals.length - 1] && seen.filter((s) => s.documents === index.documentCount).length < 3) {
          seen.push({ documents: index.documentCount, results: resultsOf(index, queries) });
        }
      }
    })();
    const summary = await corpus.load();
    loaded = true;
    await searching;
    assert.equal(summary.documents, 40);
    assert.equal(corpus.index, index);
    const during = seals.filter((sortTerms) => !sortTerms).length;
    assert.ok(during >= 2, `${during} seals while loading`);
    assert.deepEqual(seals.slice(-1), [true], 'the terms sorted at the end');
    assert.ok(new Set(seen.map((s) => s.documents)).size >= 2, 'searches between the slices of several seals');

    // The same documents, in the same order.
    const docs: CorpusDocument[] = [];
    for (const d of index.documents()) {
      const doc = await documentFromBytes('/c', d.path, await fsys.readFile(d.path));
      assert.ok(!('reason' in doc));
      docs.push(doc);
    }
    const atOnce = new PassageIndex();
    const unsealed = new PassageIndex();
    let atOnceSeals = 0;
    for (const [i, d] of docs.entries()) {
      atOnce.addDocument(d);
      if (atOnce.sealDue) {
        atOnce.seal(false);
        atOnceSeals++;
      }
      unsealed.addDocument(d);
      // Searches made between the slices: the answers of the same documents, sealed or not.
      for (const s of seen.filter((x) => x.documents === i + 1)) assert.equal(s.results, resultsOf(unsealed, queries), `after ${i + 1} documents`);
    }
    assert.equal(atOnceSeals, during);
    for (const other of [atOnce, unsealed]) {
      other.hideRepeatedLines(3);
      other.seal();
    }
    const bytes = encoded(index, docs);
    assert.deepEqual(encoded(atOnce, docs), bytes);
    assert.deepEqual(encoded(unsealed, docs), bytes);
    assert.equal(resultsOf(index, queries), resultsOf(unsealed, queries));
  });
});
