import { wholeNumberSetting } from '@itsm/runtime';
import { PeriodCalendar } from './statistics/domain/periods';

export const REPORTING_SETTINGS = Symbol('REPORTING_SETTINGS');

export interface ReportingSettings {
  /** the zone days, weeks and months are cut in (entities carry none) */
  calendar: PeriodCalendar;
  /** ticket records kept in memory by the feed */
  cachedTickets: number;
  /** tickets changed in memory that make the feed write (a replay writes each table once per flush) */
  flushTickets: number;
  /** how often a version filling from the topics' beginning checks whether it has caught up */
  catchUpCheckMs: number;
  /** how long a query trusts what it last read of the version answering and its tables' generation */
  queryFreshMs: number;
}

/** REPORTING_TIME_ZONE, _CACHED_TICKETS, _FLUSH_TICKETS, _CATCH_UP_CHECK_MS, _QUERY_FRESH_MS; fails at start when wrong. */
export function loadReportingSettings(raw: Record<string, string | undefined>): ReportingSettings {
  const zone = raw.REPORTING_TIME_ZONE || 'UTC';
  let calendar: PeriodCalendar;
  try {
    calendar = new PeriodCalendar(zone);
  } catch {
    throw new Error(`Invalid environment for reporting: REPORTING_TIME_ZONE ${zone} is no IANA time zone`);
  }
  return {
    calendar,
    cachedTickets: wholeNumber(raw, 'REPORTING_CACHED_TICKETS', 50_000, 100, 10_000_000),
    flushTickets: wholeNumber(raw, 'REPORTING_FLUSH_TICKETS', 10_000, 1, 1_000_000),
    catchUpCheckMs: wholeNumber(raw, 'REPORTING_CATCH_UP_CHECK_MS', 2000, 50, 600_000),
    queryFreshMs: wholeNumber(raw, 'REPORTING_QUERY_FRESH_MS', 1000, 0, 60_000),
  };
}

const wholeNumber = (
  raw: Record<string, string | undefined>,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number => wholeNumberSetting(raw, 'reporting', name, { fallback, min, max });
