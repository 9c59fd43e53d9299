import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@itsm/auth';
import { newId } from '@itsm/runtime';
import { ReferenceChecks } from '../../access/reference-checks';
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
    private readonly references: ReferenceChecks,
  ) {}

  execute({ caller, ticketId, request }: RequestValidationCommand) {
    return this.workflow.run(caller, ticketId, async (ticket) => {
      await this.references.assertBelong(caller, ticket.entityId, [{ field: 'approver.id', ...request.approver }]);
      return {
        type: 'request-validation',
        validationId: newId(),
        approver: request.approver,
        comment: request.comment ?? '',
        requesterId: caller.userId,
      };
    });
  }
}
