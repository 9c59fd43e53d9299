import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EventSourcedCommands } from '@itsm/runtime';
import { ticketDecider, ticketStreamId } from '../../ticket.decider';
import type { Escalation } from './escalation-of';

/** The system actor the escalations' events name. */
export const ESCALATION_ACTOR = 'tickets.sla-escalation';

export class EscalateTicketCommand extends Command<void> {
  constructor(readonly escalation: Escalation) {
    super();
  }
}

/**
 * An SLA level's actions on the ticket, decided like any other change (no caller: the platform
 * acts, so no rights nor visibility apply). Applied once per sla event, however often it is delivered.
 */
@CommandHandler(EscalateTicketCommand)
export class EscalateTicketHandler implements ICommandHandler<EscalateTicketCommand> {
  constructor(private readonly commands: EventSourcedCommands) {}

  async execute({ escalation }: EscalateTicketCommand): Promise<void> {
    const { ticketId, entityId, command, correlationId, causationId } = escalation;
    await this.commands.execute(ticketDecider, ticketStreamId(ticketId), command, {
      entityId,
      actor: { kind: 'system', id: ESCALATION_ACTOR },
      correlationId,
      causationId,
    });
  }
}
