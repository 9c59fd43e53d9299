import type { FromSchema } from 'json-schema-to-ts';
import { eventVersion, type ContextEvents, type EventOf } from '../event-definition';
import type { Upcaster } from '../upcasting';
import {
  choice,
  flag,
  id,
  instant,
  list,
  nullableId,
  nullableInstant,
  nullableText,
  object,
  partialObject,
  text,
} from '../schema-builders';

// Events of the tickets context (topic itsm.tickets.events): GLPI's ticket lifecycle as facts.
// Each event is declared once, as its JSON Schema; its TypeScript type is inferred from it.

const v1 = eventVersion('tickets', 1);
const v2 = eventVersion('tickets', 2);

const scale = (description: string, maximum = 5) => ({ type: 'integer', minimum: 1, maximum, description }) as const;

const actor = object({ kind: choice(['user', 'group'], 'a user or a group'), id: id('the user or group') });
const actors = (description: string) => list(actor, description);
const role = choice(['requester', 'observer', 'assignee'], 'actor role');
const status = choice(['new', 'assigned', 'planned', 'pending', 'solved', 'closed'], 'GLPI status 1-6');
const source = choice(['helpdesk', 'email', 'phone', 'direct', 'written', 'other'], 'request source');
const location = nullableText('location');
const linkedItem = object({ itemType: text('asset type, e.g. computer', 64), itemId: id('the asset') });
const items = list(linkedItem, 'linked assets');
const ticketType = choice(['incident', 'request'], 'incident or request');
const classification = object({
  type: ticketType,
  categoryId: nullableId('ITIL category'),
  urgency: scale('1 very low to 5 very high'),
  impact: scale('1 very low to 5 very high'),
  priority: scale('1 very low to 6 major', 6),
  priorityOverridden: flag('set by hand instead of the urgency x impact matrix'),
});
const task = object({
  content: text('what was or is to be done', 65_535),
  durationMinutes: { type: 'integer', minimum: 0, maximum: 100_000, description: 'time spent' },
  state: choice(['todo', 'done'], 'to do or done'),
  plannedBegin: nullableInstant('planned start'),
  plannedEnd: nullableInstant('planned end'),
  technicianId: nullableId('technician in charge'),
  private: flag('hidden from self-service users'),
});
const content = text('text', 65_535);
const ticketId = id('the ticket');

/** GLPI statuses 1-6: New, Processing (assigned), Processing (planned), Pending, Solved, Closed. */
export type TicketStatus = FromSchema<typeof status>;
export type TicketType = FromSchema<typeof ticketType>;
export type RequestSource = FromSchema<typeof source>;
export type ActorRole = FromSchema<typeof role>;
/** A user or a group, by id (names come from the identity read models). */
export type ActorRef = FromSchema<typeof actor>;
/** An asset linked to the ticket (assets service): its type and id. */
export type LinkedItem = FromSchema<typeof linkedItem>;
/** priority 1-6 comes from the urgency x impact matrix unless priorityOverridden. */
export type TicketClassification = FromSchema<typeof classification>;
export type TaskFields = FromSchema<typeof task>;

const openedFields = {
  ticketId,
  entityId: id('owning entity'),
  title: text('title'),
  description: content,
  ...classification.properties,
  source,
  location,
  items,
  requesters: actors('requesters'),
  observers: actors('observers'),
  assignees: actors('assignees'),
  recipientId: id('who typed the ticket'),
};
const ticketOpenedV1 = v1('ticket.opened', 'A ticket was opened (recorded, "Enregistrement").', object(openedFields));
const ticketOpened = v2(
  'ticket.opened',
  'A ticket was opened (recorded, "Enregistrement"), at its opening date: when it was recorded, or earlier when a technician recorded a call afterwards. SLA clocks start there. Version 1 lacked openedAt: it is the envelope’s occurredAt.',
  object({ ...openedFields, openedAt: instant('the opening date (UTC)') }),
);
const ticketDetailsChanged = v1(
  'ticket.details-changed',
  'Title, description, source, location or linked items changed; only those present.',
  partialObject({ ticketId, title: text('title'), description: content, source, location, items }, ['ticketId']),
);
const ticketReclassified = v1(
  'ticket.reclassified',
  'Type, category, urgency, impact or priority changed ("Classification").',
  object({ ticketId, ...classification.properties }),
);
const ticketActorAdded = v1(
  'ticket.actor-added',
  'A requester, observer or assignee was added.',
  object({ ticketId, role, actor }),
);
const ticketActorRemoved = v1(
  'ticket.actor-removed',
  'A requester, observer or assignee was removed.',
  object({ ticketId, role, actor }),
);
const ticketStatusChanged = v1(
  'ticket.status-changed',
  'The status changed, with the reason.',
  object({
    ticketId,
    from: status,
    to: status,
    reason: text(
      'assigned, unassigned, planned, unplanned, pending, resumed, solved, approved, refused, closed, auto-closed, reopened',
      32,
    ),
  }),
);
const ticketFollowupAdded = v1(
  'ticket.followup-added',
  'A follow-up was written.',
  object({
    ticketId,
    followupId: id('the follow-up'),
    content,
    private: flag('hidden from self-service users'),
    authorId: id('author'),
  }),
);
const ticketTaskAdded = v1(
  'ticket.task-added',
  'A task was added ("Traitement").',
  object({ ticketId, taskId: id('the task'), ...task.properties, authorId: id('author') }),
);
const ticketTaskUpdated = v1(
  'ticket.task-updated',
  'A task changed; only the changed fields are present.',
  partialObject({ ticketId, taskId: id('the task'), ...task.properties }, ['ticketId', 'taskId']),
);
const ticketValidationRequested = v1(
  'ticket.validation-requested',
  'An approval was asked of a user or a group.',
  object({
    ticketId,
    validationId: id('the validation'),
    approver: actor,
    comment: content,
    requesterId: id('who asked'),
  }),
);
const ticketValidationAnswered = v1(
  'ticket.validation-answered',
  'An approval request was accepted or refused.',
  object({
    ticketId,
    validationId: id('the validation'),
    decision: choice(['accepted', 'refused'], 'the answer'),
    comment: content,
    answeredBy: id('who answered'),
  }),
);
const ticketSolutionAdded = v1(
  'ticket.solution-added',
  'A solution was given ("Solution"); the ticket is solved.',
  object({
    ticketId,
    solutionId: id('the solution'),
    content,
    solutionType: nullableText('solution type', 100),
    authorId: id('author'),
  }),
);
const ticketSolutionApproved = v1(
  'ticket.solution-approved',
  'The requester approved the solution ("Validation").',
  object({ ticketId, solutionId: id('the solution'), approvedBy: id('who approved') }),
);
const ticketSolutionRefused = v1(
  'ticket.solution-refused',
  'The requester refused the solution; the ticket is worked again.',
  object({ ticketId, solutionId: id('the solution'), refusedBy: id('who refused'), reason: content }),
);
const ticketDocumentAttached = v1(
  'ticket.document-attached',
  'A document was attached (metadata).',
  object({
    ticketId,
    documentId: id('the document'),
    name: text('file name'),
    mimeType: text('media type', 100),
    sizeBytes: { type: 'integer', minimum: 0, description: 'size' },
    authorId: id('author'),
  }),
);
const satisfactionAnswer = { ticketId, rating: scale('1 to 5'), comment: content, answeredBy: id('who answered') };
const ticketSatisfactionRecordedV1 = v1(
  'ticket.satisfaction-recorded',
  'The requester answered the satisfaction survey.',
  object(satisfactionAnswer),
);
const ticketSatisfactionRecorded = v2(
  'ticket.satisfaction-recorded',
  'The requester answered the satisfaction survey, the first time. Version 1 lacked answeredAt: it is the envelope’s occurredAt.',
  object({ ...satisfactionAnswer, answeredAt: instant('when: the answer may be changed for 12 hours after') }),
);
const ticketSatisfactionChanged = v1(
  'ticket.satisfaction-changed',
  'The requester changed their satisfaction answer (allowed for 12 hours after the first one, as in GLPI): the new rating and comment.',
  object(satisfactionAnswer),
);
const ticketEscalated = v1(
  'ticket.escalated',
  'An SLA or OLA level escalated the ticket (priority raised, group assigned); the changes follow as their own events.',
  object({
    ticketId,
    escalationId: id('the sla event that asked for it (applied once)'),
    slaId: id('the SLA or OLA'),
    agreement: choice(['sla', 'ola'], 'SLA or internal OLA'),
    kind: choice(['tto', 'ttr'], 'time to own or to resolve'),
    levelId: id('the escalation level'),
    levelName: text('level name'),
    trigger: choice(['warning', 'breached', 'escalated'], 'the level came before the deadline, at it, or after it'),
    priority: {
      type: ['object', 'null'],
      properties: { from: scale('before', 6), to: scale('after', 6) },
      required: ['from', 'to'],
      additionalProperties: false,
      description: 'the priority raised, null when unchanged',
    },
    groupsAdded: list(id('a group'), 'groups added as assignees (those already assigned are not listed)'),
  }),
);
export type TicketOpened = EventOf<typeof ticketOpened>;
/** Only the changed fields are present. */
export type TicketDetailsChanged = EventOf<typeof ticketDetailsChanged>;
/** Type, category, urgency, impact or priority changed: the new classification, whole. */
export type TicketReclassified = EventOf<typeof ticketReclassified>;
export type TicketActorAdded = EventOf<typeof ticketActorAdded>;
export type TicketActorRemoved = EventOf<typeof ticketActorRemoved>;
export type TicketStatusChanged = EventOf<typeof ticketStatusChanged>;
export type TicketFollowupAdded = EventOf<typeof ticketFollowupAdded>;
export type TicketTaskAdded = EventOf<typeof ticketTaskAdded>;
/** Only the changed fields are present. */
export type TicketTaskUpdated = EventOf<typeof ticketTaskUpdated>;
export type TicketValidationRequested = EventOf<typeof ticketValidationRequested>;
export type TicketValidationAnswered = EventOf<typeof ticketValidationAnswered>;
export type TicketSolutionAdded = EventOf<typeof ticketSolutionAdded>;
export type TicketSolutionApproved = EventOf<typeof ticketSolutionApproved>;
export type TicketSolutionRefused = EventOf<typeof ticketSolutionRefused>;
export type TicketDocumentAttached = EventOf<typeof ticketDocumentAttached>;
/** The first answer; later ones within 12 hours are ticket.satisfaction-changed. */
export type TicketSatisfactionRecorded = EventOf<typeof ticketSatisfactionRecorded>;
export type TicketSatisfactionChanged = EventOf<typeof ticketSatisfactionChanged>;
/**
 * An SLA or OLA level asked the ticket to escalate (raise its priority, add an assignee group).
 * The changes themselves follow as ticket.reclassified / ticket.actor-added / ticket.status-changed;
 * this event names their cause and makes a redelivered level a no-op (escalationId is applied once).
 */
export type TicketEscalated = EventOf<typeof ticketEscalated>;
export type TicketEvent =
  | TicketOpened
  | TicketDetailsChanged
  | TicketReclassified
  | TicketActorAdded
  | TicketActorRemoved
  | TicketStatusChanged
  | TicketFollowupAdded
  | TicketTaskAdded
  | TicketTaskUpdated
  | TicketValidationRequested
  | TicketValidationAnswered
  | TicketSolutionAdded
  | TicketSolutionApproved
  | TicketSolutionRefused
  | TicketDocumentAttached
  | TicketSatisfactionRecorded
  | TicketSatisfactionChanged
  | TicketEscalated;

const categoryCreated = v1(
  'category.created',
  'An ITIL category was created.',
  object({
    categoryId: id('the category'),
    name: text('name'),
    parentId: nullableId('parent category'),
    entityId: id('owning entity'),
    recursive: flag('visible in the sub-entities'),
    forIncidents: flag('offered for incidents'),
    forRequests: flag('offered for requests'),
  }),
);
/** ITIL categories ("Intitulés > Catégories ITIL"): a tree. */
export type CategoryCreated = EventOf<typeof categoryCreated>;
export type CategoryEvent = CategoryCreated;

export const ticketEvents: ContextEvents = {
  context: 'tickets',
  description: 'Tickets (incidents and requests) through their ITIL lifecycle, and ITIL categories.',
  events: [
    ticketOpenedV1,
    ticketOpened,
    ticketDetailsChanged,
    ticketReclassified,
    ticketActorAdded,
    ticketActorRemoved,
    ticketStatusChanged,
    ticketFollowupAdded,
    ticketTaskAdded,
    ticketTaskUpdated,
    ticketValidationRequested,
    ticketValidationAnswered,
    ticketSolutionAdded,
    ticketSolutionApproved,
    ticketSolutionRefused,
    ticketDocumentAttached,
    ticketSatisfactionRecordedV1,
    ticketSatisfactionRecorded,
    ticketSatisfactionChanged,
    ticketEscalated,
    categoryCreated,
  ],
};

/** What an event of a first version did not carry was the moment it happened: its envelope's occurredAt. */
export const ticketUpcasters: Upcaster[] = [
  {
    type: 'ticket.opened',
    fromVersion: 1,
    upcast: (data, envelope) => ({ ...(data as object), openedAt: envelope.occurredAt }),
  },
  {
    type: 'ticket.satisfaction-recorded',
    fromVersion: 1,
    upcast: (data, envelope) => ({ ...(data as object), answeredAt: envelope.occurredAt }),
  },
];
