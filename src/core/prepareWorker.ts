/**
 * A worker thread of the pool (workerPool.ts): turns each file it is sent into a prepared document
 * (segmented, its terms numbered by this thread), one after another, and answers with it and the
 * words it numbered for the first time.
 */
import { parentPort } from 'node:worker_threads';
import { documentFromBytes, errorMessage } from './corpus';
import { relativePath } from './fs';
import { prepareDocument, transferables, WordNumbering, type PreparedDocument } from './prepare';
import type { DocumentMetadata } from './types';

export interface PrepareRequest {
  id: number;
  root: string;
  path: string;
  bytes: Uint8Array;
  override?: DocumentMetadata;
}

export interface PrepareReply {
  id: number;
  outcome: PreparedDocument | { reason: string };
  /** Words this thread numbered while preparing it: ids `first`, `first + 1`… */
  first: number;
  words: string[];
}

const numbering = new WordNumbering();

async function prepare(request: PrepareRequest): Promise<void> {
  const { id, root, path, bytes, override } = request;
  let outcome: PrepareReply['outcome'];
  try {
    const doc = await documentFromBytes(root, path, bytes, override && new Map([[relativePath(root, path), override]]));
    outcome = 'reason' in doc ? doc : prepareDocument(doc, numbering.termIds, false);
  } catch (e) {
    outcome = { reason: `cannot be indexed: ${errorMessage(e)}` };
  }
  const { first, words } = numbering.take();
  parentPort?.postMessage({ id, outcome, first, words } satisfies PrepareReply, 'reason' in outcome ? [] : transferables(outcome));
}

// One at a time, in the order sent: a document's words are numbered after those of the one before.
let queue = Promise.resolve();
parentPort?.on('message', (request: PrepareRequest) => {
  queue = queue.then(() => prepare(request));
});
