import { Injectable } from '@nestjs/common';
import { scopedFilter, type Caller } from '@itsm/auth';
import { ProjectionRegistry } from '@itsm/runtime';
import {
  SLOT_KEYS,
  SLOT_LABELS,
  ticketDeadlinesProjection,
  type DeadlineSlot,
  type SlotKey,
  type TicketDeadlines,
} from './ticket-deadlines.projection';

export type LabelledSlot = DeadlineSlot & { label: string };
/** The detail's `sla` object: the four slots, null where no agreement is attached. */
export type TicketSlaSummary = Record<SlotKey, LabelledSlot | null>;

/** Reads the local copy of the tickets' deadlines (fed by itsm.sla.events). */
@Injectable()
export class TicketDeadlinesReader {
  constructor(private readonly projections: ProjectionRegistry) {}

  private deadlines() {
    return this.projections.collection<TicketDeadlines>(ticketDeadlinesProjection.name);
  }

  async of(ticketId: string): Promise<TicketSlaSummary> {
    // by stream id: an equality FerretDB hands to PostgreSQL
    return summaryOf(await (await this.deadlines()).findOne({ _id: `ticket-sla-${ticketId}` }));
  }

  /** What a requester is shown: the TTO and TTR of their agreement, no OLA, no escalation level. */
  static forRequesters(summary: TicketSlaSummary): TicketSlaSummary {
    const shown = (slot: LabelledSlot | null) => slot && { ...slot, lastLevel: null };
    return { tto: shown(summary.tto), ttr: shown(summary.ttr), internalTto: null, internalTtr: null };
  }

  /** A ticket just opened: the sla service attaches its agreements after hearing of it. */
  static noneYet(): TicketSlaSummary {
    return summaryOf(null);
  }

  /**
   * Tickets in the caller's scope breached on every one of the breach keys (see breachIndex).
   * The ticket list then applies its own visibility rules to them as to any other ticket.
   */
  async breachedTicketIds(caller: Pick<Caller, 'scope'>, breachKeys: string[]): Promise<string[]> {
    const breaches = breachKeys.map((key) => ({ breachIndex: key }));
    const filter = scopedFilter(caller, breaches.length === 1 ? breaches[0] : { $and: breaches });
    const found = await (await this.deadlines()).find(filter as never, { projection: { ticketId: 1 } }).toArray();
    return found.map((doc) => doc.ticketId);
  }
}

function summaryOf(doc: TicketDeadlines | null): TicketSlaSummary {
  const entries = SLOT_KEYS.map((key) => {
    const slot = doc?.slots[key];
    return [key, slot ? { label: SLOT_LABELS[key], ...slot } : null] as const;
  });
  return Object.fromEntries(entries) as TicketSlaSummary;
}
