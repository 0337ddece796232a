// Latency percentiles and recall for the benchmark's query runs.
import { QUERY_KINDS } from './queries';

export interface QueryRun {
  kind: string;
  ms: number;
  /** CPU time of the query (user + system), when measured in the same process. */
  cpuMs?: number;
  /** Position of the target in the results (0 = first), undefined when it is not in the top 5. */
  rank: number | undefined;
}

export interface KindStats {
  n: number;
  p50: number;
  p95: number;
  mean: number;
  /** CPU-time percentiles: less sensitive than wall time to other processes on a busy machine. */
  cpuP50?: number;
  cpuP95?: number;
  /** Share of queries whose target is the first result, and among the first five. */
  r1: number;
  r5: number;
}

/** The value below which `q` of the sorted values lie (nearest rank). */
export function percentile(sorted: readonly number[], q: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export function stats(runs: readonly QueryRun[]): KindStats {
  const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
  const n = runs.length;
  const cpu = runs.flatMap((r) => (r.cpuMs === undefined ? [] : [r.cpuMs])).sort((a, b) => a - b);
  return {
    n,
    p50: percentile(ms, 0.5),
    p95: percentile(ms, 0.95),
    ...(cpu.length ? { cpuP50: percentile(cpu, 0.5), cpuP95: percentile(cpu, 0.95) } : {}),
    mean: n ? ms.reduce((s, x) => s + x, 0) / n : NaN,
    r1: n ? runs.filter((r) => r.rank === 0).length / n : NaN,
    r5: n ? runs.filter((r) => r.rank !== undefined && r.rank < 5).length / n : NaN,
  };
}

/** Per query kind, and `all`. */
export function summarize(runs: readonly QueryRun[]): Record<string, KindStats> {
  const out: Record<string, KindStats> = { all: stats(runs) };
  for (const kind of QUERY_KINDS) out[kind] = stats(runs.filter((r) => r.kind === kind));
  return out;
}
