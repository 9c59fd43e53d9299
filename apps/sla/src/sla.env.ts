import { wholeNumberSetting } from '@itsm/runtime';
import { DEFAULT_CALENDAR_LIMITS, type CalendarLimits } from './calendar/domain/calendar-limits';
import { loadNotificationSettings, type NotificationSettings } from './notifications';

export const SLA_SETTINGS = Symbol('SLA_SETTINGS');

export interface SlaSettings {
  notifications: NotificationSettings;
  /** timers fired at once by one replica */
  timerConcurrency: number;
  /** how often Redis is checked for timers it lost (flushed, replaced without its data) */
  redisCheckMs: number;
  calendarLimits: CalendarLimits;
}

/**
 * SMTP_URL, MAIL_FROM, SLA_WEBHOOK_URL, SLA_WEBHOOK_SECRET, SLA_TIMER_CONCURRENCY,
 * SLA_REDIS_CHECK_MS, SLA_CALENDAR_MIN_WEEKLY_MINUTES, SLA_DEADLINE_HORIZON_DAYS; fails at start
 * when wrong.
 */
export function loadSlaSettings(raw: Record<string, string | undefined>): SlaSettings {
  return {
    notifications: loadNotificationSettings(raw),
    timerConcurrency: wholeNumber(raw, 'SLA_TIMER_CONCURRENCY', 8, 1, 64),
    redisCheckMs: wholeNumber(raw, 'SLA_REDIS_CHECK_MS', 5000, 100, 60_000),
    calendarLimits: {
      // a week has 10,080 minutes
      minWeeklyOpenMinutes: wholeNumber(
        raw,
        'SLA_CALENDAR_MIN_WEEKLY_MINUTES',
        DEFAULT_CALENDAR_LIMITS.minWeeklyOpenMinutes,
        1,
        10_080,
      ),
      // at least a year: the longest agreement, 24/7; at most a century, which still costs milliseconds
      horizonDays: wholeNumber(raw, 'SLA_DEADLINE_HORIZON_DAYS', DEFAULT_CALENDAR_LIMITS.horizonDays, 366, 36_600),
    },
  };
}

const wholeNumber = (
  raw: Record<string, string | undefined>,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number => wholeNumberSetting(raw, 'sla', name, { fallback, min, max });
