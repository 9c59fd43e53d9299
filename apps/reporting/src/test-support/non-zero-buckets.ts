/**
 * Buckets without the counters a fold brought back to zero (a ticket reclassified leaves zeros
 * where it was): what two folds of one history must agree on, whatever their batches.
 */
export function nonZeroBuckets(buckets: Iterable<[string, Record<string, unknown>]>): Map<string, object> {
  const kept = new Map<string, object>();
  for (const [key, doc] of buckets) {
    const counters = Object.entries(doc).flatMap(([field, value]): Array<[string, unknown]> => {
      if (typeof value === 'number') return value === 0 ? [] : [[field, value]];
      if (typeof value !== 'object' || value === null) return [];
      const bins = Object.entries(value as Record<string, number>).filter(([, count]) => count !== 0);
      return bins.length === 0 ? [] : [[field, Object.fromEntries(bins)]];
    });
    if (counters.length > 0) kept.set(key, Object.fromEntries(counters));
  }
  return new Map([...kept].sort(([a], [b]) => a.localeCompare(b)));
}
