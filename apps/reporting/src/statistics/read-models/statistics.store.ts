import { concurrentUpsert } from '@itsm/eventsourcing';
import type { AnyBulkWriteOperation, Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import { addChange, BucketSums, type BucketCounters } from '../domain/contributions';
import type { PeriodCalendar } from '../domain/periods';
import { documentIdOf, tablesTouched } from '../domain/statistic-tables';
import { addToRows } from '../domain/table-rows';
import { ReferenceData, type ReferenceDoc } from '../domain/reference-data';
import type { TicketRecord } from '../domain/ticket-record';
import { mapLimited } from './map-limited';
import { packedTablesOfStored, storedTables, type PackedTables, type StoredTables } from './packed-documents';
import { TicketRecords, type RecordSegment } from './ticket-records';

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

/** What a flush writes: the records that changed and the tables' change. */
export interface FlushedChanges {
  records: TicketRecord[];
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

/**
 * One version's read models: a record per ticket (in segments) and the table documents. A flush writes the
 * records, then the tables changed; a flush cut in the middle is found at the next start
 * (`flushing`), and the tables are then summed again from the records, which alone are the truth.
 * This process is the only writer: it knows which records and tables exist, and keeps the tables
 * it last wrote.
 */
export class StatisticsStore {
  readonly records: TicketRecords;
  readonly tables: Collection<StoredTables>;
  readonly versions: Collection<VersionDoc>;
  readonly referenceDocs: Collection<ReferenceDoc>;
  /** the calendars and assets read so far, and which tickets read each */
  readonly references = new ReferenceData();
  /** ids of the table documents written: what is not there needs no read */
  private readonly knownDocuments = new Set<string>();
  /** the tables of the documents last written, by document id (see documentIdOf), least recent first */
  private readonly cachedDocuments = new Map<string, PackedTables>();
  private firstMonth?: string;
  private generation = 0;
  readonly tableChanges: Collection<TableChangesDoc>;

  constructor(
    connection: Connection,
    readonly version: string,
    private readonly documentsKept = 1000,
  ) {
    this.records = new TicketRecords(connection.collection<RecordSegment>(`reporting_v${version}_tickets`));
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
    // replicas starting together prepare the same version
    await concurrentUpsert(() =>
      this.versions.updateOne({ _id: this.version }, { $setOnInsert: fresh }, { upsert: true }),
    );
    await this.records.prepare((ticketId, keys) => this.references.track(ticketId, keys));
    this.references.load(await this.referenceDocs.find().toArray());
    for await (const { _id } of this.tables.find({}, { projection: { _id: 1 } })) this.knownDocuments.add(_id);
    const state = (await this.versions.findOne({ _id: this.version }))!;
    this.firstMonth = state.firstMonth;
    this.generation = state.generation ?? 0;
    return state;
  }

  isKnown(ticketId: string): boolean {
    return this.records.isKnown(ticketId);
  }

  load(ticketIds: readonly string[]): Promise<Map<string, TicketRecord>> {
    return this.records.load(ticketIds);
  }

  async flush({ records, delta, references }: FlushedChanges): Promise<void> {
    await this.writeReferences(references);
    if (records.length === 0) return;
    await this.markFlushing(true);
    await this.records.write(records);
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
    await this.records.write(records);
    await this.tables.deleteMany({});
    this.cachedDocuments.clear();
    this.knownDocuments.clear();
    const sums = new BucketSums();
    for await (const record of this.records.all())
      addChange(sums, undefined, record, calendar, this.references.definitions);
    await this.noteChanged(await this.addToTables(sums.buckets()), true);
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

  /** Adds the buckets' change to the tables, each document touched written once; the ids of the tables changed. */
  private async addToTables(delta: BucketCounters): Promise<string[]> {
    const touched = tablesTouched(delta);
    const byDocument = new Map<string, string[]>();
    for (const id of touched.keys()) {
      const ids = byDocument.get(documentIdOf(id));
      if (ids) ids.push(id);
      else byDocument.set(documentIdOf(id), [id]);
    }
    const current = await this.documentsOf([...byDocument.keys()]);
    const fresh: StoredTables[] = [];
    const changed: StoredTables[] = [];
    for (const [documentId, ids] of byDocument) {
      const before = current.get(documentId);
      // in place: a flush that fails leaves the cache to the rebuild that follows, which clears it
      const tables: PackedTables = before ?? new Map();
      for (const id of ids) {
        const rows = tables.get(id) ?? new Map();
        addToRows(rows, touched.get(id)!);
        if (rows.size > 0) tables.set(id, rows);
        else tables.delete(id);
      }
      (before ? changed : fresh).push(storedTables(documentId, tables));
      this.keep(documentId, tables);
    }
    await this.write(this.tables, fresh, changed);
    for (const { _id } of fresh) this.knownDocuments.add(_id);
    const ids = [...touched.keys()];
    await this.noteFirstMonth(ids);
    return ids;
  }

  /** The tables of some documents as stored (absent: never written), from memory or read by id. */
  private async documentsOf(documentIds: string[]): Promise<Map<string, PackedTables>> {
    const missing = documentIds.filter((id) => !this.cachedDocuments.has(id) && this.knownDocuments.has(id));
    const read = await mapLimited(missing, READS, (id) => this.tables.findOne({ _id: id }));
    const documents = new Map<string, PackedTables>();
    for (const id of documentIds) {
      const cached = this.cachedDocuments.get(id);
      if (cached) documents.set(id, cached);
    }
    for (const doc of read) if (doc) documents.set(doc._id, packedTablesOfStored(doc));
    return documents;
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

  private keep(documentId: string, tables: PackedTables): void {
    this.cachedDocuments.delete(documentId);
    this.cachedDocuments.set(documentId, tables);
    if (this.cachedDocuments.size > this.documentsKept)
      this.cachedDocuments.delete(this.cachedDocuments.keys().next().value!);
  }

  private async noteFirstMonth(tableIds: string[]): Promise<void> {
    const months = tableIds.filter((id) => id.startsWith('month|')).map((id) => id.split('|')[1]);
    const first = months.sort()[0];
    if (!first || (this.firstMonth !== undefined && this.firstMonth <= first)) return;
    this.firstMonth = first;
    await this.versions.updateOne({ _id: this.version }, { $set: { firstMonth: first } });
  }
}

export const tablesOf = (connection: Connection, version: string): Collection<StoredTables> =>
  connection.collection<StoredTables>(`reporting_v${version}_tables`);
