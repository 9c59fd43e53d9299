import { Logger } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EntityTreeReader } from '@itsm/auth';
import { EventSourcedCommands } from '@itsm/runtime';
import { TicketDirectory } from '../../../directory/ticket-directory';
import { groupsServing } from '../../domain/ticket-references';
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
 * acts, so no rights nor visibility apply; the groups assigned must still serve the ticket's
 * entity). Applied once per sla event, however often it is delivered.
 */
@CommandHandler(EscalateTicketCommand)
export class EscalateTicketHandler implements ICommandHandler<EscalateTicketCommand> {
  private readonly logger = new Logger(EscalateTicketHandler.name);

  constructor(
    private readonly commands: EventSourcedCommands,
    private readonly directory: TicketDirectory,
    private readonly tree: EntityTreeReader,
  ) {}

  async execute({ escalation }: EscalateTicketCommand): Promise<void> {
    const { ticketId, entityId, correlationId, causationId } = escalation;
    const command = { ...escalation.command, assignGroupIds: await this.servingGroups(escalation) };
    await this.commands.execute(ticketDecider, ticketStreamId(ticketId), command, {
      entityId,
      actor: { kind: 'system', id: ESCALATION_ACTOR },
      correlationId,
      causationId,
    });
  }

  private async servingGroups({ ticketId, entityId, command }: Escalation): Promise<string[]> {
    const asked = command.assignGroupIds;
    if (asked.length === 0) return asked;
    const [tree, groups] = await Promise.all([this.tree.tree(), this.directory.groupsById(asked)]);
    const serving = groupsServing({ entityId, ancestors: tree.ancestorsOf(entityId) }, asked, groups);
    const left = asked.filter((groupId) => !serving.includes(groupId));
    if (left.length > 0) {
      this.logger.warn(`escalation of ticket ${ticketId}: groups ${left.join(', ')} do not serve entity ${entityId}`);
    }
    return serving;
  }
}
