import type { AnyBulkWriteOperation, Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import { contributionsOf, type BucketCounters } from '../domain/contributions';
import type { PeriodCalendar } from '../domain/periods';
import { tablesTouched, withChanges, type TableDoc } from '../domain/statistic-tables';
import { ReferenceData, referencesOf, type ReferenceDoc } from '../domain/reference-data';
import type { TicketRecord } from '../domain/ticket-record';

type RecordDoc = TicketRecord & { _id: string };

/** Where one version of the statistics is: filling from the topics' beginning, then live. */
export interface VersionDoc {
  _id: string;
  status: 'replaying' | 'live';
  startedAt: string;
  liveAt: string | null;
  /** a flush under way: its records and tables may be half-written (see recoverInterruptedFlush) */
  flushing: boolean;
  /** the first month holding a bucket: where a table's backlog starts counting */
  firstMonth?: string;
  /** raised by every flush that changed tables: what replicas' caches of the tables check */
  generation?: number;
}

/**
 * The tables one flush changed, in a ring of CHANGE_SLOTS documents (`_id` = generation modulo
 * the slots): a replica caching tables reads the slots of the generations it missed, by id, and
 * forgets those tables (`all`: every table, after a rebuild); further behind, it forgets them all.
 */
export interface TableChangesDoc {
  _id: number;
  generation: number;
  tables: string[];
  all: boolean;
}

export const CHANGE_SLOTS = 256;

export const tableChangesOf = (connection: Connection, version: string): Collection<TableChangesDoc> =>
  connection.collection<TableChangesDoc>(`reporting_v${version}_table_changes`);

/** What a flush writes: the records that changed (`isNew`: never written) and the tables' change. */
export interface FlushedChanges {
  records: Array<{ record: TicketRecord; isNew: boolean }>;
  delta: BucketCounters;
  /** calendars and assets changed (see ReferenceData) */
  references: ReferenceDoc[];
}

const INSERTS = 1000;
/**
 * FerretDB 1.24 holds one PostgreSQL connection per statement of an update command until the
 * command ends (120 in its pool): a bulk of a thousand replacements wedges it. Small commands,
 * one at a time.
 */
const REPLACEMENTS = 25;
/** reads by id at once: FerretDB serves an `_id` equality from its index, an `$in` by a scan */
const READS = 8;

/** Runs `task` over `items`, `width` at a time; results in order. */
export async function mapLimited<T, R>(items: readonly T[], width: number, task: (item: T) => Promise<R>) {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return results;
}

/**
 * One version's read models: a record per ticket and the table documents. A flush writes the
 * records, then the tables changed; a flush cut in the middle is found at the next start
 * (`flushing`), and the tables are then summed again from the records, which alone are the truth.
 * This process is the only writer: it knows which records and tables exist, and keeps the tables
 * it last wrote.
 */
export class StatisticsStore {
  readonly records: Collection<RecordDoc>;
  readonly tables: Collection<TableDoc>;
  readonly versions: Collection<VersionDoc>;
  readonly referenceDocs: Collection<ReferenceDoc>;
  /** the calendars and assets read so far, and which tickets read each */
  readonly references = new ReferenceData();
  /** ids of the tickets with a record, and of the tables written: what is not there needs no read */
  private readonly known = new Set<string>();
  private readonly knownTables = new Set<string>();
  private readonly cachedTables = new Map<string, TableDoc>();
  private firstMonth?: string;
  private generation = 0;
  readonly tableChanges: Collection<TableChangesDoc>;

  constructor(
    connection: Connection,
    readonly version: string,
    private readonly tablesKept = 5000,
  ) {
    this.records = connection.collection<RecordDoc>(`reporting_v${version}_tickets`);
    this.tables = tablesOf(connection, version);
    this.versions = connection.collection<VersionDoc>('reporting_versions');
    this.referenceDocs = connection.collection<ReferenceDoc>(`reporting_v${version}_references`);
    this.tableChanges = tableChangesOf(connection, version);
  }

  async prepare(): Promise<VersionDoc> {
    const fresh: VersionDoc = {
      _id: this.version,
      status: 'replaying',
      startedAt: new Date().toISOString(),
      liveAt: null,
      flushing: false,
    };
    await this.versions.updateOne({ _id: this.version }, { $setOnInsert: fresh }, { upsert: true });
    const read = { _id: 1, agreements: 1, 'opened.itemIds': 1 };
    for await (const doc of this.records.find({}, { projection: read })) {
      this.known.add(doc._id);
      this.references.track(doc._id, referencesOf(doc as RecordDoc));
    }
    this.references.load(await this.referenceDocs.find().toArray());
    for await (const { _id } of this.tables.find({}, { projection: { _id: 1 } })) this.knownTables.add(_id);
    const state = (await this.versions.findOne({ _id: this.version }))!;
    this.firstMonth = state.firstMonth;
    this.generation = state.generation ?? 0;
    return state;
  }

  isKnown(ticketId: string): boolean {
    return this.known.has(ticketId);
  }

  async load(ticketIds: readonly string[]): Promise<Map<string, TicketRecord>> {
    const found = await mapLimited(ticketIds, READS, (id) => this.records.findOne({ _id: id }));
    return new Map(found.flatMap((doc) => (doc ? [[doc._id, recordOf(doc)] as const] : [])));
  }

  async flush({ records, delta, references }: FlushedChanges): Promise<void> {
    await this.writeReferences(references);
    if (records.length === 0) return;
    await this.markFlushing(true);
    await this.writeRecords(records);
    await this.noteChanged(await this.addToTables(delta), false);
  }

  /**
   * After a crash in a flush, or a flush that failed: the records given written again (whether
   * the failed flush wrote them or not), then the tables summed again from every stored record.
   */
  async rebuildTables(
    calendar: PeriodCalendar,
    { records, references }: Pick<FlushedChanges, 'records' | 'references'> = { records: [], references: [] },
  ): Promise<void> {
    await this.writeReferences(references);
    await this.markFlushing(true);
    await this.writeRecords(records.map(({ record }) => ({ record, isNew: false })));
    await this.tables.deleteMany({});
    this.cachedTables.clear();
    this.knownTables.clear();
    const sums: BucketCounters = new Map();
    for await (const doc of this.records.find()) {
      for (const [key, counters] of contributionsOf(recordOf(doc), calendar, this.references.definitions)) {
        const sum = sums.get(key) ?? new Map<string, number>();
        for (const [field, amount] of counters) sum.set(field, (sum.get(field) ?? 0) + amount);
        sums.set(key, sum);
      }
    }
    await this.noteChanged(await this.addToTables(sums), true);
  }

  /** At start: whether a flush was cut in the middle, and then the tables summed again. */
  async recoverInterruptedFlush(calendar: PeriodCalendar): Promise<boolean> {
    const state = await this.versions.findOne({ _id: this.version });
    if (!state?.flushing) return false;
    await this.rebuildTables(calendar);
    return true;
  }

  private markFlushing(flushing: boolean) {
    return this.versions.updateOne({ _id: this.version }, { $set: { flushing } });
  }

  /**
   * The flush is over: the tables it changed noted in the ring, then the new generation and the
   * cleared mark in one write (a cache reading the generation meanwhile reads those tables again).
   */
  private async noteChanged(tables: string[], all: boolean): Promise<void> {
    if (tables.length > 0 || all) {
      const generation = this.generation + 1;
      const slot = generation % CHANGE_SLOTS;
      await this.tableChanges.replaceOne({ _id: slot }, { generation, tables, all }, { upsert: true });
      this.generation = generation;
    }
    await this.versions.updateOne({ _id: this.version }, { $set: { flushing: false, generation: this.generation } });
  }

  /** Reference data first: a record never names a calendar definition that is not stored. */
  private async writeReferences(docs: ReferenceDoc[]): Promise<void> {
    await this.write(this.referenceDocs, [], docs);
  }

  private async writeRecords(records: FlushedChanges['records']): Promise<void> {
    const docs = (wanted: boolean) =>
      records.filter(({ isNew }) => isNew === wanted).map(({ record }) => ({ _id: record.ticketId, ...record }));
    await this.write(this.records, docs(true), docs(false));
    for (const { record } of records) this.known.add(record.ticketId);
  }

  /** Adds the buckets' change to the tables; the ids of the tables written. */
  private async addToTables(delta: BucketCounters): Promise<string[]> {
    const touched = tablesTouched(delta);
    const ids = [...touched.keys()];
    const missing = ids.filter((id) => !this.cachedTables.has(id) && this.knownTables.has(id));
    const read = await mapLimited(missing, READS, (id) => this.tables.findOne({ _id: id }));
    const current = new Map(this.cachedTables);
    missing.forEach((id, index) => current.set(id, read[index]!));
    const fresh: TableDoc[] = [];
    const changed: TableDoc[] = [];
    for (const [id, changes] of touched) {
      const before = current.get(id) ?? null;
      const after = withChanges(id, before, changes);
      (before ? changed : fresh).push(after);
      this.keep(after);
    }
    await this.write(this.tables, fresh, changed);
    for (const { _id } of fresh) this.knownTables.add(_id);
    await this.noteFirstMonth(ids);
    return ids;
  }

  /** Inserts what is new in large commands, replaces the rest in small ones (see REPLACEMENTS). */
  private async write<T extends Document & { _id: string }>(collection: Collection<T>, fresh: T[], changed: T[]) {
    for (let at = 0; at < fresh.length; at += INSERTS) {
      await collection.insertMany(fresh.slice(at, at + INSERTS) as never, { ordered: false });
    }
    const replacements: AnyBulkWriteOperation<T>[] = changed.map((doc) => ({
      replaceOne: { filter: { _id: doc._id } as never, replacement: doc, upsert: true },
    }));
    for (let at = 0; at < replacements.length; at += REPLACEMENTS) {
      await collection.bulkWrite(replacements.slice(at, at + REPLACEMENTS), { ordered: false });
    }
  }

  private keep(table: TableDoc): void {
    this.cachedTables.delete(table._id);
    this.cachedTables.set(table._id, table);
    if (this.cachedTables.size > this.tablesKept) this.cachedTables.delete(this.cachedTables.keys().next().value!);
  }

  private async noteFirstMonth(tableIds: string[]): Promise<void> {
    const months = tableIds.filter((id) => id.startsWith('month|')).map((id) => id.split('|')[1]);
    const first = months.sort()[0];
    if (!first || (this.firstMonth !== undefined && this.firstMonth <= first)) return;
    this.firstMonth = first;
    await this.versions.updateOne({ _id: this.version }, { $set: { firstMonth: first } });
  }
}

const recordOf = ({ _id, ...record }: RecordDoc): TicketRecord => record;

export const tablesOf = (connection: Connection, version: string): Collection<TableDoc> =>
  connection.collection<TableDoc>(`reporting_v${version}_tables`);
