import { Injectable } from '@nestjs/common';
import type { Caller } from '@itsm/auth';
import { DirectoryReader } from '@itsm/directory';
import { DomainError, seesInternalDeadlines, seesTicket } from '@itsm/domain';
import { ProjectionRegistry } from '@itsm/runtime';
import { ticketSlaProjection, type TicketSlaDoc } from '../read-models/ticket-sla.projection';
import { partiesOf, type TicketFactsDoc } from '../ticket-facts/ticket-facts.projection';
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

type AgreementView = ReturnType<typeof agreementView>[number];

/** A requester's view: their agreement's TTO and TTR (SLA), without the levels nor how it was chosen. */
const forRequesters = (agreements: AgreementView[]) =>
  agreements
    .filter((agreement) => agreement.agreement === 'sla')
    .map(({ levels: _levels, explicit: _explicit, ...shown }) => shown);

/**
 * The whole of a ticket's deadlines (OLA, escalation levels and their actions, agreements set by
 * hand) is for the service desk (tickets' rule, `seesInternalDeadlines`) who may read SLA
 * definitions (sla.read); anyone else who sees the ticket gets the requester's view.
 */
const seesEverything = (caller: Caller) => seesInternalDeadlines(caller) && caller.rights.has('sla.read');

/** A ticket's deadlines as GLPI's form shows them: TTO, TTO interne, TTR, TTR interne, with breaches. */
@Injectable()
export class TicketSlaQueries {
  constructor(
    private readonly tracking: TicketSlaTracking,
    private readonly projections: ProjectionRegistry,
    private readonly directory: DirectoryReader,
  ) {}

  async get(caller: Caller, ticketId: string) {
    return this.view(caller, await this.visibleTicket(caller, ticketId));
  }

  async view(caller: Caller, ticket: TicketFactsDoc) {
    const deadlines = await this.projections.collection<TicketSlaDoc>(ticketSlaProjection.name);
    const agreements = agreementView(await deadlines.findOne({ ticketId: ticket.ticketId }));
    return {
      ticketId: ticket.ticketId,
      entityId: ticket.entityId,
      status: ticket.status,
      agreements: seesEverything(caller) ? agreements : forRequesters(agreements),
    };
  }

  /**
   * The ticket under tickets' own rule (`seesTicket`): in scope, and with ticket.read-own only
   * when the caller or one of their groups requests, observes or is assigned it. Unknown and
   * invisible tickets answer alike: nothing tells a ticket of another entity or person exists.
   */
  async visibleTicket(caller: Caller, ticketId: string): Promise<TicketFactsDoc> {
    const ticket = await this.tracking.ticketFacts(ticketId);
    if (
      ticket &&
      seesTicket({ ...caller, groupIds: await this.directory.groupIdsOf(caller.userId) }, partiesOf(ticket))
    ) {
      return ticket;
    }
    throw new DomainError('not_found', `unknown ticket ${ticketId}`);
  }
}
