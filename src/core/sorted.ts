/** The first index in `sorted[from, to)` (ascending) whose value is not below `value`; `to` when there is none. */
export function lowerBound<T extends string | number>(sorted: ArrayLike<T>, value: T, from = 0, to = sorted.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether the ascending `sorted[from, to)` holds `value`. */
export function holds<T extends string | number>(sorted: ArrayLike<T>, value: T, from = 0, to = sorted.length): boolean {
  const at = lowerBound(sorted, value, from, to);
  return at < to && sorted[at] === value;
}
