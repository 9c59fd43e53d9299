import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@itsm/auth';
import { newId } from '@itsm/runtime';
import { TicketDirectory } from '../../../directory/ticket-directory';
import { TicketWorkflow } from '../../access/ticket-workflow';
import type { TicketView } from '../../read-models/ticket-view.projection';
import type { AddSolutionRequestDto } from './add-solution.request.dto';

export class AddSolutionCommand extends Command<TicketView> {
  constructor(
    readonly caller: Caller,
    readonly ticketId: string,
    readonly request: AddSolutionRequestDto,
  ) {
    super();
  }
}

/** "Solution": solved, awaiting the requester; closed at once where the entity's auto-close delay is 0. */
@CommandHandler(AddSolutionCommand)
export class AddSolutionHandler implements ICommandHandler<AddSolutionCommand> {
  constructor(
    private readonly workflow: TicketWorkflow,
    private readonly directory: TicketDirectory,
  ) {}

  execute({ caller, ticketId, request }: AddSolutionCommand) {
    return this.workflow.run(caller, ticketId, async (ticket) => ({
      type: 'add-solution',
      solutionId: newId(),
      content: request.content,
      solutionType: request.solutionType ?? null,
      authorId: caller.userId,
      closeAtOnce: (await this.directory.autoCloseDays(ticket.entityId)) === 0,
    }));
  }
}
