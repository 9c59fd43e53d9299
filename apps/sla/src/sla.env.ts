import { loadNotificationSettings, type NotificationSettings } from './notifications';

export interface SlaSettings {
  notifications: NotificationSettings;
  /** timers fired at once by one replica */
  timerConcurrency: number;
}

/** SMTP_URL, MAIL_FROM, SLA_WEBHOOK_URL, SLA_WEBHOOK_SECRET, SLA_TIMER_CONCURRENCY; fails at start when wrong. */
export function loadSlaSettings(raw: Record<string, string | undefined>): SlaSettings {
  const timerConcurrency = Number(raw.SLA_TIMER_CONCURRENCY ?? 8);
  if (!Number.isInteger(timerConcurrency) || timerConcurrency < 1 || timerConcurrency > 64) {
    throw new Error('Invalid environment for sla: SLA_TIMER_CONCURRENCY must be a whole number from 1 to 64');
  }
  return { notifications: loadNotificationSettings(raw), timerConcurrency };
}
