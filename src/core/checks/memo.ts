/** A bounded cache keyed by text: results of pure functions over pieces of a briefing that rarely change between checks. */
export class Memo<V> {
  private map = new Map<string, V>();

  constructor(private readonly max = 5000) {}

  get(key: string, compute: () => V): V {
    const hit = this.map.get(key);
    if (hit !== undefined) return hit;
    const value = compute();
    if (this.map.size >= this.max) this.map = new Map();
    this.map.set(key, value);
    return value;
  }
}
