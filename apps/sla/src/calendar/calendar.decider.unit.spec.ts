import type { CalendarDefinition, CalendarEvent } from '@itsm/contracts';
import { deciderSpecification } from '@itsm/testing';
import { calendarDecider, type CalendarCommand } from './calendar.decider';
import { calendarProblems } from './domain/calendar-rules';

const spec = deciderSpecification(calendarDecider);

/** "Du lundi au vendredi de 8 h à 17 h", Europe/Paris, with Christmas. */
const businessHours = (overrides: Partial<CalendarDefinition> = {}): CalendarDefinition => ({
  name: 'Heures ouvrées',
  timeZone: 'Europe/Paris',
  openingHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '17:00' })),
  holidays: [{ name: 'Noël', start: '2026-12-25', end: '2026-12-25', yearly: true }],
  ...overrides,
});
const saturdays = businessHours({ name: 'Samedis', openingHours: [{ weekday: 6, start: '09:00', end: '12:00' }] });
const broken = businessHours({
  timeZone: 'Europe/Atlantis',
  openingHours: [{ weekday: 1, start: '17:00', end: '08:00' }],
});

const create = (definition: CalendarDefinition): CalendarCommand => ({
  type: 'create-calendar',
  calendarId: 'c1',
  entityId: 'root',
  recursive: true,
  definition,
});
const change = (definition: CalendarDefinition): CalendarCommand => ({
  type: 'change-calendar',
  calendarId: 'c1',
  definition,
});
const created: CalendarEvent = {
  type: 'calendar.created',
  data: { calendarId: 'c1', entityId: 'root', recursive: true, ...businessHours() },
};

describe('a business calendar', () => {
  describe('given no calendar yet', () => {
    it('when created, then it is created in its entity', () => {
      spec.given([]).when(create(businessHours())).then([created]);
    });

    it('when created with problems, then it is refused as a rule, with the calendar’s problems as the message', () => {
      const problems = calendarProblems(broken);
      expect(problems).toEqual([
        expect.stringContaining('time zone "Europe/Atlantis" is unknown'),
        expect.stringContaining('ends before it starts'),
      ]);
      spec
        .given([])
        .when(create(broken))
        .thenFails('rule', new RegExp(`^${escape(problems.join('; '))}$`));
    });

    it('when changed, then it is not found', () => {
      spec
        .given([])
        .when(change(saturdays))
        .thenFails('not_found', /unknown calendar c1/);
    });
  });

  describe('given the calendar created', () => {
    it('when changed, then the whole new definition replaces the old one', () => {
      spec
        .given([created])
        .when(change(saturdays))
        .then([{ type: 'calendar.changed', data: { calendarId: 'c1', ...saturdays } }]);
    });

    it('when changed into an invalid calendar, then it is refused as a rule, naming the problem', () => {
      spec
        .given([created])
        .when(change(businessHours({ openingHours: [] })))
        .thenFails('rule', /the calendar has no opening hours/);
    });

    it('when created again under the same id, then it is a conflict', () => {
      spec
        .given([created])
        .when(create(businessHours()))
        .thenFails('conflict', /calendar c1 already exists/);
    });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
