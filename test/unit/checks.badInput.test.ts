import * as assert from 'node:assert/strict';
import { check, S3, workspace } from './checksHelpers';

const claim = 'Lavrov said Russia also favours a diplomatic solution.';

async function findingsFor(definition: string, setup?: (mem: ReturnType<typeof workspace>) => void) {
  const mem = workspace();
  setup?.(mem);
  const r = await check('bad.md', `${claim}[^1]\n\n[^1]: ${definition}\n`, mem);
  return r.findings.map((f) => ({ kind: f.kind, severity: f.severity, message: f.message }));
}

suite('checks: bad input gets a clear finding, never an exception', () => {
  test('a web address, a javascript: or a command: link is not a source', async () => {
    for (const [link, what] of [
      ['[article](https://example.com/news)', 'a web address'],
      ['[click](javascript:alert(1))', '“javascript:” link'],
      ['[run](command:workbench.action.terminal.new)', '“command:” link'],
    ]) {
      const f = await findingsFor(link);
      assert.equal(f.length, 1, link);
      assert.equal(f[0].kind, 'not-a-source');
      assert.ok(f[0].message.includes(what), f[0].message);
    }
  });

  test('a plain note without a link is not a citation: no finding', async () => {
    assert.deepEqual(await findingsFor('The figures are rounded.'), []);
  });

  test('a binary file and a huge file in the corpus', async () => {
    const binary = await findingsFor('[x](../corpus/image.txt#L1)', (mem) => mem.write('/ws/corpus/image.txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1])));
    assert.deepEqual(binary.map((f) => f.kind), ['not-a-source']);
    assert.match(binary[0].message, /binary/);
    const huge = await findingsFor('[x](../corpus/huge.txt#L1)', (mem) => mem.write('/ws/corpus/huge.txt', 'word '.repeat(2.2 * 1024 * 1024)));
    assert.deepEqual(huge.map((f) => f.kind), ['not-a-source']);
    assert.match(huge[0].message, /too large/);
  });

  test('paths that climb out of the corpus, absolute paths and the corpus folder itself', async () => {
    for (const link of ['[x](../../../etc/passwd#L1)', '[x](/etc/passwd)', '[x](../corpus/../notes/nested.md)']) {
      const f = await findingsFor(link);
      assert.deepEqual(f.map((x) => x.kind), ['outside-corpus'], link);
    }
    const folder = await findingsFor('[x](../corpus/)');
    assert.deepEqual(folder.map((x) => x.kind), ['not-a-source']);
    assert.match(folder[0].message, /folder/);
  });

  test('malformed and impossible fragments', async () => {
    const title = ' "Lavrov said Russia also favours a diplomatic solution."';
    for (const fragment of ['L', 'Lx-Ly', 'L5C-L', '%zz']) {
      const f = await findingsFor(`[x](../corpus/${S3}#${fragment}${title})`);
      assert.deepEqual(f.map((x) => x.kind), ['not-a-source'], fragment);
      assert.match(f[0].message, /malformed location/);
    }
    // Well-formed but pointing nowhere: the text decides.
    for (const fragment of ['L999999999C1-L999999999C5', 'L0', 'L11-L2', 'L11C500-L11C3']) {
      const f = await findingsFor(`[x](../corpus/${S3}#${fragment}${title})`);
      assert.deepEqual(f.map((x) => x.kind), ['moved'], fragment);
    }
    const lost = await findingsFor(`[x](../corpus/${S3}#L999)`);
    assert.deepEqual(lost.map((x) => x.kind), ['not-found']);
  });

  test('an empty link, a link to this briefing, a malformed percent-encoding', async () => {
    assert.deepEqual((await findingsFor('[x](#L1)')).map((f) => f.kind), ['not-a-source']);
    const enc = await findingsFor('[x](../corpus/%E0%A4%A.txt#L1)');
    assert.deepEqual(enc.map((f) => f.kind), ['missing-source']);
  });

  test('a reader that throws is reported, not thrown', async () => {
    const mem = workspace();
    const failing = { stat: mem.stat.bind(mem), readDirectory: mem.readDirectory.bind(mem), readFile: async () => { throw new Error('EIO: disk on fire'); } };
    const r = await check('bad.md', `${claim}[^1]\n\n[^1]: [x](../corpus/${S3}#L11)\n`, failing as never);
    assert.deepEqual(r.findings.map((f) => f.kind), ['not-a-source']);
    assert.match(r.findings[0].message, /disk on fire/);
  });
});
