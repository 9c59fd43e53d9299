import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { ServiceEnv } from '@itsm/runtime';
import { Queue, Worker, type Job } from 'bullmq';
import Redis from 'ioredis';

export const RUN_QUEUE_NAME = 'import-runs';

export interface RunJob {
  runId: string;
  /** the caller's access token: the lines' commands carry it, so the owners check their rights and scope */
  token: string;
}

const bullConnection = (url: string) => new Redis(url, { maxRetriesPerRequest: null, enableOfflineQueue: true });

/**
 * Runs wait in a BullMQ queue (job id = run id: asked twice, queued once) and any replica's worker
 * takes them. A worker that dies mid-run loses its lock: BullMQ hands the job to another worker,
 * which resumes the run from its checkpoint.
 */
@Injectable()
export class RunQueue implements BeforeApplicationShutdown {
  private readonly logger = new Logger(RunQueue.name);
  private queue?: Queue<RunJob>;
  private worker?: Worker<RunJob>;
  private readonly connections: Redis[] = [];

  constructor(private readonly config: ConfigService<ServiceEnv, true>) {}

  private get prefix() {
    return `${this.config.get('REDIS_KEY_PREFIX', { infer: true })}bull`;
  }

  private connection(): Redis {
    const redis = bullConnection(this.config.get('REDIS_URL', { infer: true }));
    this.connections.push(redis);
    return redis;
  }

  async enqueue(job: RunJob): Promise<void> {
    this.queue ??= new Queue<RunJob>(RUN_QUEUE_NAME, { connection: this.connection(), prefix: this.prefix });
    await this.queue.add('run', job, {
      jobId: job.runId,
      attempts: 20,
      backoff: { type: 'exponential', delay: 1000, jitter: 0.2 },
      removeOnComplete: { age: 24 * 3600 },
      removeOnFail: { age: 7 * 24 * 3600 },
    });
  }

  start(work: (job: RunJob) => Promise<void>): void {
    this.worker = new Worker<RunJob>(RUN_QUEUE_NAME, (job: Job<RunJob>) => work(job.data), {
      connection: this.connection(),
      prefix: this.prefix,
      concurrency: 1,
      lockDuration: 30_000,
    });
    this.worker.on('error', (error) => this.logger.warn(`import worker: ${error.message}`));
    this.worker.on('failed', (job, error) =>
      this.logger.warn(`import run ${job?.data.runId} attempt failed: ${error.message}`),
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    await this.queue?.close();
    await Promise.all(this.connections.map((redis) => redis.quit().catch(() => undefined)));
  }
}
