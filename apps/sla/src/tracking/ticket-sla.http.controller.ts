import { DomainError } from '@itsm/domain';
import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, RequireRights, type Caller } from '@itsm/auth';
import { IdParam, ProjectionRegistry } from '@itsm/runtime';
import { ticketSlaProjection, type TicketSlaDoc } from './read-models/ticket-sla.projection';
import type { TicketFactsDoc } from './ticket-facts/ticket-facts.projection';
import { TicketSlaTracking } from './ticket-sla-tracking';
import { SetTicketAgreementCommand } from './use-cases/set-ticket-agreement/set-ticket-agreement.handler';
import { SetTicketAgreementRequestDto } from './use-cases/set-ticket-agreement/set-ticket-agreement.request.dto';

const agreementView = (doc: TicketSlaDoc | null) =>
  (doc?.agreements ?? []).map((agreement) => ({
    slaId: agreement.slaId,
    name: agreement.name,
    agreement: agreement.agreement,
    kind: agreement.kind,
    state: agreement.state,
    startedAt: agreement.startedAt,
    deadline: agreement.deadline,
    paused: agreement.state === 'paused',
    waitingSeconds: agreement.waitingSeconds,
    breached: agreement.breached,
    metAt: agreement.metAt,
    late: agreement.late,
    explicit: agreement.explicit,
    levels: agreement.levels.map((level) => ({ ...level, done: agreement.fired.includes(level.levelId) })),
  }));

/** A ticket's deadlines as GLPI's form shows them: TTO, TTO interne, TTR, TTR interne, with breaches. */
@ApiTags('ticket deadlines')
@ApiBearerAuth()
@Controller('api/tickets/:id/sla')
export class TicketSlaHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly tracking: TicketSlaTracking,
    private readonly projections: ProjectionRegistry,
  ) {}

  @Get()
  @RequireRights('sla.read')
  async get(@CurrentCaller() caller: Caller, @Param() { id }: IdParam) {
    const ticket = await this.visibleTicket(caller, id);
    return this.view(ticket);
  }

  @Put()
  @RequireRights('sla.read', 'ticket.update')
  async set(@CurrentCaller() caller: Caller, @Param() { id }: IdParam, @Body() body: SetTicketAgreementRequestDto) {
    const ticket = await this.visibleTicket(caller, id);
    await this.commandBus.execute(new SetTicketAgreementCommand(caller, ticket, body.slaId));
    return this.view(ticket);
  }

  private async view(ticket: TicketFactsDoc) {
    const doc = await (
      await this.projections.collection<TicketSlaDoc>(ticketSlaProjection.name)
    ).findOne({ ticketId: ticket.ticketId });
    return {
      ticketId: ticket.ticketId,
      entityId: ticket.entityId,
      status: ticket.status,
      agreements: agreementView(doc),
    };
  }

  /** Unknown and out-of-scope tickets answer alike: nothing tells a ticket of another entity exists. */
  private async visibleTicket(caller: Caller, ticketId: string): Promise<TicketFactsDoc> {
    const ticket = await this.tracking.ticketFacts(ticketId);
    if (!ticket || !caller.scope.includes(ticket.entityId))
      throw new DomainError('not_found', `unknown ticket ${ticketId}`);
    return ticket;
  }
}
