/** How notifications leave the service, read from the environment by `loadNotificationSettings`. */
export interface NotificationSettings {
  /** absent: e-mails are accepted but recorded 'failed' with "SMTP_URL is not set" (nothing is sent) */
  smtpUrl?: string;
  mailFrom: string;
  /** where the caller posts every sla.warning / sla.breached / sla.escalated; absent: no webhook */
  webhookUrl?: string;
  /** HMAC-SHA256 key of the webhook signature; set whenever webhookUrl is */
  webhookSecret?: string;
}

const MIN_SECRET_LENGTH = 16;
// "itsm@example.org" or "ITSM <itsm@example.org>"; nodemailer does the rest
const MAILBOX = /^(?:[^<>]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/;

/**
 * SMTP_URL      optional, smtp:// or smtps:// URL, credentials in it if any (smtp://user:pass@host:587)
 * MAIL_FROM     optional, a mailbox, default itsm@localhost
 * SLA_WEBHOOK_URL     optional, http:// or https:// URL
 * SLA_WEBHOOK_SECRET  required with SLA_WEBHOOK_URL, at least 16 characters
 * Throws an Error naming the variable that is wrong. Empty strings count as unset.
 */
export function loadNotificationSettings(env: Record<string, string | undefined>): NotificationSettings {
  const smtpUrl = optional(env, 'SMTP_URL');
  const mailFrom = optional(env, 'MAIL_FROM') ?? 'itsm@localhost';
  const webhookUrl = optional(env, 'SLA_WEBHOOK_URL');
  const webhookSecret = optional(env, 'SLA_WEBHOOK_SECRET');

  if (smtpUrl !== undefined) requireUrl('SMTP_URL', smtpUrl, ['smtp:', 'smtps:']);
  if (!MAILBOX.test(mailFrom))
    invalid('MAIL_FROM', 'must be an address like itsm@example.org or "ITSM <itsm@example.org>"');
  if (webhookUrl !== undefined) {
    requireUrl('SLA_WEBHOOK_URL', webhookUrl, ['http:', 'https:']);
    if (webhookSecret === undefined) invalid('SLA_WEBHOOK_SECRET', 'is required when SLA_WEBHOOK_URL is set');
  }
  if (webhookSecret !== undefined && webhookSecret.length < MIN_SECRET_LENGTH) {
    invalid('SLA_WEBHOOK_SECRET', `must be at least ${MIN_SECRET_LENGTH} characters long`);
  }
  return { smtpUrl, mailFrom, webhookUrl, webhookSecret };
}

function optional(env: Record<string, string | undefined>, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function requireUrl(name: string, value: string, protocols: string[]): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return invalid(name, 'is not a valid URL');
  }
  if (!protocols.includes(url.protocol) || !url.hostname) {
    invalid(name, `must be a ${protocols.map((protocol) => `${protocol}//`).join(' or ')} URL with a host`);
  }
}

function invalid(name: string, reason: string): never {
  throw new Error(`Invalid environment for sla notifications: ${name} ${reason}`);
}
