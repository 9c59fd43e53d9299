import { DateTime } from 'luxon';

/** The periods every statistic is kept by: days, ISO weeks (Monday first) and months. */
export const PERIODS = ['day', 'week', 'month'] as const;
export type Period = (typeof PERIODS)[number];

/** The first day (yyyy-MM-dd, local) of each period an instant falls in. */
export type PeriodStarts = Record<Period, string>;

/**
 * Which day, ISO week and month an instant belongs to, in one time zone (the entities carry none:
 * REPORTING_TIME_ZONE). Cached per quarter of an hour: every zone's offset is a whole number of them.
 */
export class PeriodCalendar {
  private readonly cache = new Map<string, PeriodStarts>();

  constructor(readonly zone: string) {
    if (!DateTime.now().setZone(zone).isValid) throw new Error(`unknown time zone ${zone}`);
  }

  startsOf(instant: string): PeriodStarts {
    const millis = Date.parse(instant);
    const quarter = Math.floor(millis / 900_000);
    const key = String(quarter);
    const known = this.cache.get(key);
    if (known) return known;
    const local = DateTime.fromMillis(quarter * 900_000, { zone: this.zone });
    const starts = {
      day: local.toISODate()!,
      week: local.startOf('week').toISODate()!,
      month: local.startOf('month').toISODate()!,
    };
    if (this.cache.size > 200_000) this.cache.clear();
    this.cache.set(key, starts);
    return starts;
  }
}

/** The periods of a kind from `from` (included) to `to` (excluded), both yyyy-MM-dd, as their first days. */
export function periodsBetween(period: Period, from: string, to: string): string[] {
  const starts: string[] = [];
  let cursor = DateTime.fromISO(from, { zone: 'UTC' }).startOf(period);
  const end = DateTime.fromISO(to, { zone: 'UTC' });
  while (cursor < end) {
    starts.push(cursor.toISODate()!);
    cursor = cursor.plus({ [period]: 1 });
  }
  return starts;
}

/** The first day of the period after the one starting on `start`. */
export const nextPeriod = (period: Period, start: string): string =>
  DateTime.fromISO(start, { zone: 'UTC' })
    .plus({ [period]: 1 })
    .toISODate()!;
