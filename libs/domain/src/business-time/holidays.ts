import type { Holiday, PublicHolidays } from '@itsm/contracts';
import { parseDate, type CivilDay } from './civil-time';
import { publicHolidaysOf } from './public-holidays';

/** Yearly holidays this long (or longer) cover every day of the year. */
export const WHOLE_YEAR_DAYS = 365;

/** Whether a holiday closes a day; throws RangeError on dates that are not real "YYYY-MM-DD". */
export type HolidayMatcher = (day: CivilDay) => boolean;

/** The calendar's own closing days, and its country's or region's public holidays when it names one. */
export function holidayMatcher(holidays: Holiday[], publicHolidays?: PublicHolidays): HolidayMatcher {
  const matchers = holidays.map(matcherOf);
  if (publicHolidays) matchers.push((day) => publicHolidaysOf(publicHolidays, day.year).has(day.iso));
  return (day) => matchers.some((matches) => matches(day));
}

function matcherOf(holiday: Holiday): HolidayMatcher {
  const first = parseDate(holiday.start);
  const last = parseDate(holiday.end);
  if (first === null || last === null) {
    throw new RangeError(
      `holiday "${holiday.name}" has a date that is not YYYY-MM-DD: ${holiday.start}..${holiday.end}`,
    );
  }
  if (last < first) return () => false;
  if (!holiday.yearly) return (day) => day.iso >= holiday.start && day.iso <= holiday.end;
  if (last - first + 1 >= WHOLE_YEAR_DAYS) return () => true;
  const from = holiday.start.slice(5);
  const to = holiday.end.slice(5);
  // a yearly range ending on an earlier month-day crosses the new year (12-24..01-02)
  return from <= to
    ? (day) => day.monthDay >= from && day.monthDay <= to
    : (day) => day.monthDay >= from || day.monthDay <= to;
}
