import type { BucketCounters } from './contributions';
import { addToRows, packedRowOf, rowOf, type PackedRows } from './table-rows';

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

/** A table document with some buckets' changes added (`current` null: a table not written yet), `current` unchanged. */
export function withChanges(
  id: string,
  current: TableDoc | null,
  changes: ReadonlyArray<[string, ReadonlyMap<string, number>]>,
): TableDoc {
  const rows: PackedRows = new Map((current?.rows ?? []).map((row) => [`${row.e}|${row.v}`, packedRowOf(row)]));
  addToRows(rows, changes);
  return tableOf(id, [...rows.values()].map(rowOf));
}

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
