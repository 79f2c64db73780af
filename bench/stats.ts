/** Latency and throughput of one measured run: the same summary for HTTP runs and for baselines. */
export interface Summary {
  ops: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Figures as the benchmarks print them: to tenths and to hundredths. */
export const r1 = (n: number): number => Math.round(n * 10) / 10;
export const r2 = (n: number): number => Math.round(n * 100) / 100;

/** Nearest-rank percentile of an ascending array. */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function summarize(latenciesMs: number[], seconds: number, errors: number): Summary {
  const sorted = Float64Array.from(latenciesMs).sort();
  const arr = Array.from(sorted);
  return {
    ops: arr.length,
    errors,
    seconds: r2(seconds),
    perSecond: r2(arr.length / seconds),
    p50: r2(percentile(arr, 50)),
    p95: r2(percentile(arr, 95)),
    p99: r2(percentile(arr, 99)),
    max: r2(arr[arr.length - 1] ?? NaN),
  };
}

/**
 * Runs `total` operations with `concurrency` workers in this process and times each one:
 * the baseline's equivalent of N HTTP connections each sending one request after the other.
 */
export async function runWorkers(total: number, concurrency: number, op: (i: number) => unknown): Promise<Summary> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  let firstError: unknown;
  const start = performance.now();
  const worker = async () => {
    while (next < total) {
      const i = next++;
      const t0 = performance.now();
      try {
        await op(i);
        latencies.push(performance.now() - t0);
      } catch (err) {
        errors++;
        firstError ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  if (firstError) console.error("baseline error:", firstError);
  return summarize(latencies, (performance.now() - start) / 1000, errors);
}
