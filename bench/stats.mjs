// Percentiles and rates for the benchmarks.
export function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]);
}

export const round = (value, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Runs `operation(i)` `total` times with `concurrency` workers; returns operations per second. */
export async function throughput(total, concurrency, operation) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (next < total) await operation(next++, worker);
    }),
  );
  return round(total / ((performance.now() - started) / 1000), 1);
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** p50, p99 and max of a sample, with its size (null figures when empty). */
export function distribution(values) {
  return {
    p50: percentile(values, 50),
    p99: percentile(values, 99),
    max: values.length ? round(values.reduce((a, b) => Math.max(a, b))) : null,
    count: values.length,
  };
}
