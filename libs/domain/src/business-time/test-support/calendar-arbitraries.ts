import type { CalendarDefinition, Holiday, OpeningRange, PublicHolidays } from '@itsm/contracts';
import fc from 'fast-check';

// Random valid calendars for property tests of business time, in zones with odd clocks: DST at
// 02:00 (Paris), at 02:00 the other way round (New York), by 30 min (Lord Howe), at midnight
// (Santiago), none at all (Kolkata, UTC).

export const ZONES = [
  'Europe/Paris',
  'America/New_York',
  'Australia/Lord_Howe',
  'America/Santiago',
  'Asia/Kolkata',
  'UTC',
];
export const HOUR = 3_600_000;
export const WEEK = 7 * 24 * HOUR;
export const FROM = Date.UTC(2020, 0, 1);
export const TO = Date.UTC(2031, 0, 1);
const DAY = 86_400_000;

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

const isoDate = (epochDay: number): string => new Date(epochDay * DAY).toISOString().slice(0, 10);

const holiday = (maxLength: number): fc.Arbitrary<Holiday> =>
  fc
    .record({
      first: fc.integer({ min: Math.floor(FROM / DAY) - 400, max: Math.floor(TO / DAY) }),
      length: fc.integer({ min: 0, max: maxLength }),
      yearly: fc.boolean(),
    })
    .map(({ first, length, yearly }) => ({
      name: 'Holiday',
      start: isoDate(first),
      end: isoDate(first + length),
      // a yearly holiday of a year or more closes the calendar for ever: refused, so never generated
      yearly: yearly && length < 300,
    }));

const openingHours: fc.Arbitrary<OpeningRange[]> = fc
  .tuple(...[1, 2, 3, 4, 5, 6, 7].map(dayRanges))
  .map((days) => days.flat())
  .filter((ranges) => ranges.length > 0);

export interface CalendarShape {
  zones?: string[];
  /** longest holiday, in days after its first */
  holidayDays?: number;
  /** the countries and regions whose public holidays a calendar may take */
  places?: PublicHolidays[];
}

export function calendarArb({ zones = ZONES, holidayDays = 20, places = [] }: CalendarShape = {}) {
  return fc.record(
    {
      name: fc.constant('Random'),
      timeZone: fc.constantFrom(...zones),
      openingHours,
      holidays: fc.array(holiday(holidayDays), { maxLength: 3 }),
      ...(places.length > 0 ? { publicHolidays: fc.constantFrom(...places) } : {}),
    },
    { requiredKeys: ['name', 'timeZone', 'openingHours', 'holidays'] },
  ) as fc.Arbitrary<CalendarDefinition>;
}

/** Starts over 2020-2030, sometimes on a whole minute so that they meet range boundaries. */
export const instant = fc.oneof(
  fc.integer({ min: FROM, max: TO }),
  fc.integer({ min: FROM / 60_000, max: TO / 60_000 }).map((minute) => minute * 60_000),
);

/** Nominal open time of a week, from the ranges as written. */
export function weeklyOpenMs(calendar: CalendarDefinition): number {
  const minutes = (text: string) => Number(text.slice(0, 2)) * 60 + Number(text.slice(3));
  return calendar.openingHours.reduce(
    (total, range) => total + (minutes(range.end) - minutes(range.start)) * 60_000,
    0,
  );
}

/** Durations of up to `weeks` weeks of the calendar, whatever its hours: short, on quarter hours, or any. */
export const durationFor = (calendar: CalendarDefinition, weeks = 6): fc.Arbitrary<number> => {
  const most = weeks * weeklyOpenMs(calendar);
  return fc.oneof(
    fc.integer({ min: 0, max: Math.min(4 * HOUR, most) }),
    fc.integer({ min: 0, max: Math.floor(most / 900_000) }).map((quarters) => quarters * 900_000),
    fc.double({ min: 0, max: 1, noNaN: true }).map((share) => Math.round(share * most)),
  );
};
