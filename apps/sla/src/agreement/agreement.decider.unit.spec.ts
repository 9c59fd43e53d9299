import type { AgreementTerms, CalendarDefinition, EscalationLevel, SlaDefined } from '@itsm/contracts';
import { deciderSpecification } from '@itsm/testing';
import { agreementDecider, type AgreementCommand } from './agreement.decider';

const spec = deciderSpecification(agreementDecider);

const level = (levelId: string, offsetMinutes: number, name = levelId): EscalationLevel => ({
  levelId,
  name,
  offsetMinutes,
  actions: [{ type: 'notify-assignees' }],
});
const terms = (overrides: Partial<AgreementTerms> = {}): AgreementTerms => ({
  name: 'TTR incidents 4 h',
  agreement: 'sla',
  kind: 'ttr',
  duration: 4,
  unit: 'hours',
  calendarId: 'business-hours',
  useEntityCalendar: false,
  levels: [level('warn', -30, 'Alerte 30 min'), level('escalate', 60, 'Escalade')],
  ...overrides,
});
const define = (
  overrides: Partial<AgreementTerms> = {},
  calendar: CalendarDefinition | null = null,
): Extract<AgreementCommand, { type: 'define-agreement' }> => ({
  type: 'define-agreement',
  slaId: 's1',
  entityId: 'root',
  recursive: true,
  terms: terms(overrides),
  calendar,
  horizonDays: 3660,
  now: '2027-01-04T09:00:00.000Z',
});
/** "Du lundi au vendredi de 8 h à 17 h", or a calendar open a minute on Mondays (before the weekly minimum). */
const calendarOpen = (start: string, end: string, weekdays = [1, 2, 3, 4, 5]): CalendarDefinition => ({
  name: `${start}-${end}`,
  timeZone: 'Europe/Paris',
  openingHours: weekdays.map((weekday) => ({ weekday, start, end })),
  holidays: [],
  publicHolidays: { country: 'FR' },
});
const defined = (overrides: Partial<AgreementTerms> = {}): SlaDefined => ({
  type: 'sla.defined',
  data: { slaId: 's1', entityId: 'root', recursive: true, ...terms(overrides) },
});

describe('defining an SLA or OLA', () => {
  describe('given no agreement yet', () => {
    it('when defined with sound terms, then it is defined as given', () => {
      spec.given([]).when(define()).then([defined()]);
    });

    it('when its name has surrounding spaces, then they are dropped', () => {
      spec
        .given([])
        .when(define({ name: '  TTR incidents 4 h  ' }))
        .then([defined()]);
    });

    it('when its name is blank, then it is refused as a rule', () => {
      spec
        .given([])
        .when(define({ name: '   ' }))
        .thenFails('rule', /^the agreement needs a name$/);
    });

    it('when two levels run at the same offset, then it is refused as a rule, naming the offset', () => {
      spec
        .given([])
        .when(define({ levels: [level('a', -30), level('b', 0), level('c', -30)] }))
        .thenFails('rule', /^two levels run at -30 minutes$/);
    });

    it('when a warning would run before the clock starts, then it is refused, naming the level', () => {
      spec
        .given([])
        .when(define({ duration: 1, unit: 'hours', levels: [level('early', -61, 'Trop tôt')] }))
        .thenFails('rule', /^level Trop tôt runs before the clock starts$/);
    });

    it('when a warning runs exactly when the clock starts, then it is accepted', () => {
      spec
        .given([])
        .when(define({ duration: 1, unit: 'hours', levels: [level('start', -60)] }))
        .then([defined({ duration: 1, unit: 'hours', levels: [level('start', -60)] })]);
    });

    it.each<[number, AgreementTerms['unit']]>([
      [367, 'days'],
      [8785, 'hours'],
      [527_041, 'minutes'],
    ])('when it lasts %d %s (over a year), then it is refused', (duration, unit) => {
      spec
        .given([])
        .when(define({ duration, unit, levels: [] }))
        .thenFails('rule', /^duration must not exceed a year$/);
    });

    it('when it lasts a leap year (366 days), then it is accepted', () => {
      spec
        .given([])
        .when(define({ duration: 366, unit: 'days', levels: [] }))
        .then([defined({ duration: 366, unit: 'days', levels: [] })]);
    });

    it.each([0, -1, 1.5])('when its duration is %d, then it is refused', (duration) => {
      spec
        .given([])
        .when(define({ duration, levels: [] }))
        .thenFails('rule', /duration must be a whole number, 1 or more/);
    });

    it('when a year of business hours runs on office hours (about 4 years), then it is accepted', () => {
      const year = { duration: 366 * 24, unit: 'hours' as const, levels: [] };
      spec
        .given([])
        .when(define(year, calendarOpen('08:00', '17:00')))
        .then([defined(year)]);
    });

    it('when a year of business hours runs on a calendar open a minute a week, then it is refused, naming duration and the horizon', () => {
      const command = define({ duration: 366 * 24, unit: 'hours', levels: [] }, calendarOpen('08:00', '08:01', [1]));
      spec
        .given([])
        .when(command)
        .thenFails(
          'rule',
          /^agreement "TTR incidents 4 h" \(8784 hours\) on calendar "08:00-08:01" would end more than 3660 days after its start/,
        );
      expect(agreementDecider.decide(command, agreementDecider.initialState())).toMatchObject({
        errors: [{ field: 'duration', message: expect.stringContaining('beyond the deadline horizon') }],
      });
    });

    it('when 366 open days run on a calendar open one day a week (7 years), then the horizon decides', () => {
      const mondays = calendarOpen('08:00', '17:00', [1]);
      const days = { duration: 366, unit: 'days' as const, levels: [] };
      spec
        .given([])
        .when(define(days, mondays))
        .then([defined(days)]);
      spec
        .given([])
        .when({ ...define(days, mondays), horizonDays: 2000 })
        .thenFails('rule', /would end more than 2000 days after its start/);
    });

    it('when several terms are wrong, then every problem is told at once', () => {
      spec
        .given([])
        .when(define({ duration: 400, unit: 'days', levels: [level('a', 10), level('b', 10)] }))
        .thenFails('rule', /^duration must not exceed a year; two levels run at 10 minutes$/);
    });
  });

  describe('given the agreement already defined', () => {
    it('when defined again under the same id, then it is a conflict', () => {
      spec
        .given([defined()])
        .when(define())
        .thenFails('conflict', /agreement s1 already exists/);
    });
  });
});

describe("changing an SLA's or OLA's terms", () => {
  const change = (overrides: Partial<AgreementTerms> = {}): AgreementCommand => {
    const { entityId: _entity, recursive: _recursive, ...check } = define(overrides);
    return { ...check, type: 'change-agreement' };
  };

  it('given the agreement, when its length and levels change, then its terms are replaced, type and kind kept', () => {
    const { agreement: _type, kind: _kind, ...changed } = terms({ duration: 8, levels: [level('warn', -60)] });
    spec
      .given([defined()])
      .when(change({ name: ' TTR incidents 8 h ', duration: 8, levels: [level('warn', -60)] }))
      .then([{ type: 'sla.changed', data: { slaId: 's1', ...changed, name: 'TTR incidents 8 h' } }]);
  });

  it('given the agreement, when its kind would change, then it is refused as a rule naming the kind', () => {
    spec
      .given([defined()])
      .when(change({ kind: 'tto' }))
      .thenFails('rule', /^an agreement's kind cannot change \(ttr\)/);
  });

  it('given the agreement, when the new terms are wrong, then they are refused as at its definition', () => {
    spec
      .given([defined()])
      .when(change({ name: ' ' }))
      .thenFails('rule', /^the agreement needs a name$/);
  });

  it('given no agreement, when changed, then it is not found', () => {
    spec
      .given([])
      .when(change())
      .thenFails('not_found', /unknown agreement s1/);
  });
});

describe('deleting an SLA or OLA', () => {
  const remove: AgreementCommand = { type: 'delete-agreement', slaId: 's1' };
  const deleted = { type: 'sla.deleted' as const, data: { slaId: 's1' } };

  it('given the agreement, when deleted, then it is deleted', () => {
    spec.given([defined()]).when(remove).then([deleted]);
  });

  it('given it deleted, when deleted or changed again, then it is not found; its id stays taken', () => {
    spec
      .given([defined(), deleted])
      .when(remove)
      .thenFails('not_found', /unknown agreement s1/);
    spec
      .given([defined(), deleted])
      .when({ ...define(), type: 'change-agreement' } as AgreementCommand)
      .thenFails('not_found', /unknown agreement s1/);
    spec
      .given([defined(), deleted])
      .when(define())
      .thenFails('conflict', /already exists/);
  });

  it('given no agreement, when deleted, then it is not found', () => {
    spec
      .given([])
      .when(remove)
      .thenFails('not_found', /unknown agreement s1/);
  });
});
