import type { CalendarDefinition, DurationUnit } from '@itsm/contracts';
import { civilDay, DAY_MS, MINUTE_MS } from '../civil-time';
import {
  clockOf,
  compileCalendar,
  instantAt,
  localDayOf,
  openIntervals,
  type CompiledCalendar,
  type Interval,
} from '../open-intervals';

// The business-time arithmetic as it was before weeks were jumped (issue 13): every day walked,
// one after the other. Kept as the oracle the week-jumping code must equal on random calendars;
// it shares the day resolution (open-intervals.ts), so what is compared is the walk itself.

const MAX_CLOSED_DAYS = 3653;
const UNIT_MS = { minutes: MINUTE_MS, hours: 60 * MINUTE_MS } as const;

export function addBusinessTimeByDays(calendar: CalendarDefinition | null, start: Date, ms: number): Date {
  const from = start.getTime();
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

export function businessTimeBetweenByDays(calendar: CalendarDefinition | null, from: Date, to: Date): number {
  const [first, last] = [from.getTime(), to.getTime()];
  if (last <= first) return 0;
  if (calendar === null) return last - first;
  const compiled = compileCalendar(calendar);
  let total = 0;
  const lastDay = localDayOf(compiled, last) + 1;
  for (let day = localDayOf(compiled, first) - 1; day <= lastDay; day++) {
    for (const { start, end } of openIntervals(compiled, day)) {
      total += Math.max(0, Math.min(end, last) - Math.max(start, first));
    }
  }
  return total;
}

export function addAgreementDurationByDays(
  calendar: CalendarDefinition | null,
  start: Date,
  duration: number,
  unit: DurationUnit,
): Date {
  if (unit !== 'days') return addBusinessTimeByDays(calendar, start, duration * UNIT_MS[unit]);
  const from = start.getTime();
  if (duration === 0) return new Date(from);
  if (calendar === null) return new Date(from + duration * DAY_MS);
  const compiled = compileCalendar(calendar);
  const opening = openTimeFrom(compiled, from).next().value;
  if (!opening) throw new Error('unreachable: openTimeFrom never ends');
  const day = nthOpenDayAfter(compiled, opening.day, duration);
  const wanted = instantAt(compiled, day, clockOf(compiled, opening.interval.start));
  return new Date(moveIntoOpenTime(openIntervals(compiled, day), wanted));
}

function* openTimeFrom(calendar: CompiledCalendar, from: number): Generator<{ day: number; interval: Interval }> {
  let closedDays = 0;
  for (let day = localDayOf(calendar, from) - 1; closedDays <= MAX_CLOSED_DAYS; day++) {
    closedDays++;
    for (const { start, end } of openIntervals(calendar, day)) {
      if (end <= from) continue;
      closedDays = 0;
      yield { day, interval: { start: Math.max(start, from), end } };
    }
  }
  throw new RangeError(`calendar "${calendar.name}" has no open time within 10 years`);
}

function nthOpenDayAfter(calendar: CompiledCalendar, day: number, count: number): number {
  let closedDays = 0;
  while (count > 0) {
    day++;
    if (openIntervals(calendar, day).length > 0) {
      count--;
      closedDays = 0;
    } else if (++closedDays > MAX_CLOSED_DAYS) {
      throw new RangeError(`calendar "${calendar.name}" has no open day after ${civilDay(day - closedDays).iso}`);
    }
  }
  return day;
}

function moveIntoOpenTime(intervals: readonly Interval[], wanted: number): number {
  for (const { start, end } of intervals) {
    if (wanted < start) return start;
    if (wanted <= end) return wanted;
  }
  return intervals[intervals.length - 1].end;
}
