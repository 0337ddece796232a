import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import Mocha from 'mocha';
import type { SourcedApi } from '../../src/extension/extension';
import { EXTENSION_ID, sourced } from './helpers';

/** Stands for "not settled yet" in a race with a promise that resolves to `undefined`. */
const PENDING = Symbol('pending');

// First in the run (files run in name order): it activates the extension itself when nothing has yet.
/** A line in the run's report: mocha's reporter output, which the test host prints (the extension host's console does not reach it). */
function print(line: string): void {
  Mocha.reporters.Base.consoleLog(line);
}

suite('activation', () => {
  test('activate returns its API before the corpus is indexed (indexing runs in the background)', async function () {
    const ext = vscode.extensions.getExtension<SourcedApi>(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this host`);
    // Once active, `ready` has had all the time it needed: nothing left to observe.
    if (ext.isActive) this.skip();
    const api = await ext.activate();
    // A promise that has settled wins a race against a plain value listed after it; one still pending loses.
    const first = await Promise.race([api.ready, PENDING]);
    assert.equal(first, PENDING, '`ready` had already resolved when the API was obtained: activation waited for the index');
    await api.ready;
    assert.ok((api.corpus.lastSummary?.documents ?? 0) >= 5, 'the demo corpus was indexed after activation');
  });

  test('the time activate took is recorded in the API', async () => {
    const api = await sourced();
    assert.equal(typeof api.activationMs, 'number');
    assert.ok(Number.isFinite(api.activationMs) && api.activationMs > 0, `activationMs: ${api.activationMs}`);
    // A measurement, not a limit: printed for the run's output.
    print(`activation: activate() took ${api.activationMs.toFixed(1)} ms`);
  });
});
