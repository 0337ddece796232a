/**
 * Pieces of ranking that need no index: how a query's words stand in a passage, whether two passages
 * are the same text reported twice, and edit distance with transpositions.
 */
import type { PassageKind } from './types';

/** Where a passage stands, and its kind. */
export interface PassageSpan {
  doc: unknown;
  start: number;
  end: number;
  kind: PassageKind;
}

/** Words apart that still count as "next to each other" (dropped words between them). */
const NEAR = 3;

/** Whether two passages are the same text reported twice: a quotation repeated, or ≥ 90% of the words shared. */
export function samePassage<T>(a: PassageSpan, aTerms: Set<T>, b: PassageSpan, bTerms: Set<T>): boolean {
  if (a.doc === b.doc && a.start < b.end && b.start < a.end) return false;
  const small = aTerms.size <= bTerms.size ? aTerms : bTerms;
  const large = small === aTerms ? bTerms : aTerms;
  if (small.size === 0) return false;
  let shared = 0;
  for (const t of small) if (large.has(t)) shared++;
  if (a.kind === 'quote' && b.kind === 'quote' && shared === small.size && small.size === large.size) return true;
  return small.size >= 4 && shared / small.size >= 0.9 && small.size / large.size >= 0.8;
}

/**
 * How the query's words stand in the passage, over adjacent query-word pairs: `order`, the share near
 * each other (1 in query order, ½ reversed); `span`, the share right next to each other in query order;
 * `present`, how many of the query's words the passage holds.
 */
export function arrangement<T>(terms: ArrayLike<T>, groupsOf: Map<T, number[]>, groups: number): { order: number; span: number; present: number } {
  const positions: number[][] = Array.from({ length: groups }, () => []);
  for (let i = 0; i < terms.length; i++) {
    const gs = groupsOf.get(terms[i]);
    if (gs) for (const g of gs) positions[g].push(i);
  }
  let present = 0;
  for (const p of positions) if (p.length > 0) present++;
  if (groups < 2) return { order: 0, span: 0, present };
  let order = 0;
  let span = 0;
  for (let g = 0; g + 1 < groups; g++) {
    let best = 0;
    let next = 0;
    for (const a of positions[g]) {
      for (const b of positions[g + 1]) {
        if (b > a && b - a <= NEAR) {
          best = 1;
          if (b - a === 1) next = 1;
        } else if (a > b && a - b <= NEAR && best < 0.5) best = 0.5;
      }
      if (next === 1) break;
    }
    order += best;
    span += next;
  }
  return { order: order / (groups - 1), span: span / (groups - 1), present };
}

/**
 * Edit distance with adjacent transpositions counted as one edit ("sanctoins" is one typo from
 * "sanctions"), or `max + 1` as soon as it must exceed `max`.
 */
export function boundedDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  // A common prefix or suffix costs nothing (a transposition across its edge would swap equal letters).
  let from = 0;
  while (from < a.length && from < b.length && a.charCodeAt(from) === b.charCodeAt(from)) from++;
  let endA = a.length;
  let endB = b.length;
  while (endA > from && endB > from && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  const m = endA - from;
  const n = endB - from;
  if (m === 0 || n === 0) return Math.max(m, n);
  if (rows[0].length < n + 1) for (let r = 0; r < 3; r++) rows[r] = new Int32Array(2 * (n + 1));
  let [prev2, prev, cur] = rows;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(from + i - 1);
    const aPrev = i > 1 ? a.charCodeAt(from + i - 2) : -1;
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(from + j - 1);
      let d = prev[j - 1] + (ai === bj ? 0 : 1);
      if (prev[j] + 1 < d) d = prev[j] + 1;
      if (cur[j - 1] + 1 < d) d = cur[j - 1] + 1;
      if (j > 1 && ai === b.charCodeAt(from + j - 2) && aPrev === bj && prev2[j - 2] + 1 < d) d = prev2[j - 2] + 1;
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return Math.min(prev[n], max + 1);
}

/** Rows of the distance table, reused across calls. */
const rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];
