import { Logger } from '@nestjs/common';
import type { DelayedJob, DelayedJobs, FireDelayedJob } from './delayed-jobs';
import { keepTrying } from './keep-trying';

export interface TimerKeeperOptions<T extends DelayedJob> {
  /** what the timers are, for the log ("SLA timers") */
  what: string;
  jobs: DelayedJobs<T>;
  fire: FireDelayedJob<T>;
  /** puts every timer still due back from the read model (and says so in the log) */
  reconcile(): Promise<unknown>;
  /** how often Redis is checked for lost timers */
  checkEveryMs: number;
}

/**
 * Fires a service's timers and keeps them in Redis: reconciled from the read model at start (FerretDB
 * or Redis may still be starting: tried again with a growing pause), and within seconds whenever
 * Redis is found to have lost them (flushed, or replaced without its data), not at the next start.
 */
export class TimerKeeper<T extends DelayedJob> {
  private readonly logger: Logger;
  private stopped = false;
  private reconciling?: Promise<void>;
  private watch?: NodeJS.Timeout;
  private checking = false;

  constructor(private readonly options: TimerKeeperOptions<T>) {
    this.logger = new Logger(`TimerKeeper(${options.what})`);
  }

  start(): void {
    this.options.jobs.start(this.options.fire);
    // the mark before the timers (one connection keeps the order): a flush meanwhile is noticed
    this.options.jobs.checkKept().catch(() => undefined);
    this.reconciling = this.reconcile();
    this.watch = setInterval(() => void this.checkRedis(), this.options.checkEveryMs);
  }

  // before Redis and Mongo close: a worker stopped after them fails what it was doing
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.watch);
    await this.reconciling;
    await this.options.jobs.close();
  }

  private async checkRedis(): Promise<void> {
    if (this.checking || this.stopped) return;
    this.checking = true;
    try {
      if ((await this.options.jobs.checkKept()) === 'lost') {
        this.logger.warn(
          `Redis lost the ${this.options.what} (flushed or replaced): reconciling them from the read model`,
        );
        await this.reconciling;
        this.reconciling = this.reconcile();
        await this.reconciling;
      }
    } catch {
      // Redis is away: the next check tells whether it came back with its data
    } finally {
      this.checking = false;
    }
  }

  private reconcile(): Promise<void> {
    return keepTrying(() => this.options.reconcile(), {
      what: `${this.options.what}: reconciliation`,
      stopped: () => this.stopped,
      warn: (message) => this.logger.warn(message),
    });
  }
}
