import { TICKET_SLA_EVENT_TYPES, type TicketSlaEvent } from '@itsm/contracts';
import type { Projection } from '@itsm/eventsourcing';
import { evolveTicketSla, initialTicketSlaState, type TicketSlaState } from '../ticket-sla.state';

export interface TicketSlaDoc extends TicketSlaState {
  /** some agreement still runs: its timers must exist (what the start-up reconciliation reads) */
  running: boolean;
}

/** Each ticket's deadlines, folded with the decider's own evolve: the read model cannot drift from it. */
export const ticketSlaProjection: Projection<TicketSlaDoc> = {
  name: 'ticket_sla',
  handles: new Set(TICKET_SLA_EVENT_TYPES),
  indexes: [
    { keys: { ticketId: 1 }, options: { name: 'ticket', unique: true } },
    { keys: { running: 1 }, options: { name: 'running' } },
  ],
  apply(current, envelope) {
    const { running: _running, ...state } = current ?? { ...initialTicketSlaState(), running: false };
    const next = evolveTicketSla(state, envelope as unknown as TicketSlaEvent);
    return { ...next, running: next.agreements.some((agreement) => agreement.state === 'running') };
  },
};
