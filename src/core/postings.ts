/**
 * Postings: for each term, the passages that hold it, in ascending passage id. A sealed base in one
 * typed array (compressed-row layout: `data[offsets[t] .. offsets[t + 1])` for term `t`) and a small
 * delta of plain arrays for passages added since; sealing merges the delta in and drops removed
 * passages. Queries read both.
 */
export class Postings {
  /** Base: `offsets.length - 1` terms. */
  offsets: Uint32Array = new Uint32Array(1);
  data: Uint32Array = new Uint32Array(0);
  /** Delta, by term id. */
  delta: Array<number[] | undefined> = [];
  deltaCount = 0;

  get baseTerms(): number {
    return this.offsets.length - 1;
  }

  get size(): number {
    return this.data.length + this.deltaCount;
  }

  /** Record that passage `pid` holds term `t` (pids arrive in ascending order; repeats are ignored). */
  add(t: number, pid: number): void {
    let list = this.delta[t];
    if (!list) this.delta[t] = list = [];
    else if (list[list.length - 1] === pid) return;
    list.push(pid);
    this.deltaCount++;
  }

  /** Passages holding term `t`, removed ones included until the next seal. */
  df(t: number): number {
    let n = this.delta[t]?.length ?? 0;
    if (t < this.offsets.length - 1) n += this.offsets[t + 1] - this.offsets[t];
    return n;
  }

  /**
   * Merge the delta into the base, leaving out passages for which `dead` is true. With `oldOf`, terms
   * are renumbered: new term `t` is the term that was `oldOf[t]`.
   */
  seal(terms: number, dead: (pid: number) => boolean, oldOf?: Uint32Array): void {
    const base = this.offsets.length - 1;
    const offsets = new Uint32Array(terms + 1);
    let total = 0;
    for (let t = 0; t < terms; t++) {
      const o = oldOf ? oldOf[t] : t;
      offsets[t] = total;
      if (o < base) for (let i = this.offsets[o], e = this.offsets[o + 1]; i < e; i++) if (!dead(this.data[i])) total++;
      const list = this.delta[o];
      if (list) for (const pid of list) if (!dead(pid)) total++;
    }
    offsets[terms] = total;
    const data = new Uint32Array(total);
    let at = 0;
    for (let t = 0; t < terms; t++) {
      const o = oldOf ? oldOf[t] : t;
      if (o < base) {
        for (let i = this.offsets[o], e = this.offsets[o + 1]; i < e; i++) {
          const pid = this.data[i];
          if (!dead(pid)) data[at++] = pid;
        }
      }
      const list = this.delta[o];
      if (list) for (const pid of list) if (!dead(pid)) data[at++] = pid;
    }
    this.offsets = offsets;
    this.data = data;
    this.delta = [];
    this.deltaCount = 0;
  }

  /** A sealed base read back (from the on-disk cache); checked, since a cache is never trusted. */
  static fromBase(offsets: Uint32Array, data: Uint32Array, passages: number): Postings {
    if (offsets.length < 1 || offsets[0] !== 0 || offsets[offsets.length - 1] !== data.length) throw new Error('postings offsets do not match the data');
    for (let t = 0; t + 1 < offsets.length; t++) {
      if (offsets[t + 1] < offsets[t]) throw new Error('postings offsets are not ascending');
      let prev = -1;
      for (let i = offsets[t], e = offsets[t + 1]; i < e; i++) {
        const pid = data[i];
        if (pid <= prev || pid >= passages) throw new Error('postings are out of order or out of range');
        prev = pid;
      }
    }
    const p = new Postings();
    p.offsets = offsets;
    p.data = data;
    return p;
  }
}
