import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@itsm/auth';
import { newId } from '@itsm/runtime';
import { TicketAccess } from '../../access/ticket-access';
import { TicketWorkflow } from '../../access/ticket-workflow';
import type { TicketView } from '../../read-models/ticket-view.projection';

export class AnswerSolutionCommand extends Command<TicketView> {
  /** reason: absent to approve, the refusal's reason to refuse */
  constructor(
    readonly caller: Caller,
    readonly ticketId: string,
    readonly reason?: string,
  ) {
    super();
  }
}

/** "Validation" of the solution by a requester (user, or member of a requester group). */
@CommandHandler(AnswerSolutionCommand)
export class AnswerSolutionHandler implements ICommandHandler<AnswerSolutionCommand> {
  constructor(private readonly workflow: TicketWorkflow) {}

  execute({ caller, ticketId, reason }: AnswerSolutionCommand) {
    return this.workflow.run(caller, ticketId, (ticket, who) => {
      const isRequester = TicketAccess.holds(who, ticket, 'requester');
      return reason === undefined
        ? { type: 'approve-solution', by: caller.userId, isRequester }
        : { type: 'refuse-solution', by: caller.userId, isRequester, reason, followupId: newId() };
    });
  }
}
