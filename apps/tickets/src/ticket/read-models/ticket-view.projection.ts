import type {
  ActorRef,
  ActorRole,
  ContractEvent,
  TaskFields,
  TicketEvent,
  TicketOpened,
  TicketStatus,
} from '@itsm/contracts';
import { defineProjection, type EnvelopeOf, type ProjectionHandler } from '@itsm/eventsourcing';

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
  /** at: the first answer; changedAt: the last change (allowed for 12 h), null when none */
  satisfaction: { rating: number; comment: string; at: string; changedAt: string | null } | null;
}

/** `role:kind:id`, e.g. `assignee:user:0192…`, so one multikey index answers every actor criterion. */
export const actorKey = (role: ActorRole, actor: ActorRef) => `${role}:${actor.kind}:${actor.id}`;

/** A change to a ticket already opened: the figures follow, the instant is recorded. */
const change =
  <Type extends TicketEvent['type']>(
    apply: (view: TicketView, event: EnvelopeOf<ContractEvent, Type>) => TicketView,
  ): ProjectionHandler<TicketView, ContractEvent, Type> =>
  (current, event) =>
    current && withFigures({ ...apply(current, event), updatedAt: event.occurredAt });

export const ticketViewProjection = defineProjection<TicketView>({
  name: 'ticket_view',
  indexes: [
    { keys: { ticketId: 1 }, options: { name: 'ticket', unique: true } },
    { keys: { entityId: 1, status: 1, openedAt: -1 }, options: { name: 'entity_status_opened' } },
    { keys: { actorIndex: 1 }, options: { name: 'actors' } },
  ],
  handlers: {
    // openedAt is the opening date (maybe earlier, a call recorded afterwards); updatedAt when it was recorded
    'ticket.opened': (_current, { data, occurredAt }) => opened(data, occurredAt),
    'ticket.details-changed': change((view, { data: { ticketId: _ticketId, ...changes } }) => ({
      ...view,
      ...changes,
    })),
    'ticket.reclassified': change((view, { data: { ticketId: _ticketId, ...changes } }) => ({ ...view, ...changes })),
    'ticket.actor-added': change((view, { data: { role, actor } }) => ({
      ...view,
      actors: { ...view.actors, [role]: [...view.actors[role], actor] },
    })),
    'ticket.actor-removed': change((view, { data: { role, actor } }) => {
      const kept = view.actors[role].filter((held) => held.kind !== actor.kind || held.id !== actor.id);
      return { ...view, actors: { ...view.actors, [role]: kept } };
    }),
    'ticket.status-changed': change((view, { data, occurredAt }) => statusChanged(view, data.to, occurredAt)),
    'ticket.followup-added': change((view, { data, occurredAt: at }) =>
      takenIntoAccount(
        addItem(view, {
          kind: 'followup',
          itemId: data.followupId,
          at,
          authorId: data.authorId,
          private: data.private,
          content: data.content,
          details: {},
        }),
        data.authorId,
        at,
      ),
    ),
    'ticket.task-added': change((view, { data, occurredAt: at }) => {
      const { ticketId: _t, taskId, authorId, content, private: hidden, ...details } = data;
      const item = { kind: 'task' as const, itemId: taskId, at, authorId, private: hidden, content, details };
      return takenIntoAccount(addItem(view, item), authorId, at);
    }),
    'ticket.task-updated': change((view, { data }) => {
      const { ticketId: _t, taskId, content, private: hidden, ...details } = data;
      return updateItem(view, 'task', taskId, (item) => ({
        ...item,
        content: content ?? item.content,
        private: hidden ?? item.private,
        details: { ...item.details, ...details },
      }));
    }),
    'ticket.validation-requested': change((view, { data, occurredAt: at }) => {
      const { validationId, approver, comment, requesterId } = data;
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
    }),
    'ticket.validation-answered': change((view, { data, occurredAt: at }) => {
      const { validationId, decision, comment, answeredBy } = data;
      const answered = updateItem(view, 'validation', validationId, (item) => ({
        ...item,
        details: { ...item.details, status: decision, answer: comment, answeredBy, answeredAt: at },
      }));
      return { ...answered, validationStatus: globalValidation(answered) };
    }),
    'ticket.solution-added': change((view, { data, occurredAt: at }) => {
      const { solutionId, content, solutionType, authorId } = data;
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
    }),
    'ticket.solution-approved': change((view, { data, occurredAt }) =>
      solutionStatus(view, data.solutionId, 'accepted', data.approvedBy, occurredAt),
    ),
    'ticket.solution-refused': change((view, { data, occurredAt }) =>
      solutionStatus(view, data.solutionId, 'refused', data.refusedBy, occurredAt),
    ),
    'ticket.document-attached': change((view, { data, occurredAt: at }) => {
      const { documentId, name, mimeType, sizeBytes, authorId } = data;
      return addItem(view, {
        kind: 'document',
        itemId: documentId,
        at,
        authorId,
        private: false,
        content: name,
        details: { mimeType, sizeBytes },
      });
    }),
    'ticket.satisfaction-recorded': change((view, { data }) => ({
      ...view,
      satisfaction: { rating: data.rating, comment: data.comment, at: data.answeredAt, changedAt: null },
    })),
    'ticket.satisfaction-changed': change((view, { data, occurredAt }) => ({
      ...view,
      satisfaction: view.satisfaction && {
        ...view.satisfaction,
        rating: data.rating,
        comment: data.comment,
        changedAt: occurredAt,
      },
    })),
    // private: SLA/OLA levels are the service desk's business, not the requester's
    'ticket.escalated': change((view, { data, occurredAt: at, actor }) => {
      const { ticketId: _t, escalationId, levelName, ...details } = data;
      return addItem(view, {
        kind: 'escalation',
        itemId: escalationId,
        at,
        authorId: actor.id,
        private: true,
        content: levelName,
        details,
      });
    }),
  },
});

function opened(data: Opened, recordedAt: string): TicketView {
  const { requesters, observers, assignees, ...fields } = data;
  const actors = { requester: requesters, observer: observers, assignee: assignees };
  return withFigures({
    ...fields,
    status: 'new',
    actors,
    actorIndex: [],
    updatedAt: recordedAt,
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
