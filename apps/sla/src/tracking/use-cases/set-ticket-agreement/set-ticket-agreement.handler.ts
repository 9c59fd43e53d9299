import { DomainError } from '@itsm/domain';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@itsm/auth';
import { ProjectionRegistry } from '@itsm/runtime';
import {
  agreementListProjection,
  liveAgreements,
  type AgreementDoc,
} from '../../../agreement/read-models/agreement-list.projection';
import { DefinitionScope } from '../../../shared/definition-scope';
import { SLA_SETTINGS, type SlaSettings } from '../../../sla.env';
import { AgreementResolver } from '../../agreement-resolver';
import type { TicketFactsDoc } from '../../ticket-facts/ticket-facts.projection';
import { factsOf, TicketSlaTracking } from '../../ticket-sla-tracking';

export class SetTicketAgreementCommand extends Command<void> {
  constructor(
    readonly caller: Caller,
    readonly ticket: TicketFactsDoc,
    readonly slaId: string,
  ) {
    super();
  }
}

@CommandHandler(SetTicketAgreementCommand)
export class SetTicketAgreementHandler implements ICommandHandler<SetTicketAgreementCommand> {
  constructor(
    private readonly tracking: TicketSlaTracking,
    private readonly resolver: AgreementResolver,
    private readonly projections: ProjectionRegistry,
    private readonly scope: DefinitionScope,
    @Inject(SLA_SETTINGS) private readonly settings: SlaSettings,
  ) {}

  async execute({ caller, ticket, slaId }: SetTicketAgreementCommand): Promise<void> {
    const agreements = await this.projections.collection<AgreementDoc>(agreementListProjection.name);
    const agreement = await agreements.findOne({
      $and: [{ slaId, ...liveAgreements }, await this.scope.applicableTo(ticket.entityId)],
    });
    if (!agreement) throw new DomainError('rule', `SLA ${slaId} does not apply to this ticket’s entity`);
    await this.tracking.run(
      ticket.ticketId,
      {
        type: 'set-agreement',
        ticket: factsOf(ticket),
        at: new Date().toISOString(),
        resolved: await this.resolver.resolve(agreement, ticket.entityId),
        horizonDays: this.settings.calendarLimits.horizonDays,
      },
      {},
      caller,
    );
  }
}
