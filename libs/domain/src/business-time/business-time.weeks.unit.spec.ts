import type { CalendarDefinition, DurationUnit } from '@itsm/contracts';
import fc from 'fast-check';
import { calendarArb, durationFor, instant, WEEK, ZONES } from './test-support/calendar-arbitraries';
import {
  addAgreementDurationByDays,
  addBusinessTimeByDays,
  businessTimeBetweenByDays,
} from './test-support/day-walking-business-time';
import { addAgreementDuration, addBusinessTime, businessTimeBetween, DEFAULT_HORIZON_DAYS } from './business-time';

// Jumping regular weeks must change nothing but the cost: on random calendars (odd zones, Morocco's
// clock stopping for Ramadan and Samoa's included, long closures, public holidays of several
// countries) every answer equals the former day-by-day walk's. A fixed seed keeps runs repeatable.
const RUNS = { numRuns: 200, seed: 13 };
const HORIZON_MS = DEFAULT_HORIZON_DAYS * 86_400_000;

const calendars = calendarArb({
  zones: [...ZONES, 'Africa/Casablanca', 'Pacific/Apia', 'Europe/London'],
  holidayDays: 400,
  places: [{ country: 'FR' }, { country: 'DE', region: 'BY' }, { country: 'US' }, { country: 'GB', region: 'SCT' }],
});

/** Up to about three years of the calendar's open time: dozens of whole weeks to jump. */
const scenario = calendars.chain((calendar) =>
  fc.record({ calendar: fc.constant(calendar), start: instant, duration: durationFor(calendar, 150) }),
);

/** What the walk found, or the horizon when it found something later or gave up (closed 10 years). */
function capped(walk: () => Date, start: number): number {
  try {
    return Math.min(walk().getTime(), start + HORIZON_MS);
  } catch (error) {
    if (error instanceof RangeError) return start + HORIZON_MS;
    throw error;
  }
}

describe('business time, jumping weeks', () => {
  it('given random calendars and durations, when time is added, then the deadline is the one walking days gives', () => {
    fc.assert(
      fc.property(scenario, ({ calendar, start, duration }) => {
        const jumped = addBusinessTime(calendar, new Date(start), duration).getTime();
        expect(jumped).toBe(capped(() => addBusinessTimeByDays(calendar, new Date(start), duration), start));
      }),
      RUNS,
    );
  });

  it('given random calendars and spans of up to three years, when open time is counted, then it is what walking days counts', () => {
    fc.assert(
      fc.property(calendars, instant, fc.integer({ min: 0, max: 160 * WEEK }), (calendar, start, span) => {
        const [from, to] = [new Date(start), new Date(start + span)];
        expect(businessTimeBetween(calendar, from, to)).toBe(businessTimeBetweenByDays(calendar, from, to));
      }),
      RUNS,
    );
  });

  it('given random calendars and agreements in minutes, hours or days, then each deadline is the one walking days gives', () => {
    const agreement = fc.record({
      unit: fc.constantFrom<DurationUnit>('minutes', 'hours', 'days'),
      duration: fc.integer({ min: 0, max: 700 }),
    });
    fc.assert(
      fc.property(calendars, instant, agreement, (calendar: CalendarDefinition, start, { unit, duration }) => {
        const jumped = addAgreementDuration(calendar, new Date(start), duration, unit).getTime();
        expect(jumped).toBe(capped(() => addAgreementDurationByDays(calendar, new Date(start), duration, unit), start));
      }),
      RUNS,
    );
  });
});
