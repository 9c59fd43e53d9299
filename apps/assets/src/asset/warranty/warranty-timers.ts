import { Queue, Worker, type Job } from 'bullmq';
import Redis from 'ioredis';

/** One asset's warranty notice: fired on its notice day (UTC midnight), it asks the asset to announce. */
export interface WarrantyTimer {
  jobId: string;
  assetId: string;
  warrantyExpiresOn: string;
  dueAt: string;
}

export interface WarrantyTimersOptions {
  redisUrl: string;
  /** REDIS_KEY_PREFIX: keeps services and test files apart */
  keyPrefix: string;
  onError?(error: Error): void;
}

const QUEUE = 'assets-warranty-timers';

/** Deterministic: replicas scheduling the same notice (the reactor, the reconciliation) make one job. */
export const warrantyJobId = (assetId: string, warrantyExpiresOn: string): string =>
  `warranty.${assetId}.${warrantyExpiresOn}`;

/**
 * BullMQ delayed jobs, one per asset and warranty end. A job whose asset changed meanwhile (a new
 * warranty, the trash) fires anyway: the asset's decider announces only what is due, once.
 */
export class WarrantyTimers {
  private readonly connection: Redis;
  private readonly queue: Queue;
  private worker?: Worker;
  private workerConnection?: Redis;

  constructor(private readonly options: WarrantyTimersOptions) {
    this.connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
    this.connection.on('error', (error) => options.onError?.(error));
    this.queue = new Queue(QUEUE, { connection: this.connection, prefix: `${options.keyPrefix}bull` });
  }

  /** Starts firing due timers (not in one-shot processes). */
  start(fire: (timer: WarrantyTimer) => Promise<void>): void {
    this.workerConnection = this.connection.duplicate();
    this.worker = new Worker(QUEUE, (job: Job<WarrantyTimer>) => fire(job.data), {
      connection: this.workerConnection,
      prefix: `${this.options.keyPrefix}bull`,
      concurrency: 4,
    });
    this.worker.on('error', (error) => this.options.onError?.(error));
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
    this.workerConnection?.disconnect();
    this.connection.disconnect();
  }

  /** Sets the timer unless it waits already (same id: same asset and warranty end). */
  async schedule(timer: WarrantyTimer): Promise<void> {
    const existing = await this.queue.getJob(timer.jobId);
    if (existing && !(await existing.isFailed())) return;
    if (existing) await existing.remove().catch(() => undefined);
    await this.queue.add('warranty', timer, {
      jobId: timer.jobId,
      delay: Math.max(0, Date.parse(timer.dueAt) - Date.now()),
      attempts: 10,
      backoff: { type: 'exponential', delay: 500 },
      removeOnComplete: true,
      removeOnFail: { age: 7 * 24 * 3600 },
    });
  }
}

export const WARRANTY_TIMERS = Symbol('WARRANTY_TIMERS');
