import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@itsm/contracts';
import type { EventReactor } from '@itsm/runtime';
import { TicketSlaTracking } from './ticket-sla-tracking';

/** itsm.tickets.events -> the tickets' deadlines. */
@Injectable()
export class TicketEventsReactor implements EventReactor {
  constructor(private readonly tracking: TicketSlaTracking) {}

  handle(event: EventEnvelope): Promise<void> {
    return this.tracking.observe(event);
  }
}
