import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { documentFromBytes } from '../../src/core/corpus';
import { Postings } from '../../src/core/postings';
import { PassageIndex } from '../../src/core/search';
import type { CorpusDocument } from '../../src/core/types';
import { letterMask, popcount, Vocabulary } from '../../src/core/vocabulary';
import { DEMO_CORPUS } from './helpers';

/** What a vocabulary answers for `probe`: each term's id and mask, and the buckets of its length and first or last letter. */
function answers(v: Vocabulary, probe: readonly string[]): unknown {
  return probe.map((t) => {
    const id = v.get(t);
    const buckets = (['first', 'last'] as const).map((which) => {
      const code = t.charCodeAt(which === 'first' ? 0 : t.length - 1);
      const all: number[] = [];
      v.forBucket(which, t.length, code, (x) => all.push(x));
      const near: number[] = [];
      v.nearInBucket(which, t.length, code, letterMask(t), 2, near);
      return { all, near };
    });
    return { t, id, mask: id === undefined ? undefined : v.mask(id), buckets };
  });
}

/** The same, from the terms in id order. */
function modelAnswers(terms: readonly string[], probe: readonly string[]): unknown {
  const key = (t: string, which: 'first' | 'last') => (/^\d/.test(t) ? undefined : `${Math.min(t.length, 63)} ${t.charCodeAt(which === 'first' ? 0 : t.length - 1)}`);
  return probe.map((t) => {
    const id = terms.indexOf(t);
    const buckets = (['first', 'last'] as const).map((which) => {
      // Numbers are in no bucket.
      const all = key(t, which) === undefined ? [] : terms.flatMap((s, x) => (key(s, which) === key(t, which) ? [x] : []));
      return { all, near: all.filter((x) => popcount(letterMask(t) ^ letterMask(terms[x])) <= 2) };
    });
    return { t, id: id < 0 ? undefined : id, mask: id < 0 ? undefined : letterMask(t), buckets };
  });
}

async function demoDocuments(): Promise<CorpusDocument[]> {
  const docs: CorpusDocument[] = [];
  for (const name of fs.readdirSync(DEMO_CORPUS).sort()) {
    const doc = await documentFromBytes(DEMO_CORPUS, path.join(DEMO_CORPUS, name), new Uint8Array(fs.readFileSync(path.join(DEMO_CORPUS, name))));
    if (!('reason' in doc)) docs.push(doc);
  }
  return docs;
}

suite('indexing on the main thread', () => {
  test('terms added since the last rebase have their masks and buckets when asked, also for terms added after the first question', () => {
    const words = ['trade', 'tread', 'trades', 'grade', 'trace', 'treat', 'tirade', 'abc', 'cab', '2024', 'x', 'tread' + 'e'.repeat(70), 'trade' + 'e'.repeat(70)];
    const v = new Vocabulary();
    for (const w of words.slice(0, 5)) v.id(w);
    v.rebase();
    const probe = [...words, 'trad', 'zzzz'];
    for (const w of words.slice(5, 9)) v.id(w);
    assert.deepEqual(answers(v, probe), modelAnswers(v.all(), probe));
    // More terms after a question: they are in the answers of the next one.
    for (const w of words.slice(9)) v.id(w);
    assert.deepEqual(answers(v, probe), modelAnswers(v.all(), probe));
    v.rebase();
    // And the terms added right after that rebase.
    v.id('tradr');
    v.id('trader');
    assert.deepEqual(answers(v, [...probe, 'tradr', 'trader']), modelAnswers(v.all(), [...probe, 'tradr', 'trader']));
  });

  test('a full seal merges the segments sealed while loading, even when no term was added since the terms were sorted', async () => {
    const docs = await demoDocuments();
    const index = new PassageIndex();
    for (const d of docs) index.addDocument(d);
    index.seal();
    // The same text at another path: no new term; sealed as a load does (into a segment), then fully.
    index.addDocument({ ...docs[0], path: `${docs[0].path}.copy`, relPath: `${docs[0].relPath}.copy` });
    index.seal(false);
    index.seal();
    const atOnce = new PassageIndex();
    for (const d of docs) atOnce.addDocument(d);
    atOnce.addDocument({ ...docs[0], path: `${docs[0].path}.copy`, relPath: `${docs[0].relPath}.copy` });
    const [a, b] = [index.snapshot(), atOnce.snapshot()];
    assert.deepEqual(a.terms, b.terms);
    assert.deepEqual(a.postings.offsets, b.postings.offsets);
    assert.deepEqual(a.postings.data, b.postings.data);
  });

  test('postings sealed with passages removed: dropped from the base, every segment and the delta alike, terms renumbered', () => {
    const terms = 6;
    const termsOf = (pid: number) => [pid % 3, 3 + ((pid * 7) % 3), pid % 2 ? 5 : 0];
    const p = new Postings();
    for (let pid = 0; pid < 40; pid++) {
      p.addPassage(pid, termsOf(pid), 0, 3);
      if (pid === 5) p.seal(terms);
      // Segments, as a load seals.
      if (pid === 15 || pid === 27) p.seal(terms, undefined, undefined, true);
    }
    assert.equal(p.merged, false);
    const dead = new Set([1, 4, 9, 12, 20, 30, 39]);
    const oldOf = Uint32Array.from({ length: terms }, (_, t) => (t * 5) % terms);
    p.seal(terms, (pid) => dead.has(pid), oldOf);
    assert.equal(p.merged, true);
    for (let t = 0; t < terms; t++) {
      const expected: number[] = [];
      for (let pid = 0; pid < 40; pid++) if (!dead.has(pid) && termsOf(pid).includes(oldOf[t])) expected.push(pid);
      assert.deepEqual([...p.data.subarray(p.offsets[t], p.offsets[t + 1])], expected, `term ${t}`);
    }
    assert.equal(p.data.length, p.size);
  });
});
