import { DelayedError, Queue, Worker, type Job } from 'bullmq';
import Redis from 'ioredis';

/** A timer: fired once at `dueAt`; its id is deterministic, so replicas setting the same one make one job. */
export interface DelayedJob {
  jobId: string;
  dueAt: string;
}

export interface DelayedJobsOptions {
  /** the BullMQ queue's name */
  queue: string;
  redisUrl: string;
  /** REDIS_KEY_PREFIX: keeps services and test files apart */
  keyPrefix: string;
  concurrency?: number;
  /** the key of the mark that tells whether Redis kept the jobs, below the key prefix (default `<queue>:kept`) */
  keptMark?: string;
  onError?(error: Error): void;
}

/**
 * Fires a due job after re-checking its aggregate; answers the new due time when it moved while the
 * job waited (the job then waits again for it), or nothing.
 */
export type FireDelayedJob<T extends DelayedJob> = (data: T) => Promise<{ stillDueAt: string | null } | void>;

/**
 * BullMQ delayed jobs kept from a read model (SLA levels, warranty notices). Redis may lose them
 * (flushed, failed over without its data): a mark kept beside them tells, and the owner puts them
 * back from its read model; a firing job re-checks its aggregate, so a stale one does nothing.
 */
export class DelayedJobs<T extends DelayedJob> {
  private readonly connection: Redis;
  private readonly queue: Queue;
  private readonly keptMark: string;
  private worker?: Worker;
  private workerConnection?: Redis;

  constructor(private readonly options: DelayedJobsOptions) {
    this.connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
    this.connection.on('error', (error) => options.onError?.(error));
    this.queue = new Queue(options.queue, { connection: this.connection, prefix: `${options.keyPrefix}bull` });
    this.keptMark = `${options.keyPrefix}${options.keptMark ?? `${options.queue}:kept`}`;
  }

  /**
   * Whether Redis still holds the jobs, told by a mark set beside them: `lost` when the mark was
   * missing (a new or flushed Redis), and the mark is set again, so that of the replicas looking at
   * once only one hears `lost` and reconciles.
   */
  async checkKept(): Promise<'kept' | 'lost'> {
    return (await this.connection.set(this.keptMark, new Date().toISOString(), 'NX')) === 'OK' ? 'lost' : 'kept';
  }

  /** Starts firing due jobs (not in one-shot processes). */
  start(fire: FireDelayedJob<T>): void {
    this.workerConnection = this.connection.duplicate();
    this.worker = new Worker(this.options.queue, (job: Job<T>, token) => this.process(fire, job, token), {
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

  /** Sets each job unless an identical one waits already; a moved due time replaces the job. */
  async schedule(jobs: T[]): Promise<void> {
    await Promise.all(jobs.map((job) => this.scheduleOne(job)));
  }

  async cancel(jobIds: string[]): Promise<void> {
    // an active job cannot be removed: it re-checks its aggregate and finds nothing to do
    await Promise.all(jobIds.map((jobId) => this.queue.remove(jobId).catch(() => 0)));
  }

  /** Jobs waiting in Redis (benchmarks and reconciliation tests read it). */
  count(): Promise<number> {
    return this.queue.getJobCountByTypes('delayed', 'waiting', 'active', 'prioritized');
  }

  /** Jobs by state (the service's metrics read it at each scrape). */
  jobCounts(): Promise<Record<string, number>> {
    return this.queue.getJobCounts('waiting', 'delayed', 'active', 'prioritized', 'failed');
  }

  private async scheduleOne(data: T): Promise<void> {
    const existing = await this.queue.getJob(data.jobId);
    // a job that failed for good (Mongo down through every retry) is set again, not kept as it is
    if (existing && existing.data?.dueAt === data.dueAt && !(await existing.isFailed())) return;
    if (existing) await existing.remove().catch(() => undefined);
    await this.queue.add(this.options.queue, data, {
      jobId: data.jobId,
      delay: Math.max(0, Date.parse(data.dueAt) - Date.now()),
      attempts: 10,
      backoff: { type: 'exponential', delay: 500 },
      removeOnComplete: true,
      removeOnFail: { age: 7 * 24 * 3600 },
    });
  }

  private async process(fire: FireDelayedJob<T>, job: Job<T>, token?: string): Promise<void> {
    const stillDueAt = (await fire(job.data))?.stillDueAt;
    if (!stillDueAt || Date.parse(stillDueAt) <= Date.now()) return;
    await job.updateData({ ...job.data, dueAt: stillDueAt });
    await job.moveToDelayed(Date.parse(stillDueAt), token);
    throw new DelayedError();
  }
}
