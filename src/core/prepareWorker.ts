/**
 * A worker thread of the pool (workerPool.ts): turns each file it is sent (its bytes, or its path to
 * read) into a prepared document (segmented, its terms numbered by this thread), one after another,
 * and answers with it, the content's hash and the words it numbered for the first time.
 */
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { documentFromBytes, errorMessage, textFileUtf8 } from './corpus';
import { hashBytes } from './hash';
import { prepareDocument, transferables, WordNumbering, type PrepareJob, type PreparedDocument } from './prepare';
import { primeForLargeLoads } from './primer';

export interface PrepareRequest {
  id: number;
  job: PrepareJob;
}

export interface PrepareReply {
  id: number;
  outcome: PreparedDocument | { same: true } | { reason: string };
  /** hashBytes of the file's content (none when it could not be read). */
  hash?: number;
  /** Words this thread numbered while preparing it: ids `first`, `first + 1`… */
  first: number;
  words: string[];
}

const numbering = new WordNumbering();

async function outcomeOf(job: PrepareJob): Promise<{ outcome: PrepareReply['outcome']; hash?: number }> {
  const { root, path, localPath, override } = job;
  let bytes = job.bytes;
  if (!bytes) {
    try {
      bytes = readFileSync(localPath ?? path);
    } catch (e) {
      return { outcome: { reason: `cannot be read: ${errorMessage(e)}` } };
    }
  }
  const hash = hashBytes(bytes);
  if (hash === job.knownHash) return { outcome: { same: true }, hash };
  try {
    const doc = await documentFromBytes(root, path, bytes, override);
    return { outcome: 'reason' in doc ? doc : prepareDocument(doc, numbering.termIds, false, textFileUtf8(path, bytes)), hash };
  } catch (e) {
    return { outcome: { reason: `cannot be indexed: ${errorMessage(e)}` }, hash };
  }
}

async function prepare({ id, job }: PrepareRequest): Promise<void> {
  const { outcome, hash } = await outcomeOf(job);
  const { first, words } = numbering.take();
  const reply: PrepareReply = { id, outcome, first, words };
  if (hash !== undefined) reply.hash = hash;
  parentPort?.postMessage(reply, 'bytes' in outcome ? transferables(outcome) : []);
}

// One at a time, in the order sent: a document's words are numbered after those of the one before.
// A thread is started for a large load: it gets ready first (primer.ts), with the numbering it will use.
let queue = primeForLargeLoads(numbering).catch(() => undefined);
parentPort?.on('message', (request: PrepareRequest) => {
  queue = queue.then(() => prepare(request));
});
