import { DomainError, type PriorityMatrix } from '@itsm/domain';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandMetadata, type Caller } from '@itsm/auth';
import type { ActorRef } from '@itsm/contracts';
import { EventSourcedCommands, newId } from '@itsm/runtime';
import { TicketDirectory } from '../../../directory/ticket-directory';
import { actorsNamed, itemsNamed, ReferenceChecks, type Named } from '../../access/reference-checks';
import { PRIORITY_MATRIX } from '../../../tickets.tokens';
import { ticketDecider, ticketStreamId } from '../../ticket.decider';
import type { OpenTicketRequestDto } from './open-ticket.request.dto';

export class OpenTicketCommand extends Command<{ ticketId: string }> {
  constructor(
    readonly caller: Caller,
    readonly request: OpenTicketRequestDto,
  ) {
    super();
  }
}

/** "Enregistrement": the caller records a ticket for themselves, or for others with ticket.update. */
@CommandHandler(OpenTicketCommand)
export class OpenTicketHandler implements ICommandHandler<OpenTicketCommand> {
  constructor(
    private readonly commands: EventSourcedCommands,
    private readonly references: ReferenceChecks,
    private readonly directory: TicketDirectory,
    @Inject(PRIORITY_MATRIX) private readonly matrix: PriorityMatrix,
  ) {}

  async execute({ caller, request }: OpenTicketCommand) {
    const entityId = request.entityId ?? caller.entityId;
    if (!caller.scope.includes(entityId))
      throw new DomainError('forbidden', `entity ${entityId} is outside your scope`);
    const type = request.type ?? 'incident';
    const self: ActorRef = { kind: 'user', id: caller.userId };
    const requesters = request.requesters ?? [self];
    const observers = request.observers ?? [];
    const assignees = request.assignees ?? [];
    this.assertMayRecord(caller, requesters, observers, assignees, request);
    const category: Named[] = request.categoryId
      ? [{ field: 'categoryId', kind: 'category', id: request.categoryId, ticketType: type }]
      : [];
    await this.references.assertBelong(caller, entityId, [
      ...actorsNamed('requesters', requesters, 'requester'),
      ...actorsNamed('observers', observers, 'observer'),
      ...actorsNamed('assignees', assignees, 'assignee'),
      ...category,
      ...itemsNamed(caller, request.items ?? []),
    ]);
    const openingFacts = {
      asked: request.openedAt ?? null,
      now: new Date().toISOString(),
      // read only when needed: the common creation reads nothing
      entityCreatedAt: request.openedAt ? await this.directory.entityCreatedAt(entityId) : null,
    };
    // within a request with an Idempotency-Key, the same id at every retry (see Idempotent)
    const ticketId = newId();
    await this.commands.execute(
      ticketDecider,
      ticketStreamId(ticketId),
      {
        type: 'open-ticket',
        ticketId,
        entityId,
        ticketType: type,
        title: request.title,
        description: request.description,
        categoryId: request.categoryId ?? null,
        urgency: request.urgency ?? 3,
        impact: request.impact ?? 3,
        priority: request.priority,
        matrix: this.matrix,
        source: request.source ?? 'helpdesk',
        location: request.location ?? null,
        items: request.items ?? [],
        requesters,
        observers,
        assignees,
        recipientId: caller.userId,
        opening: openingFacts,
      },
      commandMetadata(caller, entityId),
      { newStream: true },
    );
    return { ticketId };
  }

  private assertMayRecord(
    caller: Caller,
    requesters: ActorRef[],
    observers: ActorRef[],
    assignees: ActorRef[],
    { priority, impact, openedAt }: OpenTicketRequestDto,
  ) {
    const onlySelf = [...requesters, ...observers].every(
      (actor) => actor.kind === 'user' && actor.id === caller.userId,
    );
    if (!onlySelf && !caller.rights.has('ticket.update')) {
      throw new DomainError('forbidden', 'recording a ticket for someone else needs ticket.update');
    }
    if (assignees.length > 0) ReferenceChecks.assertMayAssign(caller, assignees);
    if (priority !== undefined && !caller.rights.has('ticket.update')) {
      throw new DomainError('forbidden', 'setting the priority by hand needs ticket.update');
    }
    // GLPI's simplified interface: the requester says how urgent it is, the service desk how wide
    if (impact !== undefined && !caller.rights.has('ticket.update')) {
      throw new DomainError('forbidden', 'setting the impact needs ticket.update: a requester sets the urgency');
    }
    // GLPI lets the service desk date a call it records afterwards; a requester's ticket opens now
    if (openedAt !== undefined && !caller.rights.has('ticket.update')) {
      throw new DomainError('forbidden', 'setting the opening date (openedAt) needs ticket.update');
    }
  }
}
