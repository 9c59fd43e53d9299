import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@itsm/auth';
import { TicketWorkflow } from '../../access/ticket-workflow';
import type { TicketView } from '../../read-models/ticket-view.projection';

export class CloseTicketCommand extends Command<TicketView> {
  constructor(
    readonly caller: Caller,
    readonly ticketId: string,
  ) {
    super();
  }
}

/** "Clôture" by a technician holding ticket.close. */
@CommandHandler(CloseTicketCommand)
export class CloseTicketHandler implements ICommandHandler<CloseTicketCommand> {
  constructor(private readonly workflow: TicketWorkflow) {}

  execute({ caller, ticketId }: CloseTicketCommand) {
    return this.workflow.run(caller, ticketId, () => ({ type: 'close-ticket', by: 'technician' }));
  }
}
