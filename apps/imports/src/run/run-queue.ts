import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { ServiceEnv } from '@itsm/runtime';
import { Queue, Worker, type Job } from 'bullmq';
import Redis from 'ioredis';
import { decode } from 'jsonwebtoken';
import { IMPORTS_SETTINGS, type ImportsSettings } from '../imports.env';

export const RUN_QUEUE_NAME = 'import-runs';

export interface RunJob {
  runId: string;
}

/** the states of a job that a worker holds or will take */
const LIVE_STATES: ReadonlySet<string> = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);
/** a token that says no expiry is kept this long (the platform's tokens live an hour at most) */
const TOKEN_KEPT_AT_MOST_S = 3600;

const bullConnection = (url: string) => new Redis(url, { maxRetriesPerRequest: null, enableOfflineQueue: true });

/**
 * Runs wait in a BullMQ queue (job id = run id: asked twice, queued once) and any replica's worker
 * takes them. A worker that dies mid-run loses its lock: BullMQ hands the job to another worker,
 * which resumes the run from its checkpoint. The caller's access token (the lines' commands carry
 * it, so the owners check their rights and scope) is kept beside the queue until it expires, never
 * in an event: whoever puts a run back in the queue finds it there.
 */
@Injectable()
export class RunQueue implements BeforeApplicationShutdown {
  private readonly logger = new Logger(RunQueue.name);
  private queue?: Queue<RunJob>;
  private worker?: Worker<RunJob>;
  private redis?: Redis;
  private readonly connections: Redis[] = [];

  constructor(
    private readonly config: ConfigService<ServiceEnv, true>,
    @Inject(IMPORTS_SETTINGS) private readonly settings: ImportsSettings,
  ) {}

  private get prefix() {
    return this.config.get('REDIS_KEY_PREFIX', { infer: true });
  }

  private connection(): Redis {
    const redis = bullConnection(this.config.get('REDIS_URL', { infer: true }));
    this.connections.push(redis);
    return redis;
  }

  private get jobs(): Queue<RunJob> {
    this.queue ??= new Queue<RunJob>(RUN_QUEUE_NAME, { connection: this.connection(), prefix: `${this.prefix}bull` });
    return this.queue;
  }

  private tokenKey(runId: string): string {
    return `${this.prefix}imports:run-token:${runId}`;
  }

  /** Kept before the run is queued, so that a run whose job was lost can be queued again. */
  async keepToken(runId: string, token: string): Promise<void> {
    const exp = (decode(token, { json: true }) ?? {}).exp;
    const seconds = exp ? Math.ceil(exp - Date.now() / 1000) : TOKEN_KEPT_AT_MOST_S;
    this.redis ??= this.connection();
    await this.redis.set(this.tokenKey(runId), token, 'EX', Math.max(1, seconds));
  }

  /** The run's access token, or null once it has expired (or Redis lost it). */
  async token(runId: string): Promise<string | null> {
    this.redis ??= this.connection();
    return this.redis.get(this.tokenKey(runId));
  }

  async enqueue(runId: string): Promise<void> {
    await this.jobs.add(
      'run',
      { runId },
      {
        jobId: runId,
        attempts: 20,
        backoff: { type: 'exponential', delay: 1000, jitter: 0.2 },
        removeOnComplete: { age: 24 * 3600 },
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    );
  }

  /** Whether a worker holds the run's job or will take it. */
  async isLive(runId: string): Promise<boolean> {
    return LIVE_STATES.has(await this.jobs.getJobState(runId));
  }

  /** Queues again a run whose job ended (completed or failed for good) or was lost; its job id stays the run id. */
  async requeue(runId: string): Promise<void> {
    await this.jobs.remove(runId);
    await this.enqueue(runId);
  }

  start(work: (job: RunJob) => Promise<void>): void {
    this.worker = new Worker<RunJob>(RUN_QUEUE_NAME, (job: Job<RunJob>) => work(job.data), {
      connection: this.connection(),
      prefix: `${this.prefix}bull`,
      concurrency: 1,
      lockDuration: this.settings.workerLockMs,
      stalledInterval: this.settings.stalledCheckMs,
    });
    this.worker.on('error', (error) => this.logger.warn(`import worker: ${error.message}`));
    this.worker.on('failed', (job, error) =>
      this.logger.warn(`import run ${job?.data.runId} attempt failed: ${error.message}`),
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    // without waiting for the run under way: its lock expires and a replica resumes it from its checkpoint
    await this.worker?.close(true);
    await this.queue?.close();
    await Promise.all(this.connections.map((redis) => redis.quit().catch(() => undefined)));
  }
}
