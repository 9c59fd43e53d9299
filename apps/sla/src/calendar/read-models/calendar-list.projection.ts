import type { CalendarCreated, CalendarEvent } from '@itsm/contracts';
import type { Projection } from '@itsm/eventsourcing';

export type CalendarDoc = CalendarCreated['data'];

export const calendarListProjection: Projection<CalendarDoc> = {
  name: 'calendar_list',
  handles: new Set(['calendar.created', 'calendar.changed']),
  indexes: [{ keys: { calendarId: 1 }, options: { name: 'calendar', unique: true } }],
  apply(current, envelope) {
    const event = envelope as unknown as CalendarEvent;
    if (event.type === 'calendar.created') return { ...event.data };
    return current ? { ...current, ...event.data } : null;
  },
};
