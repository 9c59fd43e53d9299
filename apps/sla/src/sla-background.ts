import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { Metrics } from '@itsm/runtime';
import { NOTIFICATION_QUEUE } from './breach-notices/breach-notifier.reactor';
import type { NotificationQueue } from './notifications';
import { SLA_SETTINGS, type SlaSettings } from './sla.env';
import { TicketSlaTracking } from './tracking/ticket-sla-tracking';
import { LEVEL_TIMERS } from './tracking/timers/level-timers.provider';
import type { LevelTimers } from './tracking/timers/level-timers';
import { TimerReconciliation } from './tracking/timers/timer-reconciliation';

/**
 * The timer and notification workers, and the reconciliation of timers: at start, and within
 * seconds whenever Redis is found to have lost them (flushed, or replaced without its data).
 */
@Injectable()
export class SlaBackground implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SlaBackground.name);
  private stopped = false;
  private reconciling?: Promise<void>;
  private watch?: NodeJS.Timeout;
  private checking = false;

  constructor(
    @Inject(LEVEL_TIMERS) private readonly timers: LevelTimers,
    @Inject(NOTIFICATION_QUEUE) private readonly notifications: NotificationQueue,
    @Inject(SLA_SETTINGS) private readonly settings: SlaSettings,
    private readonly tracking: TicketSlaTracking,
    private readonly reconciliation: TimerReconciliation,
    metrics: Metrics,
  ) {
    metrics.watchQueue('sla-level-timers', () => this.timers.jobCounts());
    metrics.watchQueue('sla-notifications', () => this.notifications.jobCounts());
  }

  onApplicationBootstrap(): void {
    this.timers.start((timer) => this.tracking.fire(timer));
    // Redis may be down at boot: the worker connects when it can, the service answers meanwhile
    this.notifications.start().catch((error: Error) => this.logger.warn(`notification worker: ${error.message}`));
    // the mark before the timers (one connection keeps the order): a flush meanwhile is noticed
    this.timers.checkKept().catch(() => undefined);
    this.reconciling = this.reconcile();
    this.watch = setInterval(() => void this.checkRedis(), this.settings.redisCheckMs);
  }

  // before Redis and Mongo close: a worker stopped after them fails what it was doing
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.watch);
    await this.reconciling;
    await this.timers.close();
    await this.notifications.close();
  }

  /** Redis that lost the timers gets them back from the read model now, not at the next start. */
  private async checkRedis(): Promise<void> {
    if (this.checking || this.stopped) return;
    this.checking = true;
    try {
      if ((await this.timers.checkKept()) === 'lost') {
        this.logger.warn('Redis lost the SLA timers (flushed or replaced): reconciling them from the read model');
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

  /** FerretDB or Redis may still be starting: try again with a growing pause. */
  private async reconcile(): Promise<void> {
    for (let attempt = 1; !this.stopped; attempt++) {
      try {
        await this.reconciliation.run();
        return;
      } catch (error) {
        this.logger.warn(`timer reconciliation failed (attempt ${attempt}): ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 1000 * 2 ** attempt)));
      }
    }
  }
}
