import { DDSketch } from '@datadog/sketches-js';

/** Relative accuracy of a quantile read from the bins: within 1 % of a value of the data. */
export const RELATIVE_ACCURACY = 0.01;

const mapping = new DDSketch({ relativeAccuracy: RELATIVE_ACCURACY }).mapping;

/** The bin key of a duration in whole seconds ('z' holds the zeros), DDSketch's logarithmic mapping. */
export const binOf = (seconds: number): string => (seconds <= 0 ? 'z' : String(mapping.key(seconds)));

/**
 * A quantile of durations kept as bins (key -> count) summed over buckets, read as DDSketch's
 * `getValueAtQuantile` reads its store (rank q x (n - 1), zeros first, then the bins in order),
 * without building a sketch: a table reads thousands of them. The bins are DDSketch's; they live
 * in the buckets as plain counters because a ticket's duration must be taken back when it is
 * reopened or reclassified, and a sketch only ever adds.
 */
export function quantileOf(bins: Record<string, number>, quantile: number): number | null {
  let count = 0;
  const keyed: Array<[number, number]> = [];
  for (const key in bins) {
    const amount = bins[key];
    if (amount <= 0) continue;
    count += amount;
    if (key !== 'z') keyed.push([Number(key), amount]);
  }
  if (count === 0) return null;
  const rank = quantile * (count - 1);
  let running = count - keyed.reduce((total, [, amount]) => total + amount, 0);
  if (rank < running) return 0;
  keyed.sort((a, b) => a[0] - b[0]);
  for (const [key, amount] of keyed) {
    running += amount;
    if (running > rank) return Math.round(mapping.value(key));
  }
  return Math.round(mapping.value(keyed[keyed.length - 1][0]));
}
