import { DomainError } from '@itsm/domain';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandMetadata, type Caller, type SystemCaller } from '@itsm/auth';
import type { CalendarDefinition, EscalationAction, EscalationLevel } from '@itsm/contracts';
import { EventSourcedCommands, ProjectionRegistry } from '@itsm/runtime';
import { v7 as uuidv7 } from 'uuid';
import { CALENDAR_LIMITS } from '../../../calendar/calendar-limits.provider';
import type { CalendarLimits } from '../../../calendar/domain/calendar-limits';
import {
  calendarDefinitionOf,
  calendarListProjection,
  type CalendarDoc,
} from '../../../calendar/read-models/calendar-list.projection';
import { RecipientDirectory } from '../../../directory/recipient-directory';
import { DefinitionScope } from '../../../shared/definition-scope';
import { agreementDecider, agreementStreamId } from '../../agreement.decider';
import type {
  DefineAgreementRequestDto,
  EscalationActionDto,
  EscalationLevelDto,
} from './define-agreement.request.dto';

export class DefineAgreementCommand extends Command<{ slaId: string }> {
  constructor(
    readonly caller: Caller | (SystemCaller & { entityId: string }),
    readonly request: DefineAgreementRequestDto,
  ) {
    super();
  }
}

const actionOf = ({ type, groupId }: EscalationActionDto): EscalationAction =>
  type === 'notify-group' || type === 'assign-group' ? { type, groupId: groupId! } : { type };

@CommandHandler(DefineAgreementCommand)
export class DefineAgreementHandler implements ICommandHandler<DefineAgreementCommand> {
  constructor(
    private readonly commands: EventSourcedCommands,
    private readonly projections: ProjectionRegistry,
    private readonly scope: DefinitionScope,
    private readonly directory: RecipientDirectory,
    @Inject(CALENDAR_LIMITS) private readonly limits: CalendarLimits,
  ) {}

  async execute({ caller, request }: DefineAgreementCommand) {
    const entityId = request.entityId ?? caller.entityId;
    this.scope.assertWritable(caller, entityId);
    const calendarId = request.calendarId ?? null;
    const useEntityCalendar = request.useEntityCalendar ?? false;
    if (calendarId && useEntityCalendar) {
      throw new DomainError('rule', 'give either calendarId or useEntityCalendar, not both');
    }
    const calendar = calendarId ? await this.usableCalendar(calendarId, entityId) : null;
    const levels = await Promise.all((request.levels ?? []).map((level) => this.levelOf(level, caller, entityId)));
    const slaId = uuidv7();
    const { name, agreement, kind, duration, unit } = request;
    await this.commands.execute(
      agreementDecider,
      agreementStreamId(slaId),
      {
        type: 'define-agreement',
        slaId,
        entityId,
        recursive: request.recursive ?? true,
        terms: { name, agreement, kind, duration, unit, calendarId, useEntityCalendar, levels },
        calendar,
        horizonDays: this.limits.horizonDays,
        now: new Date().toISOString(),
      },
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

  private async levelOf(
    { name, offsetMinutes, actions }: EscalationLevelDto,
    caller: Caller | SystemCaller,
    entityId: string,
  ): Promise<EscalationLevel> {
    for (const action of actions) {
      const group = action.groupId ? await this.directory.group(action.groupId) : null;
      // a group out of reach answers like an unknown one: its existence is not disclosed
      if (action.groupId && !(group && (await this.scope.serves(caller, entityId, group.entityId)))) {
        throw new DomainError('rule', `unknown group ${action.groupId} in level ${name}`);
      }
    }
    return { levelId: uuidv7(), name: name.trim(), offsetMinutes, actions: actions.map(actionOf) };
  }
}
