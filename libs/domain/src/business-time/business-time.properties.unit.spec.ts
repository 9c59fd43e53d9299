import type { CalendarDefinition } from '@itsm/contracts';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { calendarArb as randomCalendar, durationFor, HOUR, instant, WEEK } from './test-support/calendar-arbitraries';
import { addAgreementDuration, addBusinessTime, businessTimeBetween } from './business-time';
import { calendarProblems } from './calendar-rules';

const RUNS = { numRuns: 300 };

const calendarArb = randomCalendar();

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
      fc.property(calendarArb, (calendar) => expect(calendarProblems(calendar, 1)).toEqual([])),
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
