import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@itsm/auth';
import { TicketAccess } from '../../access/ticket-access';
import { TicketWorkflow } from '../../access/ticket-workflow';
import type { TicketView } from '../../read-models/ticket-view.projection';
import type { RecordSatisfactionRequestDto } from './record-satisfaction.request.dto';

export class RecordSatisfactionCommand extends Command<TicketView> {
  constructor(
    readonly caller: Caller,
    readonly ticketId: string,
    readonly request: RecordSatisfactionRequestDto,
    /** when the answer is given: whether it may still change the first one depends on it */
    readonly at = new Date(),
  ) {
    super();
  }
}

@CommandHandler(RecordSatisfactionCommand)
export class RecordSatisfactionHandler implements ICommandHandler<RecordSatisfactionCommand> {
  constructor(private readonly workflow: TicketWorkflow) {}

  execute({ caller, ticketId, request, at }: RecordSatisfactionCommand) {
    return this.workflow.run(caller, ticketId, (ticket, who) => ({
      type: 'record-satisfaction',
      rating: request.rating,
      comment: request.comment ?? '',
      answeredBy: caller.userId,
      isRequester: TicketAccess.holds(who, ticket, 'requester'),
      now: at.toISOString(),
    }));
  }
}
