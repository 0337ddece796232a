/** Edit-distance similarity of two short strings, computed in a band so that poor matches cost little. */

/** 1 − distance / longer length, or 0 when it is below `min`. */
export function similarity(a: string, b: string, min: number): number {
  if (a === b) return 1;
  const longer = Math.max(a.length, b.length);
  if (longer === 0) return 1;
  const maxDist = Math.floor((1 - min) * longer);
  if (Math.abs(a.length - b.length) > maxDist) return 0;
  const big = maxDist + 1;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j <= maxDist ? j : big;
  for (let i = 1; i <= a.length; i++) {
    const lo = Math.max(1, i - maxDist);
    const hi = Math.min(b.length, i + maxDist);
    cur.fill(big);
    cur[0] = i <= maxDist ? i : big;
    let rowMin = cur[0];
    for (let j = lo; j <= hi; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min(prev[j - 1] + cost, prev[j] + 1, cur[j - 1] + 1);
      cur[j] = v > big ? big : v;
      if (cur[j] < rowMin) rowMin = cur[j];
    }
    if (rowMin > maxDist) return 0;
    [prev, cur] = [cur, prev];
  }
  const d = prev[b.length];
  if (d > maxDist) return 0;
  const s = 1 - d / longer;
  return s >= min ? s : 0;
}
