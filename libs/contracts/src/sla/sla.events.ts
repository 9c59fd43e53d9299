import type { DomainEvent } from '../envelope';
import type { ContextEvents, EventDefinition } from '../event-definition';
import type { JsonSchema } from '../json-schema';

// Events of the sla context (topic itsm.sla.events): business calendars, SLA/OLA definitions,
// the rules choosing them, and each ticket's deadlines with their warnings, breaches and escalations.

/** Opening hours of one weekday (ISO: 1 Monday ... 7 Sunday), local time "HH:mm", end after start ("24:00" allowed). */
export interface OpeningRange {
  weekday: number;
  start: string;
  end: string;
}

/** Closed days: `start` to `end` inclusive ("YYYY-MM-DD"); `yearly` repeats them every year on the same month-days. */
export interface Holiday {
  name: string;
  start: string;
  end: string;
  yearly: boolean;
}

/** Service hours ("du lundi au vendredi de 8 h à 17 h") in an IANA time zone, and holidays. */
export interface CalendarDefinition {
  name: string;
  timeZone: string;
  openingHours: OpeningRange[];
  holidays: Holiday[];
}

/** SLA: customer-facing (TTO / TTR); OLA: internal ("TTO interne", "TTR interne"). */
export type AgreementType = 'sla' | 'ola';
/** Time to own (prise en compte) or time to resolve. */
export type AgreementKind = 'tto' | 'ttr';
export type DurationUnit = 'minutes' | 'hours' | 'days';

export type EscalationAction =
  | { type: 'notify-assignees' }
  | { type: 'notify-group'; groupId: string }
  | { type: 'raise-priority' }
  | { type: 'assign-group'; groupId: string };

/** Runs at `offsetMinutes` from the deadline: before it a warning, at 0 the breach, after it an escalation. */
export interface EscalationLevel {
  levelId: string;
  name: string;
  offsetMinutes: number;
  actions: EscalationAction[];
}

export interface AgreementTerms {
  name: string;
  agreement: AgreementType;
  kind: AgreementKind;
  duration: number;
  unit: DurationUnit;
  /** a business calendar; null: the ticket entity's default calendar when useEntityCalendar, else 24/7 */
  calendarId: string | null;
  /** GLPI's "use the ticket's calendar": the default calendar of the ticket's entity (inherited) */
  useEntityCalendar: boolean;
  levels: EscalationLevel[];
}

/** What a rule matches; an empty list matches anything. */
export interface RuleCriteria {
  types: Array<'incident' | 'request'>;
  categoryIds: string[];
  priorities: number[];
}

/** A level of one ticket's agreement, with the instant it runs. */
export interface ScheduledLevel {
  levelId: string;
  name: string;
  offsetMinutes: number;
  dueAt: string;
}

export interface TicketAgreementRef {
  ticketId: string;
  slaId: string;
  agreement: AgreementType;
  kind: AgreementKind;
}

/** Changes caused by a ticket event name its sequence in the ticket's stream (replays are then no-ops). */
interface CausedByTicket {
  ticketSequence: number;
}

export type CalendarCreated = DomainEvent<
  'calendar.created',
  CalendarDefinition & { calendarId: string; entityId: string; recursive: boolean }
>;
export type CalendarChanged = DomainEvent<'calendar.changed', CalendarDefinition & { calendarId: string }>;
export type CalendarEvent = CalendarCreated | CalendarChanged;

export type SlaDefined = DomainEvent<
  'sla.defined',
  AgreementTerms & { slaId: string; entityId: string; recursive: boolean }
>;
export type SlaRuleDefined = DomainEvent<
  'sla-rule.defined',
  {
    ruleId: string;
    entityId: string;
    recursive: boolean;
    name: string;
    /** rules are tried by rank, lowest first; the first match wins */
    rank: number;
    criteria: RuleCriteria;
    /** at most one per agreement x kind */
    slaIds: string[];
  }
>;
export type AgreementDefinitionEvent = SlaDefined | SlaRuleDefined;

export type SlaAttached = DomainEvent<
  'sla.attached',
  TicketAgreementRef &
    CausedByTicket & {
      entityId: string;
      name: string;
      /** null: 24/7 */
      calendarId: string | null;
      /** the clock's start: the ticket's opening */
      startedAt: string;
      deadline: string;
      levels: ScheduledLevel[];
      /** rule, explicit (set on the ticket), reclassified (rules re-evaluated) */
      reason: 'rule' | 'explicit' | 'reclassified';
    }
>;
export type SlaDetached = DomainEvent<
  'sla.detached',
  TicketAgreementRef & CausedByTicket & { reason: 'reclassified' | 'explicit' }
>;
/** The deadline moved (a pause ended) or stopped running (a pause began: `paused`, no timer runs). */
export type SlaDeadlineChanged = DomainEvent<
  'sla.deadline-changed',
  TicketAgreementRef &
    CausedByTicket & {
      deadline: string;
      levels: ScheduledLevel[];
      paused: boolean;
      /** when the pause began or ended */
      changedAt: string;
      /** business time spent paused so far, in seconds */
      waitingSeconds: number;
      reason: 'paused' | 'resumed' | 'solution-refused';
    }
>;
type LevelReachedData = TicketAgreementRef & {
  entityId: string;
  name: string;
  deadline: string;
  levelId: string;
  levelName: string;
  offsetMinutes: number;
  dueAt: string;
  actions: EscalationAction[];
};
export type SlaWarning = DomainEvent<'sla.warning', LevelReachedData>;
export type SlaBreached = DomainEvent<'sla.breached', LevelReachedData>;
export type SlaEscalated = DomainEvent<'sla.escalated', LevelReachedData>;
export type SlaMet = DomainEvent<
  'sla.met',
  TicketAgreementRef &
    CausedByTicket & {
      deadline: string;
      metAt: string;
      late: boolean;
      reason: 'taken-into-account' | 'solved' | 'closed';
    }
>;
export type TicketSlaEvent =
  | SlaAttached
  | SlaDetached
  | SlaDeadlineChanged
  | SlaWarning
  | SlaBreached
  | SlaEscalated
  | SlaMet;
export type SlaContextEvent = CalendarEvent | AgreementDefinitionEvent | TicketSlaEvent;

/** The per-ticket events (stream `ticket-sla-<ticketId>`): what a read model of a ticket's deadlines handles. */
export const TICKET_SLA_EVENT_TYPES: ReadonlyArray<TicketSlaEvent['type']> = [
  'sla.attached',
  'sla.detached',
  'sla.deadline-changed',
  'sla.warning',
  'sla.breached',
  'sla.escalated',
  'sla.met',
];

const id = (description: string): JsonSchema => ({ type: 'string', minLength: 1, maxLength: 64, description });
const text = (description: string, maxLength = 255): JsonSchema => ({ type: 'string', maxLength, description });
const flag = (description: string): JsonSchema => ({ type: 'boolean', description });
const instant = (description: string): JsonSchema => ({ type: 'string', format: 'date-time', description });
const list = (items: JsonSchema, description: string): JsonSchema => ({ type: 'array', items, description });
const object = (properties: Record<string, JsonSchema>, required = Object.keys(properties)): JsonSchema => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});

const calendar: Record<string, JsonSchema> = {
  name: text('name'),
  timeZone: text('IANA time zone, e.g. Europe/Paris', 64),
  openingHours: list(
    object({
      weekday: { type: 'integer', minimum: 1, maximum: 7, description: 'ISO weekday, 1 = Monday' },
      start: { type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'opening, local HH:mm' },
      end: { type: 'string', pattern: '^(([01]\\d|2[0-3]):[0-5]\\d|24:00)$', description: 'closing, local HH:mm' },
    }),
    'opening ranges; several a day allowed',
  ),
  holidays: list(
    object({
      name: text('name'),
      start: { type: 'string', format: 'date', description: 'first closed day' },
      end: { type: 'string', format: 'date', description: 'last closed day' },
      yearly: flag('repeats every year'),
    }),
    'closed days',
  ),
};
const agreement: JsonSchema = { type: 'string', enum: ['sla', 'ola'], description: 'SLA or internal OLA' };
const kind: JsonSchema = { type: 'string', enum: ['tto', 'ttr'], description: 'time to own or to resolve' };
const action: JsonSchema = {
  type: 'object',
  properties: {
    type: {
      type: 'string',
      enum: ['notify-assignees', 'notify-group', 'raise-priority', 'assign-group'],
      description: 'what the level does',
    },
    groupId: id('the group, for notify-group and assign-group'),
  },
  required: ['type'],
  additionalProperties: false,
};
const actions = list(action, 'actions of the level');
const offsetMinutes: JsonSchema = { type: 'integer', description: 'from the deadline: negative before, 0 at it' };
const levels = list(
  object({ levelId: id('the level'), name: text('name'), offsetMinutes, actions }),
  'escalation levels',
);
const scheduledLevels = list(
  object({ levelId: id('the level'), name: text('name'), offsetMinutes, dueAt: instant('when it runs') }),
  'levels with their instants',
);
const ref: Record<string, JsonSchema> = {
  ticketId: id('the ticket'),
  slaId: id('the SLA or OLA'),
  agreement,
  kind,
};
const ticketSequence: JsonSchema = {
  type: 'integer',
  minimum: 0,
  description: 'sequence of the ticket event that caused it (0: set by hand)',
};
const levelReached = object({
  ...ref,
  entityId: id('the ticket’s entity'),
  name: text('SLA or OLA name'),
  deadline: instant('the deadline'),
  levelId: id('the level'),
  levelName: text('level name'),
  offsetMinutes,
  dueAt: instant('when the level was due'),
  actions,
});

const v1 = (type: SlaContextEvent['type'], description: string, schema: JsonSchema): EventDefinition => ({
  context: 'sla',
  type,
  schemaVersion: 1,
  description,
  schema,
});

export const slaEvents: ContextEvents = {
  context: 'sla',
  description: 'Business calendars, SLA and OLA definitions and rules, and the deadlines of each ticket.',
  events: [
    v1(
      'calendar.created',
      'A business calendar was created.',
      object({
        calendarId: id('the calendar'),
        entityId: id('owning entity'),
        recursive: flag('shared with sub-entities'),
        ...calendar,
      }),
    ),
    v1(
      'calendar.changed',
      'A business calendar was redefined, whole.',
      object({ calendarId: id('the calendar'), ...calendar }),
    ),
    v1(
      'sla.defined',
      'An SLA or OLA was defined.',
      object({
        slaId: id('the SLA or OLA'),
        entityId: id('owning entity'),
        recursive: flag('usable in sub-entities'),
        name: text('name'),
        agreement,
        kind,
        duration: { type: 'integer', minimum: 1, description: 'how long, in unit' },
        unit: { type: 'string', enum: ['minutes', 'hours', 'days'], description: 'unit of duration' },
        calendarId: {
          type: ['string', 'null'],
          maxLength: 64,
          description: 'business calendar; null = the entity calendar when useEntityCalendar, else 24/7',
        },
        useEntityCalendar: flag('use the default calendar of the ticket’s entity (inherited from above)'),
        levels,
      }),
    ),
    v1(
      'sla-rule.defined',
      'A rule choosing SLAs and OLAs for tickets was defined.',
      object({
        ruleId: id('the rule'),
        entityId: id('owning entity'),
        recursive: flag('applies to sub-entities'),
        name: text('name'),
        rank: { type: 'integer', description: 'lowest first; the first match wins' },
        criteria: object({
          types: list({ type: 'string', enum: ['incident', 'request'] }, 'ticket types, empty = any'),
          categoryIds: list(id('category'), 'ITIL categories, empty = any'),
          priorities: list({ type: 'integer', minimum: 1, maximum: 6 }, 'priorities, empty = any'),
        }),
        slaIds: list(id('SLA or OLA'), 'what a matching ticket gets'),
      }),
    ),
    v1(
      'sla.attached',
      'A ticket got an SLA or OLA, with its deadline and levels.',
      object({
        ...ref,
        entityId: id('the ticket’s entity'),
        name: text('SLA or OLA name'),
        calendarId: { type: ['string', 'null'], maxLength: 64, description: 'business calendar, null = 24/7' },
        ticketSequence,
        startedAt: instant('start of the clock'),
        deadline: instant('the deadline'),
        levels: scheduledLevels,
        reason: { type: 'string', enum: ['rule', 'explicit', 'reclassified'], description: 'why' },
      }),
    ),
    v1(
      'sla.detached',
      'A ticket lost an SLA or OLA (rules re-evaluated, or another set by hand).',
      object({
        ...ref,
        ticketSequence,
        reason: { type: 'string', enum: ['reclassified', 'explicit'], description: 'why' },
      }),
    ),
    v1(
      'sla.deadline-changed',
      'A deadline stopped (pause) or moved by the paused business time (resume).',
      object({
        ...ref,
        ticketSequence,
        deadline: instant('the deadline'),
        levels: scheduledLevels,
        paused: flag('the clock is stopped'),
        changedAt: instant('when the pause began or ended'),
        waitingSeconds: { type: 'integer', minimum: 0, description: 'business time paused so far' },
        reason: { type: 'string', enum: ['paused', 'resumed', 'solution-refused'], description: 'why' },
      }),
    ),
    v1('sla.warning', 'A level before the deadline was reached.', levelReached),
    v1('sla.breached', 'The deadline passed before the agreement was met.', levelReached),
    v1('sla.escalated', 'A level after the deadline was reached.', levelReached),
    v1(
      'sla.met',
      'The ticket was taken into account (TTO) or solved (TTR); late when after the deadline.',
      object({
        ...ref,
        ticketSequence,
        deadline: instant('the deadline'),
        metAt: instant('when'),
        late: flag('after the deadline'),
        reason: { type: 'string', enum: ['taken-into-account', 'solved', 'closed'], description: 'what met it' },
      }),
    ),
  ],
};
