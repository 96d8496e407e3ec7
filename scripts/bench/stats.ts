/** Latency and throughput figures of one measured run. */
export interface LoadFigures {
  /** Successful operations (2xx for HTTP, committed transactions for raw SQL). */
  ok: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** The first few error answers, to say why a run failed. */
  errorSamples: string[];
  /** CPU milliseconds the product's API process spent per successful operation (HTTP runs only). */
  apiCpuMsPerOp?: number;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function loadFigures(latenciesMs: number[], errors: number, seconds: number, errorSamples: string[] = []): LoadFigures {
  const sorted = Float64Array.from(latenciesMs).sort();
  const values = Array.from(sorted);
  return {
    ok: values.length,
    errors,
    seconds,
    perSecond: seconds > 0 ? values.length / seconds : 0,
    p50Ms: percentile(values, 50),
    p99Ms: percentile(values, 99),
    maxMs: values.length ? values[values.length - 1] : Number.NaN,
    errorSamples,
  };
}

/** Milliseconds since a process.hrtime.bigint() reading. */
export function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}
