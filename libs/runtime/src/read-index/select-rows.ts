/** below this many wanted rows, keep only the best ones while scanning; beyond, sort the matches */
const SELECTION_LIMIT = 1000;

/** One page of rows in list order, and how many match in all. */
export interface RowSelection<Row> {
  rows: Row[];
  total: number;
}

/**
 * What a find with a sort, a skip and a limit, and a count, answer, from rows in memory: one pass
 * over the sources, keeping only the best `skip + limit` rows (a page costs one pass, not a sort).
 * `compare` must order every row apart (break ties on the key, as `_id` does in MongoDB).
 */
export function selectRows<Row>(
  sources: Iterable<Iterable<Row>>,
  matches: (row: Row) => boolean,
  compare: (a: Row, b: Row) => number,
  skip: number,
  limit: number,
): RowSelection<Row> {
  const wanted = skip + limit;
  let total = 0;
  let best: Row[] = [];
  for (const rows of sources) {
    for (const row of rows) {
      if (!matches(row)) continue;
      total++;
      if (wanted > SELECTION_LIMIT) best.push(row);
      // else best stays sorted and never longer than wanted
      else if (best.length < wanted || compare(row, best[wanted - 1]) < 0) {
        best.splice(insertionPoint(best, row, compare), 0, row);
        if (best.length > wanted) best.pop();
      }
    }
  }
  if (wanted > SELECTION_LIMIT) best = skip >= total ? [] : best.sort(compare);
  return { rows: best.slice(skip, wanted), total };
}

function insertionPoint<Row>(sorted: Row[], row: Row, compare: (a: Row, b: Row) => number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compare(sorted[middle], row) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}
