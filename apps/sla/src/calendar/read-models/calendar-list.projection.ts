import type { CalendarCreated } from '@itsm/contracts';
import { defineProjection } from '@itsm/eventsourcing';

export type CalendarDoc = CalendarCreated['data'];

export const calendarListProjection = defineProjection<CalendarDoc>({
  name: 'calendar_list',
  indexes: [{ keys: { calendarId: 1 }, options: { name: 'calendar', unique: true } }],
  handlers: {
    'calendar.created': (_current, { data }) => ({ ...data }),
    'calendar.changed': (current, { data }) => current && { ...current, ...data },
  },
});
