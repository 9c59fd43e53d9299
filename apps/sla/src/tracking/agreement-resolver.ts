import { Injectable } from '@nestjs/common';
import type { CalendarDefinition } from '@itsm/contracts';
import { defaultCalendarId, DirectoryReader } from '@itsm/directory';
import { CachedReads, ProjectionRegistry } from '@itsm/runtime';
import {
  agreementListProjection,
  liveAgreements,
  type AgreementDoc,
} from '../agreement/read-models/agreement-list.projection';
import {
  calendarDefinitionOf,
  calendarListProjection,
  type CalendarDoc,
} from '../calendar/read-models/calendar-list.projection';
import { chooseAgreements, type ClassifiedTicket } from '../rule/choose-agreements';
import { ruleListProjection, type SlaRuleDoc } from '../rule/read-models/rule-list.projection';
import { DefinitionScope } from '../shared/definition-scope';
import type { ResolvedAgreement } from './ticket-sla.commands';

/**
 * Turns definitions (read models) into what the ticket decider needs: terms with their calendars.
 * Every ticket event asks for them: they are read once per change (see CachedReads).
 */
@Injectable()
export class AgreementResolver {
  private readonly definitions: CachedReads;

  constructor(
    private readonly projections: ProjectionRegistry,
    private readonly scope: DefinitionScope,
    private readonly directory: DirectoryReader,
  ) {
    const names = [ruleListProjection.name, agreementListProjection.name, calendarListProjection.name];
    this.definitions = new CachedReads(names.map((name) => projections.store(name)));
  }

  /** What the rules of the ticket's entity give it now, on the calendars they run on there (deleted agreements no more). */
  async chosenFor(ticket: ClassifiedTicket & { entityId: string }): Promise<ResolvedAgreement[]> {
    const rules = await this.definitions.read(`rules:${ticket.entityId}`, async () =>
      (await this.projections.collection<SlaRuleDoc>(ruleListProjection.name))
        .find(await this.scope.applicableTo(ticket.entityId))
        .toArray(),
    );
    const slaIds = chooseAgreements(rules, ticket);
    if (slaIds.length === 0) return [];
    const agreements = await this.definitions.read(`agreements:${[...slaIds].sort().join(',')}`, async () =>
      (await this.projections.collection<AgreementDoc>(agreementListProjection.name))
        .find({ slaId: { $in: slaIds }, ...liveAgreements })
        .toArray(),
    );
    return this.resolveAll(agreements, ticket.entityId);
  }

  async resolve(agreement: AgreementDoc, ticketEntityId: string): Promise<ResolvedAgreement> {
    return (await this.resolveAll([agreement], ticketEntityId))[0];
  }

  /** An agreement a ticket was given, deleted since or not: its levels still run. */
  async agreement(slaId: string): Promise<AgreementDoc | null> {
    return this.definitions.read(`agreement:${slaId}`, async () =>
      (await this.projections.collection<AgreementDoc>(agreementListProjection.name)).findOne({ slaId }),
    );
  }

  /** Calendars by id, for the agreements a ticket already has (a resumed clock needs them). */
  async calendars(calendarIds: Array<string | null>): Promise<Record<string, CalendarDefinition>> {
    const ids = [...new Set(calendarIds.filter((id): id is string => id !== null))];
    if (ids.length === 0) return {};
    const docs = await this.definitions.read(`calendars:${ids.sort().join(',')}`, async () =>
      (await this.projections.collection<CalendarDoc>(calendarListProjection.name))
        .find({ calendarId: { $in: ids } })
        .toArray(),
    );
    return Object.fromEntries(docs.map((doc) => [doc.calendarId, calendarDefinitionOf(doc)]));
  }

  private async resolveAll(agreements: AgreementDoc[], ticketEntityId: string): Promise<ResolvedAgreement[]> {
    const entityCalendarId = agreements.some((agreement) => agreement.useEntityCalendar)
      ? await this.directory.inheritedSetting(ticketEntityId, defaultCalendarId)
      : null;
    const calendarIdOf = (agreement: AgreementDoc) =>
      agreement.calendarId ?? (agreement.useEntityCalendar ? entityCalendarId : null);
    const calendars = await this.calendars(agreements.map(calendarIdOf));
    return agreements.map((agreement) => {
      const { slaId, entityId: _entityId, recursive: _recursive, ...terms } = agreement;
      const calendarId = calendarIdOf(agreement);
      // a calendar unknown here counts as 24/7 rather than losing the deadline
      const calendar = calendarId ? (calendars[calendarId] ?? null) : null;
      return { slaId, terms, calendarId: calendar ? calendarId : null, calendar };
    });
  }
}
