import { civilDay, DAY_MS } from './civil-time';
import { midnight, type CompiledCalendar } from './open-intervals';

// Most weeks of a calendar are regular: no holiday closes any of their open days and the clock
// does not change, so they bring exactly the weekly schedule's open time (calendar.week) and can be
// jumped whole, without resolving their days. Which weeks are not is found once per block of weeks
// and kept with the calendar: holidays and clock changes are a few a year.

/** Epoch day 4, 1970-01-05, is the first Monday of the day count. */
const FIRST_MONDAY = 4;
const WEEK_DAYS = 7;
const WEEKS_PER_BLOCK = 64;
/** Blocks kept per calendar: about 150 years of weeks, far more than any deadline's horizon. */
const MAX_BLOCKS = 120;

export const isMonday = (epochDay: number): boolean =>
  (((epochDay - FIRST_MONDAY) % WEEK_DAYS) + WEEK_DAYS) % WEEK_DAYS === 0;

/** How many weeks in a row, from the one starting on `monday`, are regular; `max` at most. */
export function regularWeeksFrom(calendar: CompiledCalendar, monday: number, max: number): number {
  let weeks = 0;
  while (weeks < max) {
    const week = monday + weeks * WEEK_DAYS;
    const block = blockOf(week);
    const irregular = irregularMondays(calendar, block).find((candidate) => candidate >= week);
    const end = irregular ?? firstMondayOf(block + 1);
    weeks += (end - week) / WEEK_DAYS;
    if (irregular !== undefined) break;
  }
  return Math.min(weeks, max);
}

const blockOf = (monday: number): number => Math.floor((monday - FIRST_MONDAY) / (WEEK_DAYS * WEEKS_PER_BLOCK));
const firstMondayOf = (block: number): number => FIRST_MONDAY + block * WEEK_DAYS * WEEKS_PER_BLOCK;

function irregularMondays(calendar: CompiledCalendar, block: number): readonly number[] {
  let mondays = calendar.irregularWeeks.get(block);
  if (!mondays) {
    const first = firstMondayOf(block);
    mondays = Array.from({ length: WEEKS_PER_BLOCK }, (_, index) => first + index * WEEK_DAYS).filter(
      (monday) => !isRegular(calendar, monday),
    );
    if (calendar.irregularWeeks.size >= MAX_BLOCKS) calendar.irregularWeeks.clear();
    calendar.irregularWeeks.set(block, mondays);
  }
  return mondays;
}

/**
 * Regular: the week lasts 7 × 24 h at one offset (so every day of it does: zones never change
 * their clock and change it back within a week), and no holiday falls on a weekday with open time.
 */
function isRegular(calendar: CompiledCalendar, monday: number): boolean {
  const start = midnight(calendar, monday);
  const end = midnight(calendar, monday + WEEK_DAYS);
  if (start.offset !== end.offset || end.ms - start.ms !== WEEK_DAYS * DAY_MS) return false;
  for (let day = monday; day < monday + WEEK_DAYS; day++) {
    const civil = civilDay(day);
    if (calendar.week.open[civil.weekday] && calendar.isHoliday(civil)) return false;
  }
  return true;
}
