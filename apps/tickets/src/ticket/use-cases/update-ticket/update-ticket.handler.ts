import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@itsm/auth';
import { PRIORITY_MATRIX } from '../../../tickets.tokens';
import { itemsNamed, ReferenceChecks, type Named } from '../../access/reference-checks';
import { TicketWorkflow } from '../../access/ticket-workflow';
import type { PriorityMatrix } from '@itsm/domain';
import type { TicketView } from '../../read-models/ticket-view.projection';
import type { TicketCommand } from '../../ticket.commands';
import type { UpdateTicketRequestDto } from './update-ticket.request.dto';

export class UpdateTicketCommand extends Command<TicketView> {
  constructor(
    readonly caller: Caller,
    readonly ticketId: string,
    readonly request: UpdateTicketRequestDto,
  ) {
    super();
  }
}

/**
 * Details and classification are two decisions (two events, so SLA rules see reclassifications
 * alone), taken in turn on one read of the ticket and appended together.
 */
@CommandHandler(UpdateTicketCommand)
export class UpdateTicketHandler implements ICommandHandler<UpdateTicketCommand> {
  constructor(
    private readonly workflow: TicketWorkflow,
    private readonly references: ReferenceChecks,
    @Inject(PRIORITY_MATRIX) private readonly matrix: PriorityMatrix,
  ) {}

  execute({ caller, ticketId, request }: UpdateTicketCommand) {
    const { type, categoryId, urgency, impact, priority, ...details } = request;
    const changeDetails: TicketCommand = { type: 'change-ticket-details', changes: details };
    const reclassified = [type, categoryId, urgency, impact, priority].some((value) => value !== undefined);
    return this.workflow.run(caller, ticketId, async (ticket) => {
      const category: Named[] = categoryId
        ? [{ field: 'categoryId', kind: 'category', id: categoryId, ticketType: type ?? ticket.classification.type }]
        : [];
      await this.references.assertBelong(caller, ticket.entityId, [
        ...category,
        ...itemsNamed(caller, details.items ?? []),
      ]);
      if (!reclassified) return changeDetails;
      const reclassify: TicketCommand = {
        type: 'reclassify-ticket',
        ticketType: type,
        categoryId,
        urgency,
        impact,
        priority,
        matrix: this.matrix,
      };
      return [changeDetails, reclassify];
    });
  }
}
