import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@itsm/auth';
import { newId } from '@itsm/runtime';
import { ActorChecks } from '../../access/actor-checks';
import { TicketWorkflow } from '../../access/ticket-workflow';
import type { TicketView } from '../../read-models/ticket-view.projection';
import type { RequestValidationRequestDto } from './request-validation.request.dto';

export class RequestValidationCommand extends Command<TicketView> {
  constructor(
    readonly caller: Caller,
    readonly ticketId: string,
    readonly request: RequestValidationRequestDto,
  ) {
    super();
  }
}

@CommandHandler(RequestValidationCommand)
export class RequestValidationHandler implements ICommandHandler<RequestValidationCommand> {
  constructor(
    private readonly workflow: TicketWorkflow,
    private readonly actors: ActorChecks,
  ) {}

  async execute({ caller, ticketId, request }: RequestValidationCommand) {
    await this.actors.assertKnown([request.approver]);
    return this.workflow.run(caller, ticketId, () => ({
      type: 'request-validation',
      validationId: newId(),
      approver: request.approver,
      comment: request.comment ?? '',
      requesterId: caller.userId,
    }));
  }
}
