import type { Caller } from './caller';
import { DomainError } from './domain-error';

export type TicketRole = 'requester' | 'observer' | 'assignee';

export const TICKET_ROLES: readonly TicketRole[] = ['requester', 'observer', 'assignee'];

/** What the visibility of a ticket depends on, wherever the ticket is kept (tickets' view, sla's facts). */
export interface TicketParties {
  entityId: string;
  actors: Readonly<Record<TicketRole, ReadonlyArray<{ kind: 'user' | 'group'; id: string }>>>;
}

/** The caller as ticket rules see them: rights, scope, and the groups they belong to. */
export type TicketReader = Pick<Caller, 'userId' | 'rights' | 'scope'> & { groupIds: readonly string[] };

/** The caller, or one of their groups, holds one of the roles on the ticket. */
export function holdsTicketRole(reader: TicketReader, ticket: TicketParties, roles: readonly TicketRole[]): boolean {
  return roles.some((role) =>
    ticket.actors[role].some((actor) =>
      actor.kind === 'user' ? actor.id === reader.userId : reader.groupIds.includes(actor.id),
    ),
  );
}

/**
 * Who sees which ticket, in every service that shows a ticket's data: its entity must be in the
 * caller's scope; then ticket.read-all sees it, ticket.read-own only when the caller or one of
 * their groups requests, observes or is assigned it (GLPI's self-service). A caller with neither
 * right is refused outright (a 403, thrown) rather than told the ticket is not there.
 */
export function seesTicket(reader: TicketReader, ticket: TicketParties): boolean {
  if (!reader.scope.includes(ticket.entityId)) return false;
  if (reader.rights.has('ticket.read-all')) return true;
  if (!reader.rights.has('ticket.read-own')) throw new DomainError('forbidden', 'missing right ticket.read-own');
  return holdsTicketRole(reader, ticket, TICKET_ROLES);
}

/**
 * Internal deadlines (OLA, GLPI's "TTO/TTR interne"), escalation levels and how an agreement was
 * chosen are the service desk's business (ticket.update); requesters see their agreement's TTO and TTR.
 */
export function seesInternalDeadlines(reader: Pick<Caller, 'rights'>): boolean {
  return reader.rights.has('ticket.update');
}
