import type { EventEnvelope, TicketStatus } from '@itsm/contracts';
import { asContractEnvelope } from '@itsm/eventsourcing';
import type { TicketMilestone } from './ticket-sla.commands';

const WORKING: ReadonlySet<TicketStatus> = new Set(['new', 'assigned', 'planned']);

function statusMilestones(from: TicketStatus, to: TicketStatus): TicketMilestone[] {
  if (to === 'pending') return from === 'new' ? ['taken-into-account', 'paused'] : ['paused'];
  if (to === 'solved') return ['taken-into-account', 'solved'];
  if (to === 'closed') return ['closed'];
  if (!WORKING.has(to)) return [];
  if (from === 'pending') return ['resumed'];
  if (from === 'solved') return ['solution-refused'];
  if (from === 'closed') return ['reopened'];
  if (from === 'new') return ['taken-into-account'];
  return [];
}

/**
 * What a ticket event means for deadlines, after GLPI: TTO is met when someone other than the
 * requester works on the ticket (assignment, follow-up, task) or solves it; TTR stops while
 * pending and at the solution, and resumes when the solution is refused or the ticket reopened.
 */
export function milestonesOf(envelope: EventEnvelope, requesterIds: readonly string[]): TicketMilestone[] {
  const event = asContractEnvelope(envelope);
  switch (event.type) {
    case 'ticket.opened':
      return ['opened'];
    case 'ticket.reclassified':
      return ['reclassified'];
    case 'ticket.status-changed':
      return statusMilestones(event.data.from, event.data.to);
    case 'ticket.followup-added':
    case 'ticket.task-added':
      return requesterIds.includes(event.data.authorId) ? [] : ['taken-into-account'];
    default:
      return [];
  }
}
