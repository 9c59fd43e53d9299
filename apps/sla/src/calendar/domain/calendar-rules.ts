import type { CalendarDefinition, Holiday, OpeningRange } from '@itsm/contracts';
import { IANAZone } from 'luxon';
import { parseClock, parseDate, WEEKDAY_NAMES } from './civil-time';
import { WHOLE_YEAR_DAYS } from './holidays';

// What makes a calendar unusable, phrased for the person who typed it (they become 422 messages).

export function calendarProblems(definition: CalendarDefinition): string[] {
  const problems: string[] = [];
  if (isBlank(definition.name)) problems.push('the calendar needs a name');
  if (typeof definition.timeZone !== 'string' || !IANAZone.isValidZone(definition.timeZone)) {
    problems.push(`time zone "${definition.timeZone}" is unknown: use an IANA name such as Europe/Paris`);
  }
  if (definition.openingHours.length === 0) {
    problems.push('the calendar has no opening hours: add at least one opening range');
  }
  problems.push(...openingHourProblems(definition.openingHours));
  definition.holidays.forEach((holiday, index) => problems.push(...holidayProblems(holiday, index + 1)));
  return problems;
}

interface ReadableRange {
  label: string;
  start: number;
  end: number;
}

function openingHourProblems(ranges: OpeningRange[]): string[] {
  const problems: string[] = [];
  const byWeekday = new Map<number, ReadableRange[]>();
  ranges.forEach((range, index) => {
    const weekdayOk = Number.isInteger(range.weekday) && range.weekday >= 1 && range.weekday <= 7;
    const label = `opening range ${weekdayOk ? WEEKDAY_NAMES[range.weekday] : `#${index + 1}`} ${range.start}-${range.end}`;
    if (!weekdayOk) problems.push(`${label}: weekday ${range.weekday} is not between 1 (Monday) and 7 (Sunday)`);
    const start = parseClock(range.start, false);
    const end = parseClock(range.end, true);
    if (start === null) problems.push(`${label}: start "${range.start}" is not a time of day (HH:mm, 00:00 to 23:59)`);
    if (end === null) problems.push(`${label}: end "${range.end}" is not a time of day (HH:mm, 00:00 to 24:00)`);
    if (start === null || end === null) return;
    if (end < start) problems.push(`${label} ends before it starts`);
    else if (end === start) problems.push(`${label} is empty: it ends when it starts`);
    else if (weekdayOk) byWeekday.set(range.weekday, [...(byWeekday.get(range.weekday) ?? []), { label, start, end }]);
  });
  for (const readable of byWeekday.values()) {
    const sorted = [...readable].sort((a, b) => a.start - b.start);
    // touching ranges (08:00-12:00, 12:00-14:00) are fine: only a start before the previous end overlaps
    for (let i = 1; i < sorted.length; i++) {
      const overlapped = sorted.slice(0, i).find((earlier) => earlier.end > sorted[i].start);
      if (overlapped) problems.push(`${overlapped.label} and ${sorted[i].label.replace('opening range ', '')} overlap`);
    }
  }
  return problems;
}

function holidayProblems(holiday: Holiday, position: number): string[] {
  const problems: string[] = [];
  const label = isBlank(holiday.name) ? `holiday #${position}` : `holiday "${holiday.name}"`;
  if (isBlank(holiday.name)) problems.push(`${label} needs a name`);
  const first = parseDate(holiday.start);
  const last = parseDate(holiday.end);
  if (first === null) problems.push(`${label}: start "${holiday.start}" is not a date (YYYY-MM-DD)`);
  if (last === null) problems.push(`${label}: end "${holiday.end}" is not a date (YYYY-MM-DD)`);
  if (first === null || last === null) return problems;
  if (last < first) problems.push(`${label} ends (${holiday.end}) before it starts (${holiday.start})`);
  else if (holiday.yearly && last - first + 1 >= WHOLE_YEAR_DAYS) {
    problems.push(`${label} repeats every year and lasts a whole year: the calendar would never open`);
  }
  return problems;
}

const isBlank = (text: unknown): boolean => typeof text !== 'string' || text.trim() === '';
