import type { AnyBulkWriteOperation, Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import { contributionsOf, type BucketCounters } from '../domain/contributions';
import type { FoldedBatch } from '../domain/fold-batch';
import type { PeriodCalendar } from '../domain/periods';
import type { TicketRecord } from '../domain/ticket-record';

/** A bucket: the counters of one (period, start, entity, dimension, value), fields as named by contributionsOf. */
export interface BucketDoc {
  _id: string;
  /** period: day, week, month */
  p: string;
  /** its first day, yyyy-MM-dd */
  s: string;
  /** the tickets' entity */
  e: string;
  /** dimension */
  d: string;
  /** value on the dimension */
  v: string;
  /** counters: opened, solved..., durations as `<name>_n`, `<name>_s` and bins `<name>_h` */
  [counter: string]: string | number | Record<string, number>;
}

type RecordDoc = TicketRecord & { _id: string };

/** Where one version of the statistics is: filling from the topics' beginning, then live. */
export interface VersionDoc {
  _id: string;
  status: 'replaying' | 'live';
  startedAt: string;
  liveAt: string | null;
  /** a flush under way: its records and buckets may be half-written (see recoverInterruptedFlush) */
  flushing: boolean;
}

const BULK = 1000;

/**
 * One version's read models: a record per ticket and the buckets. A flush writes the records, then
 * adds the buckets' delta; a flush cut in the middle is found at the next start (`flushing`), and
 * the buckets are then summed again from the records, which alone are the truth.
 */
export class StatisticsStore {
  readonly records: Collection<RecordDoc>;
  readonly buckets: Collection<BucketDoc>;
  readonly versions: Collection<VersionDoc>;
  /** the buckets as untyped documents: their counters' names are data (bins) */
  private readonly bucketWrites: Collection<Document & { _id: string }>;

  constructor(
    connection: Connection,
    readonly version: string,
  ) {
    this.records = connection.collection<RecordDoc>(`reporting_v${version}_tickets`);
    this.buckets = bucketsOf(connection, version);
    this.bucketWrites = connection.collection(this.buckets.collectionName);
    this.versions = connection.collection<VersionDoc>('reporting_versions');
  }

  async prepare(): Promise<VersionDoc> {
    await this.buckets.createIndex({ p: 1, d: 1, s: 1 }, { name: 'period_dimension_start' });
    const fresh: VersionDoc = {
      _id: this.version,
      status: 'replaying',
      startedAt: new Date().toISOString(),
      liveAt: null,
      flushing: false,
    };
    await this.versions.updateOne({ _id: this.version }, { $setOnInsert: fresh }, { upsert: true });
    return (await this.versions.findOne({ _id: this.version }))!;
  }

  async load(ticketIds: readonly string[]): Promise<Map<string, TicketRecord>> {
    const found = await this.records.find({ _id: { $in: [...ticketIds] } }).toArray();
    return new Map(found.map(({ _id, ...record }) => [_id, record]));
  }

  async flush({ records, delta }: FoldedBatch): Promise<void> {
    if (records.length === 0) return;
    await this.markFlushing(true);
    await this.writeRecords(records);
    await this.addToBuckets(delta);
    await this.markFlushing(false);
  }

  /** After a crash in a flush: the buckets again as the sum of every stored record. */
  async recoverInterruptedFlush(calendar: PeriodCalendar): Promise<boolean> {
    const state = await this.versions.findOne({ _id: this.version });
    if (!state?.flushing) return false;
    await this.buckets.deleteMany({});
    let batch: BucketCounters = new Map();
    let count = 0;
    for await (const { _id, ...record } of this.records.find()) {
      for (const [key, counters] of contributionsOf(record, calendar)) {
        const sum = batch.get(key) ?? new Map<string, number>();
        for (const [field, amount] of counters) sum.set(field, (sum.get(field) ?? 0) + amount);
        batch.set(key, sum);
      }
      if (++count % BULK === 0) {
        await this.addToBuckets(batch);
        batch = new Map();
      }
    }
    await this.addToBuckets(batch);
    await this.markFlushing(false);
    return true;
  }

  private markFlushing(flushing: boolean) {
    return this.versions.updateOne({ _id: this.version }, { $set: { flushing } });
  }

  private async writeRecords(records: TicketRecord[]): Promise<void> {
    const operations: AnyBulkWriteOperation<RecordDoc>[] = records.map((record) => ({
      replaceOne: { filter: { _id: record.ticketId }, replacement: { _id: record.ticketId, ...record }, upsert: true },
    }));
    for (let at = 0; at < operations.length; at += BULK) {
      await this.records.bulkWrite(operations.slice(at, at + BULK), { ordered: false });
    }
  }

  private async addToBuckets(delta: BucketCounters): Promise<void> {
    const operations: AnyBulkWriteOperation<Document & { _id: string }>[] = [];
    for (const [key, counters] of delta) {
      if (counters.size === 0) continue;
      // the value comes last: a location's text may hold the separator
      const [p, s, e, d, ...value] = key.split('|');
      const v = value.join('|');
      operations.push({
        updateOne: {
          filter: { _id: key },
          update: { $inc: Object.fromEntries(counters), $setOnInsert: { p, s, e, d, v } },
          upsert: true,
        },
      });
    }
    for (let at = 0; at < operations.length; at += BULK) {
      await this.bucketWrites.bulkWrite(operations.slice(at, at + BULK), { ordered: false });
    }
  }
}

export const bucketsOf = (connection: Connection, version: string): Collection<BucketDoc> =>
  connection.collection<BucketDoc>(`reporting_v${version}_buckets`);
