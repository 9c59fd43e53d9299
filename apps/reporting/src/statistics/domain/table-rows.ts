import { BINS, SUMMED } from './statistic-rows';
import type { BucketRow } from './statistic-tables';

type Bins = Record<string, number>;

/**
 * A bucket's row as the store sums and stores it: entity, value, then its counters in the order of
 * SUMMED and its bins in the order of BINS (0: none). Half the JSON of named fields, and a flush
 * adds to it by index rather than by name.
 */
export type PackedRow = [string, string, ...Array<number | Bins>];
/** A table's rows by `<entity>|<value>`. */
export type PackedRows = Map<string, PackedRow>;

const LENGTH = 2 + SUMMED.length + BINS.length;
const INDEX = new Map([...SUMMED, ...BINS].map((name, index) => [name, 2 + index]));

const emptyRow = (e: string, v: string): PackedRow => {
  const row: PackedRow = [e, v];
  for (let index = 2; index < LENGTH; index++) row.push(0);
  return row;
};

const isZero = (row: PackedRow) =>
  row.every((field, index) => index < 2 || field === 0 || (typeof field === 'object' && isEmpty(field)));

const isEmpty = (bins: Bins) => Object.values(bins).every((count) => count === 0);

/** A row as stored read back: short ones (trailing zeros left out) filled. */
export function filledRow(row: unknown[]): PackedRow {
  const filled = [...row] as PackedRow;
  while (filled.length < LENGTH) filled.push(0);
  return filled;
}

/**
 * Adds some buckets' changes (bucket key, counters) to a table's rows, in place. Bins are named
 * `<name>_h.<bin>`; a bucket brought back to zero everywhere (its tickets reclassified) is dropped.
 */
export function addToRows(rows: PackedRows, changes: ReadonlyArray<[string, ReadonlyMap<string, number>]>): void {
  const touched: string[] = [];
  for (const [key, counters] of changes) {
    // `<period>|<start>|<entity>|<dimension>|<value>`, the value may hold `|`
    const entityAt = key.indexOf('|', key.indexOf('|') + 1) + 1;
    const dimensionAt = key.indexOf('|', entityAt) + 1;
    const valueAt = key.indexOf('|', dimensionAt) + 1;
    const rowKey = `${key.slice(entityAt, dimensionAt - 1)}|${key.slice(valueAt)}`;
    let row = rows.get(rowKey);
    if (!row) rows.set(rowKey, (row = emptyRow(key.slice(entityAt, dimensionAt - 1), key.slice(valueAt))));
    touched.push(rowKey);
    // forEach: no entry allocated per counter (a replay adds millions)
    counters.forEach((amount, field) => addTo(row!, field, amount));
  }
  for (const rowKey of touched) if (rows.has(rowKey) && isZero(rows.get(rowKey)!)) rows.delete(rowKey);
}

/** Where a counter goes in a row, and its bin (`<name>_h.<bin>`), parsed once per name. */
const places = new Map<string, { index: number; bin: string | null }>();

function placeOf(field: string): { index: number; bin: string | null } {
  let place = places.get(field);
  if (place) return place;
  const dot = field.indexOf('.');
  const index = INDEX.get(dot < 0 ? field : field.slice(0, dot));
  // a counter this layout does not know would be lost: refuse it (a new one needs a new layout)
  if (index === undefined) throw new Error(`a counter the table rows do not hold: ${field}`);
  places.set(field, (place = { index, bin: dot < 0 ? null : field.slice(dot + 1) }));
  return place;
}

function addTo(row: PackedRow, field: string, amount: number): void {
  const { index, bin } = placeOf(field);
  if (bin === null) {
    row[index] = (row[index] as number) + amount;
    return;
  }
  if (row[index] === 0) row[index] = {};
  const bins = row[index] as Bins;
  bins[bin] = (bins[bin] ?? 0) + amount;
  if (bins[bin] === 0) delete bins[bin];
}

/** A row of named counters (what queries sum), zeros left out. */
export function rowOf(packed: readonly unknown[]): BucketRow {
  const row: BucketRow = { e: packed[0] as string, v: packed[1] as string };
  for (let index = 2; index < Math.min(packed.length, LENGTH); index++) {
    const field = packed[index] as number | Bins;
    if (field !== 0) row[index < 2 + SUMMED.length ? SUMMED[index - 2] : BINS[index - 2 - SUMMED.length]] = field;
  }
  return row;
}

/** A row of named counters packed. */
export function packedRowOf(row: BucketRow): PackedRow {
  const packed = emptyRow(row.e, row.v);
  for (const [name, field] of Object.entries(row)) {
    if (name === 'e' || name === 'v') continue;
    const index = INDEX.get(name);
    if (index === undefined) throw new Error(`a counter the table rows do not hold: ${name}`);
    packed[index] = typeof field === 'object' ? { ...field } : (field as number);
  }
  return packed;
}
