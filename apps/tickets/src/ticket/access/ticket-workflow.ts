import { Injectable } from '@nestjs/common';
import { commandMetadata, type Caller } from '@itsm/auth';
import { EventSourcedCommands } from '@itsm/runtime';
import type { TicketView } from '../read-models/ticket-view.projection';
import type { TicketCommand } from '../ticket.commands';
import { ticketDecider, ticketStreamId } from '../ticket.decider';
import type { TicketState } from '../ticket.state';
import { TicketAccess, type TicketCaller } from './ticket-access';

/** What a use case asks of the ticket it sees: one command, or several decided in turn (one commit). */
export type TicketRequest = (
  ticket: TicketState,
  caller: TicketCaller,
) => TicketCommand | TicketCommand[] | Promise<TicketCommand | TicketCommand[]>;

/**
 * Every command on an existing ticket: one read of its stream, visibility checked on the state it
 * gives, one append, one projection write; the answer is the document that write produced.
 */
@Injectable()
export class TicketWorkflow {
  constructor(
    private readonly access: TicketAccess,
    private readonly commands: EventSourcedCommands,
  ) {}

  async run(caller: Caller, ticketId: string, request: TicketRequest): Promise<TicketView> {
    const ticketCaller = await this.access.callerOf(caller);
    const { version } = await this.commands.executeOnState(ticketDecider, ticketStreamId(ticketId), async (ticket) => {
      this.access.assertVisible(ticketCaller, ticketId, ticket);
      const commands = [await request(ticket, ticketCaller)].flat();
      return { commands, metadata: commandMetadata(caller, ticket.entityId) };
    });
    return this.access.afterCommand(ticketCaller, ticketId, version);
  }
}
