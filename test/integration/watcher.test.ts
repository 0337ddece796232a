import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CorpusSummary } from '../../src/core/corpusIndex';
import { sourced, waitFor, writeFile, wsUri } from './helpers';

const ARTICLE = (subject: string, verb: string) =>
  `Harbour talks in Gdansk end without a deal\n\nThe negotiators ${verb} the ${subject} after nine hours of talks in Gdansk on Friday.\n`;

interface Recorder {
  summaries: CorpusSummary[];
  /** Wait for a reported summary that satisfies `probe` (the index changes in place before the summary comes). */
  until(probe: (s: CorpusSummary) => boolean, what: string): Promise<CorpusSummary>;
  dispose(): void;
}

/** Every summary the corpus reports from now on (the watcher's updates among them). */
function recordSummaries(api: Awaited<ReturnType<typeof sourced>>): Recorder {
  const summaries: CorpusSummary[] = [];
  const listener = api.corpus.onDidChange((s) => summaries.push(s));
  return {
    summaries,
    until: (probe, what) => waitFor(() => summaries.find(probe), what),
    dispose: () => listener.dispose(),
  };
}

/** The summaries were the watcher's updates, each looking at no more than `most` files: the roots were not walked. */
function assertIncremental(summaries: CorpusSummary[], most: number, what: string): void {
  assert.ok(summaries.length > 0, `${what}: no update was reported`);
  for (const s of summaries) {
    assert.notEqual(s.updated, undefined, `${what}: a full load ran (${JSON.stringify({ ...s, skipped: s.skipped.length })})`);
    assert.ok((s.checked ?? Infinity) <= most, `${what}: ${s.checked} files looked at, expected at most ${most}`);
  }
}

suite('watcher: changed files only', () => {
  test('a new, a changed and a deleted corpus file each reach the search, by updates that look at those files only', async () => {
    const api = await sourced();
    const found = (words: string) => api.corpus.search(words, { limit: 5 }).find((r) => r.passage.text.includes('porpoise'))?.passage;
    const before = api.corpus.indexedDocuments;
    assert.ok(before >= 5, 'the demo corpus is indexed');
    let recorder = recordSummaries(api);
    try {
      await writeFile('corpus/watched.txt', ARTICLE('porpoise treaty', 'rejected'));
      const added = await waitFor(() => found('porpoise treaty rejected'), 'the new file to be indexed');
      assert.match(added.text, /rejected the porpoise treaty/);
      await recorder.until((s) => s.documents === before + 1, 'the update to be reported');
      assert.equal(api.corpus.indexedDocuments, before + 1);
      assertIncremental(recorder.summaries, 1, 'adding a file');
      recorder.dispose();

      recorder = recordSummaries(api);
      await writeFile('corpus/watched.txt', ARTICLE('porpoise treaty', 'accepted'));
      await waitFor(() => found('porpoise treaty accepted')?.text.includes('accepted'), 'the changed file to be read again');
      assert.ok(!api.corpus.search('porpoise treaty rejected', { limit: 5 }).some((r) => r.passage.text.includes('rejected')), 'the old text is gone');
      await recorder.until((s) => (s.read ?? 0) > 0, 'the update to be reported');
      assertIncremental(recorder.summaries, 1, 'changing a file');
      assert.equal(recorder.summaries.reduce((n, s) => n + (s.read ?? 0), 0), 1, 'the changed file is read once');
      recorder.dispose();

      recorder = recordSummaries(api);
      await vscode.workspace.fs.delete(wsUri('corpus/watched.txt'));
      await waitFor(() => !found('porpoise treaty'), 'the deleted file to leave the index');
      await recorder.until((s) => s.documents === before, 'the update to be reported');
      assert.equal(api.corpus.indexedDocuments, before);
      assertIncremental(recorder.summaries, 1, 'deleting a file');
    } finally {
      recorder.dispose();
      await vscode.workspace.fs.delete(wsUri('corpus/watched.txt')).then(
        () => undefined,
        () => undefined,
      );
      await waitFor(() => api.corpus.indexedDocuments === before, 'the corpus to be back as it was');
    }
  });

  test('a folder moved into the corpus is walked on its own; deleted, its documents all leave', async () => {
    const api = await sourced();
    const holds = (words: string) => (path: string) =>
      api.corpus
        .search(words, { limit: 10 })
        .some((r) => [r.passage, ...(r.alsoIn ?? [])].some((p) => p.doc.path.endsWith(path) && p.text.includes('Gdansk')));
    const before = api.corpus.indexedDocuments;
    await writeFile('staging/moved/one.txt', ARTICLE('walrus accord', 'signed'));
    await writeFile('staging/moved/inner/two.md', ARTICLE('narwhal charter', 'drafted'));
    let recorder = recordSummaries(api);
    try {
      await vscode.workspace.fs.rename(wsUri('staging/moved'), wsUri('corpus/moved'));
      await waitFor(() => holds('walrus accord signed')('/corpus/moved/one.txt') && holds('narwhal charter drafted')('/corpus/moved/inner/two.md'), 'both files of the moved folder to be indexed');
      await recorder.until((s) => s.documents === before + 2, 'the update to be reported');
      assert.equal(api.corpus.indexedDocuments, before + 2);
      // The folder and its two files, however the watcher reports them: never the five documents besides.
      assertIncremental(recorder.summaries, 3, 'moving a folder in');
      recorder.dispose();

      recorder = recordSummaries(api);
      await vscode.workspace.fs.delete(wsUri('corpus/moved'), { recursive: true });
      await waitFor(() => api.corpus.indexedDocuments === before, 'the documents of the deleted folder to leave the index');
      await recorder.until((s) => s.documents === before, 'the update to be reported');
      assert.ok(!holds('walrus accord signed')('/corpus/moved/one.txt'));
      assert.ok(!holds('narwhal charter drafted')('/corpus/moved/inner/two.md'));
      assertIncremental(recorder.summaries, 3, 'deleting a folder');
    } finally {
      recorder.dispose();
      for (const folder of ['corpus/moved', 'staging']) {
        await vscode.workspace.fs.delete(wsUri(folder), { recursive: true }).then(
          () => undefined,
          () => undefined,
        );
      }
      await waitFor(() => api.corpus.indexedDocuments === before, 'the corpus to be back as it was');
    }
  });

  test('a sidecar at the corpus root lists the whole corpus again', async () => {
    const api = await sourced();
    const name = '000_d9e0f3baa55f90e5.txt';
    const outlet = async () => (await api.corpus.document(wsUri(`corpus/${name}`).path))?.metadata.outlet;
    assert.ok(await api.corpus.document(wsUri(`corpus/${name}`).path), 'the document is indexed');
    const recorder = recordSummaries(api);
    try {
      await writeFile('corpus/sources.json', JSON.stringify({ [name]: { outlet: 'The Watcher Gazette' } }));
      const full = await recorder.until((s) => s.updated === undefined, 'a full load to be reported');
      assert.equal(await outlet(), 'The Watcher Gazette', 'the sidecar metadata is applied');
      assert.ok((full.checked ?? 0) >= 5, 'it looked at every document');
    } finally {
      recorder.dispose();
      await vscode.workspace.fs.delete(wsUri('corpus/sources.json'));
      await waitFor(async () => (await outlet()) !== 'The Watcher Gazette', 'the sidecar metadata to go');
    }
  });
});
