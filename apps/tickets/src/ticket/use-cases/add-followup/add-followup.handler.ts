import { DomainError } from '@itsm/domain';

import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@itsm/auth';
import { newId } from '@itsm/runtime';
import { TicketAccess } from '../../access/ticket-access';
import { TicketWorkflow } from '../../access/ticket-workflow';
import type { TicketView } from '../../read-models/ticket-view.projection';
import type { AddFollowupRequestDto } from './add-followup.request.dto';

export class AddFollowupCommand extends Command<TicketView> {
  constructor(
    readonly caller: Caller,
    readonly ticketId: string,
    readonly request: AddFollowupRequestDto,
  ) {
    super();
  }
}

/** Technicians (ticket.update) and the ticket's own requesters and observers write follow-ups. */
@CommandHandler(AddFollowupCommand)
export class AddFollowupHandler implements ICommandHandler<AddFollowupCommand> {
  constructor(private readonly workflow: TicketWorkflow) {}

  execute({ caller, ticketId, request }: AddFollowupCommand) {
    return this.workflow.run(caller, ticketId, (ticket, who) => {
      const technician = who.rights.has('ticket.update');
      const involved = TicketAccess.holds(who, ticket, 'requester') || TicketAccess.holds(who, ticket, 'observer');
      if (!technician && !involved)
        throw new DomainError('forbidden', 'only its requesters, observers and technicians write on a ticket');
      if (request.private && !technician) throw new DomainError('forbidden', 'private follow-ups need ticket.update');
      return {
        type: 'add-followup',
        followupId: newId(),
        content: request.content,
        private: request.private ?? false,
        authorId: caller.userId,
      };
    });
  }
}
