import { DomainError } from '@itsm/domain';

import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@itsm/auth';
import type { ActorRef, ActorRole } from '@itsm/contracts';
import { ReferenceChecks } from '../../access/reference-checks';
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
    private readonly references: ReferenceChecks,
  ) {}

  async execute({ caller, ticketId, change, role, actor }: ChangeActorsCommand) {
    if (role === 'assignee') ReferenceChecks.assertMayAssign(caller, [actor]);
    else if (!caller.rights.has('ticket.update'))
      throw new DomainError('forbidden', `changing ${role}s needs ticket.update`);
    if (change === 'remove') return this.workflow.run(caller, ticketId, () => ({ type: 'remove-actor', role, actor }));
    return this.workflow.run(caller, ticketId, async (ticket) => {
      await this.references.assertBelong(caller, ticket.entityId, [{ field: 'id', ...actor, role }]);
      return { type: 'add-actor', role, actor };
    });
  }
}
