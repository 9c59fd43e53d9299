import type { CalendarDefinition, CalendarEvent } from '@itsm/contracts';
import { calendarProblems } from '@itsm/domain';
import { deciderSpecification } from '@itsm/testing';
import { calendarDecider, type CalendarCommand } from './calendar.decider';
import { DEFAULT_CALENDAR_LIMITS } from './domain/calendar-limits';
import type { AgreementLength } from './domain/deadline-horizon';

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

const limits = DEFAULT_CALENDAR_LIMITS;
const create = (definition: CalendarDefinition): CalendarCommand => ({
  type: 'create-calendar',
  calendarId: 'c1',
  entityId: 'root',
  recursive: true,
  definition,
  limits,
});
const change = (definition: CalendarDefinition, agreements: AgreementLength[] = []): CalendarCommand => ({
  type: 'change-calendar',
  calendarId: 'c1',
  definition,
  limits,
  agreements,
  now: '2027-01-04T09:00:00.000Z',
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
      const problems = calendarProblems(broken, limits.minWeeklyOpenMinutes).map(({ message }) => message);
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

    it('when changed to open less than an hour a week, then it is refused as a rule naming openingHours', () => {
      const decided = calendarDecider.decide(
        change(businessHours({ openingHours: [{ weekday: 1, start: '08:00', end: '08:01' }] })),
        { calendarId: 'c1' },
      );
      expect(decided).toMatchObject({
        code: 'rule',
        errors: [{ field: 'openingHours', message: expect.stringContaining('opens 1 minute a week') }],
      });
    });

    it('when changed so that an agreement on it would end beyond the horizon, then it is refused, naming the agreement', () => {
      const yearOfHours: AgreementLength = { name: 'TTR un an', duration: 366 * 24, unit: 'hours' };
      const twoHoursAWeek = businessHours({ openingHours: [{ weekday: 6, start: '09:00', end: '11:00' }] });
      spec
        .given([created])
        .when(change(twoHoursAWeek, [yearOfHours]))
        .thenFails(
          'rule',
          /agreement "TTR un an" \(8784 hours\) on calendar "Heures ouvrées" would end more than 3660 days/,
        );
      spec
        .given([created])
        .when(change(saturdays, [{ name: 'TTR 8 h', duration: 8, unit: 'hours' }]))
        .then([{ type: 'calendar.changed', data: { calendarId: 'c1', ...saturdays } }]);
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
