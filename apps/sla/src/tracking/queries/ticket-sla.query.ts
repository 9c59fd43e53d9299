import { Injectable } from '@nestjs/common';
import type { Caller } from '@itsm/auth';
import { DomainError } from '@itsm/domain';
import { ProjectionRegistry } from '@itsm/runtime';
import { ticketSlaProjection, type TicketSlaDoc } from '../read-models/ticket-sla.projection';
import type { TicketFactsDoc } from '../ticket-facts/ticket-facts.projection';
import { TicketSlaTracking } from '../ticket-sla-tracking';

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
@Injectable()
export class TicketSlaQueries {
  constructor(
    private readonly tracking: TicketSlaTracking,
    private readonly projections: ProjectionRegistry,
  ) {}

  async get(caller: Caller, ticketId: string) {
    return this.view(await this.visibleTicket(caller, ticketId));
  }

  async view(ticket: TicketFactsDoc) {
    const deadlines = await this.projections.collection<TicketSlaDoc>(ticketSlaProjection.name);
    const doc = await deadlines.findOne({ ticketId: ticket.ticketId });
    return {
      ticketId: ticket.ticketId,
      entityId: ticket.entityId,
      status: ticket.status,
      agreements: agreementView(doc),
    };
  }

  /** Unknown and out-of-scope tickets answer alike: nothing tells a ticket of another entity exists. */
  async visibleTicket(caller: Caller, ticketId: string): Promise<TicketFactsDoc> {
    const ticket = await this.tracking.ticketFacts(ticketId);
    if (!ticket || !caller.scope.includes(ticket.entityId)) {
      throw new DomainError('not_found', `unknown ticket ${ticketId}`);
    }
    return ticket;
  }
}
