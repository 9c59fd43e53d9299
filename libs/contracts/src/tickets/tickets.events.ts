import type { DomainEvent } from '../envelope';
import type { ContextEvents, EventDefinition } from '../event-definition';
import type { JsonSchema } from '../json-schema';

// Events of the tickets context (topic itsm.tickets.events): GLPI's ticket lifecycle as facts.

/** GLPI statuses 1-6: New, Processing (assigned), Processing (planned), Pending, Solved, Closed. */
export type TicketStatus = 'new' | 'assigned' | 'planned' | 'pending' | 'solved' | 'closed';
export type TicketType = 'incident' | 'request';
export type RequestSource = 'helpdesk' | 'email' | 'phone' | 'direct' | 'written' | 'other';
export type ActorRole = 'requester' | 'observer' | 'assignee';

/** A user or a group, by id (names come from the identity read models). */
export interface ActorRef {
  kind: 'user' | 'group';
  id: string;
}

/** An asset linked to the ticket (assets service): its type and id. */
export interface LinkedItem {
  itemType: string;
  itemId: string;
}

export interface TicketClassification {
  type: TicketType;
  categoryId: string | null;
  urgency: number;
  impact: number;
  /** 1-6; from the matrix unless priorityOverridden */
  priority: number;
  priorityOverridden: boolean;
}

export type TicketOpened = DomainEvent<
  'ticket.opened',
  TicketClassification & {
    ticketId: string;
    entityId: string;
    title: string;
    description: string;
    source: RequestSource;
    location: string | null;
    items: LinkedItem[];
    requesters: ActorRef[];
    observers: ActorRef[];
    assignees: ActorRef[];
    /** who typed it (GLPI users_id_recipient) */
    recipientId: string;
  }
>;
/** Only the changed fields are present. */
export type TicketDetailsChanged = DomainEvent<
  'ticket.details-changed',
  {
    ticketId: string;
    title?: string;
    description?: string;
    source?: RequestSource;
    location?: string | null;
    items?: LinkedItem[];
  }
>;
/** Type, category, urgency, impact or priority changed: the new classification, whole. */
export type TicketReclassified = DomainEvent<'ticket.reclassified', TicketClassification & { ticketId: string }>;
export type TicketActorAdded = DomainEvent<
  'ticket.actor-added',
  { ticketId: string; role: ActorRole; actor: ActorRef }
>;
export type TicketActorRemoved = DomainEvent<
  'ticket.actor-removed',
  { ticketId: string; role: ActorRole; actor: ActorRef }
>;
export type TicketStatusChanged = DomainEvent<
  'ticket.status-changed',
  {
    ticketId: string;
    from: TicketStatus;
    to: TicketStatus;
    /** why: assigned, unassigned, planned, unplanned, pending, resumed, solved, approved, refused, closed, auto-closed, reopened */
    reason: string;
  }
>;
export type TicketFollowupAdded = DomainEvent<
  'ticket.followup-added',
  { ticketId: string; followupId: string; content: string; private: boolean; authorId: string }
>;
export interface TaskFields {
  content: string;
  durationMinutes: number;
  state: 'todo' | 'done';
  plannedBegin: string | null;
  plannedEnd: string | null;
  technicianId: string | null;
  private: boolean;
}
export type TicketTaskAdded = DomainEvent<
  'ticket.task-added',
  TaskFields & { ticketId: string; taskId: string; authorId: string }
>;
/** Only the changed fields are present. */
export type TicketTaskUpdated = DomainEvent<
  'ticket.task-updated',
  Partial<TaskFields> & { ticketId: string; taskId: string }
>;
export type TicketValidationRequested = DomainEvent<
  'ticket.validation-requested',
  { ticketId: string; validationId: string; approver: ActorRef; comment: string; requesterId: string }
>;
export type TicketValidationAnswered = DomainEvent<
  'ticket.validation-answered',
  { ticketId: string; validationId: string; decision: 'accepted' | 'refused'; comment: string; answeredBy: string }
>;
export type TicketSolutionAdded = DomainEvent<
  'ticket.solution-added',
  { ticketId: string; solutionId: string; content: string; solutionType: string | null; authorId: string }
>;
export type TicketSolutionApproved = DomainEvent<
  'ticket.solution-approved',
  { ticketId: string; solutionId: string; approvedBy: string }
>;
export type TicketSolutionRefused = DomainEvent<
  'ticket.solution-refused',
  { ticketId: string; solutionId: string; refusedBy: string; reason: string }
>;
export type TicketDocumentAttached = DomainEvent<
  'ticket.document-attached',
  { ticketId: string; documentId: string; name: string; mimeType: string; sizeBytes: number; authorId: string }
>;
export type TicketSatisfactionRecorded = DomainEvent<
  'ticket.satisfaction-recorded',
  { ticketId: string; rating: number; comment: string; answeredBy: string }
>;
/**
 * An SLA or OLA level asked the ticket to escalate (raise its priority, add an assignee group).
 * The changes themselves follow as ticket.reclassified / ticket.actor-added / ticket.status-changed;
 * this event names their cause and makes a redelivered level a no-op (escalationId is applied once).
 */
export type TicketEscalated = DomainEvent<
  'ticket.escalated',
  {
    ticketId: string;
    /** id of the sla event that asked for it */
    escalationId: string;
    slaId: string;
    agreement: 'sla' | 'ola';
    kind: 'tto' | 'ttr';
    levelId: string;
    levelName: string;
    /** which sla event: a level before the deadline, at it, or after it */
    trigger: 'warning' | 'breached' | 'escalated';
    /** null: unchanged (not asked, or already major) */
    priority: { from: number; to: number } | null;
    /** groups added as assignees; those already assigned are not listed */
    groupsAdded: string[];
  }
>;
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
  | TicketEscalated;

/** ITIL categories ("Intitulés > Catégories ITIL"): a tree. */
export type CategoryCreated = DomainEvent<
  'category.created',
  {
    categoryId: string;
    name: string;
    parentId: string | null;
    entityId: string;
    recursive: boolean;
    forIncidents: boolean;
    forRequests: boolean;
  }
>;
export type CategoryEvent = CategoryCreated;

const id = (description: string): JsonSchema => ({ type: 'string', minLength: 1, maxLength: 64, description });
const nullableId = (description: string): JsonSchema => ({ type: ['string', 'null'], maxLength: 64, description });
const text = (description: string, maxLength = 255): JsonSchema => ({ type: 'string', maxLength, description });
const flag = (description: string): JsonSchema => ({ type: 'boolean', description });
const scale = (description: string, maximum = 5): JsonSchema => ({ type: 'integer', minimum: 1, maximum, description });
const instant = (description: string): JsonSchema => ({ type: ['string', 'null'], format: 'date-time', description });
const object = (properties: Record<string, JsonSchema>, required = Object.keys(properties)): JsonSchema => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});

const actor = object({
  kind: { type: 'string', enum: ['user', 'group'], description: 'a user or a group' },
  id: id('the user or group'),
});
const actors = (description: string): JsonSchema => ({ type: 'array', items: actor, description });
const role: JsonSchema = { type: 'string', enum: ['requester', 'observer', 'assignee'], description: 'actor role' };
const status: JsonSchema = {
  type: 'string',
  enum: ['new', 'assigned', 'planned', 'pending', 'solved', 'closed'],
  description: 'GLPI status 1-6',
};
const source: JsonSchema = {
  type: 'string',
  enum: ['helpdesk', 'email', 'phone', 'direct', 'written', 'other'],
  description: 'request source',
};
const items: JsonSchema = {
  type: 'array',
  items: object({ itemType: text('asset type, e.g. computer', 64), itemId: id('the asset') }),
  description: 'linked assets',
};
const classification: Record<string, JsonSchema> = {
  type: { type: 'string', enum: ['incident', 'request'], description: 'incident or request' },
  categoryId: nullableId('ITIL category'),
  urgency: scale('1 very low to 5 very high'),
  impact: scale('1 very low to 5 very high'),
  priority: scale('1 very low to 6 major', 6),
  priorityOverridden: flag('set by hand instead of the urgency x impact matrix'),
};
const task: Record<string, JsonSchema> = {
  content: text('what was or is to be done', 65_535),
  durationMinutes: { type: 'integer', minimum: 0, maximum: 100_000, description: 'time spent' },
  state: { type: 'string', enum: ['todo', 'done'], description: 'to do or done' },
  plannedBegin: instant('planned start'),
  plannedEnd: instant('planned end'),
  technicianId: nullableId('technician in charge'),
  private: flag('hidden from self-service users'),
};
const content = text('text', 65_535);

const v1 = (
  type: TicketEvent['type'] | CategoryEvent['type'],
  description: string,
  schema: JsonSchema,
): EventDefinition => ({
  context: 'tickets',
  type,
  schemaVersion: 1,
  description,
  schema,
});

export const ticketEvents: ContextEvents = {
  context: 'tickets',
  description: 'Tickets (incidents and requests) through their ITIL lifecycle, and ITIL categories.',
  events: [
    v1(
      'ticket.opened',
      'A ticket was opened (recorded, "Enregistrement").',
      object({
        ticketId: id('the ticket'),
        entityId: id('owning entity'),
        title: text('title'),
        description: content,
        ...classification,
        source,
        location: { type: ['string', 'null'], maxLength: 255, description: 'location' },
        items,
        requesters: actors('requesters'),
        observers: actors('observers'),
        assignees: actors('assignees'),
        recipientId: id('who typed the ticket'),
      }),
    ),
    v1(
      'ticket.details-changed',
      'Title, description, source, location or linked items changed; only those present.',
      object(
        {
          ticketId: id('the ticket'),
          title: text('title'),
          description: content,
          source,
          location: { type: ['string', 'null'], maxLength: 255, description: 'location' },
          items,
        },
        ['ticketId'],
      ),
    ),
    v1(
      'ticket.reclassified',
      'Type, category, urgency, impact or priority changed ("Classification").',
      object({
        ticketId: id('the ticket'),
        ...classification,
      }),
    ),
    v1(
      'ticket.actor-added',
      'A requester, observer or assignee was added.',
      object({ ticketId: id('the ticket'), role, actor }),
    ),
    v1(
      'ticket.actor-removed',
      'A requester, observer or assignee was removed.',
      object({ ticketId: id('the ticket'), role, actor }),
    ),
    v1(
      'ticket.status-changed',
      'The status changed, with the reason.',
      object({
        ticketId: id('the ticket'),
        from: status,
        to: status,
        reason: text(
          'assigned, unassigned, planned, unplanned, pending, resumed, solved, approved, refused, closed, auto-closed, reopened',
          32,
        ),
      }),
    ),
    v1(
      'ticket.followup-added',
      'A follow-up was written.',
      object({
        ticketId: id('the ticket'),
        followupId: id('the follow-up'),
        content,
        private: flag('hidden from self-service users'),
        authorId: id('author'),
      }),
    ),
    v1(
      'ticket.task-added',
      'A task was added ("Traitement").',
      object({
        ticketId: id('the ticket'),
        taskId: id('the task'),
        ...task,
        authorId: id('author'),
      }),
    ),
    v1(
      'ticket.task-updated',
      'A task changed; only the changed fields are present.',
      object({ ticketId: id('the ticket'), taskId: id('the task'), ...task }, ['ticketId', 'taskId']),
    ),
    v1(
      'ticket.validation-requested',
      'An approval was asked of a user or a group.',
      object({
        ticketId: id('the ticket'),
        validationId: id('the validation'),
        approver: actor,
        comment: content,
        requesterId: id('who asked'),
      }),
    ),
    v1(
      'ticket.validation-answered',
      'An approval request was accepted or refused.',
      object({
        ticketId: id('the ticket'),
        validationId: id('the validation'),
        decision: { type: 'string', enum: ['accepted', 'refused'], description: 'the answer' },
        comment: content,
        answeredBy: id('who answered'),
      }),
    ),
    v1(
      'ticket.solution-added',
      'A solution was given ("Solution"); the ticket is solved.',
      object({
        ticketId: id('the ticket'),
        solutionId: id('the solution'),
        content,
        solutionType: { type: ['string', 'null'], maxLength: 100, description: 'solution type' },
        authorId: id('author'),
      }),
    ),
    v1(
      'ticket.solution-approved',
      'The requester approved the solution ("Validation").',
      object({
        ticketId: id('the ticket'),
        solutionId: id('the solution'),
        approvedBy: id('who approved'),
      }),
    ),
    v1(
      'ticket.solution-refused',
      'The requester refused the solution; the ticket is worked again.',
      object({
        ticketId: id('the ticket'),
        solutionId: id('the solution'),
        refusedBy: id('who refused'),
        reason: content,
      }),
    ),
    v1(
      'ticket.document-attached',
      'A document was attached (metadata).',
      object({
        ticketId: id('the ticket'),
        documentId: id('the document'),
        name: text('file name'),
        mimeType: text('media type', 100),
        sizeBytes: { type: 'integer', minimum: 0, description: 'size' },
        authorId: id('author'),
      }),
    ),
    v1(
      'ticket.satisfaction-recorded',
      'The requester answered the satisfaction survey.',
      object({
        ticketId: id('the ticket'),
        rating: scale('1 to 5'),
        comment: content,
        answeredBy: id('who answered'),
      }),
    ),
    v1(
      'ticket.escalated',
      'An SLA or OLA level escalated the ticket (priority raised, group assigned); the changes follow as their own events.',
      object({
        ticketId: id('the ticket'),
        escalationId: id('the sla event that asked for it (applied once)'),
        slaId: id('the SLA or OLA'),
        agreement: { type: 'string', enum: ['sla', 'ola'], description: 'SLA or internal OLA' },
        kind: { type: 'string', enum: ['tto', 'ttr'], description: 'time to own or to resolve' },
        levelId: id('the escalation level'),
        levelName: text('level name'),
        trigger: {
          type: 'string',
          enum: ['warning', 'breached', 'escalated'],
          description: 'the level came before the deadline, at it, or after it',
        },
        priority: {
          type: ['object', 'null'],
          properties: { from: scale('before', 6), to: scale('after', 6) },
          required: ['from', 'to'],
          additionalProperties: false,
          description: 'the priority raised, null when unchanged',
        },
        groupsAdded: {
          type: 'array',
          items: id('a group'),
          description: 'groups added as assignees (those already assigned are not listed)',
        },
      }),
    ),
    v1(
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
    ),
  ],
};
