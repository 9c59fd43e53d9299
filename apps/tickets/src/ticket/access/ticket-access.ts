import { DomainError, holdsTicketRole, seesTicket, TICKET_ROLES, type Right, type TicketParties } from '@itsm/domain';
import { Injectable } from '@nestjs/common';
import { scopedFilter, type Caller } from '@itsm/auth';
import type { ActorRole } from '@itsm/contracts';
import type { ProjectedFields } from '@itsm/eventsourcing';
import { ProjectionRegistry } from '@itsm/runtime';
import { TicketDirectory } from '../../directory/ticket-directory';
import { actorKey, ticketViewProjection, type TicketView } from '../read-models/ticket-view.projection';
import type { TicketState } from '../ticket.state';

/** The caller as ticket rules see them: rights, scope, and the groups they belong to. */
export interface TicketCaller extends Caller {
  groupIds: string[];
}

/**
 * Who sees which ticket (`seesTicket`, the rule sla applies too): the entity scope always; then
 * every ticket with ticket.read-all, or only those the caller (or one of their groups) requests,
 * observes or is assigned, with read-own. The read model's filter says the same in a query.
 */
@Injectable()
export class TicketAccess {
  constructor(
    private readonly projections: ProjectionRegistry,
    private readonly directory: TicketDirectory,
  ) {}

  tickets() {
    return this.projections.collection<TicketView>(ticketViewProjection.name);
  }

  async callerOf(caller: Caller): Promise<TicketCaller> {
    return { ...caller, groupIds: await this.directory.groupIdsOf(caller.userId) };
  }

  /** The filter every ticket query starts from. */
  readFilter(caller: TicketCaller, criteria: Record<string, unknown> = {}): Record<string, unknown> {
    if (caller.rights.has('ticket.read-all')) return scopedFilter(caller, criteria);
    if (!caller.rights.has('ticket.read-own')) throw new DomainError('forbidden', 'missing right ticket.read-own');
    return scopedFilter(caller, { $and: [criteria, { actorIndex: { $in: ownKeys(caller) } }] });
  }

  /**
   * The ticket, or 404 when it is outside what the caller may see. Fetched by its stream id alone
   * (an equality FerretDB hands to PostgreSQL) and checked here, the same rule as readFilter.
   */
  async visible(caller: TicketCaller, ticketId: string): Promise<TicketView> {
    return this.checked(caller, ticketId, await (await this.tickets()).findOne({ _id: `ticket-${ticketId}` }));
  }

  /** The same, from the document this replica has just written when it still holds it: a writer's answer. */
  async visibleAsWritten(caller: TicketCaller, ticketId: string): Promise<TicketView> {
    return this.checked(caller, ticketId, await this.written(ticketId, 1));
  }

  /** The same check on the decider's state (the command's own read): no such ticket is a 404 too. */
  assertVisible(caller: TicketCaller, ticketId: string, ticket: TicketState): void {
    if (ticket.ticketId === null || !seesTicket(caller, ticket)) {
      throw new DomainError('not_found', `no ticket ${ticketId} you can see`);
    }
  }

  /**
   * The document as it stands after a command that brought the stream to `sequence`: the one the
   * inline apply has just written, else (that apply failed, or wrote nothing) as stored; checked
   * again, as the command may have taken the caller off the ticket.
   */
  async afterCommand(caller: TicketCaller, ticketId: string, sequence: number): Promise<TicketView> {
    return this.checked(caller, ticketId, await this.written(ticketId, sequence));
  }

  private async written(ticketId: string, sequence: number): Promise<TicketView | null> {
    const streamId = `ticket-${ticketId}`;
    const written = await this.projections.store<TicketView>(ticketViewProjection.name).lastWritten(streamId);
    if (written && written._sequence >= sequence) return written;
    return (await this.tickets()).findOne({ _id: streamId } as never) as Promise<(TicketView & ProjectedFields) | null>;
  }

  private checked(caller: TicketCaller, ticketId: string, ticket: TicketView | null): TicketView {
    if (!ticket || !seesTicket(caller, ticket)) throw new DomainError('not_found', `no ticket ${ticketId} you can see`);
    return ticket;
  }

  static holds(caller: TicketCaller, ticket: TicketParties, role: ActorRole): boolean {
    return holdsTicketRole(caller, ticket, [role]);
  }

  static requireAny(caller: TicketCaller, rights: Right[], what: string): void {
    if (!rights.some((right) => caller.rights.has(right))) {
      throw new DomainError('forbidden', `${what} needs ${rights.join(' or ')}`);
    }
  }
}

/** The read model's `actorIndex` keys that make a ticket the caller's own. */
function ownKeys(caller: TicketCaller): string[] {
  return TICKET_ROLES.flatMap((role) => [
    actorKey(role, { kind: 'user', id: caller.userId }),
    ...caller.groupIds.map((id) => actorKey(role, { kind: 'group', id })),
  ]);
}
