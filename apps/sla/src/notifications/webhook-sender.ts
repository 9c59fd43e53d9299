import type { WebhookNotification } from './notification';
import { deliveryIdOf } from './notification';
import { PermanentDeliveryError } from './permanent-delivery-error';
import { DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, webhookSignature } from './webhook-signature';

/** Posts signed JSON; anything but a 2xx answer within the timeout is a failed attempt. */
export class WebhookSender {
  constructor(
    private readonly secret: string | undefined,
    private readonly timeoutMs: number,
  ) {}

  async send(notification: WebhookNotification): Promise<void> {
    if (!this.secret) throw new PermanentDeliveryError('SLA_WEBHOOK_SECRET is not set');
    // signed and sent as the very same string: the receiver checks the bytes it gets
    const body = JSON.stringify(notification.body);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const response = await fetch(notification.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: webhookSignature(this.secret, timestamp, body),
        [DELIVERY_HEADER]: deliveryIdOf(notification.key),
      },
      body,
      // a redirect is not followed (it would drop or resend the body): it counts as a failure
      redirect: 'manual',
      signal: AbortSignal.timeout(this.timeoutMs),
    }).catch((error: unknown) => {
      throw new Error(`POST ${notification.url} failed: ${describeFetchError(error)}`);
    });
    // read what the receiver says (bounded) so that the error tells, and the socket is freed
    const answer = (await response.text().catch(() => '')).slice(0, 200);
    if (!response.ok)
      throw new Error(`POST ${notification.url} answered ${response.status}${answer ? `: ${answer}` : ''}`);
  }
}

// fetch says only "fetch failed"; the reason (ECONNREFUSED, timeout...) is in its cause
function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
