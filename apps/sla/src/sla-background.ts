import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { Metrics, TimerKeeper } from '@itsm/runtime';
import { NOTIFICATION_QUEUE } from './breach-notices/breach-notifier.reactor';
import type { NotificationQueue } from './notifications';
import { SLA_SETTINGS, type SlaSettings } from './sla.env';
import { TicketSlaTracking } from './tracking/ticket-sla-tracking';
import { LEVEL_TIMERS } from './tracking/timers/level-timers.provider';
import type { LevelTimers } from './tracking/timers/level-timers';
import type { LevelTimer } from './tracking/timers/timer-plan';
import { TimerReconciliation } from './tracking/timers/timer-reconciliation';

/** The timer and notification workers; the timers are kept in Redis from the read model. */
@Injectable()
export class SlaBackground implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SlaBackground.name);
  private readonly keeper: TimerKeeper<LevelTimer>;

  constructor(
    @Inject(LEVEL_TIMERS) timers: LevelTimers,
    @Inject(NOTIFICATION_QUEUE) private readonly notifications: NotificationQueue,
    @Inject(SLA_SETTINGS) settings: SlaSettings,
    tracking: TicketSlaTracking,
    reconciliation: TimerReconciliation,
    metrics: Metrics,
  ) {
    metrics.watchQueue('sla-level-timers', () => timers.jobCounts());
    metrics.watchQueue('sla-notifications', () => this.notifications.jobCounts());
    this.keeper = new TimerKeeper({
      what: 'SLA timers',
      jobs: timers,
      fire: (timer) => tracking.fire(timer),
      reconcile: () => reconciliation.run(),
      checkEveryMs: settings.redisCheckMs,
    });
  }

  onApplicationBootstrap(): void {
    this.keeper.start();
    // Redis may be down at boot: the worker connects when it can, the service answers meanwhile
    this.notifications.start().catch((error: Error) => this.logger.warn(`notification worker: ${error.message}`));
  }

  // before Redis and Mongo close: a worker stopped after them fails what it was doing
  async beforeApplicationShutdown(): Promise<void> {
    await this.keeper.stop();
    await this.notifications.close();
  }
}
