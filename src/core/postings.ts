/**
 * Postings: for each term, the passages that hold it, in ascending passage id. A sealed base in one
 * typed array (compressed-row layout: `data[offsets[t] .. offsets[t + 1])` for term `t`) and a delta
 * of the passages added since; sealing merges the delta in and drops removed passages. Queries read
 * both.
 *
 * The delta is written as a log of terms in one typed array, passage after passage (a passage's
 * terms are a run of the log), so that adding a posting touches no per-term list; the per-term lists
 * that queries read (`delta`) are made from the log when first asked for, and kept up to date from
 * then on.
 *
 * While a load adds postings, it seals the delta into segments that follow the base (same layout,
 * passages after those of the base and of the segments before), so that what was sealed is not
 * copied again at every seal; a full seal merges them all into the base.
 */
import { runSteps, STEP_ITEMS, type Steps } from './steps';
import { holds } from './sorted';

export class Postings {
  /** Base: `offsets.length - 1` terms. */
  offsets: Uint32Array = new Uint32Array(1);
  data: Uint32Array = new Uint32Array(0);
  /** Sealed after the base, each of passages after those of the part before; merged into the base by a full seal. */
  private segments: Part[] = [];
  /** Postings in the delta. */
  deltaCount = 0;
  /** The delta's terms, `deltaCount` of them: run `k` (passage `runPid[k]`) ends at `runEnd[k]`, where run `k + 1` begins. */
  private log = new Uint32Array(0);
  private runPid = new Uint32Array(0);
  private runEnd = new Uint32Array(0);
  private runCount = 0;
  /**
   * Per term `t`, side by side (one memory read for both): at `2t`, 1 + the last passage added to it
   * (0: none since the last seal); at `2t + 1`, its postings in the delta.
   */
  private perTerm = new Int32Array(0);
  /** The delta as per-term lists, made from the log up to `listed` (in run `listedRun`); undefined until asked for. */
  private lists: Array<number[] | undefined> | undefined;
  private listed = 0;
  private listedRun = 0;

  get baseTerms(): number {
    return this.offsets.length - 1;
  }

  get size(): number {
    return this.sealedCount + this.deltaCount;
  }

  /** Postings sealed: in the base and the segments. */
  get sealedCount(): number {
    let n = this.data.length;
    for (const s of this.segments) n += s.data.length;
    return n;
  }

  /** Whether every sealed posting is in the base (there are no segments). */
  get merged(): boolean {
    return this.segments.length === 0;
  }

  /** Call `fn` with each sealed run of term `t` (`data[from, to)`, not empty): the base's, then the segments' (passages ascend across them). */
  forEachRun(t: number, fn: (data: Uint32Array, from: number, to: number) => void): void {
    if (t < this.offsets.length - 1 && this.offsets[t] < this.offsets[t + 1]) fn(this.data, this.offsets[t], this.offsets[t + 1]);
    for (const { offsets, data } of this.segments) if (t < offsets.length - 1 && offsets[t] < offsets[t + 1]) fn(data, offsets[t], offsets[t + 1]);
  }

  /** The delta, by term id: the passages added to each term since the last seal. */
  get delta(): ReadonlyArray<number[] | undefined> {
    const lists = (this.lists ??= []);
    const { log, runPid, runEnd } = this;
    let k = this.listedRun;
    for (let i = this.listed; i < this.deltaCount; ) {
      while (runEnd[k] <= i) k++;
      const pid = runPid[k];
      for (const end = runEnd[k]; i < end; i++) {
        const list = lists[log[i]];
        if (list) list.push(pid);
        else lists[log[i]] = [pid];
      }
    }
    this.listed = this.deltaCount;
    this.listedRun = k;
    return lists;
  }

  /** Record that passage `pid` holds term `t` (pids arrive in ascending order; repeats are ignored). */
  add(t: number, pid: number): void {
    this.addPassage(pid, [t], 0, 1);
  }

  /** `add` for each of `terms[from, to)` (a passage's terms, repeats among them ignored). */
  addPassage(pid: number, terms: ArrayLike<number>, from: number, to: number): void {
    let n = this.deltaCount;
    if (n + (to - from) > this.log.length) this.growLog(n + (to - from));
    const log = this.log;
    let perTerm = this.perTerm;
    const stamp = pid + 1;
    for (let i = from; i < to; i++) {
      const t = terms[i];
      const at2 = 2 * t;
      if (at2 >= perTerm.length) {
        this.growTerms(t + 1);
        perTerm = this.perTerm;
      }
      if (perTerm[at2] === stamp) continue;
      perTerm[at2] = stamp;
      perTerm[at2 + 1]++;
      log[n++] = t;
    }
    if (n === this.deltaCount) return;
    this.deltaCount = n;
    this.endRun(pid);
  }

  /** The log ends with a posting of `pid`: its run ends there. */
  private endRun(pid: number): void {
    const k = this.runCount;
    if (k > 0 && this.runPid[k - 1] === pid) {
      this.runEnd[k - 1] = this.deltaCount;
      return;
    }
    if (k === this.runPid.length) {
      const size = Math.max(2 * k, 1024);
      this.runPid = grown(this.runPid, size);
      this.runEnd = grown(this.runEnd, size);
    }
    this.runPid[k] = pid;
    this.runEnd[k] = this.deltaCount;
    this.runCount++;
  }

  /** Passages holding term `t`, removed ones included until the next seal. */
  df(t: number): number {
    let n = 2 * t < this.perTerm.length ? this.perTerm[2 * t + 1] : 0;
    if (t < this.offsets.length - 1) n += this.offsets[t + 1] - this.offsets[t];
    for (const { offsets } of this.segments) if (t < offsets.length - 1) n += offsets[t + 1] - offsets[t];
    return n;
  }

  /** Whether passage `pid` holds term `t` (a binary search in its postings). */
  holds(t: number, pid: number): boolean {
    if (t < this.offsets.length - 1 && holds(this.data, pid, this.offsets[t], this.offsets[t + 1])) return true;
    for (const { offsets, data } of this.segments) if (t < offsets.length - 1 && holds(data, pid, offsets[t], offsets[t + 1])) return true;
    const list = this.delta[t];
    return list !== undefined && holds(list, pid);
  }

  /**
   * Merge the delta and the segments into the base, leaving out passages for which `dead` is true
   * (none when it is not given). With `oldOf`, terms are renumbered: new term `t` is the term that
   * was `oldOf[t]`. With `more` (more postings are coming: a load seals as it goes), see `sealing`.
   */
  seal(terms: number, dead?: (pid: number) => boolean, oldOf?: Uint32Array, more = false): void {
    runSteps(this.sealing(terms, dead, oldOf, more))();
  }

  /**
   * `seal` in steps: the new base (or segment) is made aside, and the function returned puts it in
   * place. The postings must not change in between. Each step's work is done by a plain function
   * (the engine optimizes those better than loops in a generator). With `more` (more postings are
   * coming), the delta becomes a segment when nothing is removed or renumbered, and its arrays are
   * kept for the postings to come rather than made again, growing from nothing (large arrays
   * allocated often make the garbage collector run often).
   */
  *sealing(terms: number, dead?: (pid: number) => boolean, oldOf?: Uint32Array, more = false): Steps<() => void> {
    if (more && !dead && !oldOf) return yield* this.segmenting();
    const delta: Delta = { log: this.log, runPid: this.runPid, runEnd: this.runEnd, runs: this.runCount };
    const parts: Part[] = [{ offsets: this.offsets, data: this.data }, ...this.segments];
    // Per old term: its live postings (the delta's, then each part's), then where its next one goes
    // in the new data. Each part is read in order, term after term (not term by term across parts).
    const perTerm = this.perTerm;
    let most = perTerm.length >> 1;
    for (const p of parts) most = Math.max(most, p.offsets.length - 1);
    const cursor = new Uint32Array(Math.max(terms, most));
    if (dead) {
      for (let k = 0; k < delta.runs; ) {
        k = countLive(delta, k, dead, cursor);
        yield;
      }
    } else {
      const n = perTerm.length >> 1;
      for (let t = 0; t < n; t += STEP_ITEMS) {
        copyCounts(perTerm, cursor, t, Math.min(n, t + STEP_ITEMS));
        yield;
      }
    }
    for (const part of parts) {
      for (let t = 0; t < part.offsets.length - 1; ) {
        t = countPart(part, cursor, t, dead);
        yield;
      }
    }
    const offsets = new Uint32Array(terms + 1);
    let total = 0;
    for (let t = 0; t < terms; t += STEP_ITEMS) {
      total = layOut(cursor, offsets, t, Math.min(terms, t + STEP_ITEMS), total, oldOf);
      yield;
    }
    offsets[terms] = total;
    const data = new Uint32Array(total);
    yield;
    for (const part of parts) {
      for (let t = 0; t < part.offsets.length - 1; ) {
        t = copyPart(part, cursor, data, t, dead);
        yield;
      }
    }
    for (let k = 0; k < delta.runs; ) {
      k = scatter(delta, k, dead, cursor, data);
      yield;
    }
    return () => {
      this.offsets = offsets;
      this.data = data;
      this.segments = [];
      this.clearDelta(more);
    };
  }

  /** The delta as a new segment, in steps (a transposition of the log, which lists terms passage by passage). */
  private *segmenting(): Steps<() => void> {
    if (this.deltaCount === 0) return () => {};
    const delta: Delta = { log: this.log, runPid: this.runPid, runEnd: this.runEnd, runs: this.runCount };
    const perTerm = this.perTerm;
    const terms = perTerm.length >> 1;
    const offsets = new Uint32Array(terms + 1);
    let total = 0;
    for (let t = 0; t < terms; t += STEP_ITEMS) {
      total = startsOf(perTerm, offsets, t, Math.min(terms, t + STEP_ITEMS), total);
      yield;
    }
    offsets[terms] = total;
    const data = new Uint32Array(total);
    const cursor = offsets.slice(0, terms);
    yield;
    for (let k = 0; k < delta.runs; ) {
      k = scatter(delta, k, undefined, cursor, data);
      yield;
    }
    return () => {
      this.segments.push({ offsets, data });
      this.clearDelta(true);
    };
  }

  /** Empty the delta; with `keep`, its arrays are kept (zeroed where need be) for the postings to come. */
  private clearDelta(keep: boolean): void {
    if (keep) this.perTerm.fill(0);
    else {
      this.log = new Uint32Array(0);
      this.runPid = new Uint32Array(0);
      this.runEnd = new Uint32Array(0);
      this.perTerm = new Int32Array(0);
    }
    this.runCount = 0;
    this.lists = undefined;
    this.listed = 0;
    this.listedRun = 0;
    this.deltaCount = 0;
  }

  private growTerms(n: number): void {
    const perTerm = new Int32Array(2 * Math.max(n, this.perTerm.length, 1024));
    perTerm.set(this.perTerm);
    this.perTerm = perTerm;
  }

  private growLog(n: number): void {
    this.log = grown(this.log, Math.max(n, 2 * this.log.length, 4096));
  }
}

/** A larger copy of `a`. */
function grown(a: Uint32Array, size: number): Uint32Array<ArrayBuffer> {
  const b = new Uint32Array(size);
  b.set(a);
  return b;
}

/** The delta being sealed. */
interface Delta {
  log: Uint32Array;
  runPid: Uint32Array;
  runEnd: Uint32Array;
  runs: number;
}

/** Postings in compressed rows: `data[offsets[t] .. offsets[t + 1])` for each of `offsets.length - 1` terms. */
interface Part {
  offsets: Uint32Array;
  data: Uint32Array;
}

/** Count the postings of the delta's runs from `k` on, of passages not `dead`, per term into `cursor`, for a step; returns the next run. */
function countLive(delta: Delta, k: number, dead: (pid: number) => boolean, cursor: Uint32Array): number {
  const { log, runPid, runEnd, runs } = delta;
  let i = k === 0 ? 0 : runEnd[k - 1];
  const stop = i + STEP_ITEMS;
  for (; k < runs && i < stop; k++) {
    const end = runEnd[k];
    if (dead(runPid[k])) i = end;
    else for (; i < end; i++) cursor[log[i]]++;
  }
  return k;
}

/** Where each term's postings start in a segment of the delta, for `t` in `[from, to)` and `total` before; returns the total after. */
function startsOf(perTerm: Int32Array, offsets: Uint32Array, from: number, to: number, total: number): number {
  for (let t = from; t < to; t++) {
    offsets[t] = total;
    total += perTerm[2 * t + 1];
  }
  return total;
}

/** The delta's postings per term, `perTerm[2t + 1]`, into `cursor[t]` for `t` in `[from, to)`. */
function copyCounts(perTerm: Int32Array, cursor: Uint32Array, from: number, to: number): void {
  for (let t = from; t < to; t++) cursor[t] = perTerm[2 * t + 1];
}

/** Add the live postings of the part's terms from `t` on to `counts` (by term), for a step; returns the next term. */
function countPart(part: Part, counts: Uint32Array, t: number, dead?: (pid: number) => boolean): number {
  const { offsets, data } = part;
  const terms = offsets.length - 1;
  for (let work = 0; t < terms && work < STEP_ITEMS; t++, work++) {
    const from = offsets[t];
    const to = offsets[t + 1];
    if (dead) {
      let live = 0;
      for (let i = from; i < to; i++) if (!dead(data[i])) live++;
      counts[t] += live;
      work += to - from;
    } else counts[t] += to - from;
  }
  return t;
}

/**
 * Where the new terms `[from, to)` start (`offsets`), `total` postings before; each old term's count
 * in `cursor` becomes where its postings go. Returns the total after.
 */
function layOut(cursor: Uint32Array, offsets: Uint32Array, from: number, to: number, total: number, oldOf?: Uint32Array): number {
  for (let t = from; t < to; t++) {
    const o = oldOf ? oldOf[t] : t;
    offsets[t] = total;
    total += cursor[o];
    cursor[o] = offsets[t];
  }
  return total;
}

/** Copy the live postings of the part's terms from `t` on to where `cursor` says (by term), for a step; returns the next term. */
function copyPart(part: Part, cursor: Uint32Array, data: Uint32Array, t: number, dead?: (pid: number) => boolean): number {
  const { offsets, data: partData } = part;
  const terms = offsets.length - 1;
  for (let work = 0; t < terms && work < STEP_ITEMS; t++, work++) {
    const from = offsets[t];
    const to = offsets[t + 1];
    let at = cursor[t];
    if (dead) {
      for (let i = from; i < to; i++) {
        const pid = partData[i];
        if (!dead(pid)) data[at++] = pid;
      }
    } else if (to - from < 64) {
      for (let i = from; i < to; i++) data[at++] = partData[i];
    } else {
      data.set(partData.subarray(from, to), at);
      at += to - from;
    }
    cursor[t] = at;
    work += to - from;
  }
  return t;
}

/**
 * The delta's postings of passages not `dead`, from run `k` on, each to its term's `cursor` in `data`
 * (after the term's base ones, in the order added: ascending), for a step; returns the next run.
 * Each goes to another place of the new data (memory written out of order): fewer of them a step.
 */
function scatter(delta: Delta, k: number, dead: ((pid: number) => boolean) | undefined, cursor: Uint32Array, data: Uint32Array): number {
  const { log, runPid, runEnd, runs } = delta;
  let i = k === 0 ? 0 : runEnd[k - 1];
  const stop = i + SCATTER_ITEMS;
  for (; k < runs && i < stop; k++) {
    const end = runEnd[k];
    const pid = runPid[k];
    if (dead?.(pid)) i = end;
    else for (; i < end; i++) data[cursor[log[i]]++] = pid;
  }
  return k;
}

/** Postings written at scattered places of the new data between two steps of a seal. */
const SCATTER_ITEMS = STEP_ITEMS >> 2;
