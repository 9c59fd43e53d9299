import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { keepTrying, SingletonJob, type ServiceEnv } from '@itsm/runtime';
import { pino } from 'pino';
import { IMPORTS_SETTINGS, type ImportsSettings } from '../imports.env';
import { RunQueue } from './run-queue';
import { RunReconciliation } from './run-reconciliation';
import { RunWorker } from './run-worker';

/**
 * This replica's import worker (takes queued runs, and runs whose worker died), and the
 * reconciliation of runs that lost their job: at start, then on one replica per period.
 */
@Injectable()
export class RunBackground implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RunBackground.name);
  private readonly schedule: SingletonJob;
  private stopped = false;
  private reconciling?: Promise<void>;

  constructor(
    private readonly queue: RunQueue,
    private readonly worker: RunWorker,
    private readonly reconciliation: RunReconciliation,
    @Inject(IMPORTS_SETTINGS) settings: ImportsSettings,
    config: ConfigService<ServiceEnv, true>,
  ) {
    this.schedule = new SingletonJob({
      name: 'import-runs-reconciliation',
      everyMs: settings.reconcileEveryMs,
      run: () => this.reconciliation.run(),
      redisUrl: config.get('REDIS_URL', { infer: true }),
      keyPrefix: config.get('REDIS_KEY_PREFIX', { infer: true }),
      replica: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
      logger: pino({ name: 'imports.reconciliation', level: config.get('LOG_LEVEL', { infer: true }) }),
    });
  }

  onApplicationBootstrap(): void {
    this.queue.start((job) => this.worker.work(job.runId));
    this.reconciling = this.reconcileAtStart();
    // not awaited: with Redis away the service starts all the same, and turns begin once it is back
    this.schedule.start().catch(() => undefined);
  }

  // before Redis and Mongo close
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.reconciling;
    await this.schedule.close();
  }

  /** FerretDB or Redis may still be starting: tried again with a growing pause. */
  private reconcileAtStart(): Promise<void> {
    return keepTrying(() => this.reconciliation.run(), {
      what: 'import runs reconciliation',
      stopped: () => this.stopped,
      warn: (message) => this.logger.warn(message),
    });
  }
}
