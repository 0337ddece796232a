import * as assert from 'node:assert/strict';
import { trimPassage } from '../../src/core/trim';

const P = 'Russia is concentrating its armed forces on the borders with Ukraine, Stoltenberg said.';

suite('trimming a passage', () => {
  test('a contiguous part is kept as written', () => {
    const t = trimPassage(P, 'concentrating its armed forces');
    assert.ok(!('error' in t));
    assert.equal(t.text, 'concentrating its armed forces');
    assert.equal(P.slice(t.runs[0].start, t.runs[0].end), 'concentrating its armed forces');
  });

  test('a cut inside is marked with an ellipsis', () => {
    const t = trimPassage(P, 'Russia is concentrating … on the borders with Ukraine');
    assert.ok(!('error' in t));
    assert.equal(t.text, 'Russia is concentrating … on the borders with Ukraine,');
    const t2 = trimPassage(P, 'Russia forces Ukraine,');
    assert.ok(!('error' in t2));
    assert.equal(t2.text, 'Russia … forces … Ukraine,');
  });

  test('words that are not the passage’s, or out of order, are refused', () => {
    assert.match((trimPassage(P, 'Russia is massing forces') as { error: string }).error, /“massing” is not in the passage/);
    assert.ok('error' in trimPassage(P, 'Ukraine Russia'));
    assert.ok('error' in trimPassage(P, '   '));
  });
});
