import { DomainError, isDomainError } from '@itsm/domain';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandMetadata, type Caller } from '@itsm/auth';
import type { ActorRef } from '@itsm/contracts';
import { EventSourcedCommands } from '@itsm/runtime';
import { v5 as uuidv5, v7 as uuidv7 } from 'uuid';
import { TicketDirectory } from '../../../directory/ticket-directory';
import { actorsNamed, ReferenceChecks, type Named } from '../../access/reference-checks';
import { PRIORITY_MATRIX } from '../../../tickets.tokens';
import type { PriorityMatrix } from '../../priority-matrix';
import { ticketDecider, ticketStreamId } from '../../ticket.decider';
import type { OpenTicketRequestDto } from './open-ticket.request.dto';

/** Ids of tickets opened with an Idempotency-Key: the same caller and key always name the same ticket. */
const IDEMPOTENT_TICKETS = '5b0c3f52-8a57-4c1e-9d2b-6f1e0c7a9e41';

export class OpenTicketCommand extends Command<{ ticketId: string; replayed: boolean }> {
  constructor(
    readonly caller: Caller,
    readonly request: OpenTicketRequestDto,
    /** a client's retry with the same key gets the ticket its first attempt opened, never a second one */
    readonly idempotencyKey?: string,
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

  async execute({ caller, request, idempotencyKey }: OpenTicketCommand) {
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
    ]);
    const openingFacts = {
      asked: request.openedAt ?? null,
      now: new Date().toISOString(),
      // read only when needed: the common creation reads nothing
      entityCreatedAt: request.openedAt ? await this.directory.entityCreatedAt(entityId) : null,
    };
    // a keyed creation's id is derived from the caller and the key: the event store's unique
    // (stream, sequence) makes a retry, even a concurrent one, find the first ticket
    const ticketId = idempotencyKey ? uuidv5(`${caller.userId}\n${idempotencyKey}`, IDEMPOTENT_TICKETS) : uuidv7();
    const opening = this.commands.execute(
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
    if (!idempotencyKey) return opening.then(() => ({ ticketId, replayed: false }));
    return opening.then(
      () => ({ ticketId, replayed: false }),
      async (error: unknown) => {
        if (!(isDomainError(error) && error.code === 'conflict')) throw error;
        const { state } = await this.commands.load(ticketDecider, ticketStreamId(ticketId));
        if (state.ticketId === null) throw error;
        return { ticketId, replayed: true };
      },
    );
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
