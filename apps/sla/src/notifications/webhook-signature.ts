import { createHmac } from 'node:crypto';

/**
 * Webhooks carry two headers:
 *   X-ITSM-Timestamp: <unix seconds at sending>
 *   X-ITSM-Signature: sha256=<hex HMAC-SHA256 of `${timestamp}.${rawBody}` keyed with SLA_WEBHOOK_SECRET>
 * A receiver recomputes the HMAC over the exact bytes it received (before any JSON parsing), compares
 * in constant time, and refuses timestamps more than a few minutes old: signing the timestamp with
 * the body is what stops a captured request from being replayed later. Each retry is signed anew.
 * X-ITSM-Delivery (stable across retries) lets a receiver drop a delivery it has already handled.
 */
export const SIGNATURE_HEADER = 'X-ITSM-Signature';
export const TIMESTAMP_HEADER = 'X-ITSM-Timestamp';
export const DELIVERY_HEADER = 'X-ITSM-Delivery';

export function webhookSignature(secret: string, timestamp: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}
