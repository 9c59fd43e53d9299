import { createHash } from 'node:crypto';

/**
 * What the SLA service asks to deliver. `key` is chosen by the caller and must be the same each
 * time the same event leads to the same message (e.g. `${eventId}:email:${address}`): a
 * redelivered event then finds the message already queued or delivered and sends nothing.
 */
export interface EmailNotification {
  channel: 'email';
  key: string;
  to: string[];
  subject: string;
  text: string;
}

/** Posted as JSON, signed (see webhook-signature.ts). */
export interface WebhookNotification {
  channel: 'webhook';
  key: string;
  url: string;
  body: object;
}

export type Notification = EmailNotification | WebhookNotification;
export type NotificationChannel = Notification['channel'];

/**
 * The BullMQ job id (and webhook `X-ITSM-Delivery` header) of a key. Hashed because BullMQ refuses
 * ids that are integers or hold ':' (outside its own repeat-job format), and keys are free text.
 */
export function deliveryIdOf(key: string): string {
  return `n-${createHash('sha256').update(key).digest('hex')}`;
}
