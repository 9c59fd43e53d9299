import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@itsm/auth';
import { CategoryCatalogue } from '../../../category/category-catalogue';
import { PRIORITY_MATRIX } from '../../../tickets.tokens';
import { TicketWorkflow } from '../../access/ticket-workflow';
import type { PriorityMatrix } from '../../priority-matrix';
import type { TicketView } from '../../read-models/ticket-view.projection';
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

/** Details and classification are two decisions (two events), so SLA rules see reclassifications alone. */
@CommandHandler(UpdateTicketCommand)
export class UpdateTicketHandler implements ICommandHandler<UpdateTicketCommand> {
  constructor(
    private readonly workflow: TicketWorkflow,
    private readonly categories: CategoryCatalogue,
    @Inject(PRIORITY_MATRIX) private readonly matrix: PriorityMatrix,
  ) {}

  async execute({ caller, ticketId, request }: UpdateTicketCommand) {
    const { type, categoryId, urgency, impact, priority, ...details } = request;
    let view = await this.workflow.run(caller, ticketId, () => ({ type: 'change-ticket-details', changes: details }));
    const reclassified = [type, categoryId, urgency, impact, priority].some((value) => value !== undefined);
    if (reclassified) {
      view = await this.workflow.run(caller, ticketId, async (ticket) => {
        if (categoryId) await this.categories.assertUsable(caller, categoryId, type ?? ticket.type);
        return {
          type: 'reclassify-ticket',
          ticketType: type,
          categoryId,
          urgency,
          impact,
          priority,
          matrix: this.matrix,
        };
      });
    }
    return view;
  }
}
