import type { CalendarDefinition, Holiday, OpeningRange } from '@itsm/contracts';
import type { FieldError } from '../domain-error';
import { IANAZone } from 'luxon';
import { parseClock, parseDate, WEEKDAY_NAMES } from './civil-time';
import { WHOLE_YEAR_DAYS } from './holidays';
import { publicHolidayProblems } from './public-holidays';

// What makes a calendar unusable, phrased for the person who typed it and naming the field
// (they become 422 messages).

/** A calendar's problems; `minWeeklyOpenMinutes`: how long it must open a week at least. */
export function calendarProblems(definition: CalendarDefinition, minWeeklyOpenMinutes: number): FieldError[] {
  const problems: FieldError[] = [];
  if (isBlank(definition.name)) problems.push({ field: 'name', message: 'the calendar needs a name' });
  // Node 24's Intl also takes offsets such as "+01:00": they are no IANA zone and know no summer time
  const offset = typeof definition.timeZone === 'string' && /^[+-]\d/.test(definition.timeZone);
  if (typeof definition.timeZone !== 'string' || offset || !IANAZone.isValidZone(definition.timeZone)) {
    problems.push({
      field: 'timeZone',
      message: `time zone "${definition.timeZone}" is unknown: use an IANA name such as Europe/Paris`,
    });
  }
  const openingProblems = openingHourProblems(definition.openingHours);
  if (definition.openingHours.length === 0) {
    problems.push({
      field: 'openingHours',
      message: 'the calendar has no opening hours: add at least one opening range',
    });
  } else if (openingProblems.length === 0) {
    problems.push(...weeklyOpeningProblems(definition.openingHours, minWeeklyOpenMinutes));
  }
  problems.push(...openingProblems);
  definition.holidays.forEach((holiday, index) => problems.push(...holidayProblems(holiday, index)));
  if (definition.publicHolidays) problems.push(...publicHolidayProblems(definition.publicHolidays));
  return problems;
}

/** A week's open minutes as the ranges are written (valid, disjoint ranges). */
export function weeklyOpenMinutes(ranges: OpeningRange[]): number {
  return ranges.reduce(
    (total, range) => total + (parseClock(range.end, true) ?? 0) - (parseClock(range.start, false) ?? 0),
    0,
  );
}

/** Deadlines on a calendar that barely opens would lie years ahead, at a great cost to compute. */
function weeklyOpeningProblems(ranges: OpeningRange[], minWeeklyOpenMinutes: number): FieldError[] {
  const minutes = weeklyOpenMinutes(ranges);
  if (minutes >= minWeeklyOpenMinutes) return [];
  return [
    {
      field: 'openingHours',
      message: `the calendar opens ${minutes} minute${minutes === 1 ? '' : 's'} a week: it must open at least ${minWeeklyOpenMinutes} minutes a week`,
    },
  ];
}

interface ReadableRange {
  label: string;
  index: number;
  start: number;
  end: number;
}

function openingHourProblems(ranges: OpeningRange[]): FieldError[] {
  const problems: FieldError[] = [];
  const byWeekday = new Map<number, ReadableRange[]>();
  ranges.forEach((range, index) => {
    const field = `openingHours.${index}`;
    const weekdayOk = Number.isInteger(range.weekday) && range.weekday >= 1 && range.weekday <= 7;
    const label = `opening range ${weekdayOk ? WEEKDAY_NAMES[range.weekday] : `#${index + 1}`} ${range.start}-${range.end}`;
    const problem = (message: string) => problems.push({ field, message: `${label}${message}` });
    if (!weekdayOk) problem(`: weekday ${range.weekday} is not between 1 (Monday) and 7 (Sunday)`);
    const start = parseClock(range.start, false);
    const end = parseClock(range.end, true);
    if (start === null) problem(`: start "${range.start}" is not a time of day (HH:mm, 00:00 to 23:59)`);
    if (end === null) problem(`: end "${range.end}" is not a time of day (HH:mm, 00:00 to 24:00)`);
    if (start === null || end === null) return;
    if (end < start) problem(' ends before it starts');
    else if (end === start) problem(' is empty: it ends when it starts');
    else if (weekdayOk) {
      byWeekday.set(range.weekday, [...(byWeekday.get(range.weekday) ?? []), { label, index, start, end }]);
    }
  });
  for (const readable of byWeekday.values()) {
    const sorted = [...readable].sort((a, b) => a.start - b.start);
    // touching ranges (08:00-12:00, 12:00-14:00) are fine: only a start before the previous end overlaps
    for (let i = 1; i < sorted.length; i++) {
      const overlapped = sorted.slice(0, i).find((earlier) => earlier.end > sorted[i].start);
      if (!overlapped) continue;
      problems.push({
        field: `openingHours.${sorted[i].index}`,
        message: `${overlapped.label} and ${sorted[i].label.replace('opening range ', '')} overlap`,
      });
    }
  }
  return problems;
}

function holidayProblems(holiday: Holiday, index: number): FieldError[] {
  const problems: string[] = [];
  const label = isBlank(holiday.name) ? `holiday #${index + 1}` : `holiday "${holiday.name}"`;
  if (isBlank(holiday.name)) problems.push(`${label} needs a name`);
  const first = parseDate(holiday.start);
  const last = parseDate(holiday.end);
  if (first === null) problems.push(`${label}: start "${holiday.start}" is not a date (YYYY-MM-DD)`);
  if (last === null) problems.push(`${label}: end "${holiday.end}" is not a date (YYYY-MM-DD)`);
  if (first !== null && last !== null) {
    if (last < first) problems.push(`${label} ends (${holiday.end}) before it starts (${holiday.start})`);
    else if (holiday.yearly && last - first + 1 >= WHOLE_YEAR_DAYS) {
      problems.push(`${label} repeats every year and lasts a whole year: the calendar would never open`);
    }
  }
  return problems.map((message) => ({ field: `holidays.${index}`, message }));
}

const isBlank = (text: unknown): boolean => typeof text !== 'string' || text.trim() === '';
