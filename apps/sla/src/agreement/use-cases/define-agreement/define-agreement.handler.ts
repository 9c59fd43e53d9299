import { DomainError } from '@itsm/domain';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandMetadata, EntityTreeReader, type Caller, type SystemCaller } from '@itsm/auth';
import type { CalendarDefinition, EscalationAction, EscalationLevel } from '@itsm/contracts';
import { EventSourcedCommands, newId, ProjectionRegistry } from '@itsm/runtime';
import {
  calendarDefinitionOf,
  calendarListProjection,
  type CalendarDoc,
} from '../../../calendar/read-models/calendar-list.projection';
import { RecipientDirectory } from '../../../directory/recipient-directory';
import { DefinitionScope } from '../../../shared/definition-scope';
import { SLA_SETTINGS, type SlaSettings } from '../../../sla.env';
import { agreementDecider, agreementStreamId } from '../../agreement.decider';
import { escalationGroupsRefusal, type NamedGroup } from '../../domain/escalation-groups';
import type { AgreementDoc } from '../../read-models/agreement-list.projection';
import type {
  AgreementTermsDto,
  DefineAgreementRequestDto,
  EscalationActionDto,
  EscalationLevelDto,
} from './define-agreement.request.dto';

/** Defines an agreement (no `existing`), or replaces the terms of one the caller may see (`existing`). */
export class DefineAgreementCommand extends Command<{ slaId: string }> {
  constructor(
    readonly caller: Caller | (SystemCaller & { entityId: string }),
    readonly request: DefineAgreementRequestDto | AgreementTermsDto,
    readonly existing?: AgreementDoc,
  ) {
    super();
  }
}

const actionOf = ({ type, groupId }: EscalationActionDto): EscalationAction =>
  type === 'notify-group' || type === 'assign-group' ? { type, groupId: groupId! } : { type };

const levelOf = ({ name, offsetMinutes, actions }: EscalationLevelDto): EscalationLevel => ({
  levelId: newId(),
  name: name.trim(),
  offsetMinutes,
  actions: actions.map(actionOf),
});

@CommandHandler(DefineAgreementCommand)
export class DefineAgreementHandler implements ICommandHandler<DefineAgreementCommand> {
  constructor(
    private readonly commands: EventSourcedCommands,
    private readonly projections: ProjectionRegistry,
    private readonly scope: DefinitionScope,
    private readonly directory: RecipientDirectory,
    private readonly tree: EntityTreeReader,
    @Inject(SLA_SETTINGS) private readonly settings: SlaSettings,
  ) {}

  async execute({ caller, request, existing }: DefineAgreementCommand) {
    const created = request as DefineAgreementRequestDto;
    const entityId = existing?.entityId ?? created.entityId ?? caller.entityId;
    this.scope.assertWritable(caller, entityId);
    const calendarId = request.calendarId ?? null;
    const useEntityCalendar = request.useEntityCalendar ?? false;
    if (calendarId && useEntityCalendar) {
      throw new DomainError('rule', 'give either calendarId or useEntityCalendar, not both');
    }
    const calendar = calendarId ? await this.usableCalendar(calendarId, entityId) : null;
    const recursive = existing?.recursive ?? created.recursive ?? true;
    await this.assertGroupsServe(request.levels ?? [], entityId, recursive);
    const levels = (request.levels ?? []).map(levelOf);
    const slaId = existing?.slaId ?? newId();
    const { name, agreement, kind, duration, unit } = request;
    const check = {
      slaId,
      terms: { name, agreement, kind, duration, unit, calendarId, useEntityCalendar, levels },
      calendar,
      horizonDays: this.settings.calendarLimits.horizonDays,
      now: new Date().toISOString(),
    };
    await this.commands.execute(
      agreementDecider,
      agreementStreamId(slaId),
      existing ? { type: 'change-agreement', ...check } : { type: 'define-agreement', entityId, recursive, ...check },
      commandMetadata(caller, entityId),
    );
    return { slaId };
  }

  private async usableCalendar(calendarId: string, entityId: string): Promise<CalendarDefinition> {
    const calendars = await this.projections.collection<CalendarDoc>(calendarListProjection.name);
    const found = await calendars.findOne({ $and: [{ calendarId }, await this.scope.applicableTo(entityId)] });
    if (!found) throw new DomainError('rule', `unknown calendar ${calendarId} for entity ${entityId}`);
    return calendarDefinitionOf(found);
  }

  /** Every group a level notifies or assigns must be visible wherever the agreement serves tickets. */
  private async assertGroupsServe(levels: EscalationLevelDto[], entityId: string, recursive: boolean): Promise<void> {
    const named = levels.flatMap(({ actions }, level) =>
      actions.flatMap(({ groupId }, action) =>
        groupId ? [{ field: `levels.${level}.actions.${action}.groupId`, groupId }] : [],
      ),
    );
    if (named.length === 0) return;
    const [tree, groups] = await Promise.all([
      this.tree.tree(),
      this.directory.groupsById(named.map(({ groupId }) => groupId)),
    ]);
    const found: NamedGroup[] = named.map((group) => ({ ...group, found: groups.get(group.groupId) ?? null }));
    const refusal = escalationGroupsRefusal({ entityId, recursive, ancestors: tree.ancestorsOf(entityId) }, found);
    if (refusal) throw refusal;
  }
}
