import * as assert from 'node:assert/strict';
import { Postings } from '../../src/core/postings';

suite('postings', () => {
  test('holds: found in the sealed base and in the recent delta, never in a neighbouring term', () => {
    const p = new Postings();
    // term 0: 1 3 5; term 1: 2 4; term 2: 6
    for (const [t, pid] of [[0, 1], [1, 2], [0, 3], [1, 4], [0, 5], [2, 6]]) p.add(t, pid);
    p.seal(3, () => false);
    p.add(1, 7);
    p.add(3, 8);
    const held = (t: number) => [...Array(10).keys()].filter((pid) => p.holds(t, pid));
    assert.deepEqual(held(0), [1, 3, 5]);
    assert.deepEqual(held(1), [2, 4, 7]);
    assert.deepEqual(held(2), [6]);
    assert.deepEqual(held(3), [8]);
    assert.deepEqual(held(4), []);
    // Sealing with a passage removed drops it.
    p.seal(4, (pid) => pid === 3);
    assert.deepEqual(held(0), [1, 5]);
    assert.deepEqual(held(1), [2, 4, 7]);
  });
});
