import { DomainError } from '@itsm/domain';

import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandMetadata, type Caller, type SystemCaller } from '@itsm/auth';
import type { EscalationAction, EscalationLevel } from '@itsm/contracts';
import { EventSourcedCommands, newId, ProjectionRegistry } from '@itsm/runtime';
import { calendarListProjection, type CalendarDoc } from '../../../calendar/read-models/calendar-list.projection';
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
  ) {}

  async execute({ caller, request }: DefineAgreementCommand) {
    const entityId = request.entityId ?? caller.entityId;
    this.scope.assertWritable(caller, entityId);
    const calendarId = request.calendarId ?? null;
    const useEntityCalendar = request.useEntityCalendar ?? false;
    if (calendarId && useEntityCalendar) {
      throw new DomainError('rule', 'give either calendarId or useEntityCalendar, not both');
    }
    if (calendarId) await this.assertCalendarUsable(calendarId, entityId);
    const levels = await Promise.all((request.levels ?? []).map((level) => this.levelOf(level, caller, entityId)));
    const slaId = newId();
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
      },
      commandMetadata(caller, entityId),
    );
    return { slaId };
  }

  private async assertCalendarUsable(calendarId: string, entityId: string): Promise<void> {
    const calendars = await this.projections.collection<CalendarDoc>(calendarListProjection.name);
    const found = await calendars.findOne({ $and: [{ calendarId }, await this.scope.applicableTo(entityId)] });
    if (!found) throw new DomainError('rule', `unknown calendar ${calendarId} for entity ${entityId}`);
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
    return { levelId: newId(), name: name.trim(), offsetMinutes, actions: actions.map(actionOf) };
  }
}
