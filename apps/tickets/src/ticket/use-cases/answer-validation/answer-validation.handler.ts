import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@itsm/auth';
import { TicketWorkflow } from '../../access/ticket-workflow';
import type { TicketView } from '../../read-models/ticket-view.projection';
import type { AnswerValidationRequestDto } from './answer-validation.request.dto';

export class AnswerValidationCommand extends Command<TicketView> {
  constructor(
    readonly caller: Caller,
    readonly ticketId: string,
    readonly validationId: string,
    readonly request: AnswerValidationRequestDto,
  ) {
    super();
  }
}

/** Only the user asked, or a member of the group asked, answers (the decider checks it). */
@CommandHandler(AnswerValidationCommand)
export class AnswerValidationHandler implements ICommandHandler<AnswerValidationCommand> {
  constructor(private readonly workflow: TicketWorkflow) {}

  execute({ caller, ticketId, validationId, request }: AnswerValidationCommand) {
    return this.workflow.run(caller, ticketId, (_ticket, who) => ({
      type: 'answer-validation',
      validationId,
      decision: request.decision,
      comment: request.comment ?? '',
      answeredBy: caller.userId,
      answererGroupIds: who.groupIds,
    }));
  }
}
