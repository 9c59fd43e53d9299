import type { TicketEvent } from '@itsm/contracts';
import { sameActor, type TicketState } from './ticket.state';

export function evolveTicket(state: TicketState, event: TicketEvent): TicketState {
  switch (event.type) {
    case 'ticket.opened': {
      const { ticketId, entityId, title, requesters, observers, assignees } = event.data;
      const { type, categoryId, urgency, impact, priority, priorityOverridden } = event.data;
      return {
        ...state,
        ticketId,
        entityId,
        title,
        status: 'new',
        classification: { type, categoryId, urgency, impact, priority, priorityOverridden },
        actors: { requester: requesters, observer: observers, assignee: assignees },
      };
    }
    case 'ticket.details-changed':
      return { ...state, title: event.data.title ?? state.title };
    case 'ticket.reclassified': {
      const { ticketId: _ticketId, ...classification } = event.data;
      return { ...state, classification };
    }
    case 'ticket.actor-added': {
      const { role, actor } = event.data;
      return { ...state, actors: { ...state.actors, [role]: [...state.actors[role], actor] } };
    }
    case 'ticket.actor-removed': {
      const { role, actor } = event.data;
      return {
        ...state,
        actors: { ...state.actors, [role]: state.actors[role].filter((held) => !sameActor(held, actor)) },
      };
    }
    case 'ticket.status-changed':
      return { ...state, status: event.data.to };
    case 'ticket.task-added': {
      const { ticketId: _t, taskId, authorId: _a, ...task } = event.data;
      return { ...state, tasks: { ...state.tasks, [taskId]: task } };
    }
    case 'ticket.task-updated': {
      const { ticketId: _t, taskId, ...changes } = event.data;
      return { ...state, tasks: { ...state.tasks, [taskId]: { ...state.tasks[taskId], ...changes } } };
    }
    case 'ticket.validation-requested':
      return {
        ...state,
        validations: {
          ...state.validations,
          [event.data.validationId]: { approver: event.data.approver, status: 'waiting' },
        },
      };
    case 'ticket.validation-answered': {
      const current = state.validations[event.data.validationId];
      return {
        ...state,
        validations: { ...state.validations, [event.data.validationId]: { ...current, status: event.data.decision } },
      };
    }
    case 'ticket.solution-added':
      return { ...state, solution: { solutionId: event.data.solutionId, status: 'waiting' } };
    case 'ticket.solution-approved':
      return { ...state, solution: state.solution && { ...state.solution, status: 'accepted' } };
    case 'ticket.solution-refused':
      return { ...state, solution: state.solution && { ...state.solution, status: 'refused' } };
    case 'ticket.satisfaction-recorded': {
      const { rating, comment, answeredAt } = event.data;
      return { ...state, satisfaction: { rating, comment, answeredAt } };
    }
    case 'ticket.satisfaction-changed': {
      const { rating, comment } = event.data;
      return { ...state, satisfaction: state.satisfaction && { ...state.satisfaction, rating, comment } };
    }
    case 'ticket.escalated':
      return { ...state, escalations: [...state.escalations, event.data.escalationId] };
    case 'ticket.followup-added':
    case 'ticket.document-attached':
      return state;
  }
}
