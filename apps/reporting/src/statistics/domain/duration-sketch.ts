import { DDSketch } from '@datadog/sketches-js';

/** Relative accuracy of a quantile read from the bins: within 1 % of a value of the data. */
export const RELATIVE_ACCURACY = 0.01;

const mapping = new DDSketch({ relativeAccuracy: RELATIVE_ACCURACY }).mapping;

/** The bin key of a duration in whole seconds ('z' holds the zeros), DDSketch's logarithmic mapping. */
export const binOf = (seconds: number): string => (seconds <= 0 ? 'z' : String(mapping.key(seconds)));

/**
 * A quantile of durations kept as bins (key -> count) summed over buckets. The bins are DDSketch's;
 * they live in the buckets as plain counters because a ticket's duration must be taken back when it
 * is reopened or reclassified, and a sketch (this one included) only ever adds.
 */
export function quantileOf(bins: Record<string, number>, quantile: number): number | null {
  const sketch = new DDSketch({ relativeAccuracy: RELATIVE_ACCURACY });
  for (const [key, count] of Object.entries(bins)) {
    if (count <= 0) continue;
    sketch.accept(key === 'z' ? 0 : mapping.value(Number(key)), count);
  }
  return sketch.count === 0 ? null : Math.round(sketch.getValueAtQuantile(quantile));
}
