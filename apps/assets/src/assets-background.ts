import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { WarrantyNotices } from './asset/warranty/warranty-notices';
import { WarrantyReconciliation } from './asset/warranty/warranty-reconciliation';
import { WARRANTY_TIMERS, type WarrantyTimers } from './asset/warranty/warranty-timers';

/** The warranty timers' worker, and their reconciliation at start. */
@Injectable()
export class AssetsBackground implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AssetsBackground.name);
  private stopped = false;
  private reconciling?: Promise<void>;

  constructor(
    @Inject(WARRANTY_TIMERS) private readonly timers: WarrantyTimers,
    private readonly notices: WarrantyNotices,
    private readonly reconciliation: WarrantyReconciliation,
  ) {}

  onApplicationBootstrap(): void {
    this.timers.start((timer) => this.notices.fire(timer));
    this.reconciling = this.reconcile();
  }

  // before Redis and Mongo close: a worker stopped after them fails what it was doing
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.reconciling;
    await this.timers.close();
  }

  /** FerretDB or Redis may still be starting: try again with a growing pause. */
  private async reconcile(): Promise<void> {
    for (let attempt = 1; !this.stopped; attempt++) {
      try {
        await this.reconciliation.run();
        return;
      } catch (error) {
        this.logger.warn(`warranty reconciliation failed (attempt ${attempt}): ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 1000 * 2 ** attempt)));
      }
    }
  }
}
