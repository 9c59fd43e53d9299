import { Injectable } from '@nestjs/common';
import { commandMetadata, type Caller } from '@itsm/auth';
import { EventSourcedCommands } from '@itsm/runtime';
import type { TicketView } from '../read-models/ticket-view.projection';
import type { TicketCommand } from '../ticket.commands';
import { ticketDecider, ticketStreamId } from '../ticket.decider';
import { TicketAccess, type TicketCaller } from './ticket-access';

/** Every command on an existing ticket: find it within what the caller sees, decide, return the new view. */
@Injectable()
export class TicketWorkflow {
  constructor(
    private readonly access: TicketAccess,
    private readonly commands: EventSourcedCommands,
  ) {}

  async run(
    caller: Caller,
    ticketId: string,
    build: (ticket: TicketView, caller: TicketCaller) => TicketCommand | Promise<TicketCommand>,
  ): Promise<TicketView> {
    const ticketCaller = await this.access.callerOf(caller);
    const ticket = await this.access.visible(ticketCaller, ticketId);
    const command = await build(ticket, ticketCaller);
    const metadata = commandMetadata(caller, ticket.entityId);
    await this.commands.execute(ticketDecider, ticketStreamId(ticketId), command, metadata);
    return this.access.visible(ticketCaller, ticketId);
  }
}
