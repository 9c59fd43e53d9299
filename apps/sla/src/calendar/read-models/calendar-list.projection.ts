import type { CalendarCreated, CalendarDefinition } from '@itsm/contracts';
import { defineProjection } from '@itsm/eventsourcing';

export type CalendarDoc = CalendarCreated['data'];

/** The definition deadlines are computed on, without the owner. */
export const calendarDefinitionOf = ({
  name,
  timeZone,
  openingHours,
  holidays,
  publicHolidays,
}: CalendarDoc): CalendarDefinition => ({
  name,
  timeZone,
  openingHours,
  holidays,
  ...(publicHolidays && { publicHolidays }),
});

export const calendarListProjection = defineProjection<CalendarDoc>({
  name: 'calendar_list',
  indexes: [{ keys: { calendarId: 1 }, options: { name: 'calendar', unique: true } }],
  handlers: {
    'calendar.created': (_current, { data }) => ({ ...data }),
    // a change is the whole definition: only the owner stays (public holidays left out are gone)
    'calendar.changed': (current, { data }) =>
      current && { entityId: current.entityId, recursive: current.recursive, ...data },
  },
});
