import type { TicketEvent, TicketOpened, TicketStatus } from '@itsm/contracts';

/** A `ticket.opened` for the decider specs: an incident recorded by phone in the root entity. */
export const ticketOpened = (
  ticketId: string,
  data: Pick<TicketOpened['data'], 'title' | 'description' | 'requesters'> & Partial<TicketOpened['data']>,
): TicketEvent => ({
  type: 'ticket.opened',
  data: {
    ticketId,
    entityId: 'root',
    type: 'incident',
    categoryId: null,
    urgency: 3,
    impact: 3,
    priority: 3,
    priorityOverridden: false,
    source: 'phone',
    location: null,
    items: [],
    observers: [],
    assignees: [],
    recipientId: 'tech',
    ...data,
  },
});

/** The `ticket.status-changed` events of one ticket. */
export const statusChangesOf =
  (ticketId: string) =>
  (from: TicketStatus, to: TicketStatus, reason: string): TicketEvent => ({
    type: 'ticket.status-changed',
    data: { ticketId, from, to, reason },
  });
