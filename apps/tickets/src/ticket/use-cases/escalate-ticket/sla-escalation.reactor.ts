import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { EventEnvelope } from '@itsm/contracts';
import { isTransient } from '@itsm/domain';
import type { EventReactor } from '@itsm/runtime';
import { EscalateTicketCommand } from './escalate-ticket.handler';
import { escalationOf } from './escalation-of';

/** itsm.sla.events -> escalations of tickets (raise-priority, assign-group). */
@Injectable()
export class SlaEscalationReactor implements EventReactor {
  private readonly logger = new Logger(SlaEscalationReactor.name);

  constructor(private readonly commandBus: CommandBus) {}

  async handle(envelope: EventEnvelope): Promise<void> {
    const escalation = escalationOf(envelope);
    if (!escalation) return;
    try {
      await this.commandBus.execute(new EscalateTicketCommand(escalation));
    } catch (error) {
      // a refusal (no such ticket) is final; a lost race or an outage is retried by the consumer
      if (isTransient(error)) throw error;
      this.logger.warn(
        `escalation ${envelope.id} of ticket ${escalation.ticketId} refused: ${(error as Error).message}`,
      );
    }
  }
}
