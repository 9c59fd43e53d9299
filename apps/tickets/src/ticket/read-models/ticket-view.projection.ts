import type {
  ActorRef,
  ActorRole,
  EventEnvelope,
  TaskFields,
  TicketEvent,
  TicketOpened,
  TicketStatus,
} from '@itsm/contracts';
import type { Projection } from '@itsm/eventsourcing';

export type TimelineKind = 'followup' | 'task' | 'solution' | 'validation' | 'document' | 'escalation';

/** One entry of the ticket's timeline, in the order it happened. */
export interface TimelineItem {
  kind: TimelineKind;
  itemId: string;
  at: string;
  authorId: string;
  private: boolean;
  content: string;
  /** task fields, solution status, validation approver and answer, document metadata */
  details: Record<string, unknown>;
}

type Opened = TicketOpened['data'];

export interface TicketView extends Omit<Opened, 'requesters' | 'observers' | 'assignees'> {
  status: TicketStatus;
  actors: Record<ActorRole, ActorRef[]>;
  /** flattened for queries: "assigned to me", "requested by me or my groups" */
  actorIndex: string[];
  openedAt: string;
  updatedAt: string;
  takenIntoAccountAt: string | null;
  solvedAt: string | null;
  closedAt: string | null;
  pendingSince: string | null;
  waitingSeconds: number;
  timeline: TimelineItem[];
  totalDurationMinutes: number;
  tasksDonePercent: number | null;
  /** GLPI's global validation: none, waiting (one request open), accepted, refused */
  validationStatus: 'none' | 'waiting' | 'accepted' | 'refused';
  satisfaction: { rating: number; comment: string; at: string } | null;
}

/** `role:kind:id`, e.g. `assignee:user:0192…`, so one multikey index answers every actor criterion. */
export const actorKey = (role: ActorRole, actor: ActorRef) => `${role}:${actor.kind}:${actor.id}`;

export const ticketViewProjection: Projection<TicketView> = {
  name: 'ticket_view',
  handles: new Set([
    'ticket.opened',
    'ticket.details-changed',
    'ticket.reclassified',
    'ticket.actor-added',
    'ticket.actor-removed',
    'ticket.status-changed',
    'ticket.followup-added',
    'ticket.task-added',
    'ticket.task-updated',
    'ticket.validation-requested',
    'ticket.validation-answered',
    'ticket.solution-added',
    'ticket.solution-approved',
    'ticket.solution-refused',
    'ticket.document-attached',
    'ticket.satisfaction-recorded',
    'ticket.escalated',
  ]),
  indexes: [
    { keys: { ticketId: 1 }, options: { name: 'ticket', unique: true } },
    { keys: { entityId: 1, status: 1, openedAt: -1 }, options: { name: 'entity_status_opened' } },
    { keys: { actorIndex: 1 }, options: { name: 'actors' } },
  ],
  apply(current, envelope) {
    const event = envelope as unknown as TicketEvent;
    if (event.type === 'ticket.opened') return opened(event.data, envelope.occurredAt);
    if (!current) return null;
    return withFigures({ ...applyChange(current, event, envelope), updatedAt: envelope.occurredAt });
  },
};

function opened(data: Opened, at: string): TicketView {
  const { requesters, observers, assignees, ...fields } = data;
  const actors = { requester: requesters, observer: observers, assignee: assignees };
  return withFigures({
    ...fields,
    status: 'new',
    actors,
    actorIndex: [],
    openedAt: at,
    updatedAt: at,
    takenIntoAccountAt: null,
    solvedAt: null,
    closedAt: null,
    pendingSince: null,
    waitingSeconds: 0,
    timeline: [],
    totalDurationMinutes: 0,
    tasksDonePercent: null,
    validationStatus: 'none',
    satisfaction: null,
  });
}

function applyChange(view: TicketView, event: TicketEvent, envelope: EventEnvelope): TicketView {
  const at = envelope.occurredAt;
  switch (event.type) {
    case 'ticket.details-changed':
    case 'ticket.reclassified': {
      const { ticketId: _ticketId, ...changes } = event.data;
      return { ...view, ...changes };
    }
    case 'ticket.actor-added': {
      const { role, actor } = event.data;
      return { ...view, actors: { ...view.actors, [role]: [...view.actors[role], actor] } };
    }
    case 'ticket.actor-removed': {
      const { role, actor } = event.data;
      const kept = view.actors[role].filter((held) => held.kind !== actor.kind || held.id !== actor.id);
      return { ...view, actors: { ...view.actors, [role]: kept } };
    }
    case 'ticket.status-changed':
      return statusChanged(view, event.data.to, at);
    case 'ticket.followup-added':
      return takenIntoAccount(
        addItem(view, {
          kind: 'followup',
          itemId: event.data.followupId,
          at,
          authorId: event.data.authorId,
          private: event.data.private,
          content: event.data.content,
          details: {},
        }),
        event.data.authorId,
        at,
      );
    case 'ticket.task-added': {
      const { ticketId: _t, taskId, authorId, content, private: hidden, ...details } = event.data;
      return takenIntoAccount(
        addItem(view, { kind: 'task', itemId: taskId, at, authorId, private: hidden, content, details }),
        authorId,
        at,
      );
    }
    case 'ticket.task-updated': {
      const { ticketId: _t, taskId, content, private: hidden, ...details } = event.data;
      return updateItem(view, 'task', taskId, (item) => ({
        ...item,
        content: content ?? item.content,
        private: hidden ?? item.private,
        details: { ...item.details, ...details },
      }));
    }
    case 'ticket.validation-requested': {
      const { validationId, approver, comment, requesterId } = event.data;
      const item = {
        kind: 'validation' as const,
        itemId: validationId,
        at,
        authorId: requesterId,
        private: false,
        content: comment,
        details: { approver, status: 'waiting' },
      };
      return { ...addItem(view, item), validationStatus: 'waiting' };
    }
    case 'ticket.validation-answered': {
      const { validationId, decision, comment, answeredBy } = event.data;
      const answered = updateItem(view, 'validation', validationId, (item) => ({
        ...item,
        details: { ...item.details, status: decision, answer: comment, answeredBy, answeredAt: at },
      }));
      return { ...answered, validationStatus: globalValidation(answered) };
    }
    case 'ticket.solution-added': {
      const { solutionId, content, solutionType, authorId } = event.data;
      const item = {
        kind: 'solution' as const,
        itemId: solutionId,
        at,
        authorId,
        private: false,
        content,
        details: { solutionType, status: 'waiting' },
      };
      return takenIntoAccount(addItem(view, item), authorId, at);
    }
    case 'ticket.solution-approved':
      return solutionStatus(view, event.data.solutionId, 'accepted', event.data.approvedBy, at);
    case 'ticket.solution-refused':
      return solutionStatus(view, event.data.solutionId, 'refused', event.data.refusedBy, at);
    case 'ticket.document-attached': {
      const { documentId, name, mimeType, sizeBytes, authorId } = event.data;
      return addItem(view, {
        kind: 'document',
        itemId: documentId,
        at,
        authorId,
        private: false,
        content: name,
        details: { mimeType, sizeBytes },
      });
    }
    case 'ticket.satisfaction-recorded':
      return { ...view, satisfaction: { rating: event.data.rating, comment: event.data.comment, at } };
    case 'ticket.escalated': {
      // private: SLA/OLA levels are the service desk's business, not the requester's
      const { ticketId: _t, escalationId, levelName, ...details } = event.data;
      return addItem(view, {
        kind: 'escalation',
        itemId: escalationId,
        at,
        authorId: envelope.actor.id,
        private: true,
        content: levelName,
        details,
      });
    }
    default:
      return view;
  }
}

function statusChanged(view: TicketView, to: TicketStatus, at: string): TicketView {
  const leftPending = view.pendingSince !== null && to !== 'pending';
  const waited = leftPending ? (Date.parse(at) - Date.parse(view.pendingSince!)) / 1000 : 0;
  return {
    ...view,
    status: to,
    takenIntoAccountAt: view.takenIntoAccountAt ?? (to === 'assigned' || to === 'planned' ? at : null),
    pendingSince: to === 'pending' ? (view.pendingSince ?? at) : null,
    waitingSeconds: view.waitingSeconds + Math.round(waited),
    solvedAt: to === 'solved' ? at : to === 'closed' ? (view.solvedAt ?? at) : null,
    closedAt: to === 'closed' ? at : null,
  };
}

/** GLPI's "taken into account": the first answer by someone who is not a requester. */
function takenIntoAccount(view: TicketView, authorId: string, at: string): TicketView {
  if (view.takenIntoAccountAt) return view;
  const requester = view.actors.requester.some((actor) => actor.kind === 'user' && actor.id === authorId);
  return requester ? view : { ...view, takenIntoAccountAt: at };
}

const addItem = (view: TicketView, item: TimelineItem): TicketView => ({ ...view, timeline: [...view.timeline, item] });

function updateItem(
  view: TicketView,
  kind: TimelineKind,
  itemId: string,
  change: (item: TimelineItem) => TimelineItem,
) {
  return {
    ...view,
    timeline: view.timeline.map((item) => (item.kind === kind && item.itemId === itemId ? change(item) : item)),
  };
}

function solutionStatus(view: TicketView, solutionId: string, status: string, by: string, at: string): TicketView {
  return updateItem(view, 'solution', solutionId, (item) => ({
    ...item,
    details: { ...item.details, status, answeredBy: by, answeredAt: at },
  }));
}

function globalValidation(view: TicketView): TicketView['validationStatus'] {
  const statuses = view.timeline.filter((item) => item.kind === 'validation').map((item) => item.details.status);
  if (statuses.includes('waiting')) return 'waiting';
  return (statuses.at(-1) as TicketView['validationStatus'] | undefined) ?? 'none';
}

/** The seed's derived figures: total duration (sum of tasks) and the share of tasks done. */
function withFigures(view: TicketView): TicketView {
  const tasks = view.timeline.filter((item) => item.kind === 'task').map((item) => item.details as Partial<TaskFields>);
  const done = tasks.filter((task) => task.state === 'done').length;
  return {
    ...view,
    actorIndex: (Object.keys(view.actors) as ActorRole[]).flatMap((role) =>
      view.actors[role].map((actor) => actorKey(role, actor)),
    ),
    totalDurationMinutes: tasks.reduce((sum, task) => sum + (task.durationMinutes ?? 0), 0),
    tasksDonePercent: tasks.length === 0 ? null : Math.round((100 * done) / tasks.length),
  };
}
