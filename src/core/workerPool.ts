/**
 * Worker threads that prepare documents for the index (segmenting, tokenizing: prepare.ts) while the
 * thread that asked (the extension host, the command line) goes on. Each thread numbers terms its own
 * way; its `TermMap` turns them into the index's. A thread that stops fails what it was given (the
 * caller prepares those itself); a pool is closed when the load that started it ends.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { PrepareReply, PrepareRequest } from './prepareWorker';
import type { DocumentPreparers, Prepared, PrepareJob } from './prepare';
import { TermMap } from './vocabulary';

interface Pending {
  resolve(outcome: Prepared): void;
  reject(error: Error): void;
  size: number;
}

interface Thread {
  worker: Worker;
  terms: TermMap;
  pending: Map<number, Pending>;
  /** Bytes sent and not yet answered. */
  load: number;
  lost?: Error;
}

/** Threads for a machine: one per core, up to four. */
export function defaultThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

export class WorkerPool implements DocumentPreparers {
  private readonly threads: Thread[] = [];
  private nextId = 1;
  private closedWith: Error | undefined;

  /** `script`: the worker's module (prepareWorker.js beside this one, in the bundle or the compiled sources). */
  constructor(
    readonly size = defaultThreads(),
    script = `${__dirname}/prepareWorker.js`,
  ) {
    for (let i = 0; i < size; i++) this.threads.push(this.start(script));
  }

  get closed(): boolean {
    return this.closedWith !== undefined;
  }

  private start(script: string): Thread {
    const thread: Thread = { worker: new Worker(script), terms: new TermMap(), pending: new Map(), load: 0 };
    thread.worker.on('message', (reply: PrepareReply) => {
      thread.terms.learn(reply.first, reply.words);
      const pending = thread.pending.get(reply.id);
      if (!pending) return;
      thread.pending.delete(reply.id);
      thread.load -= pending.size;
      const { outcome, hash } = reply;
      if ('reason' in outcome) pending.resolve(outcome);
      else if ('same' in outcome) pending.resolve({ same: true, hash: hash as number });
      else pending.resolve({ prepared: outcome, terms: thread.terms, hash: hash as number });
    });
    thread.worker.on('error', (e) => this.lose(thread, new Error(`an indexing thread stopped: ${e.message}`)));
    thread.worker.on('exit', (code) => this.lose(thread, new Error(`an indexing thread stopped (exit code ${code})`)));
    return thread;
  }

  /** The thread stopped: what it was given fails, and nothing more is sent to it. */
  private lose(thread: Thread, error: Error): void {
    thread.lost ??= this.closedWith ?? error;
    for (const pending of thread.pending.values()) pending.reject(thread.lost);
    thread.pending.clear();
    thread.load = 0;
  }

  /** Prepare a file's document in the least busy thread; fails when the threads stopped. */
  prepare(job: PrepareJob): Promise<Prepared> {
    let thread: Thread | undefined;
    for (const t of this.threads) if (!t.lost && (!thread || t.load < thread.load)) thread = t;
    if (!thread) return Promise.reject(this.closedWith ?? this.threads[0]?.lost ?? new Error('no indexing threads'));
    const id = this.nextId++;
    const chosen = thread;
    return new Promise<Prepared>((resolve, reject) => {
      chosen.pending.set(id, { resolve, reject, size: job.size });
      chosen.load += job.size;
      chosen.worker.postMessage({ id, job } satisfies PrepareRequest);
    });
  }

  /** Stop the threads; what they were given fails. */
  close(): void {
    if (this.closedWith) return;
    this.closedWith = new Error('the indexing threads were closed');
    for (const thread of this.threads) {
      this.lose(thread, this.closedWith);
      void thread.worker.terminate();
    }
  }
}
