import { DomainError, type Right } from '@itsm/domain';
import { Injectable } from '@nestjs/common';
import { scopedFilter, type Caller } from '@itsm/auth';
import type { ActorRole } from '@itsm/contracts';
import { ProjectionRegistry } from '@itsm/runtime';
import { TicketDirectory } from '../../directory/ticket-directory';
import { actorKey, ticketViewProjection, type TicketView } from '../read-models/ticket-view.projection';

/** The caller as ticket rules see them: rights, scope, and the groups they belong to. */
export interface TicketCaller extends Caller {
  groupIds: string[];
}

/**
 * Who sees which ticket: the entity scope always; then every ticket with ticket.read-all, or only
 * those the caller (or one of their groups) requests, observes or is assigned, with read-own.
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
    const written = await this.projections
      .store<TicketView>(ticketViewProjection.name)
      .lastWritten(`ticket-${ticketId}`);
    return written ? this.checked(caller, ticketId, written) : this.visible(caller, ticketId);
  }

  private checked(caller: TicketCaller, ticketId: string, ticket: TicketView | null): TicketView {
    if (!ticket || !this.sees(caller, ticket)) throw new DomainError('not_found', `no ticket ${ticketId} you can see`);
    return ticket;
  }

  private sees(caller: TicketCaller, ticket: TicketView): boolean {
    if (!caller.scope.includes(ticket.entityId)) return false;
    if (caller.rights.has('ticket.read-all')) return true;
    if (!caller.rights.has('ticket.read-own')) throw new DomainError('forbidden', 'missing right ticket.read-own');
    const keys = new Set(ticket.actorIndex);
    return ownKeys(caller).some((key) => keys.has(key));
  }

  static holds(caller: TicketCaller, ticket: TicketView, role: ActorRole): boolean {
    const keys = new Set(ticket.actorIndex);
    return ownKeys(caller, [role]).some((key) => keys.has(key));
  }

  static requireAny(caller: TicketCaller, rights: Right[], what: string): void {
    if (!rights.some((right) => caller.rights.has(right))) {
      throw new DomainError('forbidden', `${what} needs ${rights.join(' or ')}`);
    }
  }
}

function ownKeys(caller: TicketCaller, roles: ActorRole[] = ['requester', 'observer', 'assignee']): string[] {
  return roles.flatMap((role) => [
    actorKey(role, { kind: 'user', id: caller.userId }),
    ...caller.groupIds.map((id) => actorKey(role, { kind: 'group', id })),
  ]);
}
