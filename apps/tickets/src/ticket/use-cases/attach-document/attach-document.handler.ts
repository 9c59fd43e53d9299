import { DomainError } from '@itsm/domain';

import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@itsm/auth';
import { newId } from '@itsm/runtime';
import { TicketAccess } from '../../access/ticket-access';
import { TicketWorkflow } from '../../access/ticket-workflow';
import type { TicketView } from '../../read-models/ticket-view.projection';
import type { AttachDocumentRequestDto } from './attach-document.request.dto';

export class AttachDocumentCommand extends Command<TicketView> {
  constructor(
    readonly caller: Caller,
    readonly ticketId: string,
    readonly request: AttachDocumentRequestDto,
  ) {
    super();
  }
}

@CommandHandler(AttachDocumentCommand)
export class AttachDocumentHandler implements ICommandHandler<AttachDocumentCommand> {
  constructor(private readonly workflow: TicketWorkflow) {}

  execute({ caller, ticketId, request }: AttachDocumentCommand) {
    return this.workflow.run(caller, ticketId, (ticket, who) => {
      const involved = TicketAccess.holds(who, ticket, 'requester') || TicketAccess.holds(who, ticket, 'observer');
      if (!involved && !who.rights.has('ticket.update'))
        throw new DomainError('forbidden', 'attaching needs ticket.update');
      return { type: 'attach-document', documentId: newId(), ...request, authorId: caller.userId };
    });
  }
}
