// Wall-clock notations of a calendar ("HH:mm", "YYYY-MM-DD") and plain civil-date arithmetic.
// Days are counted as "epoch days" (days since 1970-01-01 on the calendar, not instants): they
// carry no time zone, so stepping from one day to the next never involves an offset.

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;
export const MINUTES_PER_DAY = 24 * 60;

export const WEEKDAY_NAMES = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

const CLOCK = /^(\d{2}):(\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Minutes since midnight of "HH:mm" (00:00 to 23:59, and "24:00" when `endOfDay`), else null. */
export function parseClock(text: unknown, endOfDay: boolean): number | null {
  const match = typeof text === 'string' ? CLOCK.exec(text) : null;
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (endOfDay && hours === 24 && minutes === 0) return MINUTES_PER_DAY;
  return hours < 24 && minutes < 60 ? hours * 60 + minutes : null;
}

export interface CivilDay {
  year: number;
  month: number;
  day: number;
  /** ISO: 1 Monday ... 7 Sunday */
  weekday: number;
  /** "YYYY-MM-DD" */
  iso: string;
  /** "MM-DD", what yearly holidays compare */
  monthDay: string;
}

/** The epoch day of "YYYY-MM-DD", or null when it is no real date (2023-02-29, 2024-13-01). */
export function parseDate(text: unknown): number | null {
  const match = typeof text === 'string' ? DATE.exec(text) : null;
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const epochDay = epochDayOf(year, month, day);
  const civil = civilDay(epochDay);
  return civil.year === year && civil.month === month && civil.day === day ? epochDay : null;
}

export function epochDayOf(year: number, month: number, day: number): number {
  // Date.UTC is used as a proleptic-Gregorian day counter only: UTC has no offsets to apply
  return Math.round(Date.UTC(year, month - 1, day) / DAY_MS);
}

export function civilDay(epochDay: number): CivilDay {
  const date = new Date(epochDay * DAY_MS);
  const iso = date.toISOString().slice(0, 10);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    weekday: ((date.getUTCDay() + 6) % 7) + 1,
    iso,
    monthDay: iso.slice(5),
  };
}
