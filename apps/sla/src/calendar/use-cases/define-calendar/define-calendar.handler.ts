import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandMetadata, type Caller, type SystemCaller } from '@itsm/auth';
import type { CalendarDefinition } from '@itsm/contracts';
import { EventSourcedCommands, newId, ProjectionRegistry } from '@itsm/runtime';
import {
  agreementListProjection,
  liveAgreements,
  type AgreementDoc,
} from '../../../agreement/read-models/agreement-list.projection';
import { DefinitionScope } from '../../../shared/definition-scope';
import { SLA_SETTINGS, type SlaSettings } from '../../../sla.env';
import { calendarDecider, calendarStreamId } from '../../calendar.decider';
import type { AgreementLength } from '../../domain/deadline-horizon';
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

const definitionOf = ({
  name,
  timeZone,
  openingHours,
  holidays,
  publicHolidays,
}: CalendarDefinitionDto): CalendarDefinition => ({
  name: name.trim(),
  timeZone,
  openingHours: openingHours.map(({ weekday, start, end }) => ({ weekday, start, end })),
  holidays: holidays.map(({ name: holiday, start, end, yearly }) => ({ name: holiday.trim(), start, end, yearly })),
  ...(publicHolidays && {
    publicHolidays: {
      country: publicHolidays.country,
      ...(publicHolidays.region && { region: publicHolidays.region }),
    },
  }),
});

@CommandHandler(DefineCalendarCommand)
export class DefineCalendarHandler implements ICommandHandler<DefineCalendarCommand> {
  constructor(
    private readonly commands: EventSourcedCommands,
    private readonly scope: DefinitionScope,
    private readonly projections: ProjectionRegistry,
    @Inject(SLA_SETTINGS) private readonly settings: SlaSettings,
  ) {}

  async execute({ caller, request, existing }: DefineCalendarCommand) {
    const definition = definitionOf(request);
    if (existing) {
      this.scope.assertWritable(caller, existing.entityId);
      const { calendarId } = existing;
      await this.commands.execute(
        calendarDecider,
        calendarStreamId(calendarId),
        {
          type: 'change-calendar',
          calendarId,
          definition,
          limits: this.settings.calendarLimits,
          agreements: await this.agreementsOn(calendarId),
          now: new Date().toISOString(),
        },
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
      {
        type: 'create-calendar',
        calendarId,
        entityId,
        recursive: create.recursive ?? true,
        definition,
        limits: this.settings.calendarLimits,
      },
      commandMetadata(caller, entityId),
    );
    return { calendarId };
  }

  /** The agreements that name the calendar (those using an entity's calendar are bounded when computed). */
  private async agreementsOn(calendarId: string): Promise<AgreementLength[]> {
    const agreements = await this.projections.collection<AgreementDoc>(agreementListProjection.name);
    return agreements
      .find({ calendarId, ...liveAgreements }, { projection: { _id: 0, name: 1, duration: 1, unit: 1 } })
      .toArray() as Promise<AgreementLength[]>;
  }
}
