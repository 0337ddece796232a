import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { sourced, waitFor, writeFile, wsUri } from './helpers';

const ARTICLE = (verb: string) =>
  `Harbour talks in Tallinn end without a deal\n\nThe negotiators ${verb} the zebrafish protocol after nine hours of talks in Tallinn on Friday.\n`;

suite('incremental indexing', () => {
  test('the watcher indexes an added file, re-reads a changed one and drops a deleted one, reading only those', async () => {
    const api = await sourced();
    const found = (words: string) => api.corpus.search(words, { limit: 5 }).find((r) => r.passage.text.includes('zebrafish'))?.passage;
    const before = api.corpus.lastSummary?.documents ?? 0;
    await writeFile('corpus/incremental.txt', ARTICLE('rejected'));
    try {
      const added = await waitFor(() => found('zebrafish protocol rejected'), 'the new file to be indexed by the watcher');
      assert.match(added.text, /rejected the zebrafish protocol/);
      assert.equal(api.corpus.lastSummary?.documents, before + 1);
      assert.equal(api.corpus.lastSummary?.read, 1, 'only the new file is read');

      await writeFile('corpus/incremental.txt', ARTICLE('accepted'));
      const changed = await waitFor(() => (found('zebrafish protocol')?.text.includes('accepted') ? found('zebrafish protocol') : undefined), 'the changed file to be read again');
      assert.match(changed.text, /accepted the zebrafish protocol/);
      assert.equal(api.corpus.lastSummary?.read, 1, 'only the changed file is read again');
    } finally {
      await vscode.workspace.fs.delete(wsUri('corpus/incremental.txt'));
    }
    await waitFor(() => !found('zebrafish protocol'), 'the deleted file to leave the index');
    assert.equal(api.corpus.lastSummary?.documents, before);
  });

  test('Reindex Corpus rebuilds the index from the files, and searches find the same passages', async () => {
    const api = await sourced();
    const query = 'Stoltenberg warned';
    const before = api.corpus.search(query, { limit: 3 }).map((r) => `${r.passage.doc.relPath}:${r.passage.start}-${r.passage.end}`);
    assert.ok(before.length > 0, 'the demo corpus answers the query');
    const summary = await vscode.commands.executeCommand<{ documents: number; read: number; fromCache?: number }>('sourced.reindex');
    assert.equal(summary.documents, 5);
    assert.equal(summary.read, 5, 'every file is read again');
    assert.equal(summary.fromCache, undefined, 'nothing is taken from the cache');
    const after = api.corpus.search(query, { limit: 3 }).map((r) => `${r.passage.doc.relPath}:${r.passage.start}-${r.passage.end}`);
    assert.deepEqual(after, before);
  });
});
