import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@itsm/auth';
import { newId } from '@itsm/runtime';
import { TicketWorkflow } from '../../access/ticket-workflow';
import type { TicketView } from '../../read-models/ticket-view.projection';

export class ReopenTicketCommand extends Command<TicketView> {
  constructor(
    readonly caller: Caller,
    readonly ticketId: string,
    readonly reason: string,
  ) {
    super();
  }
}

@CommandHandler(ReopenTicketCommand)
export class ReopenTicketHandler implements ICommandHandler<ReopenTicketCommand> {
  constructor(private readonly workflow: TicketWorkflow) {}

  execute({ caller, ticketId, reason }: ReopenTicketCommand) {
    return this.workflow.run(caller, ticketId, () => ({
      type: 'reopen-ticket',
      reason,
      by: caller.userId,
      followupId: newId(),
    }));
  }
}
