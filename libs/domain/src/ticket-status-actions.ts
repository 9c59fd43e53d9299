import type { TicketStatus } from '@itsm/contracts';

/** The actions that move a ticket between statuses (GLPI's lifecycle, glpi-reference.md). */
export type TicketStatusAction =
  | 'set-pending'
  | 'resume'
  | 'solve'
  | 'approve-solution'
  | 'refuse-solution'
  | 'close'
  | 'reopen';

/** From which statuses each action is legal: the decider refuses the others, screens offer only these. */
const LEGAL_FROM: Record<TicketStatusAction, readonly TicketStatus[]> = {
  'set-pending': ['new', 'assigned', 'planned'],
  resume: ['pending'],
  solve: ['new', 'assigned', 'planned', 'pending'],
  'approve-solution': ['solved'],
  'refuse-solution': ['solved'],
  close: ['new', 'assigned', 'planned', 'pending', 'solved'],
  reopen: ['closed'],
};

export function statusAllows(status: TicketStatus, action: TicketStatusAction): boolean {
  return LEGAL_FROM[action].includes(status);
}

/** The status actions legal from `status`, in the order a form offers them. */
export function legalStatusActions(status: TicketStatus): TicketStatusAction[] {
  return (Object.keys(LEGAL_FROM) as TicketStatusAction[]).filter((action) => statusAllows(status, action));
}
