import { DelayedError, Queue, Worker, type Job } from 'bullmq';
import Redis from 'ioredis';
import type { LevelTimer } from './timer-plan';

/** What a firing timer learns after re-checking the ticket: the level's due time if it still waits. */
export type FireLevel = (timer: LevelTimer) => Promise<{ stillDueAt: string | null }>;

export interface LevelTimersOptions {
  redisUrl: string;
  /** REDIS_KEY_PREFIX: keeps services and test files apart */
  keyPrefix: string;
  concurrency?: number;
  onError?(error: Error): void;
}

const QUEUE = 'sla-level-timers';

/**
 * BullMQ delayed jobs, one per pending level. Redis may lose them (flushed, failed over without
 * its data): a mark kept beside them tells, and the service puts them back from the read model
 * (at start, and whenever the mark is found missing); a firing job re-checks the ticket first.
 */
export class LevelTimers {
  private readonly connection: Redis;
  private readonly queue: Queue;
  private readonly keptMark: string;
  private worker?: Worker;
  private workerConnection?: Redis;

  constructor(private readonly options: LevelTimersOptions) {
    this.connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
    this.connection.on('error', (error) => options.onError?.(error));
    this.queue = new Queue(QUEUE, { connection: this.connection, prefix: `${options.keyPrefix}bull` });
    this.keptMark = `${options.keyPrefix}sla:timers-kept`;
  }

  /**
   * Whether Redis still holds the timers, told by a mark set beside them: `lost` when the mark was
   * missing (a new or flushed Redis), and the mark is set again, so that of the replicas looking at
   * once only one hears `lost` and reconciles.
   */
  async checkKept(): Promise<'kept' | 'lost'> {
    return (await this.connection.set(this.keptMark, new Date().toISOString(), 'NX')) === 'OK' ? 'lost' : 'kept';
  }

  /** Starts firing due timers (not in one-shot processes). */
  start(fire: FireLevel): void {
    this.workerConnection = this.connection.duplicate();
    this.worker = new Worker(QUEUE, (job, token) => this.process(fire, job, token), {
      connection: this.workerConnection,
      prefix: `${this.options.keyPrefix}bull`,
      concurrency: this.options.concurrency ?? 8,
    });
    this.worker.on('error', (error) => this.options.onError?.(error));
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
    this.workerConnection?.disconnect();
    this.connection.disconnect();
  }

  /** Sets each timer unless an identical one waits already; a moved deadline replaces the job. */
  async schedule(timers: LevelTimer[]): Promise<void> {
    await Promise.all(timers.map((timer) => this.scheduleOne(timer)));
  }

  async cancel(jobIds: string[]): Promise<void> {
    // an active job cannot be removed: it re-checks the ticket and finds nothing to do
    await Promise.all(jobIds.map((jobId) => this.queue.remove(jobId).catch(() => 0)));
  }

  /** Jobs waiting in Redis (the benchmark and the reconciliation tests read it). */
  count(): Promise<number> {
    return this.queue.getJobCountByTypes('delayed', 'waiting', 'active', 'prioritized');
  }

  /** Jobs by state (the service's metrics read it at each scrape). */
  jobCounts(): Promise<Record<string, number>> {
    return this.queue.getJobCounts('waiting', 'delayed', 'active', 'prioritized', 'failed');
  }

  private async scheduleOne(timer: LevelTimer): Promise<void> {
    const existing = await this.queue.getJob(timer.jobId);
    // a job that failed for good (Mongo down through every retry) is set again, not kept as it is
    if (existing && existing.data?.dueAt === timer.dueAt && !(await existing.isFailed())) return;
    if (existing) await existing.remove().catch(() => undefined);
    await this.queue.add('level', timer, {
      jobId: timer.jobId,
      delay: Math.max(0, Date.parse(timer.dueAt) - Date.now()),
      attempts: 10,
      backoff: { type: 'exponential', delay: 500 },
      removeOnComplete: true,
      removeOnFail: { age: 7 * 24 * 3600 },
    });
  }

  private async process(fire: FireLevel, job: Job<LevelTimer>, token?: string): Promise<void> {
    const { stillDueAt } = await fire(job.data);
    if (stillDueAt === null || Date.parse(stillDueAt) <= Date.now()) return;
    // the deadline moved while this job waited or ran: wait again for the new instant
    await job.updateData({ ...job.data, dueAt: stillDueAt });
    await job.moveToDelayed(Date.parse(stillDueAt), token);
    throw new DelayedError();
  }
}
