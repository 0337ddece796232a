/**
 * PDF: text page by page (pdfText.ts), read in a worker thread that starts with the first PDF, serves
 * the next ones, and stops after a minute without work. A PDF that takes too long is given up (the
 * thread is stopped and the file skipped with that reason).
 */
import { Worker } from 'node:worker_threads';
import type { ReadOutcome } from './index';
import type { PdfReply, PdfRequest } from './pdfWorker';

const IDLE_MS = 60_000;
const TIMEOUT_MS = 120_000;

let worker: Worker | undefined;
const pending = new Map<number, { resolve: (o: ReadOutcome) => void; timer: ReturnType<typeof setTimeout> }>();
let nextId = 1;
let idleTimer: ReturnType<typeof setTimeout> | undefined;

function answer(id: number, outcome: ReadOutcome): void {
  const p = pending.get(id);
  if (!p) return;
  pending.delete(id);
  clearTimeout(p.timer);
  p.resolve(outcome);
}

/** The worker is gone: everything it was reading gets the reason. */
function lost(w: Worker, reason: string): void {
  if (worker !== w) return;
  worker = undefined;
  for (const id of [...pending.keys()]) answer(id, { reason });
}

/** Keep the process alive while PDFs are being read; stop the worker once it has been idle a while. */
function settle(): void {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = undefined;
  const w = worker;
  if (!w) return;
  if (pending.size > 0) {
    w.ref();
    return;
  }
  w.unref();
  idleTimer = setTimeout(() => {
    if (worker === w && pending.size === 0) {
      worker = undefined;
      void w.terminate();
    }
  }, IDLE_MS);
  idleTimer.unref();
}

function start(): Worker {
  const w = new Worker(`${__dirname}/pdfWorker.js`);
  w.on('message', (reply: PdfReply) => {
    answer(reply.id, reply.outcome);
    settle();
  });
  w.on('error', (e) => lost(w, `the PDF reader stopped: ${e.message}`));
  w.on('exit', (code) => lost(w, `the PDF reader stopped (exit code ${code})`));
  return w;
}

/** Read a PDF: its text page by page, with each page's start offset, and its metadata. */
export function readPdf(bytes: Uint8Array): Promise<ReadOutcome> {
  let w: Worker;
  try {
    w = worker ??= start();
  } catch (e) {
    return Promise.resolve({ reason: `the PDF reader cannot be started: ${e instanceof Error ? e.message : String(e)}` });
  }
  const id = nextId++;
  const copy = new Uint8Array(bytes); // transferred to the worker
  return new Promise<ReadOutcome>((resolve) => {
    const timer = setTimeout(() => {
      answer(id, { reason: `PDF took longer than ${TIMEOUT_MS / 1000} s to read` });
      // The worker is stuck on it: stop it (anything else it was reading gets a reason too).
      lost(w, 'the PDF reader was stopped while reading another, slow PDF');
      void w.terminate();
      settle();
    }, TIMEOUT_MS);
    pending.set(id, { resolve, timer });
    settle();
    w.postMessage({ id, bytes: copy } satisfies PdfRequest, [copy.buffer]);
  });
}
