import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { sortedOrder, Vocabulary } from '../../src/core/vocabulary';
import { Postings } from '../../src/core/postings';
import { clearTermCaches, indexTermIds, indexTerms } from '../../src/core/tokenize';
import { buildDocument } from '../../src/core/corpus';
import { PassageIndex, type IndexSnapshot } from '../../src/core/search';
import { repeatedHashes } from '../../src/core/repeatedLines';
import { holds } from '../../src/core/sorted';
import { decodeIndexCache, encodeIndexCache, encodeIndexCacheInSlices, INDEX_CACHE_VERSION, type CacheContents } from '../../src/core/indexCache';
import type { CorpusDocument } from '../../src/core/types';
import { DEMO_CORPUS } from './helpers';

const SEED = Number(process.env.SOURCED_FC_SEED ?? 20240607);

suite('building the index', () => {
  test('sortedOrder orders terms as the default sort does (UTF-16 code units)', () => {
    const unit = fc.constantFrom('a', 'b', 'z', 'A', '0', '9', '-', "'", 'é', 'ß', '\u00ff', '\u0100', '日', '\ud83d', '\ude42', '\uffff', '\u0000');
    fc.assert(
      fc.property(fc.uniqueArray(fc.array(unit, { maxLength: 9 }).map((u) => u.join('')), { maxLength: 200 }), (terms) => {
        const order = sortedOrder(terms);
        assert.deepEqual([...order].map((i) => terms[i]), [...terms].sort());
      }),
      { seed: SEED, numRuns: 300 },
    );
    const words = fc.sample(fc.stringMatching(/^[a-z][a-z0-9]{0,12}$/), { numRuns: 5000, seed: SEED });
    const distinct = [...new Set(words)];
    assert.deepEqual([...sortedOrder(distinct)].map((i) => distinct[i]), [...distinct].sort());
  });

  test('repeated line hashes: those in at least so many documents, found by binary search', () => {
    const hash = fc.oneof(fc.integer({ min: 1, max: 30 }), fc.double({ min: 1, max: 2 ** 53, noNaN: true }));
    fc.assert(
      fc.property(fc.array(fc.uniqueArray(hash, { maxLength: 12 }), { maxLength: 12 }), fc.integer({ min: 1, max: 4 }), (lists, minDocs) => {
        const counts = new Map<number, number>();
        for (const l of lists) for (const h of l) counts.set(h, (counts.get(h) ?? 0) + 1);
        const repeated = repeatedHashes(
          lists.map((l) => Float64Array.from(l)),
          minDocs,
        );
        assert.deepEqual([...repeated], [...counts].filter(([, n]) => n >= minDocs).map(([h]) => h).sort((a, b) => a - b));
        for (const h of [...counts.keys(), 0, 0.5, 31, 2 ** 53 + 2]) assert.equal(holds(repeated, h), (counts.get(h) ?? 0) >= minDocs, String(h));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  test('postings: added (a term or a passage at a time), sealed (with passages removed and terms renumbered, or into segments as a load does) and read as a plain model', () => {
    const op = fc.oneof(
      fc.record({ add: fc.array(fc.nat(12), { maxLength: 8 }), whole: fc.boolean() }),
      fc.record({ seal: fc.boolean(), renumber: fc.boolean(), more: fc.boolean() }),
      fc.record({ remove: fc.nat(40) }),
      fc.record({ read: fc.constant(true) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const p = new Postings();
        const model = new Map<number, number[]>();
        const dead = new Set<number>();
        let pid = 0;
        const terms = 13;
        let ids = Array.from({ length: terms }, (_, t) => t); // model term -> current id
        const check = () => {
          for (let t = 0; t < terms; t++) {
            const id = ids[t];
            const expected = model.get(t) ?? [];
            const sealed: number[] = [];
            p.forEachRun(id, (data, from, to) => sealed.push(...data.subarray(from, to)));
            const got = [...sealed, ...(p.delta[id] ?? [])];
            assert.deepEqual(got, expected);
            assert.equal(p.df(id), expected.length);
            for (const x of expected) assert.ok(p.holds(id, x));
          }
        };
        for (const o of ops) {
          if ('add' in o) {
            if (o.whole) p.addPassage(pid, Uint32Array.from(o.add, (t) => ids[t]), 0, o.add.length);
            for (const t of o.add) {
              if (!o.whole) p.add(ids[t], pid);
              const list = model.get(t) ?? [];
              if (list[list.length - 1] !== pid) list.push(pid);
              model.set(t, list);
            }
            pid++;
          } else if ('remove' in o) {
            if (o.remove < pid) dead.add(o.remove);
          } else if ('seal' in o) {
            let oldOf: Uint32Array | undefined;
            if (o.renumber) {
              // New id k is the term that had id oldOf[k]: the ids reversed.
              oldOf = Uint32Array.from({ length: terms }, (_, k) => terms - 1 - k);
              ids = ids.map((id) => terms - 1 - id);
            }
            p.seal(terms, o.seal && dead.size ? (x) => dead.has(x) : undefined, oldOf, o.more);
            if (o.seal && dead.size) for (const [t, list] of model) model.set(t, list.filter((x) => !dead.has(x)));
            // Sealed into a segment only when nothing is removed or renumbered.
            assert.equal(p.merged, !o.more || !!oldOf || (o.seal && dead.size > 0) || p.size === p.data.length);
          } else check();
        }
        check();
        assert.equal(p.size, [...model.values()].reduce((n, l) => n + l.length, 0));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  test('the ids of a vocabulary are those of its terms, across renumbering, cleared caches and two vocabularies', () => {
    const texts = fs
      .readdirSync(DEMO_CORPUS)
      .sort()
      .flatMap((name) => fs.readFileSync(path.join(DEMO_CORPUS, name), 'utf8').split('\n'));
    const a = new Vocabulary();
    const b = new Vocabulary();
    const check = (v: Vocabulary, text: string) => {
      const ids: number[] = [];
      indexTermIds(text, v.termIds, ids);
      assert.deepEqual(
        ids.map((id) => v.term(id)),
        indexTerms(text),
      );
    };
    texts.forEach((text, i) => {
      check(a, text);
      if (i % 3 === 0) check(b, text);
      if (i % 17 === 0) a.rebase();
      if (i % 41 === 0) clearTermCaches();
    });
    a.rebase();
    b.rebase();
    for (const text of texts) {
      check(a, text);
      check(b, text);
    }
  });

  test('the ids of a passage read in its document are those of its own text', () => {
    const piece = fc.constantFrom('ninety', 'thousand', 'two', 'hundred', 'and', '90', ',000', ' 000', '-', 'build', 'up', 'The', 'é', '’s', "'", ' ', '.', '\ud83d\ude42', '\ud83d', '2.5', 'm', 'bn', 'st', 'K', 'said');
    const vocab = new Vocabulary();
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), fc.nat(), fc.nat(), (pieces, a, b) => {
        const text = pieces.join('');
        const start = text.length ? a % (text.length + 1) : 0;
        const end = start + (text.length - start ? b % (text.length - start + 1) : 0);
        const ids: number[] = [];
        indexTermIds(text, vocab.termIds, ids, start, end);
        assert.deepEqual(
          ids.map((id) => vocab.term(id)),
          indexTerms(text.slice(start, end)),
          JSON.stringify([text, start, end]),
        );
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  test('a snapshot is the same whether documents were only added, or some removed', () => {
    const docs = demoDocuments();
    assert.ok(docs.length >= 4);
    const fresh = new PassageIndex();
    for (const d of docs.slice(1)) fresh.addDocument(d);
    fresh.hideRepeatedLines(2);
    fresh.seal();
    const churned = new PassageIndex();
    for (const d of docs) churned.addDocument(d);
    churned.addDocument(docs[2]); // replaced: removed, then added again
    churned.removeDocument(docs[0].path);
    churned.hideRepeatedLines(2);
    churned.seal();
    const a = snapshotModel(fresh.snapshot());
    const b = snapshotModel(churned.snapshot());
    assert.deepEqual(b.docs, a.docs.slice(0, 1).concat(a.docs.slice(2), a.docs.slice(1, 2)));
    assert.deepEqual(b.terms, a.terms);
    assert.equal(a.store.count, b.store.count);

    // Restored, then added to: as if indexed at once.
    const restored = PassageIndex.restore(fresh.snapshot());
    const more = demoDocuments()[0];
    restored.addDocument(more);
    restored.seal();
    const once = new PassageIndex();
    for (const d of docs.slice(1)) once.addDocument(d);
    once.hideRepeatedLines(2);
    once.addDocument(more);
    once.seal();
    assert.deepEqual(snapshotModel(restored.snapshot()), snapshotModel(once.snapshot()));
  });
});

suite('building the index: in slices', () => {
  test('sealing in slices makes the same index as sealing at once; an index changed meanwhile is sealed whole', async () => {
    const docs = demoDocuments();
    const encode = (index: PassageIndex) => {
      const stamps = new Map(docs.map((d) => [d.path, { size: 1, mtime: 2, hash: 3 }]));
      return encodeIndexCache({ key: 'k', snapshot: index.snapshot(), stamps, sidecars: {} });
    };
    const once = new PassageIndex();
    for (const d of docs) once.addDocument(d);
    once.seal();
    const sliced = new PassageIndex();
    for (const d of docs) sliced.addDocument(d);
    await sliced.sealInSlices(0);
    assert.deepEqual(encode(sliced), encode(once));
    assert.deepEqual(resultsOf(sliced), resultsOf(once));

    const changed = new PassageIndex();
    for (const d of docs.slice(1)) changed.addDocument(d);
    const sealing = changed.sealInSlices(0);
    changed.addDocument(docs[0]); // while the seal pauses
    changed.removeDocument(docs[2].path);
    changed.addDocument(docs[2]);
    await sealing;
    const reference = new PassageIndex();
    for (const d of [...docs.slice(1, 2), ...docs.slice(3), docs[0], docs[2]]) reference.addDocument(d);
    reference.seal();
    assert.deepEqual(snapshotModel(changed.snapshot()), snapshotModel(reference.snapshot()));
    assert.deepEqual(resultsOf(changed), resultsOf(reference));
  });

  test('the cache written in slices, or at once, is the layout written plainly, wherever the checksum puts the sections', async () => {
    const base = demoDocuments()[0];
    let moved = 0;
    for (let i = 0; i < 400 && moved < 2; i++) {
      const index = new PassageIndex();
      index.addDocument(buildDocument(base.path, base.root, `${base.text}\nOne more sentence, number ${i}, to change the checksum.\n`));
      index.seal();
      for (let pad = 0; pad < 8; pad++) {
        const contents: CacheContents = { key: 'k'.repeat(pad), snapshot: index.snapshot(), stamps: new Map([[base.path, { size: i, mtime: 2, hash: 3 }]]), sidecars: { '/corpus': 'x' } };
        const plain = plainEncode(contents);
        assert.deepEqual(encodeIndexCache(contents), plain);
        assert.deepEqual(await encodeIndexCacheInSlices(contents, 0), plain);
        assert.equal(decodeIndexCache(plain, contents.key).snapshot.store.count, index.snapshot().store.count);
        // Would a ten-digit checksum have put the sections elsewhere?
        const headerLength = new DataView(plain.buffer, plain.byteOffset).getUint32(12, true);
        const digits = String(JSON.parse(new TextDecoder().decode(plain.subarray(16, 16 + headerLength))).checksum).length;
        if (align8(16 + headerLength) !== align8(16 + headerLength - digits + 10)) moved++;
      }
    }
    assert.ok(moved >= 2, 'no case where the sections move');
  });
});

/** The best results for a few queries, as text. */
function resultsOf(index: PassageIndex): string[] {
  return ['sanctions', 'ceasefire talks', 'percent of the vote', 'minister said', '2024'].map((q) =>
    JSON.stringify(index.search(q, { limit: 10 }).map((r) => [r.passage.doc.path, r.passage.start, r.passage.end, r.score])),
  );
}

function align8(n: number): number {
  return (n + 7) & ~7;
}

/** The cache's layout written the plain way: the body in one buffer, then the header with its checksum, then the file. */
function plainEncode(c: CacheContents): Uint8Array {
  const { snapshot: snap } = c;
  const enc = new TextEncoder();
  const s = snap.store;
  const n = s.count;
  const bytesOf = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const concat = (parts: ArrayBufferView[]) => {
    const out = new Uint8Array(parts.reduce((sum, p) => sum + p.byteLength, 0));
    let at = 0;
    for (const p of parts) {
      out.set(bytesOf(p), at);
      at += p.byteLength;
    }
    return out;
  };
  const parts: Array<[string, Uint8Array]> = [
    ['text', concat(snap.docs.map((d) => d.bytes))],
    ['terms', enc.encode(snap.terms.join('\n'))],
    ...(['doc', 'start', 'end', 'kind', 'flags', 'len', 'speaker', 'line', 'byteStart', 'byteEnd'] as const).map((name): [string, Uint8Array] => [name, bytesOf(s[name].subarray(0, n))]),
    ['lines', concat(snap.docs.map((d) => d.lines))],
    ['offsets', bytesOf(snap.postings.offsets)],
    ['data', bytesOf(snap.postings.data)],
  ];
  const sections: Record<string, [number, number]> = {};
  let at = 0;
  for (const [name, bytes] of parts) {
    sections[name] = [at, bytes.length];
    at = align8(at + bytes.length);
  }
  const body = new Uint8Array(at);
  for (const [name, bytes] of parts) body.set(bytes, sections[name][0]);
  const words = new Int32Array(body.buffer, 0, body.length >>> 2);
  const lanes = [1, 2, 3, 4];
  const factors = [31, 37, 41, 43];
  const whole = words.length & ~3;
  for (let i = 0; i < whole; i++) lanes[i & 3] = (Math.imul(lanes[i & 3], factors[i & 3]) + words[i]) | 0;
  for (let i = whole; i < words.length; i++) lanes[0] = (Math.imul(lanes[0], 31) + words[i]) | 0;
  const checksum = (Math.imul(lanes[0] ^ lanes[1], 0x01000193) ^ Math.imul(lanes[2] ^ lanes[3], 0x05ebca6b) ^ body.length) >>> 0;
  const header = {
    version: INDEX_CACHE_VERSION,
    key: c.key,
    sidecars: c.sidecars,
    docs: snap.docs.map((d) => ({ ...d.fields, ...c.stamps.get(d.fields.path), first: d.first, count: d.count, textBytes: d.bytes.length, lineCount: d.lines.length })),
    passages: n,
    terms: snap.terms.length,
    speakers: s.speakers,
    figures: [...s.figures],
    sections,
    checksum,
  };
  const headerBytes = enc.encode(JSON.stringify(header));
  const start = align8(16 + headerBytes.length);
  const out = new Uint8Array(start + body.length);
  out.set(enc.encode('SRCBIDX\n'), 0);
  new DataView(out.buffer).setUint32(8, INDEX_CACHE_VERSION, true);
  new DataView(out.buffer).setUint32(12, headerBytes.length, true);
  out.set(headerBytes, 16);
  out.set(body, start);
  return out;
}

function demoDocuments(): CorpusDocument[] {
  return fs
    .readdirSync(DEMO_CORPUS)
    .sort()
    .map((name) => buildDocument(`/corpus/${name}`, '/corpus', fs.readFileSync(path.join(DEMO_CORPUS, name), 'utf8')));
}

/** What a snapshot holds, by document and term rather than by id. */
function snapshotModel(snap: IndexSnapshot) {
  const s = snap.store;
  const passage = (pid: number) => ({
    start: s.start[pid],
    end: s.end[pid],
    kind: s.kind[pid],
    flags: s.flags[pid],
    len: s.len[pid],
    line: s.line[pid],
    bytes: [s.byteStart[pid], s.byteEnd[pid]],
    speaker: s.speaker[pid] >= 0 ? s.speakers[s.speaker[pid]] : undefined,
    figures: s.figures.get(pid),
  });
  const docs = snap.docs.map((d) => ({
    path: d.fields.path,
    lines: [...d.lines],
    passages: Array.from({ length: d.count }, (_, i) => {
      assert.equal(s.doc[d.first + i], snap.docs.indexOf(d));
      return passage(d.first + i);
    }),
  }));
  const where = (pid: number) => {
    const d = snap.docs.find((x) => pid >= x.first && pid < x.first + x.count) as IndexSnapshot['docs'][number];
    return `${d.fields.path}#${pid - d.first}`;
  };
  const terms: Record<string, string[]> = {};
  snap.terms.forEach((term, t) => {
    const pids = [...snap.postings.data.subarray(snap.postings.offsets[t], snap.postings.offsets[t + 1])];
    if (pids.length) terms[term] = pids.map(where).sort();
  });
  const firstUse: string[] = [];
  for (let pid = 0; pid < s.count; pid++) if (s.speaker[pid] >= 0 && !firstUse.includes(s.speakers[s.speaker[pid]])) firstUse.push(s.speakers[s.speaker[pid]]);
  assert.deepEqual(s.speakers, firstUse);
  assert.deepEqual([...s.figures.keys()], [...s.figures.keys()].sort((x, y) => x - y));
  return { docs, terms, store: { count: s.count } };
}
