import type { CalendarDefinition, Holiday, OpeningRange } from '@itsm/contracts';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { addAgreementDuration, addBusinessTime, businessTimeBetween } from './business-time';
import { calendarProblems } from './calendar-rules';

// Random valid calendars in zones with odd clocks: DST at 02:00 (Paris), at 02:00 the other way
// round (New York), by 30 min (Lord Howe), at midnight (Santiago), none at all (Kolkata, UTC).
const ZONES = ['Europe/Paris', 'America/New_York', 'Australia/Lord_Howe', 'America/Santiago', 'Asia/Kolkata', 'UTC'];
const RUNS = { numRuns: 300 };
const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;
const FROM = Date.UTC(2020, 0, 1);
const TO = Date.UTC(2031, 0, 1);

const clock = (quarter: number): string =>
  `${String(Math.floor(quarter / 4)).padStart(2, '0')}:${String((quarter % 4) * 15).padStart(2, '0')}`;

/** 0 to 3 disjoint ranges on a weekday, on quarter hours (so 02:00-02:30 and 24:00 come up). */
const dayRanges = (weekday: number): fc.Arbitrary<OpeningRange[]> =>
  fc.uniqueArray(fc.integer({ min: 0, max: 96 }), { maxLength: 6 }).map((boundaries) => {
    const sorted = [...boundaries].sort((a, b) => a - b);
    const ranges: OpeningRange[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) {
      ranges.push({ weekday, start: clock(sorted[i]), end: clock(sorted[i + 1]) });
    }
    return ranges;
  });

const isoDate = (epochDay: number): string => new Date(epochDay * 86_400_000).toISOString().slice(0, 10);

const holiday: fc.Arbitrary<Holiday> = fc
  .record({
    first: fc.integer({ min: Math.floor(FROM / 86_400_000) - 400, max: Math.floor(TO / 86_400_000) }),
    length: fc.integer({ min: 0, max: 20 }),
    yearly: fc.boolean(),
  })
  .map(({ first, length, yearly }) => ({
    name: 'Holiday',
    start: isoDate(first),
    end: isoDate(first + length),
    yearly,
  }));

const openingHours: fc.Arbitrary<OpeningRange[]> = fc
  .tuple(...[1, 2, 3, 4, 5, 6, 7].map(dayRanges))
  .map((days) => days.flat())
  .filter((ranges) => ranges.length > 0);

const calendarArb: fc.Arbitrary<CalendarDefinition> = fc.record({
  name: fc.constant('Random'),
  timeZone: fc.constantFrom(...ZONES),
  openingHours,
  holidays: fc.array(holiday, { maxLength: 3 }),
});

/** Starts over 2020-2030, sometimes on a whole minute so that they meet range boundaries. */
const instant = fc.oneof(
  fc.integer({ min: FROM, max: TO }),
  fc.integer({ min: FROM / 60_000, max: TO / 60_000 }).map((minute) => minute * 60_000),
);

/** Nominal open time of a week: durations go up to 6 weeks of the calendar, whatever its hours. */
function weeklyOpenMs(calendar: CalendarDefinition): number {
  const minutes = (text: string) => Number(text.slice(0, 2)) * 60 + Number(text.slice(3));
  return calendar.openingHours.reduce(
    (total, range) => total + (minutes(range.end) - minutes(range.start)) * 60_000,
    0,
  );
}

const durationFor = (calendar: CalendarDefinition): fc.Arbitrary<number> => {
  const sixWeeks = 6 * weeklyOpenMs(calendar);
  return fc.oneof(
    fc.integer({ min: 0, max: Math.min(4 * HOUR, sixWeeks) }),
    fc.integer({ min: 0, max: Math.floor(sixWeeks / 900_000) }).map((quarters) => quarters * 900_000),
    fc.double({ min: 0, max: 1, noNaN: true }).map((share) => Math.round(share * sixWeeks)),
  );
};

/** A calendar with a start and a duration that suits it. */
const scenario = calendarArb.chain((calendar) =>
  fc.record({ calendar: fc.constant(calendar), start: instant, duration: durationFor(calendar) }),
);

/** Whether a holiday closes an instant's local day, written independently of the code under test. */
function inHoliday(calendar: CalendarDefinition, at: number): boolean {
  const date = DateTime.fromMillis(at, { zone: calendar.timeZone }).toISODate() as string;
  return calendar.holidays.some(({ start, end, yearly }) => {
    if (!yearly) return date >= start && date <= end;
    const [day, from, to] = [date.slice(5), start.slice(5), end.slice(5)];
    return end.slice(0, 4) === start.slice(0, 4) ? day >= from && day <= to : day >= from || day <= to;
  });
}

describe('business time properties', () => {
  it('given random valid calendars, then they have no problem (the generator is sound)', () => {
    fc.assert(
      fc.property(calendarArb, (calendar) => expect(calendarProblems(calendar)).toEqual([])),
      RUNS,
    );
  });

  it('given a deadline from a start and a duration, then the business time between them is the duration', () => {
    fc.assert(
      fc.property(scenario, ({ calendar, start, duration }) => {
        const deadline = addBusinessTime(calendar, new Date(start), duration);
        expect(deadline.getTime()).toBeGreaterThanOrEqual(start);
        expect(businessTimeBetween(calendar, new Date(start), deadline)).toBe(duration);
      }),
      RUNS,
    );
  });

  it('given two durations, then the longer never ends earlier (monotonic)', () => {
    fc.assert(
      fc.property(
        scenario.chain((s) => fc.record({ s: fc.constant(s), other: durationFor(s.calendar) })),
        ({ s: { calendar, start, duration }, other }) => {
          const [short, long] = duration <= other ? [duration, other] : [other, duration];
          const shortEnd = addBusinessTime(calendar, new Date(start), short).getTime();
          expect(addBusinessTime(calendar, new Date(start), long).getTime()).toBeGreaterThanOrEqual(shortEnd);
        },
      ),
      RUNS,
    );
  });

  it('given a duration split in two, then adding both parts in turn is adding the whole (additive)', () => {
    fc.assert(
      fc.property(
        scenario.chain((s) => fc.record({ s: fc.constant(s), second: durationFor(s.calendar) })),
        ({ s: { calendar, start, duration }, second }) => {
          const inTwoSteps = addBusinessTime(calendar, addBusinessTime(calendar, new Date(start), duration), second);
          expect(inTwoSteps).toEqual(addBusinessTime(calendar, new Date(start), duration + second));
        },
      ),
      RUNS,
    );
  });

  it('given three ordered instants, then the time between the outer two is the sum of the two parts', () => {
    fc.assert(
      fc.property(
        calendarArb,
        instant,
        fc.integer({ min: 0, max: 6 * WEEK }),
        fc.integer({ min: 0, max: 6 * WEEK }),
        (calendar, a, ab, be) => {
          const [first, middle, last] = [new Date(a), new Date(a + ab), new Date(a + ab + be)];
          const parts = businessTimeBetween(calendar, first, middle) + businessTimeBetween(calendar, middle, last);
          expect(parts).toBe(businessTimeBetween(calendar, first, last));
        },
      ),
      RUNS,
    );
  });

  it('given a positive duration, then the deadline is inside an open range or at its end, never in a holiday', () => {
    fc.assert(
      fc.property(
        scenario.filter(({ duration }) => duration > 0),
        ({ calendar, start, duration }) => {
          const deadline = addBusinessTime(calendar, new Date(start), duration).getTime();
          // the millisecond just before the deadline was open time, on a day that is no holiday
          expect(businessTimeBetween(calendar, new Date(deadline - 1), new Date(deadline))).toBe(1);
          expect(inHoliday(calendar, deadline - 1)).toBe(false);
        },
      ),
      RUNS,
    );
  });

  it('given days on a calendar, then D+n is at or inside open time, and later than D+(n-1)', () => {
    fc.assert(
      fc.property(calendarArb, instant, fc.integer({ min: 1, max: 20 }), (calendar, start, days) => {
        const deadline = addAgreementDuration(calendar, new Date(start), days, 'days').getTime();
        const previous = addAgreementDuration(calendar, new Date(start), days - 1, 'days').getTime();
        expect(deadline).toBeGreaterThan(previous);
        const openAround =
          businessTimeBetween(calendar, new Date(deadline - 1), new Date(deadline)) +
          businessTimeBetween(calendar, new Date(deadline), new Date(deadline + 1));
        expect(openAround).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });

  it('given no calendar, then everything is plain arithmetic', () => {
    fc.assert(
      fc.property(
        instant,
        instant,
        fc.integer({ min: 0, max: 6 * WEEK }),
        fc.integer({ min: 0, max: 400 }),
        (a, b, ms, days) => {
          expect(addBusinessTime(null, new Date(a), ms).getTime()).toBe(a + ms);
          expect(businessTimeBetween(null, new Date(a), new Date(b))).toBe(Math.max(0, b - a));
          expect(addAgreementDuration(null, new Date(a), days, 'days').getTime()).toBe(a + days * 24 * HOUR);
          expect(addAgreementDuration(null, new Date(a), days, 'minutes').getTime()).toBe(a + days * 60_000);
        },
      ),
      RUNS,
    );
  });
});
