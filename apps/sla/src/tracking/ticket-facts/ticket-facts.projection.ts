import type { ActorRef, TicketStatus, TicketType } from '@itsm/contracts';
import { defineProjection } from '@itsm/eventsourcing';

/** What the sla service keeps of a ticket, fed by itsm.tickets.events: rules' criteria, recipients. */
export interface TicketFactsDoc {
  ticketId: string;
  entityId: string;
  title: string;
  openedAt: string;
  status: TicketStatus;
  type: TicketType;
  categoryId: string | null;
  priority: number;
  /** users who asked: their own follow-ups do not take the ticket into account */
  requesterIds: string[];
  assignees: ActorRef[];
  takenIntoAccountAt: string | null;
}

const withActor = (actors: ActorRef[], actor: ActorRef) =>
  actors.some((known) => known.kind === actor.kind && known.id === actor.id) ? actors : [...actors, actor];

/** Someone other than the requesters writing on the ticket takes it into account. */
const answeredBy = (current: TicketFactsDoc | null, authorId: string, at: string) =>
  current &&
  (current.takenIntoAccountAt === null && !current.requesterIds.includes(authorId)
    ? { ...current, takenIntoAccountAt: at }
    : current);

export const ticketFactsProjection = defineProjection<TicketFactsDoc>({
  name: 'ticket_facts',
  indexes: [{ keys: { ticketId: 1 }, options: { name: 'ticket', unique: true } }],
  handlers: {
    // the opening date, not when it was recorded: a call recorded afterwards starts its clocks at the call
    'ticket.opened': (_current, { data }) => {
      const { ticketId, entityId, title, openedAt, type, categoryId, priority, requesters, assignees } = data;
      return {
        ticketId,
        entityId,
        title,
        openedAt,
        status: 'new',
        type,
        categoryId,
        priority,
        requesterIds: requesters.filter((actor) => actor.kind === 'user').map((actor) => actor.id),
        assignees,
        takenIntoAccountAt: null,
      };
    },
    'ticket.reclassified': (current, { data: { type, categoryId, priority } }) =>
      current && { ...current, type, categoryId, priority },
    'ticket.actor-added': (current, { data: { role, actor } }) => {
      if (!current) return null;
      if (role === 'assignee') return { ...current, assignees: withActor(current.assignees, actor) };
      if (role === 'requester' && actor.kind === 'user') {
        return { ...current, requesterIds: [...new Set([...current.requesterIds, actor.id])] };
      }
      return current;
    },
    'ticket.actor-removed': (current, { data: { role, actor } }) =>
      current &&
      (role !== 'assignee'
        ? current
        : {
            ...current,
            assignees: current.assignees.filter((known) => known.kind !== actor.kind || known.id !== actor.id),
          }),
    'ticket.status-changed': (current, { data: { from, to }, occurredAt }) =>
      current && {
        ...current,
        status: to,
        takenIntoAccountAt: current.takenIntoAccountAt ?? (from === 'new' ? occurredAt : null),
      },
    'ticket.followup-added': (current, { data, occurredAt }) => answeredBy(current, data.authorId, occurredAt),
    'ticket.task-added': (current, { data, occurredAt }) => answeredBy(current, data.authorId, occurredAt),
  },
});
