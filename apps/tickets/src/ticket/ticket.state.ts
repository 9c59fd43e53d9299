import type { ActorRef, ActorRole, TaskFields, TicketClassification, TicketStatus } from '@itsm/contracts';

export interface TicketState {
  ticketId: string | null;
  entityId: string;
  status: TicketStatus;
  classification: TicketClassification;
  title: string;
  actors: Record<ActorRole, ActorRef[]>;
  tasks: Record<string, TaskFields>;
  validations: Record<string, { approver: ActorRef; status: 'waiting' | 'accepted' | 'refused' }>;
  /** the latest solution and where it stands */
  solution: { solutionId: string; status: 'waiting' | 'accepted' | 'refused' } | null;
  /** the requester's satisfaction answer, and when it was first given (changes are allowed for 12 h) */
  satisfaction: { rating: number; comment: string; answeredAt: string } | null;
  /** ids of the SLA events already applied as escalations: a redelivered one changes nothing */
  escalations: string[];
}

export const initialTicketState = (): TicketState => ({
  ticketId: null,
  entityId: '',
  status: 'new',
  classification: { type: 'incident', categoryId: null, urgency: 3, impact: 3, priority: 3, priorityOverridden: false },
  title: '',
  actors: { requester: [], observer: [], assignee: [] },
  tasks: {},
  validations: {},
  solution: null,
  satisfaction: null,
  escalations: [],
});

export const sameActor = (a: ActorRef, b: ActorRef): boolean => a.kind === b.kind && a.id === b.id;

/** A planned task: still to do, with a planned start (GLPI's Processing (planned)). */
export const hasPlannedTask = (state: Pick<TicketState, 'tasks'>): boolean =>
  Object.values(state.tasks).some((task) => task.state === 'todo' && task.plannedBegin !== null);

/** Where a ticket goes back to when work resumes (GLPI's ParentStatus rule). */
export function workingStatus(state: Pick<TicketState, 'tasks' | 'actors'>): TicketStatus {
  if (state.actors.assignee.length === 0) return 'new';
  return hasPlannedTask(state) ? 'planned' : 'assigned';
}
