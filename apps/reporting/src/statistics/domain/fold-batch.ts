import type { EventEnvelope } from '@itsm/contracts';
import { addChange, BucketSums, type BucketCounters } from './contributions';
import { foldTicketRecord } from './fold-ticket-record';
import type { PeriodCalendar } from './periods';
import { ReferenceData, referencesOf } from './reference-data';
import { emptyRecord, ticketOf, type TicketRecord } from './ticket-record';

export interface FoldedBatch {
  /** the records that changed, to be stored */
  records: TicketRecord[];
  /** what the buckets gain (or lose) */
  delta: BucketCounters;
}

/** The tickets a batch of events is about (the others, calendars or agreements, change no statistic). */
export const ticketsOf = (events: readonly EventEnvelope[]): string[] => [
  ...new Set(events.map(ticketOf).filter((id): id is string => id !== null)),
];

/**
 * Whether the record holds what it held: an event changing nothing counted (a document attached, a
 * follow-up after the taking into account) needs no write; its redelivery changes nothing either.
 */
export const sameFacts = (record: TicketRecord, before: TicketRecord | undefined) =>
  before
    ? record.opened === before.opened && record.agreements === before.agreements && record.resolved === before.resolved
    : record.opened === null && record.agreements.length === 0;

/**
 * Folds a batch of events into the records they are about (`known`: as stored, absent when new)
 * and the buckets' change: per ticket, what it adds after the batch less what it added before.
 * Calendars and assets change `references`, and resolve again the tickets that read them.
 */
export function foldBatch(
  events: readonly EventEnvelope[],
  known: ReadonlyMap<string, TicketRecord>,
  calendar: PeriodCalendar,
  references: ReferenceData,
): FoldedBatch {
  const after = new Map<string, TicketRecord>();
  const change = (ticketId: string, how: (record: TicketRecord) => TicketRecord) => {
    const next = how(after.get(ticketId) ?? known.get(ticketId) ?? emptyRecord(ticketId));
    after.set(ticketId, next);
    references.track(ticketId, referencesOf(next));
  };
  for (const event of events) {
    if (ReferenceData.isReference(event)) {
      const key = references.apply(event);
      if (key) for (const ticketId of references.dependentsOf(key)) change(ticketId, (r) => references.resolve(r));
      continue;
    }
    const ticketId = ticketOf(event);
    if (ticketId !== null) change(ticketId, (record) => references.resolve(foldTicketRecord(record, event)));
  }
  const sums = new BucketSums();
  const records: TicketRecord[] = [];
  const { definitions } = references;
  for (const [ticketId, record] of after) {
    const before = known.get(ticketId);
    if (sameFacts(record, before)) continue;
    records.push(record);
    addChange(sums, before, record, calendar, definitions);
  }
  return { records, delta: sums.buckets() };
}
