import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@itsm/auth';
import { TicketWorkflow } from '../../access/ticket-workflow';
import type { TicketView } from '../../read-models/ticket-view.projection';

export class ChangeStatusCommand extends Command<TicketView> {
  constructor(
    readonly caller: Caller,
    readonly ticketId: string,
    readonly status: 'pending' | 'processing',
  ) {
    super();
  }
}

@CommandHandler(ChangeStatusCommand)
export class ChangeStatusHandler implements ICommandHandler<ChangeStatusCommand> {
  constructor(private readonly workflow: TicketWorkflow) {}

  execute({ caller, ticketId, status }: ChangeStatusCommand) {
    return this.workflow.run(caller, ticketId, () => ({ type: status === 'pending' ? 'set-pending' : 'resume' }));
  }
}
