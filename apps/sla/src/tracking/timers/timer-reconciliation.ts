import { Injectable, Logger } from '@nestjs/common';
import { ProjectionRegistry } from '@itsm/runtime';
import { ticketSlaProjection, type TicketSlaDoc } from '../read-models/ticket-sla.projection';
import { TicketSlaTracking } from '../ticket-sla-tracking';

const BATCH = 200;

/**
 * Redis may have lost timers (flushed, failed over without AOF): at start every running
 * deadline of the read model gets its timers back; overdue ones fire at once. Job ids are
 * deterministic, so replicas reconciling together schedule each timer once.
 */
@Injectable()
export class TimerReconciliation {
  private readonly logger = new Logger(TimerReconciliation.name);

  constructor(
    private readonly projections: ProjectionRegistry,
    private readonly tracking: TicketSlaTracking,
  ) {}

  async run(): Promise<number> {
    const collection = await this.projections.collection<TicketSlaDoc>(ticketSlaProjection.name);
    let tickets = 0;
    let batch: TicketSlaDoc[] = [];
    for await (const doc of collection.find({ running: true })) {
      batch.push(doc);
      if (batch.length === BATCH) {
        tickets += await this.sync(batch);
        batch = [];
      }
    }
    tickets += await this.sync(batch);
    this.logger.log(`timers of ${tickets} tickets with running deadlines reconciled`);
    return tickets;
  }

  private async sync(docs: TicketSlaDoc[]): Promise<number> {
    await Promise.all(docs.map((doc) => this.tracking.syncTimers(doc)));
    return docs.length;
  }
}
