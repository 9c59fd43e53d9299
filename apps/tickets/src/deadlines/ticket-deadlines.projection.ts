import { TICKET_SLA_EVENT_TYPES, type AgreementKind, type AgreementType, type TicketSlaEvent } from '@itsm/contracts';
import { defineProjection, handlersFor, type EnvelopeOf } from '@itsm/eventsourcing';

// What tickets keeps of the sla context's per-ticket events (itsm.sla.events, stream
// `ticket-sla-<ticketId>`): the four deadlines GLPI's ticket form shows, and whether they were
// breached. Never a call to the sla service.

/** GLPI's four slots: TTO, TTR (SLA) and TTO interne, TTR interne (OLA). */
export type SlotKey = 'tto' | 'ttr' | 'internalTto' | 'internalTtr';
export const SLOT_KEYS: readonly SlotKey[] = ['tto', 'ttr', 'internalTto', 'internalTtr'];
export const SLOT_LABELS: Record<SlotKey, string> = {
  tto: 'TTO',
  ttr: 'TTR',
  internalTto: 'TTO interne',
  internalTtr: 'TTR interne',
};

export const slotKey = (agreement: AgreementType, kind: AgreementKind): SlotKey =>
  agreement === 'sla' ? kind : kind === 'tto' ? 'internalTto' : 'internalTtr';

export type DeadlineState = 'running' | 'paused' | 'breached' | 'met';

export interface DeadlineSlot {
  slaId: string;
  name: string;
  deadline: string;
  paused: boolean;
  /** met, else paused, else breached, else running */
  state: DeadlineState;
  /** the deadline passed before the agreement was met; stays true when it is met late */
  breached: boolean;
  breachedAt: string | null;
  met: boolean;
  metAt: string | null;
  /** null until met */
  late: boolean | null;
  /** business time paused so far, in seconds */
  waitingSeconds: number;
  /** the last warning, breach or escalation level reached */
  lastLevel: { levelId: string; name: string; offsetMinutes: number; reachedAt: string } | null;
}

export interface TicketDeadlines {
  ticketId: string;
  entityId: string;
  slots: Record<SlotKey, DeadlineSlot | null>;
  /**
   * `<agreement>:<kind>` and `<agreement>:any` of each breached slot (e.g. `sla:ttr`, `sla:any`),
   * so each list criterion is one equality on one multikey index.
   */
  breachIndex: string[];
  updatedAt: string;
}

export const breachKey = (agreement: AgreementType, kind: AgreementKind | 'any') => `${agreement}:${kind}`;

/** A per-ticket sla event in its envelope: the level's instant is when it was reached. */
type TicketSlaEnvelope = EnvelopeOf<TicketSlaEvent, TicketSlaEvent['type']>;

export const ticketDeadlinesProjection = defineProjection<TicketDeadlines>({
  name: 'ticket_deadlines',
  indexes: [
    { keys: { ticketId: 1 }, options: { name: 'ticket', unique: true } },
    { keys: { breachIndex: 1 }, options: { name: 'breaches' } },
  ],
  handlers: handlersFor(TICKET_SLA_EVENT_TYPES, (current: TicketDeadlines | null, event) => {
    const doc = current ?? emptyDeadlines(event.data.ticketId, event.entityId);
    const key = slotKey(event.data.agreement, event.data.kind);
    const slot = nextSlot(doc.slots[key], event);
    const slots = { ...doc.slots, [key]: slot && { ...slot, state: stateOf(slot) } };
    // the ticket's entity, as the sla service saw it when attaching
    const entityId = event.type === 'sla.attached' ? event.data.entityId : doc.entityId;
    return { ...doc, entityId, slots, breachIndex: breachIndexOf(slots), updatedAt: event.occurredAt };
  }),
});

function emptyDeadlines(ticketId: string, entityId: string): TicketDeadlines {
  const slots = { tto: null, ttr: null, internalTto: null, internalTtr: null };
  return { ticketId, entityId, slots, breachIndex: [], updatedAt: '' };
}

/** The slot after the event; events about an agreement the slot no longer holds change nothing. */
function nextSlot(slot: DeadlineSlot | null, event: TicketSlaEnvelope): DeadlineSlot | null {
  if (event.type === 'sla.attached') {
    const { slaId, name, deadline } = event.data;
    return {
      slaId,
      name,
      deadline,
      paused: false,
      state: 'running',
      breached: false,
      breachedAt: null,
      met: false,
      metAt: null,
      late: null,
      waitingSeconds: 0,
      lastLevel: null,
    };
  }
  if (!slot || slot.slaId !== event.data.slaId) return slot;
  switch (event.type) {
    case 'sla.detached':
      return null;
    case 'sla.deadline-changed': {
      // a refused solution or a reopening restarts a met TTR: it runs (or waits) again
      const { deadline, paused, waitingSeconds } = event.data;
      return { ...slot, deadline, paused, waitingSeconds, met: false, metAt: null, late: null };
    }
    case 'sla.warning':
    case 'sla.breached':
    case 'sla.escalated': {
      const { levelId, levelName, offsetMinutes, deadline } = event.data;
      const lastLevel = { levelId, name: levelName, offsetMinutes, reachedAt: event.occurredAt };
      // a level after the deadline implies the breach, should its own event have been missed
      const breaching = event.type !== 'sla.warning';
      return {
        ...slot,
        deadline,
        lastLevel,
        breached: slot.breached || breaching,
        breachedAt: slot.breachedAt ?? (breaching ? deadline : null),
      };
    }
    case 'sla.met': {
      const { metAt, late, deadline } = event.data;
      // met after the deadline is a breach too, even when the breach level had not fired yet
      return {
        ...slot,
        deadline,
        met: true,
        metAt,
        late,
        paused: false,
        breached: slot.breached || late,
        breachedAt: slot.breachedAt ?? (late ? deadline : null),
      };
    }
  }
}

function stateOf(slot: DeadlineSlot): DeadlineState {
  if (slot.met) return 'met';
  if (slot.paused) return 'paused';
  return slot.breached ? 'breached' : 'running';
}

function breachIndexOf(slots: TicketDeadlines['slots']): string[] {
  const keys = new Set<string>();
  for (const agreement of ['sla', 'ola'] as const) {
    for (const kind of ['tto', 'ttr'] as const) {
      if (!slots[slotKey(agreement, kind)]?.breached) continue;
      keys.add(breachKey(agreement, kind));
      keys.add(breachKey(agreement, 'any'));
    }
  }
  return [...keys];
}
