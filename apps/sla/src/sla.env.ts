import { loadNotificationSettings, type NotificationSettings } from './notifications';

export const SLA_SETTINGS = Symbol('SLA_SETTINGS');

export interface SlaSettings {
  notifications: NotificationSettings;
  /** timers fired at once by one replica */
  timerConcurrency: number;
  /** how often Redis is checked for timers it lost (flushed, replaced without its data) */
  redisCheckMs: number;
}

/**
 * SMTP_URL, MAIL_FROM, SLA_WEBHOOK_URL, SLA_WEBHOOK_SECRET, SLA_TIMER_CONCURRENCY,
 * SLA_REDIS_CHECK_MS; fails at start when wrong.
 */
export function loadSlaSettings(raw: Record<string, string | undefined>): SlaSettings {
  return {
    notifications: loadNotificationSettings(raw),
    timerConcurrency: wholeNumber(raw, 'SLA_TIMER_CONCURRENCY', 8, 1, 64),
    redisCheckMs: wholeNumber(raw, 'SLA_REDIS_CHECK_MS', 5000, 100, 60_000),
  };
}

function wholeNumber(
  raw: Record<string, string | undefined>,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const value = Number(raw[name] ?? fallback);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`Invalid environment for sla: ${name} must be a whole number from ${min} to ${max}`);
  }
  return value;
}
