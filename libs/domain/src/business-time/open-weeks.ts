import type { IANAZone } from 'luxon';
import { civilDay, DAY_MS } from './civil-time';
import type { CompiledCalendar, IrregularWeeks, WeekOpenTime } from './open-intervals';

// Most weeks of a calendar are regular: no holiday closes any of their open days and the clock
// does not change, so they bring exactly the weekly schedule's open time (calendar.week) and runs
// of them are jumped at once. A week with holidays but no clock change is jumped too: it brings the
// schedule less its closed days. Only weeks whose clock changes are resolved day by day. Which
// weeks are not regular is found once per block of weeks and kept with the calendar; clock changes
// depend on the zone alone, so they are found once per zone for every calendar (asking a zone its
// offset is what costs most).

/** Epoch day 4, 1970-01-05, is the first Monday of the day count. */
const FIRST_MONDAY = 4;
const WEEK_DAYS = 7;
const WEEKS_PER_BLOCK = 64;
/** Blocks kept per calendar and per zone: about 150 years of weeks, far more than any horizon. */
const MAX_BLOCKS = 120;
const clockChangesByZone = new Map<string, Map<number, ReadonlySet<number>>>();

export const isMonday = (epochDay: number): boolean =>
  (((epochDay - FIRST_MONDAY) % WEEK_DAYS) + WEEK_DAYS) % WEEK_DAYS === 0;

/**
 * Whole weeks from `monday` (at most `maxWeeks`) whose open time (`measure`) adds up to less than
 * `left`: all of it then lies after them. Stops before a week whose clock changes.
 */
export function skipWeeks(
  calendar: CompiledCalendar,
  monday: number,
  maxWeeks: number,
  left: number,
  measure: keyof WeekOpenTime,
): { weeks: number; brought: number } {
  let weeks = 0;
  let brought = 0;
  while (weeks < maxWeeks) {
    const week = monday + weeks * WEEK_DAYS;
    // a run of regular weeks at once, as many as leave some time over
    const fitting = Math.ceil((left - brought) / calendar.week[measure]) - 1;
    const run = Math.min(regularWeeksFrom(calendar, week, maxWeeks - weeks), fitting);
    if (run > 0) {
      weeks += run;
      brought += run * calendar.week[measure];
      continue;
    }
    const openTime = weekOpenTime(calendar, week);
    if (openTime === null || brought + openTime[measure] >= left) break;
    weeks++;
    brought += openTime[measure];
  }
  return { weeks, brought };
}

/** How many weeks in a row, from the one starting on `monday`, are regular; `max` at most. */
function regularWeeksFrom(calendar: CompiledCalendar, monday: number, max: number): number {
  let weeks = 0;
  while (weeks < max) {
    const week = monday + weeks * WEEK_DAYS;
    const block = blockOf(week);
    const irregular = irregularWeeks(calendar, block).mondays.find((candidate) => candidate >= week);
    weeks += ((irregular ?? firstMondayOf(block + 1)) - week) / WEEK_DAYS;
    if (irregular !== undefined) break;
  }
  return Math.min(weeks, max);
}

/** What the week starting on `monday` brings; null when its clock changes (its days must be resolved). */
function weekOpenTime(calendar: CompiledCalendar, monday: number): WeekOpenTime | null {
  const { openTime } = irregularWeeks(calendar, blockOf(monday));
  return openTime.has(monday) ? openTime.get(monday)! : calendar.week;
}

const blockOf = (monday: number): number => Math.floor((monday - FIRST_MONDAY) / (WEEK_DAYS * WEEKS_PER_BLOCK));
const firstMondayOf = (block: number): number => FIRST_MONDAY + block * WEEK_DAYS * WEEKS_PER_BLOCK;

function irregularWeeks(calendar: CompiledCalendar, block: number): IrregularWeeks {
  let known = calendar.irregularWeeks.get(block);
  if (!known) {
    const clockChanges = clockChangeWeeks(calendar.zone, block);
    const openTime = new Map<number, WeekOpenTime | null>();
    for (let index = 0; index < WEEKS_PER_BLOCK; index++) {
      const monday = firstMondayOf(block) + index * WEEK_DAYS;
      if (clockChanges.has(monday)) openTime.set(monday, null);
      else {
        const withHolidays = holidayWeekOpenTime(calendar, monday);
        if (withHolidays) openTime.set(monday, withHolidays);
      }
    }
    known = { mondays: [...openTime.keys()], openTime };
    if (calendar.irregularWeeks.size >= MAX_BLOCKS) calendar.irregularWeeks.clear();
    calendar.irregularWeeks.set(block, known);
  }
  return known;
}

/** The schedule less the open weekdays a holiday closes; null when none does (a regular week). */
function holidayWeekOpenTime(calendar: CompiledCalendar, monday: number): WeekOpenTime | null {
  const { dayMs } = calendar.week;
  let closed = false;
  let ms = 0;
  let openDays = 0;
  for (let weekday = 1; weekday <= WEEK_DAYS; weekday++) {
    if (dayMs[weekday] === 0) continue;
    if (calendar.isHoliday(civilDay(monday + weekday - 1))) closed = true;
    else {
      ms += dayMs[weekday];
      openDays++;
    }
  }
  return closed ? { ms, openDays } : null;
}

/**
 * The Mondays of a block's weeks during which the zone's offset changes. A local week lies within
 * the UTC days from the day before its Monday to the day after its Sunday (offsets stay within
 * ±14 h): the same offset at both ends means no change inside, as zones never change their clock
 * and change it back within nine days.
 */
function clockChangeWeeks(zone: IANAZone, block: number): ReadonlySet<number> {
  let blocks = clockChangesByZone.get(zone.name);
  if (!blocks) {
    blocks = new Map();
    clockChangesByZone.set(zone.name, blocks);
  }
  let mondays = blocks.get(block);
  if (!mondays) {
    const offsetAt = (epochDay: number) => zone.offset(epochDay * DAY_MS);
    const first = firstMondayOf(block);
    mondays = new Set(
      Array.from({ length: WEEKS_PER_BLOCK }, (_, index) => first + index * WEEK_DAYS).filter(
        (monday) => offsetAt(monday - 1) !== offsetAt(monday + WEEK_DAYS + 1),
      ),
    );
    if (blocks.size >= MAX_BLOCKS) blocks.clear();
    blocks.set(block, mondays);
  }
  return mondays;
}
