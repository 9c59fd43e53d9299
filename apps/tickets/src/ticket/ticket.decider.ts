import { computePriority, DomainError, instantText, isDomainError, statusAllows, type Decider } from '@itsm/domain';
import type { TaskFields, TicketEvent, TicketStatus } from '@itsm/contracts';
import type { TicketCommand } from './ticket.commands';
import { evolveTicket } from './ticket.evolve';
import { hasPlannedTask, initialTicketState, sameActor, workingStatus, type TicketState } from './ticket.state';
import { openingDate, taskError, ticketFieldsError } from './ticket.validation';

type Command<T extends TicketCommand['type']> = Extract<TicketCommand, { type: T }>;
type Decision = TicketEvent[] | DomainError;

const illegal = (status: TicketStatus, what: string) =>
  new DomainError('illegal_transition', `a ${status} ticket cannot ${what}`);
/** GLPI: a satisfaction answer may be changed for 12 hours after it was first given */
const SATISFACTION_CHANGE_MS = 12 * 3_600_000;

function decide(command: TicketCommand, state: TicketState): Decision {
  if (command.type === 'open-ticket') return open(command, state);
  if (state.ticketId === null) return new DomainError('not_found', 'no such ticket');
  const ticketId = state.ticketId;
  const closed = state.status === 'closed';
  switch (command.type) {
    case 'change-ticket-details':
      return closed ? illegal(state.status, 'be edited') : changeDetails(command, ticketId);
    case 'reclassify-ticket':
      return closed ? illegal(state.status, 'be reclassified') : reclassify(command, state, ticketId);
    case 'add-actor':
      return closed ? illegal(state.status, 'change actors') : addActor(command, state, ticketId);
    case 'remove-actor':
      return closed ? illegal(state.status, 'change actors') : removeActor(command, state, ticketId);
    case 'add-followup': {
      if (closed) return illegal(state.status, 'take follow-ups');
      if (!command.content.trim()) return new DomainError('invalid', 'a follow-up needs content');
      const { type: _type, ...data } = command;
      const added: TicketEvent = { type: 'ticket.followup-added', data: { ticketId, ...data } };
      // as GLPI does: the requester's answer takes a waiting ticket back to work (its TTR resumes)
      if (state.status === 'pending' && isRequesterUser(state, command.authorId)) {
        return [added, statusChange(ticketId, 'pending', workingStatus(state), 'resumed')];
      }
      return [added];
    }
    case 'add-task':
      return closed ? illegal(state.status, 'take tasks') : addTask(command, state, ticketId);
    case 'update-task':
      return closed ? illegal(state.status, 'change tasks') : updateTask(command, state, ticketId);
    case 'request-validation': {
      if (closed) return illegal(state.status, 'ask for an approval');
      if (state.validations[command.validationId]) {
        return new DomainError('conflict', `validation ${command.validationId} already exists`);
      }
      const { type: _type, ...data } = command;
      return [{ type: 'ticket.validation-requested', data: { ticketId, ...data } }];
    }
    case 'answer-validation':
      return closed ? illegal(state.status, 'answer an approval') : answerValidation(command, state, ticketId);
    case 'add-solution':
      return addSolution(command, state, ticketId);
    case 'approve-solution':
      return approve(command, state, ticketId);
    case 'refuse-solution':
      return refuse(command, state, ticketId);
    case 'set-pending':
      if (!statusAllows(state.status, 'set-pending')) return illegal(state.status, 'be put pending');
      return [statusChange(ticketId, state.status, 'pending', 'pending')];
    case 'resume':
      if (!statusAllows(state.status, 'resume')) return illegal(state.status, 'resume: it is not pending');
      return [statusChange(ticketId, 'pending', workingStatus(state), 'resumed')];
    case 'close-ticket':
      if (command.by === 'auto' && state.status !== 'solved') return illegal(state.status, 'be closed automatically');
      if (closed) return illegal(state.status, 'be closed again');
      return [statusChange(ticketId, state.status, 'closed', command.by === 'auto' ? 'auto-closed' : 'closed')];
    case 'reopen-ticket':
      return reopen(command, state, ticketId);
    case 'attach-document': {
      if (closed) return illegal(state.status, 'take documents');
      const { type: _type, ...data } = command;
      return [{ type: 'ticket.document-attached', data: { ticketId, ...data } }];
    }
    case 'record-satisfaction':
      return satisfaction(command, state, ticketId);
    case 'escalate-ticket':
      return escalate(command, state, ticketId);
  }
}

function open(command: Command<'open-ticket'>, state: TicketState): Decision {
  if (state.ticketId !== null) return new DomainError('conflict', `ticket ${command.ticketId} already exists`);
  const { type: _type, ticketType, matrix, priority, opening, ...fields } = command;
  const invalid = ticketFieldsError(fields) ?? scaleError(command.urgency, command.impact, priority);
  if (invalid) return invalid;
  if (command.requesters.length === 0) return new DomainError('invalid', 'a ticket needs at least one requester');
  const openedAt = openingDate(command.entityId, opening);
  if (isDomainError(openedAt)) return openedAt;
  const opened: TicketEvent = {
    type: 'ticket.opened',
    data: {
      ...fields,
      openedAt,
      title: fields.title.trim(),
      type: ticketType,
      priority: priority ?? computePriority(matrix, command.urgency, command.impact),
      priorityOverridden: priority !== undefined,
    },
  };
  if (command.assignees.length === 0) return [opened];
  return [opened, statusChange(command.ticketId, 'new', 'assigned', 'assigned')];
}

function changeDetails(command: Command<'change-ticket-details'>, ticketId: string): Decision {
  const invalid = ticketFieldsError(command.changes);
  if (invalid) return invalid;
  // only the fields given: a field present but undefined is not a change
  const changes: Command<'change-ticket-details'>['changes'] = Object.fromEntries(
    Object.entries(command.changes).filter(([, value]) => value !== undefined),
  );
  if (Object.keys(changes).length === 0) return [];
  if (changes.title !== undefined) changes.title = changes.title.trim();
  return [{ type: 'ticket.details-changed', data: { ticketId, ...changes } }];
}

function reclassify(command: Command<'reclassify-ticket'>, state: TicketState, ticketId: string): Decision {
  const current = state.classification;
  const urgency = command.urgency ?? current.urgency;
  const impact = command.impact ?? current.impact;
  const invalid = scaleError(urgency, impact, command.priority ?? undefined);
  if (invalid) return invalid;
  const overridden = command.priority === undefined ? current.priorityOverridden : command.priority !== null;
  const priority = overridden
    ? (command.priority ?? current.priority)
    : computePriority(command.matrix, urgency, impact);
  const next = {
    type: command.ticketType ?? current.type,
    categoryId: command.categoryId === undefined ? current.categoryId : command.categoryId,
    urgency,
    impact,
    priority,
    priorityOverridden: overridden,
  };
  // field by field: the stored classification's keys need not come in this order
  const fields = Object.keys(next) as Array<keyof typeof next>;
  if (fields.every((field) => next[field] === current[field])) return [];
  return [{ type: 'ticket.reclassified', data: { ticketId, ...next } }];
}

function addActor(command: Command<'add-actor'>, state: TicketState, ticketId: string): Decision {
  if (state.actors[command.role].some((actor) => sameActor(actor, command.actor))) return [];
  const added: TicketEvent = {
    type: 'ticket.actor-added',
    data: { ticketId, role: command.role, actor: command.actor },
  };
  if (command.role !== 'assignee' || state.status !== 'new') return [added];
  return [added, statusChange(ticketId, 'new', hasPlannedTask(state) ? 'planned' : 'assigned', 'assigned')];
}

function removeActor(command: Command<'remove-actor'>, state: TicketState, ticketId: string): Decision {
  const held = state.actors[command.role];
  if (!held.some((actor) => sameActor(actor, command.actor))) {
    return new DomainError('not_found', `no such ${command.role} on this ticket`);
  }
  if (command.role === 'requester' && held.length === 1) {
    return new DomainError('rule', 'a ticket keeps at least one requester');
  }
  const removed: TicketEvent = {
    type: 'ticket.actor-removed',
    data: { ticketId, role: command.role, actor: command.actor },
  };
  const lastAssignee = command.role === 'assignee' && held.length === 1;
  if (!lastAssignee || !['assigned', 'planned'].includes(state.status)) return [removed];
  return [removed, statusChange(ticketId, state.status, 'new', 'unassigned')];
}

function addTask(command: Command<'add-task'>, state: TicketState, ticketId: string): Decision {
  const { type: _type, ...task } = command;
  const invalid = taskError(task);
  if (invalid) return invalid;
  if (state.tasks[command.taskId]) return new DomainError('conflict', `task ${command.taskId} already exists`);
  const added: TicketEvent = { type: 'ticket.task-added', data: { ticketId, ...task } };
  const planned = task.state === 'todo' && task.plannedBegin !== null;
  if (!planned || !['new', 'assigned'].includes(state.status) || state.actors.assignee.length === 0) return [added];
  return [added, statusChange(ticketId, state.status, 'planned', 'planned')];
}

function updateTask(command: Command<'update-task'>, state: TicketState, ticketId: string): Decision {
  const current = state.tasks[command.taskId];
  if (!current) return new DomainError('not_found', `no task ${command.taskId} on this ticket`);
  // only the fields given: a field present but undefined (a request DTO's unset field) is not a change
  const changes: Partial<TaskFields> = Object.fromEntries(
    Object.entries(command.changes).filter(([, value]) => value !== undefined),
  );
  const next = { ...current, ...changes };
  const invalid = taskError(next);
  if (invalid) return invalid;
  const changed = (Object.keys(changes) as Array<keyof typeof next>).filter((field) => next[field] !== current[field]);
  if (changed.length === 0) return [];
  const updated: TicketEvent = {
    type: 'ticket.task-updated',
    data: { ticketId, taskId: command.taskId, ...Object.fromEntries(changed.map((field) => [field, next[field]])) },
  };
  const after = { ...state, tasks: { ...state.tasks, [command.taskId]: next } };
  if (state.status === 'planned' && !hasPlannedTask(after)) {
    return [updated, statusChange(ticketId, 'planned', workingStatus(after), 'unplanned')];
  }
  if (state.status === 'assigned' && hasPlannedTask(after)) {
    return [updated, statusChange(ticketId, 'assigned', 'planned', 'planned')];
  }
  return [updated];
}

function answerValidation(command: Command<'answer-validation'>, state: TicketState, ticketId: string): Decision {
  const validation = state.validations[command.validationId];
  if (!validation) return new DomainError('not_found', `no validation ${command.validationId} on this ticket`);
  if (validation.status !== 'waiting')
    return new DomainError('conflict', `this validation was already ${validation.status}`);
  const { approver } = validation;
  const mayAnswer =
    approver.kind === 'user' ? approver.id === command.answeredBy : command.answererGroupIds.includes(approver.id);
  if (!mayAnswer) return new DomainError('forbidden', 'only the user or group asked may answer this validation');
  if (command.decision === 'refused' && !command.comment.trim()) {
    return new DomainError('invalid', 'a refusal needs a comment saying why');
  }
  const { validationId, decision, comment, answeredBy } = command;
  return [{ type: 'ticket.validation-answered', data: { ticketId, validationId, decision, comment, answeredBy } }];
}

function addSolution(command: Command<'add-solution'>, state: TicketState, ticketId: string): Decision {
  if (state.status === 'solved')
    return new DomainError('conflict', 'the ticket is already solved; did someone solve it before you?');
  if (!statusAllows(state.status, 'solve')) return illegal(state.status, 'take a solution');
  if (!command.content.trim()) return new DomainError('invalid', 'a solution needs content');
  const { solutionId, content, solutionType, authorId } = command;
  const added: TicketEvent = {
    type: 'ticket.solution-added',
    data: { ticketId, solutionId, content, solutionType, authorId },
  };
  if (!command.closeAtOnce) return [added, statusChange(ticketId, state.status, 'solved', 'solved')];
  return [
    added,
    { type: 'ticket.solution-approved', data: { ticketId, solutionId, approvedBy: authorId } },
    statusChange(ticketId, state.status, 'closed', 'closed'),
  ];
}

function approve(command: Command<'approve-solution'>, state: TicketState, ticketId: string): Decision {
  if (!statusAllows(state.status, 'approve-solution') || !state.solution)
    return illegal(state.status, 'have its solution approved');
  if (!command.isRequester) return new DomainError('forbidden', 'only a requester approves the solution');
  const { solutionId } = state.solution;
  return [
    { type: 'ticket.solution-approved', data: { ticketId, solutionId, approvedBy: command.by } },
    statusChange(ticketId, 'solved', 'closed', 'approved'),
  ];
}

function refuse(command: Command<'refuse-solution'>, state: TicketState, ticketId: string): Decision {
  if (!statusAllows(state.status, 'refuse-solution') || !state.solution)
    return illegal(state.status, 'have its solution refused');
  if (!command.isRequester) return new DomainError('forbidden', 'only a requester refuses the solution');
  if (!command.reason.trim()) return new DomainError('invalid', 'a refusal needs a reason');
  const { solutionId } = state.solution;
  return [
    { type: 'ticket.solution-refused', data: { ticketId, solutionId, refusedBy: command.by, reason: command.reason } },
    {
      type: 'ticket.followup-added',
      data: { ticketId, followupId: command.followupId, content: command.reason, private: false, authorId: command.by },
    },
    statusChange(ticketId, 'solved', workingStatus(state), 'refused'),
  ];
}

function reopen(command: Command<'reopen-ticket'>, state: TicketState, ticketId: string): Decision {
  if (!statusAllows(state.status, 'reopen')) return illegal(state.status, 'be reopened: only closed tickets are');
  if (!command.reason.trim()) return new DomainError('invalid', 'reopening needs a reason');
  // as GLPI does: the solution that closed the ticket did not hold
  const lastSolution = state.solution && state.solution.status !== 'refused' ? state.solution : null;
  const refused: TicketEvent[] = lastSolution
    ? [
        {
          type: 'ticket.solution-refused',
          data: { ticketId, solutionId: lastSolution.solutionId, refusedBy: command.by, reason: command.reason },
        },
      ]
    : [];
  return [
    ...refused,
    {
      type: 'ticket.followup-added',
      data: { ticketId, followupId: command.followupId, content: command.reason, private: false, authorId: command.by },
    },
    statusChange(ticketId, 'closed', workingStatus(state), 'reopened'),
  ];
}

/** The survey's answer; as in GLPI, the requester may change it for 12 hours after the first one. */
function satisfaction(command: Command<'record-satisfaction'>, state: TicketState, ticketId: string): Decision {
  if (state.status !== 'closed') return illegal(state.status, 'be rated before it is closed');
  if (!command.isRequester) return new DomainError('forbidden', 'only a requester answers the satisfaction survey');
  if (!Number.isInteger(command.rating) || command.rating < 1 || command.rating > 5) {
    return new DomainError('invalid', 'rating must be an integer from 1 to 5');
  }
  const { rating, comment, answeredBy, now } = command;
  const first = state.satisfaction;
  if (!first) {
    return [{ type: 'ticket.satisfaction-recorded', data: { ticketId, rating, comment, answeredBy, answeredAt: now } }];
  }
  const changeableUntil = Date.parse(first.answeredAt) + SATISFACTION_CHANGE_MS;
  if (Date.parse(now) > changeableUntil) {
    const until = instantText(changeableUntil);
    return new DomainError(
      'rule',
      `the satisfaction answer can no longer be changed: it could be for 12 hours after the first answer (${first.answeredAt}), until ${until}`,
      { details: { answeredAt: first.answeredAt, changeableUntil: until } },
    );
  }
  if (rating === first.rating && comment === first.comment) return [];
  return [{ type: 'ticket.satisfaction-changed', data: { ticketId, rating, comment, answeredBy } }];
}

/**
 * An SLA level's actions as one decision: the ticket.escalated fact first (its id makes a Kafka
 * redelivery a no-op), then the changes as the usual events. Assigning goes through addActor, so a
 * new ticket becomes assigned exactly as when a technician assigns it.
 */
function escalate(command: Command<'escalate-ticket'>, state: TicketState, ticketId: string): Decision {
  if (state.escalations.includes(command.escalationId)) return [];
  // the work is over: a level that fired just before the solution has nothing left to speed up
  if (state.status === 'solved' || state.status === 'closed') return [];
  const { type: _type, raisePriority, assignGroupIds, ...level } = command;
  const from = state.classification.priority;
  const priority = raisePriority && from < 6 ? { from, to: from + 1 } : null;
  const changes: TicketEvent[] = priority
    ? [
        {
          type: 'ticket.reclassified',
          data: { ticketId, ...state.classification, priority: priority.to, priorityOverridden: true },
        },
      ]
    : [];
  const groupsAdded: string[] = [];
  let current = state;
  for (const groupId of new Set(assignGroupIds)) {
    const added = addActor(
      { type: 'add-actor', role: 'assignee', actor: { kind: 'group', id: groupId } },
      current,
      ticketId,
    );
    if (isDomainError(added)) return added;
    if (added.length > 0) groupsAdded.push(groupId);
    changes.push(...added);
    current = added.reduce(evolveTicket, current);
  }
  return [{ type: 'ticket.escalated', data: { ticketId, ...level, priority, groupsAdded } }, ...changes];
}

function scaleError(urgency: number, impact: number, priority?: number): DomainError | undefined {
  const inScale = (value: number, max: number) => Number.isInteger(value) && value >= 1 && value <= max;
  if (!inScale(urgency, 5) || !inScale(impact, 5))
    return new DomainError('invalid', 'urgency and impact go from 1 to 5');
  if (priority !== undefined && !inScale(priority, 6))
    return new DomainError('invalid', 'priority goes from 1 to 6 (major)');
  return undefined;
}

const statusChange = (ticketId: string, from: TicketStatus, to: TicketStatus, reason: string): TicketEvent => ({
  type: 'ticket.status-changed',
  data: { ticketId, from, to, reason },
});

export const ticketDecider: Decider<TicketCommand, TicketEvent, TicketState> = {
  initialState: initialTicketState,
  decide,
  evolve: evolveTicket,
  // 3: the state keeps the satisfaction answer and when it was first given
  stateVersion: 3,
};

export const ticketStreamId = (ticketId: string): string => `ticket-${ticketId}`;

function isRequesterUser(state: TicketState, userId: string): boolean {
  return state.actors.requester.some((actor) => sameActor(actor, { kind: 'user', id: userId }));
}
