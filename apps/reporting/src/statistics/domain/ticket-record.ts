import type { EventEnvelope, TicketStatus, TicketType } from '@itsm/contracts';

/** A status change of the ticket, at the instant its event occurred. */
export interface StatusChange {
  at: string;
  from: TicketStatus;
  to: TicketStatus;
}

/** One SLA or OLA of the ticket (per agreement x kind), as the sla service last told it. */
export interface AgreementFacts {
  slaId: string;
  agreement: 'sla' | 'ola';
  kind: 'tto' | 'ttr';
  /** the business calendar its deadline counts on (sla.attached), null: 24/7 */
  calendarId: string | null;
  deadline: string;
  /** when it was met (taken into account, solved), null while it runs */
  metAt: string | null;
  /** met after its deadline, or its deadline passed (sla.breached) */
  breached: boolean;
}

/**
 * What the statistics know of one ticket: its current fields (GLPI's statistics read the tickets
 * table as it is now, so a reclassified ticket counts under its new category everywhere) and the
 * history its times are computed from. Fed by itsm.tickets.events and itsm.sla.events, each
 * stream in its order; the two topics may interleave in any way.
 */
export interface TicketRecord {
  ticketId: string;
  /** sequence of the last event of the ticket's own stream applied (0: none yet) */
  ticketSequence: number;
  /** sequence of the last event of its deadlines stream (`ticket-sla-<id>`) applied */
  slaSequence: number;
  /** null until ticket.opened is read (its deadlines may come first, from the other topic) */
  opened: OpenedTicket | null;
  agreements: AgreementFacts[];
  /** what it read outside its streams, when last resolved (see ReferenceData) */
  resolved: ResolvedReferences;
}

/** A linked asset's type and model (the assets' dropdowns), as the assets topic last told them. */
export interface AssetClass {
  typeId: string | null;
  modelId: string | null;
}

export interface ResolvedReferences {
  /** calendar id -> hash of its definition (absent: not read yet, counted 24/7) */
  calendars: Record<string, string>;
  /** asset id -> its type and model (absent: not read yet) */
  assets: Record<string, AssetClass>;
}

export interface OpenedTicket {
  entityId: string;
  openedAt: string;
  type: TicketType;
  categoryId: string | null;
  priority: number;
  location: string | null;
  /** linked assets' types (computer, printer...), each once */
  itemTypes: string[];
  /** linked assets' ids: their model comes from the assets read model when there is one */
  itemIds: string[];
  requesterUserIds: string[];
  technicianIds: string[];
  groupIds: string[];
  status: TicketStatus;
  statusChanges: StatusChange[];
  /** GLPI's takeintoaccountdate: the first work on the ticket by someone other than its requesters */
  takenIntoAccountAt: string | null;
  satisfaction: { rating: number; answeredAt: string } | null;
}

export const emptyRecord = (ticketId: string): TicketRecord => ({
  ticketId,
  ticketSequence: 0,
  slaSequence: 0,
  opened: null,
  agreements: [],
  resolved: { calendars: {}, assets: {} },
});

/** The ticket an event of the tickets or sla topics is about, or null when it is about none. */
export function ticketOf(event: EventEnvelope): string | null {
  if (!event.type.startsWith('ticket.') && !event.type.startsWith('sla.')) return null;
  if (event.type === 'sla.defined') return null;
  const data = event.data as { ticketId?: unknown };
  return typeof data.ticketId === 'string' ? data.ticketId : null;
}
