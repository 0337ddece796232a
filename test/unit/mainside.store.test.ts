import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { documentFromBytes } from '../../src/core/corpus';
import { prepareDocument, WordNumbering } from '../../src/core/prepare';
import { PassageStore, type ColumnName } from '../../src/core/passageStore';
import { DEMO_CORPUS } from './helpers';

const COLUMNS: ColumnName[] = ['doc', 'start', 'end', 'kind', 'flags', 'len', 'speaker', 'line', 'byteStart', 'byteEnd'];

suite('passage store', () => {
  test('a prepared document appended whole is the same as appended passage by passage: columns, speakers and figures', async () => {
    const whole = new PassageStore();
    const one = new PassageStore();
    const numbering = new WordNumbering();
    for (const name of fs.readdirSync(DEMO_CORPUS).sort()) {
      const doc = await documentFromBytes(DEMO_CORPUS, path.join(DEMO_CORPUS, name), new Uint8Array(fs.readFileSync(path.join(DEMO_CORPUS, name))));
      if ('reason' in doc) continue;
      const p = prepareDocument(doc, numbering.termIds, false);
      // Documents in slots 0, 2, 4…; the store grows past its first size on the way.
      for (let copy = 0; copy < 12; copy++) {
        const slot = 2 * (whole.count % 7);
        const first = whole.appendAll(slot, p);
        assert.equal(first, one.count);
        for (let i = 0; i < p.termCount.length; i++) {
          one.append(slot, p.start[i], p.end[i], p.kind[i], p.speakers?.[i], p.figures?.[i], p.termCount[i], p.line[i], p.byteStart[i], p.byteEnd[i]);
        }
      }
    }
    assert.equal(whole.count, one.count);
    assert.ok(whole.count > 1024, `${whole.count} passages`);
    for (const c of COLUMNS) assert.deepEqual(whole[c].subarray(0, whole.count), one[c].subarray(0, one.count), c);
    assert.ok(whole.speakers.length > 0 && whole.figures.size > 0, 'the corpus has speakers and figures');
    assert.deepEqual(whole.speakers, one.speakers);
    assert.deepEqual([...whole.figures], [...one.figures]);
  });
});
