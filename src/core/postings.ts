/**
 * Postings: for each term, the passages that hold it, in ascending passage id. A sealed base in one
 * typed array (compressed-row layout: `data[offsets[t] .. offsets[t + 1])` for term `t`) and a delta
 * of the passages added since; sealing merges the delta in and drops removed passages. Queries read
 * both.
 *
 * The delta is written as a log of (term, passage) pairs in one typed array, so that adding a
 * posting touches no per-term list; the per-term lists that queries read (`delta`) are made from the
 * log when first asked for, and kept up to date from then on.
 */
import { runSteps, STEP_ITEMS, type Steps } from './steps';
import { holds } from './sorted';

export class Postings {
  /** Base: `offsets.length - 1` terms. */
  offsets: Uint32Array = new Uint32Array(1);
  data: Uint32Array = new Uint32Array(0);
  /** Postings in the delta. */
  deltaCount = 0;
  /** The delta's pairs: term at `2i`, passage at `2i + 1`. */
  private log = new Uint32Array(0);
  /**
   * Per term `t`, side by side (one memory read for both): at `2t`, 1 + the last passage added to it
   * (0: none since the last seal); at `2t + 1`, its postings in the delta.
   */
  private perTerm = new Int32Array(0);
  /** The delta as per-term lists, made from the log up to `listed` pairs; undefined until asked for. */
  private lists: Array<number[] | undefined> | undefined;
  private listed = 0;

  get baseTerms(): number {
    return this.offsets.length - 1;
  }

  get size(): number {
    return this.data.length + this.deltaCount;
  }

  /** The delta, by term id: the passages added to each term since the last seal. */
  get delta(): ReadonlyArray<number[] | undefined> {
    const lists = (this.lists ??= []);
    const log = this.log;
    for (let i = this.listed; i < this.deltaCount; i++) {
      const t = log[2 * i];
      const list = lists[t];
      if (list) list.push(log[2 * i + 1]);
      else lists[t] = [log[2 * i + 1]];
    }
    this.listed = this.deltaCount;
    return lists;
  }

  /** Record that passage `pid` holds term `t` (pids arrive in ascending order; repeats are ignored). */
  add(t: number, pid: number): void {
    const at2 = 2 * t;
    if (at2 >= this.perTerm.length) this.growTerms(t + 1);
    const perTerm = this.perTerm;
    if (perTerm[at2] === pid + 1) return;
    perTerm[at2] = pid + 1;
    perTerm[at2 + 1]++;
    const at = 2 * this.deltaCount;
    if (at === this.log.length) this.growLog();
    this.log[at] = t;
    this.log[at + 1] = pid;
    this.deltaCount++;
  }

  /** Passages holding term `t`, removed ones included until the next seal. */
  df(t: number): number {
    let n = 2 * t < this.perTerm.length ? this.perTerm[2 * t + 1] : 0;
    if (t < this.offsets.length - 1) n += this.offsets[t + 1] - this.offsets[t];
    return n;
  }

  /** Whether passage `pid` holds term `t` (a binary search in its postings). */
  holds(t: number, pid: number): boolean {
    if (t < this.offsets.length - 1 && holds(this.data, pid, this.offsets[t], this.offsets[t + 1])) return true;
    const list = this.delta[t];
    return list !== undefined && holds(list, pid);
  }

  /**
   * Merge the delta into the base, leaving out passages for which `dead` is true (none when it is
   * not given). With `oldOf`, terms are renumbered: new term `t` is the term that was `oldOf[t]`.
   */
  seal(terms: number, dead?: (pid: number) => boolean, oldOf?: Uint32Array): void {
    runSteps(this.sealing(terms, dead, oldOf))();
  }

  /**
   * `seal` in steps: the new base is made aside, and the function returned puts it in place. The
   * postings must not change in between.
   */
  *sealing(terms: number, dead?: (pid: number) => boolean, oldOf?: Uint32Array): Steps<() => void> {
    const base = this.offsets.length - 1;
    const { log, offsets: oldOffsets, data: oldData } = this;
    const pairs = this.deltaCount;
    // Per old term: the delta's live postings, then where they go in the new data.
    const perTerm = this.perTerm;
    const cursor = new Uint32Array(Math.max(terms, base, perTerm.length >> 1));
    if (dead) {
      for (let i = 0; i < pairs; i++) {
        if (!dead(log[2 * i + 1])) cursor[log[2 * i]]++;
        if ((i & (STEP_ITEMS - 1)) === STEP_ITEMS - 1) yield;
      }
    } else {
      for (let t = 0; 2 * t < perTerm.length; t++) {
        cursor[t] = perTerm[2 * t + 1];
        if ((t & (STEP_ITEMS - 1)) === STEP_ITEMS - 1) yield;
      }
    }
    // Work since the last step: terms, plus postings looked at one by one.
    let work = 0;
    const offsets = new Uint32Array(terms + 1);
    let total = 0;
    for (let t = 0; t < terms; t++) {
      const o = oldOf ? oldOf[t] : t;
      offsets[t] = total;
      if (o < base) {
        if (dead) {
          const from = oldOffsets[o];
          const to = oldOffsets[o + 1];
          for (let i = from; i < to; i++) if (!dead(oldData[i])) total++;
          work += to - from;
        } else total += oldOffsets[o + 1] - oldOffsets[o];
      }
      total += cursor[o];
      if (++work >= STEP_ITEMS) {
        work = 0;
        yield;
      }
    }
    offsets[terms] = total;
    const data = new Uint32Array(total);
    yield;
    for (let t = 0; t < terms; t++) {
      const o = oldOf ? oldOf[t] : t;
      let at = offsets[t];
      if (o < base) {
        const from = oldOffsets[o];
        const to = oldOffsets[o + 1];
        if (dead) {
          for (let i = from; i < to; i++) {
            const pid = oldData[i];
            if (!dead(pid)) data[at++] = pid;
          }
        } else if (to - from < 32) {
          for (let i = from; i < to; i++) data[at++] = oldData[i];
        } else {
          data.set(oldData.subarray(from, to), at);
          at += to - from;
        }
        work += to - from;
      }
      cursor[o] = at;
      if (++work >= STEP_ITEMS) {
        work = 0;
        yield;
      }
    }
    // The delta's passages of a term follow its base ones, in the order they were added (ascending).
    // Each goes to another place of the new data (memory written out of order): fewer of them a step.
    for (let i = 0; i < pairs; i++) {
      const pid = log[2 * i + 1];
      if (!dead || !dead(pid)) data[cursor[log[2 * i]]++] = pid;
      if ((i & (SCATTER_ITEMS - 1)) === SCATTER_ITEMS - 1) yield;
    }
    return () => {
      this.offsets = offsets;
      this.data = data;
      this.clearDelta();
    };
  }

  private clearDelta(): void {
    this.log = new Uint32Array(0);
    this.perTerm = new Int32Array(0);
    this.lists = undefined;
    this.listed = 0;
    this.deltaCount = 0;
  }

  private growTerms(n: number): void {
    const perTerm = new Int32Array(2 * Math.max(n, this.perTerm.length, 1024));
    perTerm.set(this.perTerm);
    this.perTerm = perTerm;
  }

  private growLog(): void {
    const log = new Uint32Array(Math.max(2 * this.log.length, 4096));
    log.set(this.log);
    this.log = log;
  }
}

/** Postings written at scattered places of the new data between two steps of a seal. */
const SCATTER_ITEMS = STEP_ITEMS >> 2;
