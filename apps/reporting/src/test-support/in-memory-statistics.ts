import type { EventEnvelope } from '@itsm/contracts';
import type { BucketCounters } from '../statistics/domain/contributions';
import { foldBatch } from '../statistics/domain/fold-batch';
import { ReferenceData } from '../statistics/domain/reference-data';
import { nextPeriod, PeriodCalendar, periodsBetween, type Period } from '../statistics/domain/periods';
import { statisticRows, type BucketCountersDoc, type StatisticRow } from '../statistics/domain/statistic-rows';
import type { TicketRecord } from '../statistics/domain/ticket-record';

/**
 * The statistics' fold without a database: records and buckets in maps, batches folded as the
 * feed folds them. Buckets are documents as Mongo's $inc would leave them (bins nested).
 */
export class InMemoryStatistics {
  readonly records = new Map<string, TicketRecord>();
  readonly buckets = new Map<string, Record<string, unknown>>();
  readonly calendar: PeriodCalendar;
  readonly references = new ReferenceData();

  constructor(zone = 'UTC') {
    this.calendar = new PeriodCalendar(zone);
  }

  fold(events: readonly EventEnvelope[], batchSize = events.length): this {
    for (let at = 0; at < events.length; at += Math.max(1, batchSize)) {
      const { records, delta } = foldBatch(
        events.slice(at, at + batchSize),
        this.records,
        this.calendar,
        this.references,
      );
      for (const record of records) this.records.set(record.ticketId, record);
      this.add(delta);
    }
    return this;
  }

  /** A table as the REST route computes it, over some entities (all by default). */
  table(dimension: string, period: Period, from: string, to: string, entities?: string[]): StatisticRow[] {
    const periods = periodsBetween(period, from, to);
    const inScope = (doc: Record<string, unknown>) => !entities || entities.includes(doc.e as string);
    const docs = [...this.buckets.values()].filter((doc) => doc.p === period && doc.d === dimension && inScope(doc));
    const before = new Map<string, number>();
    for (const doc of docs.filter((doc) => (doc.s as string) < periods[0])) {
      before.set(doc.v as string, (before.get(doc.v as string) ?? 0) + ((doc.backlog as number) ?? 0));
    }
    const inRange = docs.filter((doc) => periods.includes(doc.s as string)) as unknown as BucketCountersDoc[];
    return statisticRows(periods, inRange, before);
  }

  /** The one row of a value in a period. */
  row(dimension: string, period: Period, start: string, value = '*', entities?: string[]): StatisticRow {
    const row = this.table(dimension, period, start, nextPeriod(period, start), entities).find(
      (candidate) => candidate.value === value,
    );
    if (!row) throw new Error(`no row ${dimension}=${value} in ${period} ${start}`);
    return row;
  }

  private add(delta: BucketCounters): void {
    for (const [key, counters] of delta) {
      const [p, s, e, d, ...value] = key.split('|');
      const doc = this.buckets.get(key) ?? { p, s, e, d, v: value.join('|') };
      for (const [field, amount] of counters) {
        const [name, bin] = field.split('.');
        if (bin === undefined) doc[name] = ((doc[name] as number) ?? 0) + amount;
        else {
          const bins = (doc[name] as Record<string, number>) ?? {};
          bins[bin] = (bins[bin] ?? 0) + amount;
          doc[name] = bins;
        }
      }
      this.buckets.set(key, doc);
    }
  }
}
