import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { CurrentCaller, RequireRights, type Caller } from '@itsm/auth';
import { contains, IdParam, PageQuery, pageOf, ProjectionRegistry } from '@itsm/runtime';
import { DefinitionScope } from '../shared/definition-scope';
import { calendarListProjection, type CalendarDoc } from './read-models/calendar-list.projection';
import { CalendarDefinitionDto, CreateCalendarRequestDto } from './use-cases/define-calendar/calendar.request.dto';
import { DefineCalendarCommand } from './use-cases/define-calendar/define-calendar.handler';

class ListCalendarsQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) name?: string;
}

const calendarView = ({ calendarId, entityId, recursive, name, timeZone, openingHours, holidays }: CalendarDoc) => ({
  calendarId,
  entityId,
  recursive,
  name,
  timeZone,
  openingHours,
  holidays,
});

/** Business calendars: service hours and holidays ("du lundi au vendredi de 8 h à 17 h"). */
@ApiTags('calendars')
@ApiBearerAuth()
@Controller('api/calendars')
export class CalendarHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly projections: ProjectionRegistry,
    private readonly scope: DefinitionScope,
  ) {}

  @Get()
  @RequireRights('sla.read')
  async list(@CurrentCaller() caller: Caller, @Query() query: ListCalendarsQuery) {
    const visible = await this.scope.visibleFilter(caller);
    const filter = query.name ? { $and: [visible, { name: contains(query.name) }] } : visible;
    return pageOf(await this.collection(), filter, query, 'name', calendarView);
  }

  @Get(':id')
  @RequireRights('sla.read')
  async get(@CurrentCaller() caller: Caller, @Param() { id }: IdParam) {
    return calendarView(await this.visible(caller, id));
  }

  @Post()
  @RequireRights('sla.write')
  async create(@CurrentCaller() caller: Caller, @Body() body: CreateCalendarRequestDto) {
    const { calendarId } = await this.commandBus.execute(new DefineCalendarCommand(caller, body));
    return calendarView(await this.visible(caller, calendarId));
  }

  @Put(':id')
  @RequireRights('sla.write')
  async replace(@CurrentCaller() caller: Caller, @Param() { id }: IdParam, @Body() body: CalendarDefinitionDto) {
    const existing = await this.visible(caller, id);
    await this.commandBus.execute(new DefineCalendarCommand(caller, body, existing));
    return calendarView(await this.visible(caller, id));
  }

  private collection() {
    return this.projections.collection<CalendarDoc>(calendarListProjection.name);
  }

  private async visible(caller: Caller, calendarId: string) {
    return this.scope.findVisible(await this.collection(), caller, { calendarId }, `calendar ${calendarId}`);
  }
}
