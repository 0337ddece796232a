import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildDocument } from '../../src/core/corpus';
import { decodeIndexCache, decodeIndexCacheInSlices, encodeIndexCache, parseJsonObject, type CacheContents } from '../../src/core/indexCache';
import { Postings } from '../../src/core/postings';
import { PassageStore } from '../../src/core/passageStore';
import { LineCounts, lineHashes, repeatedHashes } from '../../src/core/repeatedLines';
import { PassageIndex, type IndexSnapshot } from '../../src/core/search';
import { holds } from '../../src/core/sorted';
import { nextTurn, runSteps } from '../../src/core/steps';
import type { CorpusDocument } from '../../src/core/types';

const SEED = Number(process.env.SOURCED_FC_SEED ?? 20240607);

/** Short lines (3 to 12 words) that documents share, each a paragraph of its own. */
const SHARED = [
  'The council met again on Tuesday.',
  'Prices rose for the third month.',
  'Talks resume in Geneva next week.',
  'Turnout was higher than expected.',
  'The court will rule in March.',
  'Officials declined to comment further.',
];

/** A document of some shared lines and a long sentence of its own (`n` makes it unique). */
function documentOf(path: string, shared: readonly number[], n: number): CorpusDocument {
  const own = `Reporters in the capital counted ${n} separate convoys of trucks crossing the river bridge between dawn and the late afternoon on that day.`;
  const lines = [own, ...shared.map((i) => SHARED[i % SHARED.length]), `Number ${n} ends the report here today.`];
  return buildDocument(path, '/corpus', `${lines.join('\n\n')}\n`);
}

const passageKey = (p: { start: number; end: number; kind: string }) => `${p.start}-${p.end}-${p.kind}`;

/** Per document, its passages left out as repeated lines, as a full recount over the documents finds them. */
function expectedHidden(docs: ReadonlyMap<string, CorpusDocument>, minDocs: number): Map<string, string[]> {
  const hashes = new Map([...docs].map(([path, d]) => [path, lineHashes(d.text, d.passages)]));
  const repeated = repeatedHashes(
    [...hashes.values()].map((h) => h.lines),
    minDocs,
  );
  const out = new Map<string, string[]>();
  for (const [path, d] of docs) {
    const line = (hashes.get(path) as ReturnType<typeof lineHashes>).passages;
    out.set(path, d.passages.filter((_, i) => line[i] !== 0 && holds(repeated, line[i])).map(passageKey).sort());
  }
  return out;
}

/** Per document in the index, its passages left out (those of the document as built that the index does not show). */
function hiddenIn(index: PassageIndex, docs: ReadonlyMap<string, CorpusDocument>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [path, d] of docs) {
    const shown = new Set((index.document(path) as CorpusDocument).passages.map(passageKey));
    out.set(path, d.passages.map(passageKey).filter((k) => !shown.has(k)).sort());
  }
  return out;
}

type Op = { add: number; shared: number[] } | { remove: number } | { hide: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ add: fc.nat(7), shared: fc.uniqueArray(fc.nat(SHARED.length - 1), { maxLength: 4 }) }) },
  { weight: 2, arbitrary: fc.record({ remove: fc.nat(7) }) },
  { weight: 2, arbitrary: fc.record({ hide: fc.integer({ min: 1, max: 4 }) }) },
);

/** Apply an add or a remove to the index and to the model of what it holds. */
function apply(index: PassageIndex, docs: Map<string, CorpusDocument>, op: Op, n: number): void {
  if ('add' in op) {
    const d = documentOf(`/corpus/d${op.add}.txt`, op.shared, n);
    index.addDocument(d);
    docs.set(d.path, d);
  } else if ('remove' in op) {
    index.removeDocument(`/corpus/d${op.remove}.txt`);
    docs.delete(`/corpus/d${op.remove}.txt`);
  }
}

suite('repeated lines, counted as documents come and go', () => {
  test('line counts: the count of each hash, and the hashes that became or stopped being repeated since the last settling', () => {
    const hash = fc.integer({ min: 1, max: 40 }).map((h) => (h % 3 === 0 ? h * 2 ** 33 + 0.5 : h));
    const listOp = fc.oneof(
      fc.record({ add: fc.uniqueArray(hash, { maxLength: 8 }) }),
      fc.record({ remove: fc.nat(20) }),
      fc.record({ settle: fc.integer({ min: 1, max: 4 }) }),
    );
    fc.assert(
      fc.property(fc.array(listOp, { maxLength: 60 }), (ops) => {
        const counts = new LineCounts();
        const lists: number[][] = [];
        let settled = new Map<number, boolean>();
        const model = () => {
          const m = new Map<number, number>();
          for (const l of lists) for (const h of l) m.set(h, (m.get(h) ?? 0) + 1);
          return m;
        };
        for (const op of ops) {
          if ('add' in op) {
            lists.push(op.add);
            counts.add(op.add, 1);
          } else if ('remove' in op) {
            if (!lists.length) continue;
            const [gone] = lists.splice(op.remove % lists.length, 1);
            counts.add(gone, -1);
          } else {
            const m = model();
            const now = new Map([...new Set([...m.keys(), ...settled.keys()])].map((h) => [h, (m.get(h) ?? 0) >= op.settle]));
            const flipped = runSteps(counts.settling(op.settle));
            // Whether every hash was settled (a new threshold) or only those whose count changed, the flipped ones are those.
            const expected = [...now].filter(([h, r]) => r !== (settled.get(h) ?? false)).map(([h]) => h);
            assert.deepEqual([...flipped].sort((a, b) => a - b), expected.sort((a, b) => a - b));
            for (const [h, r] of now) assert.equal(counts.repeated(h), r, String(h));
            settled = now;
          }
          for (const [h, n] of model()) assert.equal(counts.count(h), n);
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  test('many hashes: the table grows (dropping those no document holds any more) between settlings, and loses none that flipped', () => {
    const counts = new LineCounts();
    const list = (d: number) => Array.from({ length: 40 }, (_, i) => 1 + ((d * 37 + i * 101) % 5000) + (i % 2 ? 2 ** 40 : 0) + (d >= 300 ? 10_000 : 0));
    const live = new Map<number, number[]>();
    const repeatedNow = () => {
      const m = new Map<number, number>();
      for (const l of live.values()) for (const h of l) m.set(h, (m.get(h) ?? 0) + 1);
      return new Set([...m].filter(([, n]) => n >= 3).map(([h]) => h));
    };
    const settle = (before: Set<number>) => {
      const flipped = runSteps(counts.settling(3));
      const after = repeatedNow();
      const expected = [...new Set([...before, ...after])].filter((h) => before.has(h) !== after.has(h));
      assert.deepEqual([...flipped].sort((a, b) => a - b), expected.sort((a, b) => a - b));
      for (const h of new Set([...before, ...after])) assert.equal(counts.repeated(h), after.has(h));
      return after;
    };
    for (let d = 0; d < 300; d++) {
      live.set(d, list(d));
      counts.add(list(d), 1);
    }
    let repeated = settle(new Set());
    assert.ok(repeated.size > 100);
    // Removed, then many new hashes before the next settling: the table grows in between.
    for (let d = 0; d < 200; d++) {
      counts.add(list(d), -1);
      live.delete(d);
    }
    for (let d = 300; d < 700; d++) {
      live.set(d, list(d));
      counts.add(list(d), 1);
    }
    repeated = settle(repeated);
    for (let d = 0; d < 150; d++) {
      live.set(d, list(d));
      counts.add(list(d), 1);
    }
    settle(repeated);
    const model = new Map<number, number>();
    for (const l of live.values()) for (const h of l) model.set(h, (model.get(h) ?? 0) + 1);
    for (let d = 0; d < 700; d++) for (const h of list(d)) assert.equal(counts.count(h), model.get(h) ?? 0);
  });

  test('the passages hidden after any adds, removes and replacements are those a full recount hides', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 30 }), fc.integer({ min: 1, max: 4 }), (ops, lastMinDocs) => {
        const index = new PassageIndex();
        const docs = new Map<string, CorpusDocument>();
        ops.forEach((op, n) => {
          if ('hide' in op) {
            index.hideRepeatedLines(op.hide);
            assert.deepEqual(hiddenIn(index, docs), expectedHidden(docs, op.hide));
          } else apply(index, docs, op, n);
        });
        index.hideRepeatedLines(lastMinDocs);
        assert.deepEqual(hiddenIn(index, docs), expectedHidden(docs, lastMinDocs));
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  test('a restored index counts its lines when first asked, then keeps counting', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 12 }), fc.array(opArb, { maxLength: 12 }), (before, after) => {
        const index = new PassageIndex();
        const docs = new Map<string, CorpusDocument>();
        before.forEach((op, n) => apply(index, docs, op, n));
        index.hideRepeatedLines(2);
        const restored = PassageIndex.restore(index.snapshot());
        assert.deepEqual(hiddenIn(restored, docs), expectedHidden(docs, 2));
        after.forEach((op, n) => {
          if ('hide' in op) {
            restored.hideRepeatedLines(op.hide);
            assert.deepEqual(hiddenIn(restored, docs), expectedHidden(docs, op.hide));
          } else apply(restored, docs, op, 100 + n);
        });
        restored.hideRepeatedLines(3);
        assert.deepEqual(hiddenIn(restored, docs), expectedHidden(docs, 3));
      }),
      { seed: SEED, numRuns: 60 },
    );
  });

  for (const restored of [false, true]) {
    test(`in slices, with documents added and removed between the slices: the same passages hidden at the end${restored ? ' (a restored index, counting its lines)' : ''}`, async () => {
      await hideWhileChanging(restored);
    });
  }
});

/** Hide repeated lines in slices while documents come and go, stopping after each number of turns in turn. */
async function hideWhileChanging(restored: boolean): Promise<void> {
  const start = [0, 1, 2, 3, 4, 5].map((i) => documentOf(`/corpus/d${i}.txt`, [i % 3, 2, 4], i));
  const late = [documentOf('/corpus/d2.txt', [0, 1], 50), documentOf('/corpus/d9.txt', [3, 2, 1], 51)];
  let sawMidway = false;
  for (let at = 0; ; at++) {
    let index = new PassageIndex();
    const docs = new Map<string, CorpusDocument>();
    for (const d of start) {
      index.addDocument(d);
      docs.set(d.path, d);
    }
    if (restored) index = PassageIndex.restore(index.snapshot());
    let done = false;
    const hiding = index.hideRepeatedLinesInSlices(3, 0).then(() => (done = true));
    for (let turn = 0; turn < at && !done; turn++) await nextTurn();
    const midway = !done;
    // Between two slices (or after the last): a replacement, a removal and a new document.
    for (const d of late) {
      index.addDocument(d);
      docs.set(d.path, d);
    }
    index.removeDocument('/corpus/d4.txt');
    docs.delete('/corpus/d4.txt');
    await hiding;
    if (!midway) {
      assert.ok(sawMidway, 'the documents never changed between two slices');
      index.hideRepeatedLines(3);
      assert.deepEqual(hiddenIn(index, docs), expectedHidden(docs, 3));
      break;
    }
    sawMidway = true;
    assert.deepEqual(hiddenIn(index, docs), expectedHidden(docs, 3), `changed after ${at} turns`);
  }
}

suite('the index cache header, parsed in pieces', () => {
  const utf8 = new TextEncoder();

  /** What JSON.parse makes of the text when it is an object, else undefined. */
  function plainParse(text: string): Record<string, unknown> | undefined {
    try {
      const value: unknown = JSON.parse(text);
      return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  }

  function piecewise(bytes: Uint8Array, pieceBytes: number): Record<string, unknown> | undefined {
    try {
      return runSteps(parseJsonObject(bytes, pieceBytes));
    } catch {
      return undefined;
    }
  }

  test('objects with long arrays: the same values as JSON.parse, whatever the size of the pieces', () => {
    const entry = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.tuple(fc.nat(), fc.array(fc.record({ text: fc.string({ unit: 'grapheme' }), value: fc.double({ noNaN: true, noDefaultInfinity: true }) }))));
    const object = fc.dictionary(fc.string({ unit: 'grapheme-composite' }), fc.oneof(fc.array(entry, { maxLength: 30 }), fc.jsonValue({ maxDepth: 2 })), { maxKeys: 6 });
    fc.assert(
      fc.property(object, fc.constantFrom(undefined, 2, '\t', ' \n'), fc.integer({ min: 1, max: 200 }), (value, indent, pieceBytes) => {
        const text = JSON.stringify(value, null, indent);
        assert.deepEqual(piecewise(utf8.encode(text), pieceBytes), JSON.parse(text));
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  test('damaged text: refused whenever JSON.parse refuses it (or it is no object), else read as JSON.parse reads it', () => {
    const value = { version: 2, key: 'k "quoted" \\ [x]', docs: Array.from({ length: 40 }, (_, i) => ({ path: `/c/${i}.txt`, n: [i, { a: `s${i},]` }] })), sections: { text: [0, 5] }, figures: [] };
    const text = JSON.stringify(value);
    const mutation = fc.record({ at: fc.nat(text.length), cut: fc.integer({ min: 0, max: 3 }), put: fc.constantFrom('', ',', ']', '[', '{', '}', '"', '\\', ':', ' ', '1', ',,', '[]', '\uFFFD', 'x') });
    let refused = 0;
    let read = 0;
    fc.assert(
      fc.property(mutation, fc.integer({ min: 1, max: 64 }), ({ at, cut, put }, pieceBytes) => {
        const damaged = text.slice(0, at) + put + text.slice(at + cut);
        const expected = plainParse(damaged);
        const actual = piecewise(utf8.encode(damaged), pieceBytes);
        if (expected === undefined) refused++;
        else read++;
        assert.deepEqual(actual, expected, damaged);
      }),
      { seed: SEED, numRuns: 3000 },
    );
    assert.ok(refused > 100 && read > 100, `${refused} refused, ${read} read`);
    for (const odd of ['{"a":[1,,2]}', '{"a":[,1]}', '{"a":[1,]}', '{"a":[ ]}', '{"a":[\n]}', '{"a":[[],[ ]]}', '{ }', '{"a":[1]} ', ' {"b":{}}', '{"a":[1]]}', '{"a":{]}']) {
      for (const pieceBytes of [1, 2, 3]) assert.deepEqual(piecewise(utf8.encode(odd), pieceBytes), plainParse(odd), odd);
    }
    // Bytes that are not UTF-8: read as a decoder reads them, whole or in pieces.
    const bytes = utf8.encode(text);
    for (let at = 0; at < bytes.length; at += 7) {
      const bad = bytes.slice();
      bad[at] = 0xff;
      assert.deepEqual(piecewise(bad, 16), plainParse(new TextDecoder().decode(bad)));
    }
  });

  test('a cache whose documents and figures take many pieces reads back as written', () => {
    const index = new PassageIndex();
    const docs: CorpusDocument[] = [];
    for (let i = 0; i < 1200; i++) {
      const text = `Vote count ${i}\n\nOfficials counted ${i * 7} votes in the northern district on Sunday, up 3.5% from ${2000 + (i % 20)}, and spent $${i} million on the count. Turnout reached ${40 + (i % 30)} percent, the highest since 1998, with 12,400 ballots cast.\n`;
      const d = buildDocument(`/corpus/n${i}.txt`, '/corpus', text);
      docs.push(d);
      index.addDocument(d);
    }
    index.seal();
    const snapshot = index.snapshot();
    const stamps = new Map(docs.map((d, i) => [d.path, { size: i, mtime: i * 1.5, hash: i * 2 ** 40 + 1 }]));
    const contents: CacheContents = { key: 'k', snapshot, stamps, sidecars: { '/corpus': 'sources.json:1:2' } };
    const bytes = encodeIndexCache(contents);
    const headerLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(12, true);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + headerLength))) as { docs: unknown[]; figures: unknown[] };
    assert.ok(JSON.stringify(header.docs).length > 1 << 18 && JSON.stringify(header.figures).length > 1 << 18, 'the header is too short to be read in pieces');
    const back = decodeIndexCache(bytes, 'k');
    assert.deepEqual(back.stamps, stamps);
    assert.deepEqual(back.sidecars, contents.sidecars);
    assert.deepEqual(
      back.snapshot.docs.map((d) => d.fields),
      snapshot.docs.map((d) => d.fields),
    );
    assert.deepEqual([...back.snapshot.store.figures], [...snapshot.store.figures]);
    assert.deepEqual(encodeIndexCache(back), bytes);
  });
});

suite('loading and saving in slices', () => {
  const docs = () => [0, 1, 2, 3, 4, 5, 6].map((i) => documentOf(`/corpus/d${i}.txt`, [i % 4, 5], i));
  const encode = (snapshot: IndexSnapshot) =>
    encodeIndexCache({ key: 'k', snapshot, stamps: new Map(snapshot.docs.map((d) => [d.fields.path, { size: 1, mtime: 2, hash: 3 }])), sidecars: {} });

  test('a snapshot in slices is the snapshot taken at once: documents only added, or some removed and replaced', async () => {
    const added = new PassageIndex();
    for (const d of docs()) added.addDocument(d);
    added.hideRepeatedLines(3);
    assert.deepEqual(encode(await added.snapshotInSlices(0)), encode(added.snapshot()));
    const churned = new PassageIndex();
    for (const d of docs()) churned.addDocument(d);
    churned.removeDocument('/corpus/d1.txt');
    churned.addDocument(documentOf('/corpus/d3.txt', [1, 2], 40));
    churned.hideRepeatedLines(3);
    const sliced = encode(await churned.snapshotInSlices(0));
    assert.deepEqual(sliced, encode(churned.snapshot()));
    assert.notDeepEqual(sliced, encode(added.snapshot()));
  });

  test('an index changed while its snapshot is taken in slices: the snapshot is of the index as it ends', async () => {
    let sawMidway = false;
    for (let at = 0; ; at++) {
      const index = new PassageIndex();
      for (const d of docs()) index.addDocument(d);
      index.hideRepeatedLines(3);
      index.seal();
      let done = false;
      const taking = index.snapshotInSlices(0).then((s) => {
        done = true;
        return s;
      });
      for (let turn = 0; turn < at && !done; turn++) await nextTurn();
      const midway = !done;
      index.removeDocument('/corpus/d2.txt');
      index.addDocument(documentOf('/corpus/d8.txt', [0, 5], 80));
      index.hideRepeatedLines(3);
      const snapshot = await taking;
      if (!midway) {
        assert.ok(sawMidway, 'the index never changed between two slices');
        break;
      }
      sawMidway = true;
      assert.deepEqual(encode(snapshot), encode(index.snapshot()), `changed after ${at} turns`);
    }
  });

  test('restored and decoded in slices: the same index and contents as at once', async () => {
    const index = new PassageIndex();
    for (const d of docs()) index.addDocument(d);
    index.hideRepeatedLines(3);
    const bytes = encode(index.snapshot());
    const atOnce = decodeIndexCache(bytes, 'k');
    const sliced = await decodeIndexCacheInSlices(bytes, 'k', 0);
    assert.deepEqual(encodeIndexCache(sliced), bytes);
    assert.deepEqual(sliced.stamps, atOnce.stamps);
    const restored = await PassageIndex.restoreInSlices(sliced.snapshot, 0);
    assert.deepEqual(encode(restored.snapshot()), encode(PassageIndex.restore(atOnce.snapshot).snapshot()));
    assert.deepEqual(
      restored.search('council met', { limit: 5 }).map((r) => [r.passage.doc.path, r.passage.start]),
      index.search('council met', { limit: 5 }).map((r) => [r.passage.doc.path, r.passage.start]),
    );
  });

  test('a long text section is copied from a plain byte array, a few megabytes at a time, and taken as it is from a view that slices without copying', () => {
    const text = new Uint8Array(9 << 20).fill(0x61);
    const store = new PassageStore();
    const snapshot: IndexSnapshot = {
      docs: [{ fields: { path: '/corpus/a.txt', root: '/corpus', relPath: 'a.txt', metadata: {}, boilerplate: [] }, bytes: text, first: 0, count: 0, lines: new Float64Array(0) }],
      terms: [],
      store,
      postings: new Postings(),
    };
    const bytes = encodeIndexCache({ key: 'k', snapshot, stamps: new Map([['/corpus/a.txt', { size: 1, mtime: 2, hash: 3 }]]), sidecars: {} });
    const plain = Uint8Array.from(bytes);
    const copied = decodeIndexCache(plain, 'k').snapshot.docs[0].bytes;
    assert.deepEqual(copied, text);
    assert.notEqual(copied.buffer, plain.buffer);
    const view = Buffer.from(bytes);
    const taken = decodeIndexCache(view, 'k').snapshot.docs[0].bytes;
    assert.equal(Buffer.compare(taken, text), 0);
    assert.equal(taken.buffer, view.buffer);
  });
});
