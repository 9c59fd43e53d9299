import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { Binary, type Collection } from 'mongodb';
import { BINS, SUMMED } from '../domain/statistic-rows';
import { tableOf, type BucketRow, type TableDoc } from '../domain/statistic-tables';

/**
 * How the statistics' documents are stored: their bulk as one compressed JSON value (`z`), beside
 * the few fields read by id or projection. FerretDB 1.24 turns every field of a document into
 * PostgreSQL jsonb and a schema of its types: a table of a month holds thousands of counters, and
 * writing them field by field was most of a replay (docs/reporting.md, Benchmark). One binary
 * field costs it next to nothing, and deflate shrinks the JSON, its repeated names above all, 5 to
 * 10 times. Nothing queries inside these documents (FerretDB could only scan for it).
 */
export const pack = (value: unknown): Binary => new Binary(deflateRawSync(JSON.stringify(value), { level: 1 }));

export const unpack = <T>(packed: Binary): T => JSON.parse(inflateRawSync(packed.buffer).toString()) as T;

const ROW_FIELDS = SUMMED.length + BINS.length;

/**
 * A row as stored: entity, value, then its counters in the order of SUMMED and its bins in the
 * order of BINS, 0 for none, trailing ones left out: half the JSON of named fields, written and
 * read faster.
 */
function packedRow(row: BucketRow): unknown[] {
  const packed: unknown[] = [row.e, row.v];
  let fields = 0;
  for (const name of SUMMED) {
    const amount = row[name];
    packed.push(amount ?? 0);
    if (amount !== undefined) fields++;
  }
  for (const name of BINS) {
    const bins = row[name];
    packed.push(bins ?? 0);
    if (bins !== undefined) fields++;
  }
  // a counter this layout does not know would be lost: refuse it (a new one needs a new layout)
  if (fields + 2 !== Object.keys(row).length) throw new Error(`a row with unknown counters: ${Object.keys(row)}`);
  while (packed.length > 2 && packed[packed.length - 1] === 0) packed.pop();
  return packed;
}

function rowOfPacked([e, v, ...fields]: unknown[]): BucketRow {
  const row: BucketRow = { e: e as string, v: v as string };
  for (let index = 0; index < Math.min(fields.length, ROW_FIELDS); index++) {
    const field = fields[index];
    if (field === 0) continue;
    const name = index < SUMMED.length ? SUMMED[index] : BINS[index - SUMMED.length];
    row[name] = field as number | Record<string, number>;
  }
  return row;
}

/** The tables of one document as stored (see documentIdOf): `[table id, rows]` packed. */
export interface StoredTables {
  _id: string;
  p: string;
  s: string;
  z: Binary;
}

export const storedTables = (id: string, tables: Iterable<TableDoc>): StoredTables => {
  const [p, s] = id.split('|');
  return { _id: id, p, s, z: pack([...tables].map((table) => [table._id, table.rows.map(packedRow)])) };
};

export const tablesOfStored = ({ z }: StoredTables): TableDoc[] =>
  unpack<Array<[string, unknown[][]]>>(z).map(([id, rows]) => tableOf(id, rows.map(rowOfPacked)));

/** Every table of a version, read back (tests compare them). */
export const allTables = async (tables: Collection<StoredTables>): Promise<TableDoc[]> =>
  (await tables.find().toArray()).flatMap(tablesOfStored);
