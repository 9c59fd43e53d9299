import { Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { RedisOutageLog, type OutageLogger } from '../connections/redis-outage-log';

export interface SingletonJobOptions {
  /** the job's name: its BullMQ queue and job scheduler id (letters, digits, `-`) */
  name: string;
  everyMs: number;
  /** one turn; a failure is logged and the next period tries again */
  run: () => Promise<unknown>;
  /** the service's REDIS_URL and REDIS_KEY_PREFIX: keys are `${keyPrefix}bull:<name>:*` */
  redisUrl: string;
  keyPrefix: string;
  /** names this process in the jobs it ran (`processedBy`) */
  replica: string;
  logger: OutageLogger;
}

const KEPT_TURNS = 100;

/**
 * A timer of the service that runs on one replica per period, whichever is free: every replica
 * declares the same BullMQ job scheduler (one fixed id, so declaring it again changes nothing but
 * its period), which puts one job per period in Redis, and BullMQ hands each job to one worker.
 * While Redis is away no turn runs, and the outage is logged once.
 */
export class SingletonJob {
  private readonly outage: RedisOutageLog;
  private readonly connections: Redis[] = [];
  private queue?: Queue;
  private worker?: Worker;
  private readonly ran: string[] = [];

  constructor(private readonly options: SingletonJobOptions) {
    this.outage = new RedisOutageLog(options.logger, `scheduled job ${options.name}`);
  }

  /** The periods this process ran (their job ids, the last 100), oldest first. */
  turns(): readonly string[] {
    return this.ran;
  }

  /** Declares the schedule and starts taking turns; resolves once Redis has heard both. */
  async start(): Promise<void> {
    const { name, everyMs, keyPrefix, replica } = this.options;
    const prefix = `${keyPrefix}bull`;
    this.queue = new Queue(name, { connection: this.connection(), prefix });
    this.queue.on('error', (error) => this.outage.failed(error));
    this.worker = new Worker(name, (job) => this.turn(job.id ?? name), {
      connection: this.connection(),
      prefix,
      concurrency: 1,
      name: replica,
    });
    this.worker.on('error', (error) => this.outage.failed(error));
    this.worker.on('failed', (job, error) =>
      this.options.logger.warn({ err: error, job: name, turn: job?.id }, `scheduled job ${name}: turn failed`),
    );
    await this.queue.upsertJobScheduler(
      name,
      { every: everyMs },
      { name, opts: { removeOnComplete: KEPT_TURNS, removeOnFail: KEPT_TURNS } },
    );
    await this.worker.waitUntilReady();
  }

  /** Lets a turn under way end, then closes the connections. */
  async close(): Promise<void> {
    await this.worker?.close();
    await this.queue?.close();
    // BullMQ leaves connections it was given open
    await Promise.all(this.connections.map((redis) => redis.quit().catch(() => redis.disconnect())));
  }

  private async turn(id: string): Promise<void> {
    await this.options.run();
    this.ran.push(id);
    if (this.ran.length > KEPT_TURNS) this.ran.shift();
  }

  // BullMQ's workers block on Redis and require maxRetriesPerRequest: null
  private connection(): Redis {
    const redis = new Redis(this.options.redisUrl, { maxRetriesPerRequest: null });
    redis.on('ready', () => this.outage.recovered());
    redis.on('error', () => undefined); // said once through the queue's and worker's errors
    this.connections.push(redis);
    return redis;
  }
}
