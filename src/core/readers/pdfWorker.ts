/**
 * The PDF reader's worker thread: reads each PDF it is sent and answers with the outcome. Parsing a
 * long PDF takes seconds of CPU; here it does not hold up the thread that asked (the extension host),
 * and pdf.js finds the plain Node globals it expects.
 */
import { parentPort } from 'node:worker_threads';
import { extractPdf } from './pdfText';
import type { ReadOutcome } from './index';

export interface PdfRequest {
  id: number;
  bytes: Uint8Array;
}

export interface PdfReply {
  id: number;
  outcome: ReadOutcome;
}

parentPort?.on('message', (request: PdfRequest) => {
  void extractPdf(request.bytes)
    .catch((e: unknown): ReadOutcome => ({ reason: `PDF cannot be parsed: ${e instanceof Error ? e.message : String(e)}` }))
    .then((outcome) => parentPort?.postMessage({ id: request.id, outcome } satisfies PdfReply));
});
