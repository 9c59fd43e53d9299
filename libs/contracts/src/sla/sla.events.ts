import type { FromSchema } from 'json-schema-to-ts';
import { eventVersion, type ContextEvents, type EventOf } from '../event-definition';
import type { Upcaster } from '../upcasting';
import { choice, flag, id, instant, list, nullableText, object, partialObject, text } from '../schema-builders';

// Events of the sla context (topic itsm.sla.events): business calendars, SLA/OLA definitions,
// the rules choosing them, and each ticket's deadlines with their warnings, breaches and escalations.
// Each event is declared once, as its JSON Schema; its TypeScript type is inferred from it.

const v1 = eventVersion('sla', 1);
const v2 = eventVersion('sla', 2);

const openingRange = object({
  weekday: { type: 'integer', minimum: 1, maximum: 7, description: 'ISO weekday, 1 = Monday' },
  start: { type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'opening, local HH:mm' },
  end: { type: 'string', pattern: '^(([01]\\d|2[0-3]):[0-5]\\d|24:00)$', description: 'closing, local HH:mm' },
});
const holiday = object({
  name: text('name'),
  start: { type: 'string', format: 'date', description: 'first closed day' },
  end: { type: 'string', format: 'date', description: 'last closed day' },
  yearly: flag('repeats every year'),
});
const calendarV1 = object({
  name: text('name'),
  timeZone: text('IANA time zone, e.g. Europe/Paris', 64),
  openingHours: list(openingRange, 'opening ranges; several a day allowed'),
  holidays: list(holiday, 'closed days'),
});
const publicHolidays = partialObject(
  {
    country: { type: 'string', pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2 country, e.g. FR' },
    region: {
      type: 'string',
      pattern: '^[A-Za-z0-9]{1,10}$',
      description: 'its region or state, e.g. 57 (Moselle), BY',
    },
  },
  ['country'],
);
/** v2: a country's (or region's) public holidays may close the calendar too, movable feasts included. */
const calendar = partialObject(
  {
    ...calendarV1.properties,
    publicHolidays: { ...publicHolidays, description: 'also closed on these public holidays; absent: none' },
  },
  calendarV1.required,
);
const agreement = choice(['sla', 'ola'], 'SLA or internal OLA');
const kind = choice(['tto', 'ttr'], 'time to own or to resolve');
const unit = choice(['minutes', 'hours', 'days'], 'unit of duration');
const action = partialObject(
  {
    type: choice(['notify-assignees', 'notify-group', 'raise-priority', 'assign-group'], 'what the level does'),
    groupId: id('the group, for notify-group and assign-group'),
  },
  ['type'],
);
const actions = list(action, 'actions of the level');
const offsetMinutes = { type: 'integer', description: 'from the deadline: negative before, 0 at it' } as const;
const level = object({ levelId: id('the level'), name: text('name'), offsetMinutes, actions });
const scheduledLevel = object({
  levelId: id('the level'),
  name: text('name'),
  offsetMinutes,
  dueAt: instant('when it runs'),
});
const scheduledLevels = list(scheduledLevel, 'levels with their instants');
const agreementTerms = object({
  name: text('name'),
  agreement,
  kind,
  duration: { type: 'integer', minimum: 1, description: 'how long, in unit' },
  unit,
  calendarId: nullableText('business calendar; null = the entity calendar when useEntityCalendar, else 24/7', 64),
  useEntityCalendar: flag('use the default calendar of the ticket’s entity (inherited from above)'),
  levels: list(level, 'escalation levels'),
});
const ruleCriteria = object({
  types: list({ type: 'string', enum: ['incident', 'request'] }, 'ticket types, empty = any'),
  categoryIds: list(id('category'), 'ITIL categories, empty = any'),
  priorities: list({ type: 'integer', minimum: 1, maximum: 6 }, 'priorities, empty = any'),
});
const ticketAgreementRef = object({ ticketId: id('the ticket'), slaId: id('the SLA or OLA'), agreement, kind });
const ref = ticketAgreementRef.properties;
/** Changes caused by a ticket event name its sequence in the ticket's stream (replays are then no-ops). */
const ticketSequence = {
  type: 'integer',
  minimum: 0,
  description: 'sequence of the ticket event that caused it (0: set by hand)',
} as const;
const deadline = instant('the deadline');
const why = <const Reasons extends readonly string[]>(reasons: Reasons) => choice(reasons, 'why');

/** Opening hours of one weekday (ISO: 1 Monday ... 7 Sunday), local time "HH:mm", end after start ("24:00" allowed). */
export type OpeningRange = FromSchema<typeof openingRange>;
/** Closed days: `start` to `end` inclusive ("YYYY-MM-DD"); `yearly` repeats them every year on the same month-days. */
export type Holiday = FromSchema<typeof holiday>;
/** A country's public holidays (type "public" in date-holidays), optionally a region's, e.g. FR or DE-BY. */
export type PublicHolidays = FromSchema<typeof publicHolidays>;
/** Service hours ("du lundi au vendredi de 8 h à 17 h") in an IANA time zone, holidays and public holidays. */
export type CalendarDefinition = FromSchema<typeof calendar>;
/** SLA: customer-facing (TTO / TTR); OLA: internal ("TTO interne", "TTR interne"). */
export type AgreementType = FromSchema<typeof agreement>;
/** Time to own (prise en compte) or time to resolve. */
export type AgreementKind = FromSchema<typeof kind>;
export type DurationUnit = FromSchema<typeof unit>;
/** groupId names the group of notify-group and assign-group. */
export type EscalationAction = FromSchema<typeof action>;
/** Runs at `offsetMinutes` from the deadline: before it a warning, at 0 the breach, after it an escalation. */
export type EscalationLevel = FromSchema<typeof level>;
/** calendarId null: the ticket entity's default calendar when useEntityCalendar, else 24/7. */
export type AgreementTerms = FromSchema<typeof agreementTerms>;
/** What a rule matches; an empty list matches anything. */
export type RuleCriteria = FromSchema<typeof ruleCriteria>;
/** A level of one ticket's agreement, with the instant it runs. */
export type ScheduledLevel = FromSchema<typeof scheduledLevel>;
export type TicketAgreementRef = FromSchema<typeof ticketAgreementRef>;

const calendarOwner = {
  calendarId: id('the calendar'),
  entityId: id('owning entity'),
  recursive: flag('shared with sub-entities'),
};
const calendarCreatedV1 = v1(
  'calendar.created',
  'A business calendar was created.',
  object({ ...calendarOwner, ...calendarV1.properties }),
);
const calendarCreated = v2(
  'calendar.created',
  'A business calendar was created.',
  partialObject({ ...calendarOwner, ...calendar.properties }, [
    'calendarId',
    'entityId',
    'recursive',
    ...calendar.required,
  ]),
);
const calendarChangedV1 = v1(
  'calendar.changed',
  'A business calendar was redefined, whole.',
  object({ calendarId: calendarOwner.calendarId, ...calendarV1.properties }),
);
const calendarChanged = v2(
  'calendar.changed',
  'A business calendar was redefined, whole.',
  partialObject({ calendarId: calendarOwner.calendarId, ...calendar.properties }, ['calendarId', ...calendar.required]),
);
export type CalendarCreated = EventOf<typeof calendarCreated>;
export type CalendarChanged = EventOf<typeof calendarChanged>;
export type CalendarEvent = CalendarCreated | CalendarChanged;

const slaDefined = v1(
  'sla.defined',
  'An SLA or OLA was defined.',
  object({
    slaId: id('the SLA or OLA'),
    entityId: id('owning entity'),
    recursive: flag('usable in sub-entities'),
    ...agreementTerms.properties,
  }),
);
const slaRuleDefined = v1(
  'sla-rule.defined',
  'A rule choosing SLAs and OLAs for tickets was defined.',
  object({
    ruleId: id('the rule'),
    entityId: id('owning entity'),
    recursive: flag('applies to sub-entities'),
    name: text('name'),
    rank: { type: 'integer', description: 'lowest first; the first match wins' },
    criteria: ruleCriteria,
    slaIds: list(id('SLA or OLA'), 'what a matching ticket gets'),
  }),
);
/** What an agreement's change replaces: its terms but its type and kind, which rules count on. */
const { agreement: _agreement, kind: _kind, ...changeableTerms } = agreementTerms.properties;
const slaChanged = v1(
  'sla.changed',
  'An SLA or OLA was redefined: its terms replaced, its type, kind and entity kept. Tickets already given it keep their deadlines.',
  object({ slaId: id('the SLA or OLA'), ...changeableTerms }),
);
const slaRuleChanged = v1(
  'sla-rule.changed',
  'A rule choosing SLAs and OLAs was redefined: name, rank, criteria and agreements replaced, its entity kept.',
  object({
    ruleId: id('the rule'),
    name: text('name'),
    rank: { type: 'integer', description: 'lowest first; the first match wins' },
    criteria: ruleCriteria,
    slaIds: list(id('SLA or OLA'), 'what a matching ticket gets'),
  }),
);
const slaDeleted = v1(
  'sla.deleted',
  'An SLA or OLA was deleted: no longer offered nor given by rules. Tickets already given it keep their deadlines and levels.',
  object({ slaId: id('the SLA or OLA') }),
);
const slaRuleDeleted = v1(
  'sla-rule.deleted',
  'A rule choosing SLAs and OLAs was deleted: later tickets no longer follow it; deadlines it gave stay.',
  object({ ruleId: id('the rule') }),
);
export type SlaDefined = EventOf<typeof slaDefined>;
export type SlaChanged = EventOf<typeof slaChanged>;
export type SlaDeleted = EventOf<typeof slaDeleted>;
export type AgreementEvent = SlaDefined | SlaChanged | SlaDeleted;
/** Rules are tried by rank, lowest first, the first match winning; slaIds holds at most one per agreement x kind. */
export type SlaRuleDefined = EventOf<typeof slaRuleDefined>;
export type SlaRuleChanged = EventOf<typeof slaRuleChanged>;
export type SlaRuleDeleted = EventOf<typeof slaRuleDeleted>;
export type SlaRuleEvent = SlaRuleDefined | SlaRuleChanged | SlaRuleDeleted;
export type AgreementDefinitionEvent = AgreementEvent | SlaRuleEvent;

const slaAttached = v1(
  'sla.attached',
  'A ticket got an SLA or OLA, with its deadline and levels.',
  object({
    ...ref,
    entityId: id('the ticket’s entity'),
    name: text('SLA or OLA name'),
    calendarId: nullableText('business calendar, null = 24/7', 64),
    ticketSequence,
    startedAt: instant('start of the clock'),
    deadline,
    levels: scheduledLevels,
    reason: why(['rule', 'explicit', 'reclassified']),
  }),
);
const slaDetached = v1(
  'sla.detached',
  'A ticket lost an SLA or OLA (rules re-evaluated, or another set by hand).',
  object({ ...ref, ticketSequence, reason: why(['reclassified', 'explicit']) }),
);
const slaDeadlineChanged = v1(
  'sla.deadline-changed',
  'A deadline stopped (pause) or moved by the paused business time (resume).',
  object({
    ...ref,
    ticketSequence,
    deadline,
    levels: scheduledLevels,
    paused: flag('the clock is stopped'),
    changedAt: instant('when the pause began or ended'),
    waitingSeconds: { type: 'integer', minimum: 0, description: 'business time paused so far' },
    reason: why(['paused', 'resumed', 'solution-refused']),
  }),
);
const levelReached = object({
  ...ref,
  entityId: id('the ticket’s entity'),
  name: text('SLA or OLA name'),
  deadline,
  levelId: id('the level'),
  levelName: text('level name'),
  offsetMinutes,
  dueAt: instant('when the level was due'),
  actions,
});
const slaWarning = v1('sla.warning', 'A level before the deadline was reached.', levelReached);
const slaBreached = v1('sla.breached', 'The deadline passed before the agreement was met.', levelReached);
const slaEscalated = v1('sla.escalated', 'A level after the deadline was reached.', levelReached);
const slaMet = v1(
  'sla.met',
  'The ticket was taken into account (TTO) or solved (TTR); late when after the deadline.',
  object({
    ...ref,
    ticketSequence,
    deadline,
    metAt: instant('when'),
    late: flag('after the deadline'),
    reason: choice(['taken-into-account', 'solved', 'closed'], 'what met it'),
  }),
);
/** startedAt: the clock's start (the ticket's opening); calendarId null: 24/7. */
export type SlaAttached = EventOf<typeof slaAttached>;
export type SlaDetached = EventOf<typeof slaDetached>;
/** The deadline moved (a pause ended) or stopped running (a pause began: `paused`, no timer runs). */
export type SlaDeadlineChanged = EventOf<typeof slaDeadlineChanged>;
export type SlaWarning = EventOf<typeof slaWarning>;
export type SlaBreached = EventOf<typeof slaBreached>;
export type SlaEscalated = EventOf<typeof slaEscalated>;
export type SlaMet = EventOf<typeof slaMet>;
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

export const slaEvents: ContextEvents = {
  context: 'sla',
  description: 'Business calendars, SLA and OLA definitions and rules, and the deadlines of each ticket.',
  events: [
    calendarCreatedV1,
    calendarCreated,
    calendarChangedV1,
    calendarChanged,
    slaDefined,
    slaChanged,
    slaDeleted,
    slaRuleDefined,
    slaRuleChanged,
    slaRuleDeleted,
    slaAttached,
    slaDetached,
    slaDeadlineChanged,
    slaWarning,
    slaBreached,
    slaEscalated,
    slaMet,
  ],
};

/** v1 calendars had no public holidays: their data is already valid v2 data. */
export const slaUpcasters: Upcaster[] = [
  { type: 'calendar.created', fromVersion: 1, upcast: (data) => data },
  { type: 'calendar.changed', fromVersion: 1, upcast: (data) => data },
];
