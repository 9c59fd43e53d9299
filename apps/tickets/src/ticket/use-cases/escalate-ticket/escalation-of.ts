import type { EventEnvelope, SlaWarning } from '@itsm/contracts';
import type { TicketCommand } from '../../ticket.commands';

export type EscalateTicket = Extract<TicketCommand, { type: 'escalate-ticket' }>;

/** What an SLA level asks of a ticket, with the envelope fields its events keep as their cause. */
export interface Escalation {
  ticketId: string;
  /** the ticket's entity, as the sla event names it */
  entityId: string;
  command: EscalateTicket;
  correlationId: string;
  /** the sla event */
  causationId: string;
}

const TRIGGERS = new Map<string, EscalateTicket['trigger']>([
  ['sla.warning', 'warning'],
  ['sla.breached', 'breached'],
  ['sla.escalated', 'escalated'],
]);

/**
 * The ticket's part of a level reached (sla.warning, sla.breached, sla.escalated): raise-priority
 * and assign-group. Null when the level asks nothing of the ticket (notifications are sent by sla).
 */
export function escalationOf(envelope: EventEnvelope): Escalation | null {
  const trigger = TRIGGERS.get(envelope.type);
  if (!trigger) return null;
  const data = envelope.data as SlaWarning['data'];
  const raisePriority = data.actions.some((action) => action.type === 'raise-priority');
  const assignGroupIds = data.actions.flatMap((action) =>
    action.type === 'assign-group' && action.groupId ? [action.groupId] : [],
  );
  if (!raisePriority && assignGroupIds.length === 0) return null;
  return {
    ticketId: data.ticketId,
    entityId: data.entityId,
    command: {
      type: 'escalate-ticket',
      escalationId: envelope.id,
      slaId: data.slaId,
      agreement: data.agreement,
      kind: data.kind,
      levelId: data.levelId,
      levelName: data.levelName,
      trigger,
      raisePriority,
      assignGroupIds,
    },
    correlationId: envelope.correlationId,
    causationId: envelope.id,
  };
}
