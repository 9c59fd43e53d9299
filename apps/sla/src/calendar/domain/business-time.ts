import type { CalendarDefinition, DurationUnit } from '@itsm/contracts';
import { civilDay, DAY_MS, MINUTE_MS } from './civil-time';
import {
  clockOf,
  compileCalendar,
  instantAt,
  localDayOf,
  openIntervals,
  type CompiledCalendar,
  type Interval,
} from './open-intervals';

// Business time: milliseconds that elapse while a calendar is open. A null calendar is open 24/7.
// Everything walks day by day over each day's resolved open intervals, never minute by minute.

/** A calendar closed this long in a row is taken as never opening again (rather than looping). */
const MAX_CLOSED_DAYS = 3653;

const UNIT_MS = { minutes: MINUTE_MS, hours: 60 * MINUTE_MS } as const;

/**
 * The instant when `ms` of open time have elapsed after `start`. A start outside open time counts
 * from the next opening; time running out exactly at a closing gives that closing, not the next
 * opening. `ms` (whole milliseconds) = 0 gives `start` itself.
 */
export function addBusinessTime(calendar: CalendarDefinition | null, start: Date, ms: number): Date {
  const from = instantOf(start, 'start');
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`business time must be 0 or more milliseconds, got ${ms}`);
  if (ms === 0) return new Date(from);
  if (calendar === null) return new Date(from + ms);
  let remaining = ms;
  for (const { interval } of openTimeFrom(compileCalendar(calendar), from)) {
    const available = interval.end - interval.start;
    if (remaining <= available) return new Date(interval.start + remaining);
    remaining -= available;
  }
  throw new Error('unreachable: openTimeFrom never ends');
}

/** Open milliseconds in [from, to); 0 when `to` is not after `from`. */
export function businessTimeBetween(calendar: CalendarDefinition | null, from: Date, to: Date): number {
  const first = instantOf(from, 'from');
  const last = instantOf(to, 'to');
  if (last <= first) return 0;
  if (calendar === null) return last - first;
  const compiled = compileCalendar(calendar);
  let total = 0;
  // one day either side: intervals are bounded by local midnights, whatever the instants' offsets
  const lastDay = localDayOf(compiled, last) + 1;
  for (let day = localDayOf(compiled, first) - 1; day <= lastDay; day++) {
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
 * range's start when between two ranges). A zero duration gives `start` itself.
 */
export function addAgreementDuration(
  calendar: CalendarDefinition | null,
  start: Date,
  duration: number,
  unit: DurationUnit,
): Date {
  if (unit !== 'days') return addBusinessTime(calendar, start, duration * UNIT_MS[unit]);
  const from = instantOf(start, 'start');
  if (!Number.isInteger(duration) || duration < 0) {
    throw new RangeError(`a duration in days must be a whole number, 0 or more, got ${duration}`);
  }
  if (duration === 0) return new Date(from);
  if (calendar === null) return new Date(from + duration * DAY_MS);
  const compiled = compileCalendar(calendar);
  const opening = openTimeFrom(compiled, from).next().value;
  if (!opening) throw new Error('unreachable: openTimeFrom never ends');
  const day = nthOpenDayAfter(compiled, opening.day, duration);
  const wanted = instantAt(compiled, day, clockOf(compiled, opening.interval.start));
  return new Date(moveIntoOpenTime(openIntervals(compiled, day), wanted));
}

/**
 * Open intervals from `from` on, the first one cut at `from`, with their local day. Throws RangeError
 * after MAX_CLOSED_DAYS days without any open time.
 */
function* openTimeFrom(calendar: CompiledCalendar, from: number): Generator<{ day: number; interval: Interval }> {
  let closedDays = 0;
  // a day early costs little and covers zones whose local midnight luxon has to move
  for (let day = localDayOf(calendar, from) - 1; closedDays <= MAX_CLOSED_DAYS; day++) {
    closedDays++;
    for (const { start, end } of openIntervals(calendar, day)) {
      if (end <= from) continue;
      closedDays = 0;
      yield { day, interval: { start: Math.max(start, from), end } };
    }
  }
  throw neverOpens(calendar, new Date(from).toISOString());
}

function nthOpenDayAfter(calendar: CompiledCalendar, day: number, count: number): number {
  let closedDays = 0;
  while (count > 0) {
    day++;
    if (openIntervals(calendar, day).length > 0) {
      count--;
      closedDays = 0;
    } else if (++closedDays > MAX_CLOSED_DAYS) {
      throw neverOpens(calendar, `${civilDay(day - closedDays).iso} (local)`);
    }
  }
  return day;
}

/** `wanted` when open (or at a closing), else the next opening, else the day's last closing. */
function moveIntoOpenTime(intervals: readonly Interval[], wanted: number): number {
  for (const { start, end } of intervals) {
    if (wanted < start) return start;
    if (wanted <= end) return wanted;
  }
  return intervals[intervals.length - 1].end;
}

function neverOpens(calendar: CompiledCalendar, after: string): RangeError {
  return new RangeError(
    `calendar "${calendar.name}" has no open time within 10 years after ${after}: ` +
      'check its opening hours and holidays',
  );
}

function instantOf(date: Date, name: string): number {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`${name} is not a valid date`);
  return ms;
}
