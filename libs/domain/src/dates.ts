// Dates as the platform accepts them, parsed strictly: JavaScript's Date.parse takes week dates as
// Invalid Date and rolls 2026-02-30 over into March, so every date a request or a command carries
// goes through these instead.

/** What an instant must look like, for messages and docs. */
export const INSTANT_FORMAT =
  'an RFC 3339 date-time with seconds and an offset, such as 2026-01-31T09:30:00Z or 2026-01-31T10:30:00+01:00';

/** What a calendar day must look like, for messages and docs. */
export const DAY_FORMAT = 'a calendar day YYYY-MM-DD, such as 2026-01-31';

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MINUTE_MS = 60_000;

export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

/** The day "YYYY-MM-DD" names, or null when the text is not one or the day does not exist (2026-02-30). */
export function parseCalendarDay(text: unknown): CalendarDay | null {
  const match = typeof text === 'string' ? DAY.exec(text) : null;
  return match ? realDay(Number(match[1]), Number(match[2]), Number(match[3])) : null;
}

/**
 * The instant (epoch milliseconds) of an RFC 3339 date-time (`2026-01-31T09:30:00Z`,
 * `2026-01-31T10:30:00.5+01:00`), or null: no ISO week or ordinal dates, no basic format, no
 * missing seconds or offset, no day, hour or offset that does not exist. Fractions beyond the
 * millisecond are dropped.
 */
export function parseInstant(text: unknown): number | null {
  const match = typeof text === 'string' ? INSTANT.exec(text) : null;
  if (!match) return null;
  const [, year, month, day, hours, minutes, seconds, fraction = '', sign, offsetHours, offsetMinutes] = match;
  const date = realDay(Number(year), Number(month), Number(day));
  if (!date || Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) return null;
  if (sign && (Number(offsetHours) > 23 || Number(offsetMinutes) > 59)) return null;
  const offset = sign ? (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes)) : 0;
  const wallClock = new Date(0);
  // setUTCFullYear, unlike Date.UTC, takes years below 100 as they are
  wallClock.setUTCFullYear(date.year, date.month - 1, date.day);
  wallClock.setUTCHours(Number(hours), Number(minutes), Number(seconds), Number(fraction.padEnd(3, '0').slice(0, 3)));
  return wallClock.getTime() - offset * MINUTE_MS;
}

/** The instant as events and read models store it: UTC, to the millisecond. */
export const instantText = (epochMs: number): string => new Date(epochMs).toISOString();

/** The first instant of a UTC calendar day. */
export const startOfUtcDay = ({ year, month, day }: CalendarDay): number => {
  const start = new Date(0);
  start.setUTCFullYear(year, month - 1, day);
  return start.getTime();
};

function realDay(year: number, month: number, day: number): CalendarDay | null {
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  return { year, month, day };
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
