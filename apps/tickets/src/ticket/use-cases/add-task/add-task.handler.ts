import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@itsm/auth';
import { newId } from '@itsm/runtime';
import { ReferenceChecks, technicianNamed } from '../../access/reference-checks';
import { TicketWorkflow } from '../../access/ticket-workflow';
import type { TicketView } from '../../read-models/ticket-view.projection';
import type { AddTaskRequestDto } from './add-task.request.dto';

export class AddTaskCommand extends Command<TicketView> {
  constructor(
    readonly caller: Caller,
    readonly ticketId: string,
    readonly request: AddTaskRequestDto,
  ) {
    super();
  }
}

/**
 * "Traitement": a task with its duration, state and planning; the technician defaults to the
 * author, and must belong to the ticket's entity tree.
 */
@CommandHandler(AddTaskCommand)
export class AddTaskHandler implements ICommandHandler<AddTaskCommand> {
  constructor(
    private readonly workflow: TicketWorkflow,
    private readonly references: ReferenceChecks,
  ) {}

  execute({ caller, ticketId, request }: AddTaskCommand) {
    const technicianId = request.technicianId === undefined ? caller.userId : request.technicianId;
    return this.workflow.run(caller, ticketId, async (ticket) => {
      await this.references.assertBelong(caller, ticket.entityId, technicianNamed(technicianId));
      return {
        type: 'add-task',
        taskId: newId(),
        authorId: caller.userId,
        content: request.content,
        durationMinutes: request.durationMinutes ?? 0,
        state: request.state ?? 'todo',
        plannedBegin: request.plannedBegin ?? null,
        plannedEnd: request.plannedEnd ?? null,
        technicianId,
        private: request.private ?? false,
      };
    });
  }
}
