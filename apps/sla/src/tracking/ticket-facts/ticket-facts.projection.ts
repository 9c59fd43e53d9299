import type { ActorRef, TicketEvent, TicketStatus, TicketType } from '@itsm/contracts';
import type { Projection } from '@itsm/eventsourcing';

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

export const ticketFactsProjection: Projection<TicketFactsDoc> = {
  name: 'ticket_facts',
  handles: new Set([
    'ticket.opened',
    'ticket.reclassified',
    'ticket.actor-added',
    'ticket.actor-removed',
    'ticket.status-changed',
    // someone other than the requester writing on the ticket takes it into account
    'ticket.followup-added',
    'ticket.task-added',
  ]),
  indexes: [{ keys: { ticketId: 1 }, options: { name: 'ticket', unique: true } }],
  apply(current, envelope) {
    const event = envelope as unknown as TicketEvent;
    if (event.type === 'ticket.opened') {
      const { ticketId, entityId, title, type, categoryId, priority, requesters, assignees } = event.data;
      return {
        ticketId,
        entityId,
        title,
        openedAt: envelope.occurredAt,
        status: 'new',
        type,
        categoryId,
        priority,
        requesterIds: requesters.filter((actor) => actor.kind === 'user').map((actor) => actor.id),
        assignees,
        takenIntoAccountAt: null,
      };
    }
    if (!current) return null;
    switch (event.type) {
      case 'ticket.reclassified':
        return { ...current, type: event.data.type, categoryId: event.data.categoryId, priority: event.data.priority };
      case 'ticket.actor-added': {
        const { role, actor } = event.data;
        if (role === 'assignee') return { ...current, assignees: withActor(current.assignees, actor) };
        if (role === 'requester' && actor.kind === 'user') {
          return { ...current, requesterIds: [...new Set([...current.requesterIds, actor.id])] };
        }
        return current;
      }
      case 'ticket.actor-removed': {
        const { role, actor } = event.data;
        if (role !== 'assignee') return current;
        return {
          ...current,
          assignees: current.assignees.filter((known) => known.kind !== actor.kind || known.id !== actor.id),
        };
      }
      case 'ticket.status-changed': {
        const takenNow = current.takenIntoAccountAt === null && event.data.from === 'new';
        return {
          ...current,
          status: event.data.to,
          takenIntoAccountAt: takenNow ? envelope.occurredAt : current.takenIntoAccountAt,
        };
      }
      case 'ticket.followup-added':
      case 'ticket.task-added': {
        const answered = current.takenIntoAccountAt === null && !current.requesterIds.includes(event.data.authorId);
        return answered ? { ...current, takenIntoAccountAt: envelope.occurredAt } : current;
      }
      default:
        return current;
    }
  },
};
