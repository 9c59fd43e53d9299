import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { Metrics, TimerKeeper } from '@itsm/runtime';
import { WarrantyNotices } from './asset/warranty/warranty-notices';
import { WarrantyReconciliation } from './asset/warranty/warranty-reconciliation';
import { WARRANTY_TIMERS, type WarrantyTimer, type WarrantyTimers } from './asset/warranty/warranty-timers';

/** How often Redis is checked for lost warranty timers: a notice is a day early, not to the second. */
const REDIS_CHECK_MS = 60_000;

/** The warranty timers' worker, and their reconciliation at start and after Redis lost them. */
@Injectable()
export class AssetsBackground implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly keeper: TimerKeeper<WarrantyTimer>;

  constructor(
    @Inject(WARRANTY_TIMERS) timers: WarrantyTimers,
    notices: WarrantyNotices,
    reconciliation: WarrantyReconciliation,
    metrics: Metrics,
  ) {
    metrics.watchQueue('assets-warranty-timers', () => timers.jobCounts());
    this.keeper = new TimerKeeper({
      what: 'warranty timers',
      jobs: timers,
      fire: (timer) => notices.fire(timer),
      reconcile: () => reconciliation.run(),
      checkEveryMs: REDIS_CHECK_MS,
    });
  }

  onApplicationBootstrap(): void {
    this.keeper.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.keeper.stop();
  }
}
