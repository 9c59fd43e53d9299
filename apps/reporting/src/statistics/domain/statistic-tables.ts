import type { BucketCounters } from './contributions';

/** One bucket inside a table document: an entity, a value on the dimension, and its counters. */
export interface BucketRow {
  e: string;
  v: string;
  /** counters: opened, solved..., durations as `<name>_n`, `<name>_s` and bins `<name>_h` */
  [counter: string]: string | number | Record<string, number>;
}

/**
 * A table document: every bucket of one (period, first day, dimension), so that a table of a year
 * of months is a dozen reads by id (FerretDB 1.24 serves an `_id` equality from its index, and
 * scans the whole collection for anything else, `$in` included). High-cardinality dimensions are
 * split into parts by value, to keep each document far below 16 MB.
 */
export interface TableDoc {
  _id: string;
  p: string;
  s: string;
  d: string;
  rows: BucketRow[];
}

/**
 * Parts a month's tables of a dimension are split into (a service desk has thousands of
 * requesters); a week's a quarter as many, a day's one (few values a day: more documents would
 * cost more writes than they save).
 */
const MONTH_PARTS: Readonly<Record<string, number>> = { requester: 16, location: 4 };

export const partsOf = (period: string, dimension: string): number => {
  const month = MONTH_PARTS[dimension] ?? 1;
  return period === 'month' ? month : period === 'week' ? Math.ceil(month / 4) : 1;
};

/** FNV-1a: a stable, cheap spread of values over parts. */
function partOf(period: string, dimension: string, value: string): number {
  const parts = partsOf(period, dimension);
  if (parts === 1) return 0;
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) hash = Math.imul(hash ^ value.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % parts;
}

export const tableId = (period: string, start: string, dimension: string, part: number) =>
  `${period}|${start}|${dimension}|${part}`;

/**
 * The document a table is stored in: a day's or a week's tables of every dimension together, a
 * month's each apart. A replay writes a period's tables at once, and a document costs FerretDB
 * far more than its bytes: a year is then 418 documents of days and weeks rather than 5,000. A
 * month of requesters of a large service desk is large, so months keep a document a table (part).
 */
export const documentIdOf = (tableId: string): string => {
  const [p, s] = tableId.split('|', 2);
  return p === 'month' ? tableId : `${p}|${s}`;
};

/** A table with nothing stored yet, or a stored one read back: its period, start and dimension from its id. */
export const tableOf = (id: string, rows: BucketRow[]): TableDoc => {
  const [p, s, d] = id.split('|');
  return { _id: id, p, s, d, rows };
};

/** The ids of every part of one period's table on a dimension. */
export const tableIdsOf = (period: string, start: string, dimension: string): string[] =>
  Array.from({ length: partsOf(period, dimension) }, (_, part) => tableId(period, start, dimension, part));

/** A bucket key `<period>|<start>|<entity>|<dimension>|<value>` read back (the value may hold `|`). */
export function parseBucketKey(key: string) {
  const [p, s, e, d, ...value] = key.split('|');
  return { p, s, e, d, v: value.join('|') };
}

/** The tables a change of buckets touches, by table id. */
export function tablesTouched(delta: BucketCounters): Map<string, Array<[string, Map<string, number>]>> {
  const touched = new Map<string, Array<[string, Map<string, number>]>>();
  for (const [key, counters] of delta) {
    const { p, s, d, v } = parseBucketKey(key);
    const id = tableId(p, s, d, partOf(p, d, v));
    let changes = touched.get(id);
    if (!changes) touched.set(id, (changes = []));
    changes.push([key, counters]);
  }
  return touched;
}

const isZero = (row: BucketRow) =>
  Object.entries(row).every(
    ([field, value]) =>
      field === 'e' ||
      field === 'v' ||
      value === 0 ||
      (typeof value === 'object' && Object.values(value).every((count) => count === 0)),
  );

/**
 * Adds some buckets' changes to a table, in place (the store's own copy, written at once).
 * Bins are nested (`tto_h.<bin>` adds to `tto_h[bin]`); a bucket brought back to zero everywhere
 * (its tickets reclassified) is dropped.
 */
export function addChanges(table: TableDoc, changes: ReadonlyArray<[string, ReadonlyMap<string, number>]>): TableDoc {
  const rows = new Map(table.rows.map((row) => [`${row.e}|${row.v}`, row]));
  const touched = new Set<BucketRow>();
  for (const [key, counters] of changes) {
    const { e, v } = parseBucketKey(key);
    const rowKey = `${e}|${v}`;
    let row = rows.get(rowKey);
    if (!row) {
      rows.set(rowKey, (row = { e, v }));
      table.rows.push(row);
    }
    touched.add(row);
    for (const [field, amount] of counters) {
      const dot = field.indexOf('.');
      if (dot < 0) row[field] = ((row[field] as number | undefined) ?? 0) + amount;
      else {
        const name = field.slice(0, dot);
        const bins = (row[name] as Record<string, number> | undefined) ?? {};
        const bin = field.slice(dot + 1);
        bins[bin] = (bins[bin] ?? 0) + amount;
        if (bins[bin] === 0) delete bins[bin];
        row[name] = bins;
      }
    }
  }
  const zero = new Set([...touched].filter(isZero));
  if (zero.size > 0) table.rows = table.rows.filter((row) => !zero.has(row));
  return table;
}

/** A table document with some buckets' changes added (`current` null: a table not written yet), `current` unchanged. */
export const withChanges = (
  id: string,
  current: TableDoc | null,
  changes: ReadonlyArray<[string, ReadonlyMap<string, number>]>,
): TableDoc => addChanges(current ? structuredClone(current) : tableOf(id, []), changes);

/** The buckets of some table documents, by bucket key, as the tests and the pure fold compare them. */
export function bucketsOfTables(tables: readonly TableDoc[]): Map<string, Record<string, unknown>> {
  const buckets = new Map<string, Record<string, unknown>>();
  for (const table of tables) {
    for (const { e, v, ...counters } of table.rows) {
      buckets.set(`${table.p}|${table.s}|${e}|${table.d}|${v}`, {
        p: table.p,
        s: table.s,
        e,
        d: table.d,
        v,
        ...counters,
      });
    }
  }
  return buckets;
}
