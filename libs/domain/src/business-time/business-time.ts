import type { CalendarDefinition, DurationUnit } from '@itsm/contracts';
import { DAY_MS, MINUTE_MS } from './civil-time';
import {
  clockOf,
  compileCalendar,
  instantAt,
  localDayOf,
  openIntervals,
  type CompiledCalendar,
  type Interval,
} from './open-intervals';
import { isMonday, skipWeeks } from './open-weeks';

// Business time: milliseconds that elapse while a calendar is open. A null calendar is open 24/7.
// Days are resolved one by one only around the start, the end and in weeks whose clock changes;
// whole weeks in between are jumped, their open time known from the weekly schedule less their
// holidays (open-weeks.ts), so the cost follows the clock changes met, not the length of the
// search. No search goes past a horizon.

/** How far after its start a deadline may fall, unless the caller says otherwise (10 years). */
export const DEFAULT_HORIZON_DAYS = 3660;

const UNIT_MS = { minutes: MINUTE_MS, hours: 60 * MINUTE_MS } as const;

/**
 * The instant when `ms` of open time have elapsed after `start`. A start outside open time counts
 * from the next opening; time running out exactly at a closing gives that closing, not the next
 * opening. `ms` (whole milliseconds) = 0 gives `start` itself. Never later than `horizonDays`
 * after `start`: a calendar with too little open time before then answers that instant.
 */
export function addBusinessTime(
  calendar: CalendarDefinition | null,
  start: Date,
  ms: number,
  horizonDays = DEFAULT_HORIZON_DAYS,
): Date {
  const from = instantOf(start, 'start');
  const limit = from + horizonDays * DAY_MS;
  return new Date(businessTimeEnd(calendar, from, ms, limit) ?? limit);
}

/** Open milliseconds in [from, to); 0 when `to` is not after `from`. */
export function businessTimeBetween(calendar: CalendarDefinition | null, from: Date, to: Date): number {
  const first = instantOf(from, 'from');
  const last = instantOf(to, 'to');
  if (last <= first) return 0;
  if (calendar === null) return last - first;
  const compiled = compileCalendar(calendar);
  const firstDay = localDayOf(compiled, first);
  const lastDay = localDayOf(compiled, last);
  let total = 0;
  // one day either side: intervals are bounded by local midnights, whatever the instants' offsets
  for (let day = firstDay - 1; day <= lastDay + 1; day++) {
    // days strictly between the instants' own days are open in full
    if (day > firstDay && isMonday(day)) {
      const { weeks, brought } = skipWeeks(compiled, day, Math.floor((lastDay - day) / 7), Infinity, 'ms');
      if (weeks > 0) {
        total += brought;
        day += 7 * weeks - 1;
        continue;
      }
    }
    for (const { start, end } of openIntervals(compiled, day)) {
      total += Math.max(0, Math.min(end, last) - Math.max(start, first));
    }
  }
  return total;
}

/**
 * The deadline of an agreement. Minutes and hours are business time. Days, 24/7: `duration` x 24 h.
 * Days on a calendar work as GLPI's "work in days": from the start (moved to the next opening when
 * outside open time), skip `duration` open days and end at the start's local clock time on that day,
 * moved into its open ranges (the first opening when earlier, the closing when later, the next
 * range's start when between two ranges). A zero duration gives `start` itself. Never later than
 * `horizonDays` after `start` (see agreementEnd).
 */
export function addAgreementDuration(
  calendar: CalendarDefinition | null,
  start: Date,
  duration: number,
  unit: DurationUnit,
  horizonDays = DEFAULT_HORIZON_DAYS,
): Date {
  return agreementEnd(calendar, start, duration, unit, horizonDays) ?? new Date(start.getTime() + horizonDays * DAY_MS);
}

/** As addAgreementDuration, but null when the deadline would fall more than `horizonDays` after `start`. */
export function agreementEnd(
  calendar: CalendarDefinition | null,
  start: Date,
  duration: number,
  unit: DurationUnit,
  horizonDays = DEFAULT_HORIZON_DAYS,
): Date | null {
  const from = instantOf(start, 'start');
  const limit = from + horizonDays * DAY_MS;
  if (unit !== 'days') {
    const end = businessTimeEnd(calendar, from, duration * UNIT_MS[unit], limit);
    return end === null ? null : new Date(end);
  }
  if (!Number.isInteger(duration) || duration < 0) {
    throw new RangeError(`a duration in days must be a whole number, 0 or more, got ${duration}`);
  }
  if (duration === 0) return new Date(from);
  const end =
    calendar === null ? from + duration * DAY_MS : openDaysEnd(compileCalendar(calendar), from, duration, limit);
  return end === null || end > limit ? null : new Date(end);
}

/** The instant `ms` of open time after `from`, or null when it is after `limit`. */
function businessTimeEnd(calendar: CalendarDefinition | null, from: number, ms: number, limit: number): number | null {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`business time must be 0 or more milliseconds, got ${ms}`);
  if (ms === 0) return from;
  const end = calendar === null ? from + ms : openTimeEnd(compileCalendar(calendar), from, ms, limit);
  return end === null || end > limit ? null : end;
}

function openTimeEnd(calendar: CompiledCalendar, from: number, ms: number, limit: number): number | null {
  const firstDay = localDayOf(calendar, from);
  const lastDay = localDayOf(calendar, limit);
  let remaining = ms;
  // a day early costs little and covers zones whose local midnight luxon has to move
  for (let day = firstDay - 1; day <= lastDay; day++) {
    // whole weeks, only while the time left runs past them (ending at a week's last closing is found by walking)
    if (day > firstDay && isMonday(day)) {
      const { weeks, brought } = skipWeeks(calendar, day, weeksUntil(day, lastDay), remaining, 'ms');
      if (weeks > 0) {
        remaining -= brought;
        day += 7 * weeks - 1;
        continue;
      }
    }
    for (const { start, end } of openIntervals(calendar, day)) {
      if (end <= from) continue;
      const begin = Math.max(start, from);
      if (remaining <= end - begin) return begin + remaining;
      remaining -= end - begin;
    }
  }
  return null;
}

/** GLPI's "work in days" on a calendar, or null when the search reaches `limit`. */
function openDaysEnd(calendar: CompiledCalendar, from: number, days: number, limit: number): number | null {
  const lastDay = localDayOf(calendar, limit);
  const opening = firstOpening(calendar, from, lastDay);
  if (!opening) return null;
  const day = nthOpenDayAfter(calendar, opening.day, days, lastDay);
  if (day === null) return null;
  const wanted = instantAt(calendar, day, clockOf(calendar, opening.start));
  return moveIntoOpenTime(openIntervals(calendar, day), wanted);
}

/** The first open instant at or after `from`, with its local day; null when none until `lastDay`. */
function firstOpening(
  calendar: CompiledCalendar,
  from: number,
  lastDay: number,
): { day: number; start: number } | null {
  // walks days: only a long closure makes it walk far, and a closed day costs no time-zone work
  for (let day = localDayOf(calendar, from) - 1; day <= lastDay; day++) {
    const interval = openIntervals(calendar, day).find(({ end }) => end > from);
    if (interval) return { day, start: Math.max(interval.start, from) };
  }
  return null;
}

function nthOpenDayAfter(calendar: CompiledCalendar, day: number, count: number, lastDay: number): number | null {
  let left = count;
  let current = day;
  while (left > 0) {
    current++;
    if (current > lastDay) return null;
    const { weeks, brought } = isMonday(current)
      ? skipWeeks(calendar, current, weeksUntil(current, lastDay), left, 'openDays')
      : { weeks: 0, brought: 0 };
    if (weeks > 0) {
      left -= brought;
      current += 7 * weeks - 1;
    } else if (openIntervals(calendar, current).length > 0) {
      left--;
    }
  }
  return current;
}

/** Whole weeks from `monday` that end by `lastDay`, plus one: a jump never needs to go further. */
const weeksUntil = (monday: number, lastDay: number): number => Math.floor((lastDay - monday) / 7) + 1;

/** `wanted` when open (or at a closing), else the next opening, else the day's last closing. */
function moveIntoOpenTime(intervals: readonly Interval[], wanted: number): number {
  for (const { start, end } of intervals) {
    if (wanted < start) return start;
    if (wanted <= end) return wanted;
  }
  return intervals[intervals.length - 1].end;
}

function instantOf(date: Date, name: string): number {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`${name} is not a valid date`);
  return ms;
}
