import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandMetadata, type Caller, type SystemCaller } from '@itsm/auth';
import type { CalendarDefinition } from '@itsm/contracts';
import { EventSourcedCommands, newId } from '@itsm/runtime';
import { DefinitionScope } from '../../../shared/definition-scope';
import { calendarDecider, calendarStreamId } from '../../calendar.decider';
import type { CalendarDefinitionDto, CreateCalendarRequestDto } from './define-calendar.request.dto';

/** Creates a calendar (no id) or replaces one the caller may write (`calendar` found in their scope). */
export class DefineCalendarCommand extends Command<{ calendarId: string }> {
  constructor(
    readonly caller: Caller | (SystemCaller & { entityId: string }),
    readonly request: CreateCalendarRequestDto | CalendarDefinitionDto,
    readonly existing?: { calendarId: string; entityId: string },
  ) {
    super();
  }
}

const definitionOf = ({ name, timeZone, openingHours, holidays }: CalendarDefinitionDto): CalendarDefinition => ({
  name: name.trim(),
  timeZone,
  openingHours: openingHours.map(({ weekday, start, end }) => ({ weekday, start, end })),
  holidays: holidays.map(({ name: holiday, start, end, yearly }) => ({ name: holiday.trim(), start, end, yearly })),
});

@CommandHandler(DefineCalendarCommand)
export class DefineCalendarHandler implements ICommandHandler<DefineCalendarCommand> {
  constructor(
    private readonly commands: EventSourcedCommands,
    private readonly scope: DefinitionScope,
  ) {}

  async execute({ caller, request, existing }: DefineCalendarCommand) {
    const definition = definitionOf(request);
    if (existing) {
      this.scope.assertWritable(caller, existing.entityId);
      const { calendarId } = existing;
      await this.commands.execute(
        calendarDecider,
        calendarStreamId(calendarId),
        { type: 'change-calendar', calendarId, definition },
        commandMetadata(caller, existing.entityId),
      );
      return { calendarId };
    }
    const create = request as CreateCalendarRequestDto;
    const entityId = create.entityId ?? caller.entityId;
    this.scope.assertWritable(caller, entityId);
    const calendarId = newId();
    await this.commands.execute(
      calendarDecider,
      calendarStreamId(calendarId),
      { type: 'create-calendar', calendarId, entityId, recursive: create.recursive ?? true, definition },
      commandMetadata(caller, entityId),
    );
    return { calendarId };
  }
}
