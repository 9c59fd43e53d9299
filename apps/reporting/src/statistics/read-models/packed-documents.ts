import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { Binary, type Collection } from 'mongodb';
import { tableOf, type TableDoc } from '../domain/statistic-tables';
import { filledRow, rowOf, type PackedRows } from '../domain/table-rows';

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

/** The tables of one document as stored (see documentIdOf): `[table id, rows]` packed. */
export interface StoredTables {
  _id: string;
  p: string;
  s: string;
  z: Binary;
}

/** A document's tables, each table's rows packed (see PackedRow). */
export type PackedTables = Map<string, PackedRows>;

export const storedTables = (id: string, tables: PackedTables): StoredTables => {
  const [p, s] = id.split('|');
  return { _id: id, p, s, z: pack([...tables].map(([tableId, rows]) => [tableId, [...rows.values()]])) };
};

const unpackTables = ({ z }: StoredTables) => unpack<Array<[string, unknown[][]]>>(z);

/** A document's tables as the store adds to them. */
export const packedTablesOfStored = (doc: StoredTables): PackedTables =>
  new Map(
    unpackTables(doc).map(([id, rows]) => [id, new Map(rows.map((row) => [`${row[0]}|${row[1]}`, filledRow(row)]))]),
  );

/** A document's tables as queries read them. */
export const tablesOfStored = (doc: StoredTables): TableDoc[] =>
  unpackTables(doc).map(([id, rows]) => tableOf(id, rows.map(rowOf)));

/** Every table of a version, read back (tests compare them). */
export const allTables = async (tables: Collection<StoredTables>): Promise<TableDoc[]> =>
  (await tables.find().toArray()).flatMap(tablesOfStored);
