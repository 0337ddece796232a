import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { sourced } from './helpers';
import { CorpusService } from '../../src/extension/corpusService';
import { silentLogger, type Passage } from '../../src/core/types';
import type { SearchResult } from '../../src/core/search';

const MAGIC = 'SRCBIDX\n';
const QUERIES = ['serious consequ', 'highly symbolic Riga', '90000 troops amassed', 'legal guarantees NATO would not expand further east', 'Minsk agreement'];

function cacheUri(location: string): vscode.Uri {
  return location.startsWith('/') ? vscode.Uri.file(location) : vscode.Uri.parse(location);
}

async function cacheFile(location: string): Promise<{ bytes: Uint8Array; stat: vscode.FileStat } | undefined> {
  const uri = cacheUri(location);
  try {
    return { stat: await vscode.workspace.fs.stat(uri), bytes: await vscode.workspace.fs.readFile(uri) };
  } catch {
    return undefined;
  }
}

function assertIsCache(bytes: Uint8Array): void {
  assert.equal(new TextDecoder().decode(bytes.subarray(0, 8)), MAGIC, 'the file starts with the cache magic');
  assert.ok(new TextDecoder().decode(bytes).includes('Blinken'), 'the cache holds the corpus texts');
}

const view = (p: Passage) => ({ path: p.doc.path, start: p.start, end: p.end, kind: p.kind, text: p.text, speaker: p.speaker, figures: p.figures });
const results = (search: (q: string) => SearchResult[]) =>
  QUERIES.map((q) => search(q).map((r) => ({ ...view(r.passage), score: r.score, alsoIn: (r.alsoIn ?? []).map(view) })));

suite('index cache in the extension', () => {
  test('after the first index the cache is saved in the extension storage', async () => {
    const api = await sourced();
    const location = api.corpus.cacheLocation;
    assert.ok(location, 'the corpus has an index cache');
    assert.match(location, /[\\/]corpus-[0-9a-z]+\.idx$/);
    const file = await cacheFile(location);
    assert.ok(file, `no cache file at ${location}`);
    assertIsCache(file.bytes);
  });

  test('Reindex Corpus reads every file again and rewrites the cache', async () => {
    const api = await sourced();
    const location = api.corpus.cacheLocation;
    assert.ok(location);
    const before = await cacheFile(location);
    assert.ok(before);

    const summary = await vscode.commands.executeCommand<{ documents: number; read: number; fromCache?: number }>('sourced.reindex');
    assert.ok(summary.documents >= 5, JSON.stringify(summary));
    assert.equal(summary.read, summary.documents, 'every document is read from its file');
    assert.ok(!summary.fromCache, 'nothing is taken from the cache');
    assert.equal(api.corpus.lastSummary?.read, summary.documents);
    const after = await cacheFile(location);
    assert.ok(after);
    assertIsCache(after.bytes);
    assert.ok(after.stat.mtime >= before.stat.mtime);

    // Without a cache file, the rebuild writes a new one.
    await vscode.workspace.fs.delete(cacheUri(location));
    assert.equal(await cacheFile(location), undefined);
    const again = await vscode.commands.executeCommand<{ documents: number; read: number }>('sourced.reindex');
    assert.equal(again.read, again.documents);
    const rewritten = await cacheFile(location);
    assert.ok(rewritten, 'the rebuild wrote the cache');
    assertIsCache(rewritten.bytes);
  });

  test('a new corpus service over the same storage starts from the cache, reads no file and answers the same', async () => {
    const api = await sourced();
    const location = api.corpus.cacheLocation;
    assert.ok(location);
    // A cache that holds the current state of the corpus.
    const built = await vscode.commands.executeCommand<{ documents: number }>('sourced.reindex');
    const second = new CorpusService(silentLogger, vscode.Uri.joinPath(cacheUri(location), '..'));
    try {
      const summary = await second.reload();
      assert.equal(second.cacheLocation, location, 'the same corpus, the same cache file');
      assert.equal(summary.read, 0, 'no file read');
      assert.equal(summary.fromCache, built.documents);
      assert.equal(summary.documents, built.documents);
      assert.deepEqual(
        results((q) => second.search(q, { limit: 5 })),
        results((q) => api.corpus.search(q, { limit: 5 })),
      );
      assert.ok(results((q) => second.search(q, { limit: 5 })).every((r) => r.length > 0), 'every query finds passages');
    } finally {
      second.dispose();
    }
  });
});
