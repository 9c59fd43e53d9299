import type { CalendarDefinition } from '@itsm/contracts';
import { DateTime, IANAZone } from 'luxon';
import { civilDay, epochDayOf, DAY_MS, MINUTE_MS, MINUTES_PER_DAY, parseClock, WEEKDAY_NAMES } from './civil-time';
import { holidayMatcher, type HolidayMatcher } from './holidays';

/** Open time as instants (epoch ms), start inclusive, end exclusive. */
export interface Interval {
  start: number;
  end: number;
}

interface Midnight {
  ms: number;
  /** UTC offset in minutes at that instant, as luxon reports it */
  offset: number;
}

/** What a week brings: open milliseconds, and how many of its days have open time. */
export interface WeekOpenTime {
  ms: number;
  openDays: number;
}

/** What a week brings when no holiday closes any of its days and the clock does not change. */
export interface RegularWeek extends WeekOpenTime {
  /** index 1..7 (ISO weekday): open milliseconds of that weekday */
  dayMs: number[];
}

/** By block of weeks: the weeks that are not regular, and what each brings (null: its clock changes). */
export interface IrregularWeeks {
  mondays: readonly number[];
  openTime: ReadonlyMap<number, WeekOpenTime | null>;
}

/** A calendar parsed once: opening minutes per weekday, a holiday test, and what was resolved so far. */
export interface CompiledCalendar {
  name: string;
  zone: IANAZone;
  /** index 1..7 (ISO weekday): [startMinute, endMinute] sorted by start */
  weekdays: Array<Array<[number, number]>>;
  week: RegularWeek;
  isHoliday: HolidayMatcher;
  days: Map<number, readonly Interval[]>;
  midnights: Map<number, Midnight>;
  /** by block of weeks (see open-weeks.ts) */
  irregularWeeks: Map<number, IrregularWeeks>;
}

// Deadlines are computed for every ticket against a handful of calendars: keep the parsed calendars
// and their resolved days (keyed by content, so a changed calendar is a new entry), within bounds.
const MAX_CALENDARS = 32;
const MAX_DAYS_PER_CALENDAR = 4_000;
const CLOSED: readonly Interval[] = Object.freeze([]);
const compiled = new Map<string, CompiledCalendar>();

export function compileCalendar(definition: CalendarDefinition): CompiledCalendar {
  const key = JSON.stringify([
    definition.name,
    definition.timeZone,
    definition.openingHours,
    definition.holidays,
    definition.publicHolidays,
  ]);
  const known = compiled.get(key);
  if (known) return known;
  const calendar = parse(definition);
  if (compiled.size >= MAX_CALENDARS) compiled.delete(compiled.keys().next().value as string);
  compiled.set(key, calendar);
  return calendar;
}

/** Throws RangeError on what cannot be interpreted; calendarProblems says the same to users, earlier. */
function parse(definition: CalendarDefinition): CompiledCalendar {
  if (!IANAZone.isValidZone(definition.timeZone)) {
    throw new RangeError(`calendar "${definition.name}": unknown time zone ${definition.timeZone}`);
  }
  const weekdays: Array<Array<[number, number]>> = WEEKDAY_NAMES.map(() => []);
  for (const range of definition.openingHours) {
    const start = parseClock(range.start, false);
    const end = parseClock(range.end, true);
    if (!Number.isInteger(range.weekday) || range.weekday < 1 || range.weekday > 7 || start === null || end === null) {
      throw new RangeError(`calendar "${definition.name}": unreadable opening range ${JSON.stringify(range)}`);
    }
    weekdays[range.weekday].push([start, end]);
  }
  for (const ranges of weekdays) ranges.sort((a, b) => a[0] - b[0]);
  return {
    name: definition.name,
    zone: IANAZone.create(definition.timeZone),
    weekdays,
    week: regularWeekOf(weekdays),
    isHoliday: holidayMatcher(definition.holidays, definition.publicHolidays),
    days: new Map(),
    midnights: new Map(),
    irregularWeeks: new Map(),
  };
}

/** Each weekday laid out exactly as a day without clock change is (resolveDay), then summed. */
function regularWeekOf(weekdays: Array<Array<[number, number]>>): RegularWeek {
  const dayMs = weekdays.map((ranges) =>
    layOut(ranges, (minutes) => minutes * MINUTE_MS, 0, DAY_MS).reduce(
      (total, { start, end }) => total + end - start,
      0,
    ),
  );
  return {
    ms: dayMs.reduce((total, ms) => total + ms, 0),
    openDays: dayMs.filter((ms) => ms > 0).length,
    dayMs,
  };
}

/** The calendar day (epoch day) an instant falls on, in the calendar's zone. */
export function localDayOf(calendar: CompiledCalendar, ms: number): number {
  const local = DateTime.fromMillis(ms, { zone: calendar.zone });
  return epochDayOf(local.year, local.month, local.day);
}

/** An instant's local wall-clock time, to be put on another day. */
export function clockOf(
  calendar: CompiledCalendar,
  ms: number,
): { hour: number; minute: number; second: number; millisecond: number } {
  const { hour, minute, second, millisecond } = DateTime.fromMillis(ms, { zone: calendar.zone });
  return { hour, minute, second, millisecond };
}

/** The instant of a local wall-clock time on a day, as luxon resolves skipped and repeated times. */
export function instantAt(
  calendar: CompiledCalendar,
  epochDay: number,
  clock: { hour: number; minute: number; second?: number; millisecond?: number },
): number {
  const { year, month, day } = civilDay(epochDay);
  return DateTime.fromObject({ year, month, day, ...clock }, { zone: calendar.zone }).toMillis();
}

/**
 * Open intervals of one local day: sorted, disjoint, non-empty, adjacent ones merged, all inside
 * [this midnight, next midnight). A holiday or a weekday without ranges has none.
 */
export function openIntervals(calendar: CompiledCalendar, epochDay: number): readonly Interval[] {
  let intervals = calendar.days.get(epochDay);
  if (!intervals) {
    intervals = resolveDay(calendar, epochDay);
    if (calendar.days.size >= MAX_DAYS_PER_CALENDAR) calendar.days.clear();
    calendar.days.set(epochDay, intervals);
  }
  return intervals;
}

function resolveDay(calendar: CompiledCalendar, epochDay: number): readonly Interval[] {
  const civil = civilDay(epochDay);
  const ranges = calendar.weekdays[civil.weekday];
  if (ranges.length === 0 || calendar.isHoliday(civil)) return CLOSED;
  const dayStart = midnight(calendar, epochDay);
  const dayEnd = midnight(calendar, epochDay + 1);
  // Luxon says whether the offset moves during this day. When it does not, wall-clock minutes are
  // plain minutes after midnight; when it does (DST days), every boundary is resolved by luxon.
  const steady = dayStart.offset === dayEnd.offset && dayEnd.ms - dayStart.ms === DAY_MS;
  const at = (minutes: number): number => {
    if (minutes === MINUTES_PER_DAY) return dayEnd.ms;
    if (steady) return dayStart.ms + minutes * MINUTE_MS;
    return instantAt(calendar, epochDay, { hour: Math.floor(minutes / 60), minute: minutes % 60 });
  };
  const intervals = layOut(ranges, at, dayStart.ms, dayEnd.ms);
  return intervals.length > 0 ? intervals : CLOSED;
}

/** A weekday's ranges between two midnights, `at` placing a minute of the day as an instant. */
function layOut(ranges: Array<[number, number]>, at: (minutes: number) => number, dayStart: number, dayEnd: number) {
  const intervals: Interval[] = [];
  // Luxon moves a skipped time forward by the gap (02:30 -> 03:30 while 03:00 stays 03:00): clamping
  // each boundary to what came before keeps the day's intervals ordered and never counted twice.
  let floor = dayStart;
  for (const [startMinute, endMinute] of ranges) {
    const start = clamp(at(startMinute), floor, dayEnd);
    const end = clamp(at(endMinute), start, dayEnd);
    floor = end;
    if (end === start) continue;
    const last = intervals[intervals.length - 1];
    if (last && last.end === start) last.end = end;
    else intervals.push({ start, end });
  }
  return intervals;
}

/** The instant a local day starts, with the offset then; cached per calendar. */
function midnight(calendar: CompiledCalendar, epochDay: number): Midnight {
  let known = calendar.midnights.get(epochDay);
  if (!known) {
    const { year, month, day } = civilDay(epochDay);
    const local = DateTime.fromObject({ year, month, day }, { zone: calendar.zone });
    known = { ms: local.toMillis(), offset: local.offset };
    if (calendar.midnights.size >= MAX_DAYS_PER_CALENDAR) calendar.midnights.clear();
    calendar.midnights.set(epochDay, known);
  }
  return known;
}

const clamp = (value: number, min: number, max: number): number => Math.min(Math.max(value, min), max);
