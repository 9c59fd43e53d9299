import type { EventEnvelope } from '@itsm/contracts';
import { LRUCache } from 'lru-cache';
import { foldBatch, ticketsOf } from './domain/fold-batch';
import type { PeriodCalendar } from './domain/periods';
import type { TicketRecord } from './domain/ticket-record';
import type { StatisticsStore } from './read-models/statistics.store';

/**
 * Folds batches of events into one version's records and buckets, one batch at a time (the
 * consumer hands partitions' batches in turn; a ticket's two streams live on two topics). The
 * records last written are kept in memory: this process is their only writer.
 */
export class StatisticsFolder {
  private readonly cache: LRUCache<string, TicketRecord>;
  private queue: Promise<void> = Promise.resolve();
  /** a flush failed half-way: the buckets are summed again from the records before anything else */
  private interrupted = false;

  constructor(
    private readonly store: StatisticsStore,
    private readonly calendar: PeriodCalendar,
    cachedTickets: number,
  ) {
    this.cache = new LRUCache({ max: cachedTickets });
  }

  fold(events: readonly EventEnvelope[]): Promise<void> {
    const turn = this.queue.then(() => this.foldNow(events));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async foldNow(events: readonly EventEnvelope[]): Promise<void> {
    if (this.interrupted) {
      await this.store.recoverInterruptedFlush(this.calendar);
      this.interrupted = false;
    }
    const tickets = ticketsOf(events);
    if (tickets.length === 0) return;
    const known = new Map<string, TicketRecord>();
    const missing: string[] = [];
    for (const ticketId of tickets) {
      const cached = this.cache.get(ticketId);
      if (cached) known.set(ticketId, cached);
      else missing.push(ticketId);
    }
    if (missing.length > 0) for (const [id, record] of await this.store.load(missing)) known.set(id, record);
    const folded = foldBatch(events, known, this.calendar);
    try {
      await this.store.flush(folded);
    } catch (error) {
      // what was written is unknown: read the records again, sum the buckets again
      this.cache.clear();
      this.interrupted = true;
      throw error;
    }
    for (const record of folded.records) this.cache.set(record.ticketId, record);
  }
}
