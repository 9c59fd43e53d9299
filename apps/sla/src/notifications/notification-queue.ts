import { Queue, UnrecoverableError, Worker, type Job, type JobsOptions } from 'bullmq';
import Redis from 'ioredis';
import type { Connection } from 'mongoose';
import { pino } from 'pino';
import { DeliveryLog } from './delivery-log';
import { EmailSender } from './email-sender';
import { deliveryIdOf, type Notification } from './notification';
import type { NotificationSettings } from './notification-settings';
import { PermanentDeliveryError } from './permanent-delivery-error';
import { RedisOutageLog, type OutageLogger } from '@itsm/runtime';
import { WebhookSender } from './webhook-sender';

export const NOTIFICATION_QUEUE_NAME = 'sla-notifications';

/** pino's signature (the service's logger fits). */
export interface NotificationLogger extends OutageLogger {
  error(fields: object, message: string): void;
}

export interface NotificationQueueOptions {
  /** the service's REDIS_URL; the queue and the worker open their own connections to it */
  redisUrl: string;
  /** the service's REDIS_KEY_PREFIX ('' allowed): queue keys are `${keyPrefix}bull:sla-notifications:*` */
  keyPrefix: string;
  /** the service's Mongo connection; `notification_deliveries` is in its database. Not closed here. */
  connection: Connection;
  settings: NotificationSettings;
  /** attempts per notification, the first included (default 8) */
  attempts?: number;
  /** wait before the first retry, doubled at each next one (default 1000 ms: 8 attempts span about 2 minutes) */
  backoffMs?: number;
  /** deliveries in progress at once in this process (default 4) */
  concurrency?: number;
  /** a webhook answer slower than this fails the attempt (default 5000 ms) */
  webhookTimeoutMs?: number;
  /** the service's LOG_LEVEL, for the default logger (default info) */
  logLevel?: string;
  logger?: NotificationLogger;
}

export type EnqueueResult = 'queued' | 'already-delivered';

const DAY_SECONDS = 24 * 3600;

/**
 * Delivers SLA notifications (e-mail, webhook) at least once, with retries, through a BullMQ queue
 * in Redis; each notification's outcome is kept in Mongo (`notification_deliveries`, see DeliveryLog).
 *
 * Sending twice is avoided in two ways: the job id derives from the notification key, so BullMQ
 * ignores a second enqueue while the job is kept (completed: 1 day, failed: 7 days), and a key
 * whose record says 'delivered' is never sent again. A message is still sent twice if the process
 * dies between sending it and recording it: at least once, not exactly once.
 */
const QUEUE_STATES = ['waiting', 'delayed', 'active', 'prioritized', 'failed'] as const;

export class NotificationQueue {
  private readonly queue: Queue<Notification>;
  private readonly queueRedis: Redis;
  private readonly log: DeliveryLog;
  private readonly email: EmailSender;
  private readonly webhook: WebhookSender;
  private readonly logger: NotificationLogger;
  private readonly outage: RedisOutageLog;
  private readonly jobOptions: JobsOptions;
  private worker?: Worker<Notification>;
  private workerRedis?: Redis;

  constructor(private readonly options: NotificationQueueOptions) {
    this.logger = options.logger ?? pino({ name: 'sla.notifications', level: options.logLevel ?? 'info' });
    this.outage = new RedisOutageLog(this.logger, 'notifications');
    this.log = new DeliveryLog(options.connection);
    this.email = new EmailSender(options.settings);
    this.webhook = new WebhookSender(options.settings.webhookSecret, options.webhookTimeoutMs ?? 5000);
    this.jobOptions = {
      attempts: options.attempts ?? 8,
      // jitter spreads the retries of the many jobs that failed together during an outage
      backoff: { type: 'exponential', delay: options.backoffMs ?? 1000, jitter: 0.2 },
      removeOnComplete: { age: DAY_SECONDS, count: 10_000 },
      removeOnFail: { age: 7 * DAY_SECONDS, count: 10_000 },
    };
    this.queueRedis = this.bullConnection();
    this.queue = new Queue<Notification>(NOTIFICATION_QUEUE_NAME, {
      connection: this.queueRedis,
      prefix: `${options.keyPrefix}bull`,
    });
    this.queue.on('error', (error) => this.outage.failed(error));
  }

  /** Records the notification 'pending' and queues it; a key already queued or delivered sends nothing more. */
  async enqueue(notification: Notification): Promise<EnqueueResult> {
    if (!notification.key) throw new Error('a notification needs a key');
    if (notification.channel === 'email' && notification.to.length === 0) {
      throw new Error(`e-mail notification ${notification.key} has no recipient`);
    }
    const record = await this.log.find(notification.key);
    if (record?.status === 'delivered') return 'already-delivered';
    if (!record) await this.log.recordQueued(notification);
    await this.queue.add(notification.channel, notification, {
      ...this.jobOptions,
      jobId: deliveryIdOf(notification.key),
    });
    return 'queued';
  }

  /** Jobs by state (the service's metrics read it at each scrape). */
  jobCounts(): Promise<Record<string, number>> {
    return this.queue.getJobCounts(...QUEUE_STATES);
  }

  /** Starts delivering in this process; resolves once the worker is connected. */
  async start(): Promise<void> {
    if (this.worker) return;
    this.workerRedis = this.bullConnection();
    this.worker = new Worker<Notification>(NOTIFICATION_QUEUE_NAME, (job) => this.deliver(job), {
      connection: this.workerRedis,
      prefix: `${this.options.keyPrefix}bull`,
      concurrency: this.options.concurrency ?? 4,
    });
    this.worker.on('error', (error) => this.outage.failed(error));
    await this.worker.waitUntilReady();
  }

  /** Lets deliveries in progress end, then closes the Redis connections and the SMTP transport. */
  async close(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
    this.email.close();
    // BullMQ leaves connections it was given open
    await Promise.all([this.workerRedis?.quit(), this.queueRedis.quit()]);
  }

  private async deliver(job: Job<Notification>): Promise<void> {
    const notification = job.data;
    // an earlier job of the same key, since removed from Redis, may have delivered it
    if ((await this.log.find(notification.key))?.status === 'delivered') return;
    try {
      await this.send(notification);
    } catch (error) {
      const permanent = error instanceof PermanentDeliveryError;
      // attemptsMade counts the attempts before this one
      const attempt = job.attemptsMade + 1;
      const final = permanent || attempt >= (job.opts.attempts ?? 1);
      const reason = error instanceof Error ? error.message : String(error);
      await this.log.recordFailure(notification, reason, final);
      this.logger.warn(
        { key: notification.key, channel: notification.channel, attempt, final, reason },
        'notification attempt failed',
      );
      throw permanent ? new UnrecoverableError(reason) : error;
    }
    // Sent: failing the job now would send it again, so a lost record is only logged.
    await this.log.recordDelivered(notification).catch((error: unknown) => {
      this.logger.error({ key: notification.key, err: error }, 'notification sent but its delivery not recorded');
    });
  }

  private send(notification: Notification): Promise<void> {
    return notification.channel === 'email' ? this.email.send(notification) : this.webhook.send(notification);
  }

  // BullMQ's workers block on Redis and require maxRetriesPerRequest: null (commands wait for Redis to come back)
  private bullConnection(): Redis {
    const redis = new Redis(this.options.redisUrl, { maxRetriesPerRequest: null });
    redis.on('ready', () => this.outage.recovered());
    return redis;
  }
}
