import { Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { Caller } from '@itsm/auth';
import { contains, PageQuery, pageOf, ProjectionRegistry } from '@itsm/runtime';
import { DefinitionScope } from '../../shared/definition-scope';
import {
  calendarDefinitionOf,
  calendarListProjection,
  type CalendarDoc,
} from '../read-models/calendar-list.projection';

export class ListCalendarsQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) name?: string;
}

const calendarView = (doc: CalendarDoc) => ({
  calendarId: doc.calendarId,
  entityId: doc.entityId,
  recursive: doc.recursive,
  ...calendarDefinitionOf(doc),
});

/** Business calendars the caller sees: of their entities, and recursive ones above. */
@Injectable()
export class CalendarQueries {
  constructor(
    private readonly projections: ProjectionRegistry,
    private readonly scope: DefinitionScope,
  ) {}

  async list(caller: Caller, query: ListCalendarsQuery) {
    const visible = await this.scope.visibleFilter(caller);
    const filter = query.name ? { $and: [visible, { name: contains(query.name) }] } : visible;
    return pageOf(await this.collection(), filter, query, 'name', calendarView);
  }

  async get(caller: Caller, calendarId: string) {
    return calendarView(await this.visible(caller, calendarId));
  }

  /** The stored definition, for a change that starts from it; unknown and unseen answer alike. */
  async visible(caller: Caller, calendarId: string): Promise<CalendarDoc> {
    return this.scope.findVisible(await this.collection(), caller, { calendarId }, `calendar ${calendarId}`);
  }

  private collection() {
    return this.projections.collection<CalendarDoc>(calendarListProjection.name);
  }
}
