import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, RequireRights, type Caller } from '@itsm/auth';
import { IdParam } from '@itsm/runtime';
import { TicketSlaQueries } from './queries/ticket-sla.query';
import { SetTicketAgreementCommand } from './use-cases/set-ticket-agreement/set-ticket-agreement.handler';
import { SetTicketAgreementRequestDto } from './use-cases/set-ticket-agreement/set-ticket-agreement.request.dto';

/** A ticket's deadlines as GLPI's form shows them: TTO, TTO interne, TTR, TTR interne, with breaches. */
@ApiTags('ticket deadlines')
@ApiBearerAuth()
@Controller('api/tickets/:id/sla')
export class TicketSlaHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queries: TicketSlaQueries,
  ) {}

  /** Rights as for the ticket itself (ticket.read-all, or ticket.read-own on one's own tickets): see TicketSlaQueries. */
  @Get()
  get(@CurrentCaller() caller: Caller, @Param() { id }: IdParam) {
    return this.queries.get(caller, id);
  }

  @Put()
  @RequireRights('sla.read', 'ticket.update')
  async set(@CurrentCaller() caller: Caller, @Param() { id }: IdParam, @Body() body: SetTicketAgreementRequestDto) {
    const ticket = await this.queries.visibleTicket(caller, id);
    await this.commandBus.execute(new SetTicketAgreementCommand(caller, ticket, body.slaId));
    return this.queries.view(caller, ticket);
  }
}
