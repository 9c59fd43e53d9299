import type { ActorRef, ActorRole, TicketStatus, TicketType } from '@itsm/contracts';
import type { TicketParties } from '@itsm/domain';
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
  /**
   * The requesters and observers as they are now, users and groups: who may read the ticket's
   * deadlines with ticket.read-own. Absent from documents written before they were kept (read them
   * through `partiesOf`).
   */
  requesters?: ActorRef[];
  observers?: ActorRef[];
  takenIntoAccountAt: string | null;
}

const LISTS = { requester: 'requesters', observer: 'observers', assignee: 'assignees' } as const;

/** The actors of a role; a document written before requesters were kept gives its user requesters. */
function actorsOf(doc: TicketFactsDoc, role: ActorRole): ActorRef[] {
  if (role === 'assignee') return doc.assignees;
  if (role === 'observer') return doc.observers ?? [];
  return doc.requesters ?? doc.requesterIds.map((id) => ({ kind: 'user', id }));
}

/** The ticket's actors as tickets' visibility rule reads them. */
export const partiesOf = (doc: TicketFactsDoc): TicketParties => ({
  entityId: doc.entityId,
  actors: { requester: actorsOf(doc, 'requester'), observer: actorsOf(doc, 'observer'), assignee: doc.assignees },
});

const sameActor = (one: ActorRef) => (other: ActorRef) => other.kind === one.kind && other.id === one.id;

const withActor = (actors: ActorRef[], actor: ActorRef) =>
  actors.some(sameActor(actor)) ? actors : [...actors, actor];

/** The role's list with the actor added or taken off; the user requesters who asked stay (see requesterIds). */
function changed(current: TicketFactsDoc, role: ActorRole, actor: ActorRef, change: 'add' | 'remove'): TicketFactsDoc {
  const list = actorsOf(current, role);
  const actors = change === 'add' ? withActor(list, actor) : list.filter((known) => !sameActor(actor)(known));
  const asked =
    change === 'add' && role === 'requester' && actor.kind === 'user'
      ? { requesterIds: [...new Set([...current.requesterIds, actor.id])] }
      : {};
  return { ...current, ...asked, [LISTS[role]]: actors };
}

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
      const { ticketId, entityId, title, openedAt, type, categoryId, priority, requesters, observers, assignees } =
        data;
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
        requesters,
        observers,
        takenIntoAccountAt: null,
      };
    },
    'ticket.reclassified': (current, { data: { type, categoryId, priority } }) =>
      current && { ...current, type, categoryId, priority },
    'ticket.actor-added': (current, { data: { role, actor } }) => current && changed(current, role, actor, 'add'),
    'ticket.actor-removed': (current, { data: { role, actor } }) => current && changed(current, role, actor, 'remove'),
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
