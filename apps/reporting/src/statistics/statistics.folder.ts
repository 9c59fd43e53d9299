import type { EventEnvelope } from '@itsm/contracts';
import { LRUCache } from 'lru-cache';
import { addChange, BucketSums } from './domain/contributions';
import { foldTicketRecord } from './domain/fold-ticket-record';
import type { PeriodCalendar } from './domain/periods';
import { sameFacts, ticketsOf } from './domain/fold-batch';
import { ReferenceData, referencesOf } from './domain/reference-data';
import { emptyRecord, ticketOf, type TicketRecord } from './domain/ticket-record';
import type { FlushedChanges, StatisticsStore } from './read-models/statistics.store';

/** A ticket changed since the last flush: its record as flushed (absent when never written) and now. */
interface Pending {
  flushed: TicketRecord | undefined;
  current: TicketRecord;
}

/**
 * Folds batches of events into one version's records and tables. Batches only change records in
 * memory; `flush` writes them and what they change in the tables at once, so a ticket touched by
 * many batches, and a month's table touched by thousands of tickets, are written once a flush.
 * The consumer commits its offsets only after a flush: a crash reads again from the last one, and
 * the records' sequences make what was already flushed change nothing. Batches and flushes run one
 * at a time (a ticket's two streams live on two topics).
 */
export class StatisticsFolder {
  private readonly cache: LRUCache<string, TicketRecord>;
  private readonly pending = new Map<string, Pending>();
  private queue: Promise<void> = Promise.resolve();
  /** a flush failed half-way: what it wrote is unknown, the next one sums the tables again */
  private interrupted = false;

  constructor(
    private readonly store: StatisticsStore,
    private readonly calendar: PeriodCalendar,
    cachedTickets: number,
    /** tickets changed in memory that call for a flush */
    private readonly flushTickets = 10_000,
  ) {
    this.cache = new LRUCache({ max: cachedTickets });
  }

  /**
   * A version filling from the topics' beginning: its flushes are checkpoints of `flushTickets`
   * tickets rather than of 30 s (a table touched by two flushes is written twice), until it has
   * caught up.
   */
  catchingUp = false;

  /** Batches at a partition's end are held too while catching up (see Buffering). */
  get holdsAtPartitionEnd(): boolean {
    return this.catchingUp;
  }

  /**
   * A flush at least this often while batches keep coming (the consumer flushes at once when it
   * has read its partitions to their end: live, each batch is written as it comes).
   */
  get maxDelayMs(): number {
    return this.catchingUp ? 600_000 : 30_000;
  }

  fold(events: readonly EventEnvelope[]): Promise<void> {
    return this.inTurn(() => this.foldNow(events));
  }

  /** Whether enough has changed in memory to write it now. */
  mustFlush(): boolean {
    return this.pending.size >= this.flushTickets;
  }

  flush(): Promise<void> {
    return this.inTurn(() => this.flushNow());
  }

  /** Folds and flushes: what the live feed did before batches were kept in memory, for tests. */
  async foldAndFlush(events: readonly EventEnvelope[]): Promise<void> {
    await this.fold(events);
    await this.flush();
  }

  private inTurn(work: () => Promise<void>): Promise<void> {
    const turn = this.queue.then(work);
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async foldNow(events: readonly EventEnvelope[]): Promise<void> {
    const references = this.store.references;
    const dependents = events.flatMap((event) => {
      const key = ReferenceData.isReference(event) ? ReferenceData.keyOf(event) : null;
      return key ? [...references.dependentsOf(key)] : [];
    });
    const loaded = await this.loadMissing([...new Set([...ticketsOf(events), ...dependents])]);
    for (const event of events) {
      if (ReferenceData.isReference(event)) {
        const key = references.apply(event);
        if (key)
          for (const ticketId of references.dependentsOf(key))
            this.change(ticketId, loaded, (r) => references.resolve(r));
        continue;
      }
      const ticketId = ticketOf(event);
      if (ticketId !== null) {
        this.change(ticketId, loaded, (record) => references.resolve(foldTicketRecord(record, event)));
      }
    }
  }

  /** A ticket's record changed in memory: pending until the next flush, with what was flushed of it. */
  private change(ticketId: string, loaded: Map<string, TicketRecord>, how: (record: TicketRecord) => TicketRecord) {
    const pending = this.pending.get(ticketId);
    const flushed = pending ? pending.flushed : (loaded.get(ticketId) ?? this.cache.get(ticketId));
    const before = pending?.current ?? flushed ?? emptyRecord(ticketId);
    const after = how(before);
    if (after === before) return;
    if (pending) pending.current = after;
    else this.pending.set(ticketId, { flushed, current: after });
    this.store.references.track(ticketId, referencesOf(after));
  }

  /** The stored records of known tickets that are neither pending nor cached. */
  private async loadMissing(tickets: string[]): Promise<Map<string, TicketRecord>> {
    const missing = tickets.filter((id) => !this.pending.has(id) && !this.cache.has(id) && this.store.isKnown(id));
    return missing.length === 0 ? new Map() : this.store.load(missing);
  }

  private async flushNow(): Promise<void> {
    const changes = this.changes();
    if (this.pending.size === 0 && changes.references.length === 0) return;
    if (this.interrupted) {
      await this.store.rebuildTables(this.calendar, changes);
      this.interrupted = false;
    } else {
      try {
        await this.store.flush(changes);
      } catch (error) {
        // kept in memory: the next flush writes the records again and sums the tables from them
        this.interrupted = true;
        throw error;
      }
    }
    for (const record of changes.records) this.cache.set(record.ticketId, record);
    this.pending.clear();
    this.store.references.flushed();
  }

  /** The records to write and the tables' change: per ticket, what it adds now less what it added. */
  private changes(): FlushedChanges {
    const records: FlushedChanges['records'] = [];
    const sums = new BucketSums();
    const { definitions } = this.store.references;
    for (const { flushed, current } of this.pending.values()) {
      if (sameFacts(current, flushed)) continue;
      records.push(current);
      addChange(sums, flushed, current, this.calendar, definitions);
    }
    return { records, delta: sums.buckets(), references: this.store.references.changedDocs() };
  }
}
