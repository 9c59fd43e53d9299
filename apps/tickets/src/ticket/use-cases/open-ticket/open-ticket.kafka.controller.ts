import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EventPattern, Payload } from '@nestjs/microservices';
import { OmitType } from '@nestjs/swagger';
import { CurrentCaller, RequireRights, type Caller } from '@itsm/auth';
import { OpenTicketCommand } from './open-ticket.handler';
import { OpenTicketRequestDto } from './open-ticket.request.dto';

/** POST /api/tickets's body as ticket.open (version 1) takes it: no opening date. */
export class OpenTicketCommandDto extends OmitType(OpenTicketRequestDto, ['openedAt'] as const) {}

/** `ticket.open` on itsm.tickets.commands: other services open tickets the way POST /api/tickets does. */
@Controller()
export class OpenTicketKafkaController {
  constructor(private readonly commandBus: CommandBus) {}

  // <string>: the untyped overload, the data being typed (and validated) by the DTO
  @EventPattern<string>('ticket.open')
  @RequireRights('ticket.create')
  async open(@CurrentCaller() caller: Caller, @Payload() body: OpenTicketCommandDto) {
    // a redelivered command is answered from its stored result: no key needed here
    const { ticketId } = await this.commandBus.execute(new OpenTicketCommand(caller, body));
    return { ticketId };
  }
}
