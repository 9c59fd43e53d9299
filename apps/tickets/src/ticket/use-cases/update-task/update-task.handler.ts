import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@itsm/auth';
import type { TaskFields } from '@itsm/contracts';
import { ReferenceChecks, technicianNamed } from '../../access/reference-checks';
import { TicketWorkflow } from '../../access/ticket-workflow';
import type { TicketView } from '../../read-models/ticket-view.projection';
import type { TaskFieldsDto } from '../add-task/add-task.request.dto';

export class UpdateTaskCommand extends Command<TicketView> {
  constructor(
    readonly caller: Caller,
    readonly ticketId: string,
    readonly taskId: string,
    readonly changes: TaskFieldsDto,
  ) {
    super();
  }
}

@CommandHandler(UpdateTaskCommand)
export class UpdateTaskHandler implements ICommandHandler<UpdateTaskCommand> {
  constructor(
    private readonly workflow: TicketWorkflow,
    private readonly references: ReferenceChecks,
  ) {}

  execute({ caller, ticketId, taskId, changes }: UpdateTaskCommand) {
    return this.workflow.run(caller, ticketId, async (ticket) => {
      await this.references.assertBelong(caller, ticket.entityId, technicianNamed(changes.technicianId));
      return { type: 'update-task', taskId, changes: changes as Partial<TaskFields> };
    });
  }
}
