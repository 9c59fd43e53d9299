import type { CalendarEvent } from '@itsm/contracts';
import { projectEvents } from '@itsm/testing';
import { calendarListProjection } from './calendar-list.projection';

const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '17:00' }));
const created: CalendarEvent = {
  type: 'calendar.created',
  data: {
    calendarId: 'cal1',
    entityId: 'root',
    recursive: true,
    name: 'Heures ouvrées',
    timeZone: 'Europe/Paris',
    openingHours: weekdays,
    holidays: [],
  },
};

describe('the calendar list', () => {
  it('given a calendar created, then it is listed as created', () => {
    expect(projectEvents(calendarListProjection, [created])).toEqual(created.data);
  });

  it('when changed, then its hours and holidays are replaced and its owner stays', () => {
    const christmas = { name: 'Noël', start: '2026-12-25', end: '2026-12-25', yearly: true };
    const changed = projectEvents(calendarListProjection, [
      created,
      {
        type: 'calendar.changed',
        data: {
          calendarId: 'cal1',
          name: 'Matins',
          timeZone: 'Europe/Paris',
          openingHours: [{ weekday: 1, start: '08:00', end: '12:00' }],
          holidays: [christmas],
        },
      },
    ]);
    expect(changed).toEqual({
      calendarId: 'cal1',
      entityId: 'root',
      recursive: true,
      name: 'Matins',
      timeZone: 'Europe/Paris',
      openingHours: [{ weekday: 1, start: '08:00', end: '12:00' }],
      holidays: [christmas],
    });
  });

  it('when changed without the public holidays it had, then it has none any more', () => {
    const withFrance: CalendarEvent = { ...created, data: { ...created.data, publicHolidays: { country: 'FR' } } };
    expect(projectEvents(calendarListProjection, [withFrance])).toMatchObject({ publicHolidays: { country: 'FR' } });
    const { entityId: _entityId, recursive: _recursive, ...definition } = created.data;
    const changed = projectEvents(calendarListProjection, [withFrance, { type: 'calendar.changed', data: definition }]);
    expect(changed).toEqual(created.data);
  });

  it('given a change of a calendar never created, then nothing is kept', () => {
    const { data } = created;
    expect(projectEvents(calendarListProjection, [{ type: 'calendar.changed', data }])).toBeNull();
  });
});
