import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, RequireRights, type Caller } from '@itsm/auth';
import { Idempotent, IdParam } from '@itsm/runtime';
import { CalendarQueries, ListCalendarsQuery } from './queries/list-calendars.query';
import {
  CalendarDefinitionDto,
  CreateCalendarRequestDto,
} from './use-cases/define-calendar/define-calendar.request.dto';
import { DefineCalendarCommand } from './use-cases/define-calendar/define-calendar.handler';

/** Business calendars: service hours and holidays ("du lundi au vendredi de 8 h à 17 h"). */
@ApiTags('calendars')
@ApiBearerAuth()
@Controller('api/calendars')
export class CalendarHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queries: CalendarQueries,
  ) {}

  @Get()
  @RequireRights('sla.read')
  list(@CurrentCaller() caller: Caller, @Query() query: ListCalendarsQuery) {
    return this.queries.list(caller, query);
  }

  @Get(':id')
  @RequireRights('sla.read')
  get(@CurrentCaller() caller: Caller, @Param() { id }: IdParam) {
    return this.queries.get(caller, id);
  }

  @Post()
  @RequireRights('sla.write')
  @Idempotent()
  async create(@CurrentCaller() caller: Caller, @Body() body: CreateCalendarRequestDto) {
    const { calendarId } = await this.commandBus.execute(new DefineCalendarCommand(caller, body));
    return this.queries.get(caller, calendarId);
  }

  @Put(':id')
  @RequireRights('sla.write')
  async replace(@CurrentCaller() caller: Caller, @Param() { id }: IdParam, @Body() body: CalendarDefinitionDto) {
    const existing = await this.queries.visible(caller, id);
    await this.commandBus.execute(new DefineCalendarCommand(caller, body, existing));
    return this.queries.get(caller, id);
  }
}
