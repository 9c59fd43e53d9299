import { TICKET_SLA_EVENT_TYPES } from '@itsm/contracts';
import { defineProjection, handlersFor } from '@itsm/eventsourcing';
import { evolveTicketSla, initialTicketSlaState, type TicketSlaState } from '../ticket-sla.state';

export interface TicketSlaDoc extends TicketSlaState {
  /** some agreement still runs: its timers must exist (what the start-up reconciliation reads) */
  running: boolean;
}

/** Each ticket's deadlines, folded with the decider's own evolve: the read model cannot drift from it. */
export const ticketSlaProjection = defineProjection<TicketSlaDoc>({
  name: 'ticket_sla',
  indexes: [
    { keys: { ticketId: 1 }, options: { name: 'ticket', unique: true } },
    { keys: { running: 1 }, options: { name: 'running' } },
  ],
  handlers: handlersFor(TICKET_SLA_EVENT_TYPES, (current: TicketSlaDoc | null, event) => {
    const { running: _running, ...state } = current ?? { ...initialTicketSlaState(), running: false };
    const next = evolveTicketSla(state, event);
    return { ...next, running: next.agreements.some((agreement) => agreement.state === 'running') };
  }),
});
