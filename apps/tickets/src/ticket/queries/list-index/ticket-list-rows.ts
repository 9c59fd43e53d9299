import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@itsm/contracts';
import { ProjectionRegistry } from '@itsm/runtime';
import { ticketViewProjection, type TicketView } from '../../read-models/ticket-view.projection';
import { ticketStreamId } from '../../ticket.decider';
import { TicketListIndex } from './ticket-list-index';
import { ROW_PROJECTION, rowOf, ticketIdOfStream } from './ticket-list-row';

/** Pauses before reading a document again that does not reflect the event yet (the read model lags). */
const LAG_DELAYS_MS = [20, 50, 100, 200, 400];
/** documents read at once (the Mongo pool is bounded, and shared with the requests) */
const LANES = 8;
const LOAD_BATCH = 2000;

/** ticket -> the highest sequence among these events: what its row must reach. */
export function latestSequences(events: Iterable<Pick<EventEnvelope, 'type' | 'streamId' | 'sequence'>>) {
  const latest = new Map<string, number>();
  for (const { type, streamId, sequence } of events) {
    const ticketId = ticketIdOfStream(streamId);
    if (!ticketId || !ticketViewProjection.handles.has(type)) continue;
    latest.set(ticketId, Math.max(sequence, latest.get(ticketId) ?? 0));
  }
  return latest;
}

/** Fills the list index from the ticket_view read model: all at start, then ticket by ticket. */
@Injectable()
export class TicketListRows {
  constructor(
    private readonly projections: ProjectionRegistry,
    private readonly index: TicketListIndex,
  ) {}

  /** Reads every document's row fields, batch by batch, until done or stopped; returns how many. */
  async loadAll(stopped: () => boolean = () => false): Promise<number> {
    const collection = await this.tickets();
    let count = 0;
    for await (const doc of collection.find({}, { projection: ROW_PROJECTION, batchSize: LOAD_BATCH })) {
      const row = rowOf(doc as unknown as Record<string, unknown>);
      if (row) this.index.upsert(row);
      count++;
      if (stopped()) break;
    }
    return count;
  }

  /**
   * Reads again the documents of the tickets whose rows are behind these sequences. A document
   * may not show an event yet (another process applies it): read again after a pause, a few times;
   * beyond, the ticket's next event brings it. `firstWaitMs`: a pause before anything is read.
   */
  async refresh(latest: Map<string, number>, firstWaitMs = 0): Promise<void> {
    let behind = this.behind(latest);
    if (behind.length > 0 && firstWaitMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, firstWaitMs));
      behind = this.behind(latest); // this replica's own commands have refreshed theirs meanwhile
    }
    if (behind.length === 0) return;
    const collection = await this.tickets();
    const store = this.projections.store<TicketView>(ticketViewProjection.name);
    await Promise.all(
      Array.from({ length: Math.min(LANES, behind.length) }, async (_, lane) => {
        for (let i = lane; i < behind.length; i += LANES) {
          const [ticketId, sequence] = behind[i];
          for (let attempt = 0; ; attempt++) {
            // what this process wrote itself needs no read, when it is that recent
            const written = await store.lastWritten(ticketStreamId(ticketId));
            const doc =
              written && written._sequence >= sequence
                ? written
                : await collection.findOne({ _id: ticketStreamId(ticketId) }, { projection: ROW_PROJECTION });
            const row = doc && rowOf(doc as unknown as Record<string, unknown>);
            if (row) this.index.upsert(row);
            if (this.index.sequenceOf(ticketId) >= sequence || attempt === LAG_DELAYS_MS.length) break;
            await new Promise((resolve) => setTimeout(resolve, LAG_DELAYS_MS[attempt]));
          }
        }
      }),
    );
  }

  private behind(latest: Map<string, number>): Array<[string, number]> {
    return [...latest].filter(([ticketId, sequence]) => this.index.sequenceOf(ticketId) < sequence);
  }

  private tickets() {
    return this.projections.collection<TicketView>(ticketViewProjection.name);
  }
}
