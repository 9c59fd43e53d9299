import { DomainError } from '@itsm/domain';

import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@itsm/auth';
import type { ActorRef, ActorRole } from '@itsm/contracts';
import { ActorChecks } from '../../access/actor-checks';
import { TicketWorkflow } from '../../access/ticket-workflow';
import type { TicketView } from '../../read-models/ticket-view.projection';

export class ChangeActorsCommand extends Command<TicketView> {
  constructor(
    readonly caller: Caller,
    readonly ticketId: string,
    readonly change: 'add' | 'remove',
    readonly role: ActorRole,
    readonly actor: ActorRef,
  ) {
    super();
  }
}

/** Assignees need ticket.assign (or ticket.steal to take it oneself); other actors need ticket.update. */
@CommandHandler(ChangeActorsCommand)
export class ChangeActorsHandler implements ICommandHandler<ChangeActorsCommand> {
  constructor(
    private readonly workflow: TicketWorkflow,
    private readonly actors: ActorChecks,
  ) {}

  async execute({ caller, ticketId, change, role, actor }: ChangeActorsCommand) {
    if (role === 'assignee') ActorChecks.assertMayAssign(caller, [actor]);
    else if (!caller.rights.has('ticket.update'))
      throw new DomainError('forbidden', `changing ${role}s needs ticket.update`);
    if (change === 'add') await this.actors.assertKnown([actor], role);
    return this.workflow.run(caller, ticketId, () =>
      change === 'add' ? { type: 'add-actor', role, actor } : { type: 'remove-actor', role, actor },
    );
  }
}
