import { DEFAULT_HORIZON_DAYS } from '@itsm/domain';

/** Bounds that keep deadline arithmetic cheap whatever a calendar's administrator types. */
export interface CalendarLimits {
  /** a calendar must open at least this long a week (SLA_CALENDAR_MIN_WEEKLY_MINUTES) */
  minWeeklyOpenMinutes: number;
  /** no deadline falls, nor is searched, further than this after its start (SLA_DEADLINE_HORIZON_DAYS) */
  horizonDays: number;
}

export const DEFAULT_CALENDAR_LIMITS: CalendarLimits = { minWeeklyOpenMinutes: 60, horizonDays: DEFAULT_HORIZON_DAYS };
