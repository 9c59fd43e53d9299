import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { NOTIFICATION_QUEUE } from './breach-notices/breach-notifier';
import type { NotificationQueue } from './notifications';
import { TicketSlaTracking } from './tracking/ticket-sla-tracking';
import { LEVEL_TIMERS } from './tracking/timers/level-timers.provider';
import type { LevelTimers } from './tracking/timers/level-timers';
import { TimerReconciliation } from './tracking/timers/timer-reconciliation';

/** The timer and notification workers, and the start-up reconciliation of timers. */
@Injectable()
export class SlaBackground implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SlaBackground.name);
  private stopped = false;
  private reconciling?: Promise<void>;

  constructor(
    @Inject(LEVEL_TIMERS) private readonly timers: LevelTimers,
    @Inject(NOTIFICATION_QUEUE) private readonly notifications: NotificationQueue,
    private readonly tracking: TicketSlaTracking,
    private readonly reconciliation: TimerReconciliation,
  ) {}

  onApplicationBootstrap(): void {
    this.timers.start((timer) => this.tracking.fire(timer));
    // Redis may be down at boot: the worker connects when it can, the service answers meanwhile
    this.notifications.start().catch((error: Error) => this.logger.warn(`notification worker: ${error.message}`));
    this.reconciling = this.reconcile();
  }

  // before Redis and Mongo close: a worker stopped after them fails what it was doing
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.reconciling;
    await this.timers.close();
    await this.notifications.close();
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
