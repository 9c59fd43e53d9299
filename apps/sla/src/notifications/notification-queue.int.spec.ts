import { createHmac, timingSafeEqual } from 'node:crypto';
import { eventually, startSmtpSink, startWebhookSink, useIsolatedStack, type SmtpSink } from '@itsm/testing';
import mongoose, { type Connection } from 'mongoose';
import { pino } from 'pino';
import { DELIVERIES_COLLECTION, type DeliveryRecord } from './delivery-log';
import type { EmailNotification, WebhookNotification } from './notification';
import { NotificationQueue, type NotificationQueueOptions } from './notification-queue';

const stack = useIsolatedStack();
const secret = 'test-webhook-secret-0123456789';
let connection: Connection;
let smtp: SmtpSink;
let queue: NotificationQueue;

/** A queue of its own (`name` in its Redis key prefix), closed after the file. */
async function startQueue(name: string, overrides: Partial<NotificationQueueOptions> = {}): Promise<NotificationQueue> {
  const started = new NotificationQueue({
    redisUrl: stack.redisUrl,
    keyPrefix: `${stack.serviceEnv.REDIS_KEY_PREFIX}${name}:`,
    connection,
    settings: { smtpUrl: smtp.url, mailFrom: 'ITSM <itsm@example.org>', webhookSecret: secret },
    attempts: 4,
    backoffMs: 50,
    logger: pino({ level: 'silent' }),
    ...overrides,
  });
  stack.onTeardown(() => started.close());
  await started.start();
  return started;
}

beforeAll(async () => {
  connection = await mongoose.createConnection(stack.mongoUrl, { dbName: stack.dbName, maxPoolSize: 5 }).asPromise();
  stack.onTeardown(() => connection.close());
  smtp = await startSmtpSink();
  stack.onTeardown(() => smtp.close());
  queue = await startQueue('main');
});

const deliveries = () => connection.collection<DeliveryRecord>(DELIVERIES_COLLECTION);

async function settledRecord(key: string): Promise<DeliveryRecord> {
  let record: DeliveryRecord | null = null;
  await eventually(
    async () => {
      record = await deliveries().findOne({ _id: key });
      return record !== null && record.status !== 'pending';
    },
    30_000,
    `delivery ${key} settled`,
  );
  return record!;
}

const mail = (key: string, overrides: Partial<EmailNotification> = {}): EmailNotification => ({
  channel: 'email',
  key,
  to: ['agent@example.org'],
  subject: `SLA warning on ticket ${key}`,
  text: 'Ticket T-1 reaches its resolution deadline in 30 minutes.\nPlease take a look.',
  ...overrides,
});

describe('NotificationQueue', () => {
  it('sends an e-mail through SMTP and records it delivered', async () => {
    const notification = mail('event-1:email:agent@example.org', { to: ['agent@example.org', 'lead@example.org'] });
    expect(await queue.enqueue(notification)).toBe('queued');

    const received = await smtp.waitFor((message) => message.subject === notification.subject);
    expect(received.to).toEqual(['agent@example.org', 'lead@example.org']);
    expect(received.envelope).toEqual({ from: 'itsm@example.org', to: ['agent@example.org', 'lead@example.org'] });
    expect(received.text).toBe(notification.text);

    expect(await settledRecord(notification.key)).toEqual({
      _id: notification.key,
      channel: 'email',
      recipients: ['agent@example.org', 'lead@example.org'],
      subject: notification.subject,
      status: 'delivered',
      attempts: 1,
      lastError: null,
      deliveredAt: expect.any(Date),
      createdAt: expect.any(Date),
      updatedAt: expect.any(Date),
    });
  });

  it('sends a key once however often it is enqueued', async () => {
    const notification = mail('event-2:email:agent@example.org');
    await Promise.all([queue.enqueue(notification), queue.enqueue(notification)]);
    await queue.enqueue(notification);
    expect((await settledRecord(notification.key)).status).toBe('delivered');
    // once delivered, the record alone stops it, whatever BullMQ still keeps
    expect(await queue.enqueue(notification)).toBe('already-delivered');

    // a later mail has arrived: the duplicates, had there been any, would have come by now
    const later = mail('event-2b:email:agent@example.org');
    await queue.enqueue(later);
    await smtp.waitFor((message) => message.subject === later.subject);
    await settledRecord(later.key);
    expect(smtp.messages.filter((message) => message.subject === notification.subject)).toHaveLength(1);
  });

  it('posts a webhook whose signature covers the timestamp and the exact body', async () => {
    const sink = await startWebhookSink();
    try {
      const notification: WebhookNotification = {
        channel: 'webhook',
        key: 'event-3:webhook',
        url: sink.url,
        body: { type: 'sla.breached', data: { ticketId: 'T-3', label: 'délai dépassé' } },
      };
      await queue.enqueue(notification);
      const request = await sink.waitFor(() => true);

      expect(request.method).toBe('POST');
      expect(request.headers['content-type']).toBe('application/json');
      expect(JSON.parse(request.rawBody)).toEqual(notification.body);
      const timestamp = String(request.headers['x-itsm-timestamp']);
      expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60);
      const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${request.rawBody}`).digest('hex')}`;
      const signature = String(request.headers['x-itsm-signature']);
      expect(signature).toBe(expected);
      expect(timingSafeEqual(Buffer.from(signature), Buffer.from(expected))).toBe(true);
      expect(request.headers['x-itsm-delivery']).toMatch(/^n-[0-9a-f]{64}$/);

      expect(await settledRecord(notification.key)).toMatchObject({
        channel: 'webhook',
        url: sink.url,
        status: 'delivered',
        attempts: 1,
      });
    } finally {
      await sink.close();
    }
  });

  it('retries a webhook answered 500 until it gets a 200', async () => {
    const sink = await startWebhookSink((_request, index) => (index < 2 ? 500 : 200));
    try {
      const notification: WebhookNotification = {
        channel: 'webhook',
        key: 'event-4:webhook',
        url: sink.url,
        body: { type: 'sla.escalated' },
      };
      await queue.enqueue(notification);
      expect(await settledRecord(notification.key)).toMatchObject({
        status: 'delivered',
        attempts: 3,
        lastError: null,
      });
      expect(sink.requests).toHaveLength(3);
      // the delivery id stays, the timestamp and signature are fresh at each attempt
      expect(new Set(sink.requests.map((request) => request.headers['x-itsm-delivery'])).size).toBe(1);
    } finally {
      await sink.close();
    }
  });

  it('records a failure with its reason once the attempts are spent', async () => {
    const unreachable = await startQueue('unreachable', {
      settings: { smtpUrl: 'smtp://127.0.0.1:1', mailFrom: 'itsm@example.org' },
      attempts: 2,
    });
    const notification = mail('event-5:email:agent@example.org');
    await unreachable.enqueue(notification);
    const record = await settledRecord(notification.key);
    expect(record).toMatchObject({ status: 'failed', attempts: 2, deliveredAt: null });
    expect(record.lastError).toMatch(/ECONNREFUSED/);
  });

  it('fails an e-mail at once when SMTP_URL is not set', async () => {
    const unconfigured = await startQueue('unconfigured', { settings: { mailFrom: 'itsm@example.org' } });
    const notification = mail('event-6:email:agent@example.org');
    await unconfigured.enqueue(notification);
    expect(await settledRecord(notification.key)).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: 'SMTP_URL is not set',
    });
  });
});
