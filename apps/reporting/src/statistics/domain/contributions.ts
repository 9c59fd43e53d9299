import type { CalendarDefinition } from '@itsm/contracts';
import { businessTimeBetween } from '@itsm/domain';
import { binOf } from './duration-sketch';
import { PERIODS, type PeriodCalendar } from './periods';
import type { Dimension } from './statistic-catalogue';
import type { OpenedTicket, TicketRecord } from './ticket-record';
import { ticketTimes, wallClock, type Measure } from './ticket-times';

/** Counters of one bucket: field name -> amount (durations: `<name>_n`, `<name>_s`, `<name>_h.<bin>`). */
export type Counters = Map<string, number>;
/** Buckets by key `<period>|<start>|<entityId>|<dimension>|<value>`. */
export type BucketCounters = Map<string, Counters>;

export const NONE = 'none';

type DimensionValues = Array<[Dimension, string[]]>;

const orNone = (values: string[]) => (values.length > 0 ? values : [NONE]);

const distinct = (values: Array<string | null>) => orNone([...new Set(values.filter((v): v is string => v !== null))]);

/** The ticket's values on every dimension but `agreement` (its current fields, as GLPI reads them). */
function dimensionsOf(record: TicketRecord, ticket: OpenedTicket): DimensionValues {
  const assets = ticket.itemIds.flatMap((id) => record.resolved.assets[id] ?? []);
  return [
    ['all', ['*']],
    ['technician', orNone(ticket.technicianIds)],
    ['group', orNone(ticket.groupIds)],
    ['category', [ticket.categoryId ?? NONE]],
    ['requester', orNone(ticket.requesterUserIds)],
    ['type', [ticket.type]],
    ['priority', [String(ticket.priority)]],
    ['location', [ticket.location ?? NONE]],
    ['item-type', orNone(ticket.itemTypes)],
    ['asset-type', distinct(assets.map((asset) => asset.typeId))],
    ['asset-model', distinct(assets.map((asset) => asset.modelId))],
  ];
}

/**
 * Sums of buckets while tickets are added, by period start (`<period>|<start>`) and then by the
 * rest of the key: a ticket's moments reuse the ends of its keys rather than build hundreds of
 * keys a ticket (a replay adds every ticket, most twice). `buckets()` keys them as BucketCounters.
 */
export class BucketSums {
  private readonly byStart = new Map<string, Map<string, Counters>>();

  /** The sums of one period, by the rest of their keys. */
  ofStart(start: string): Map<string, Counters> {
    let sums = this.byStart.get(start);
    if (!sums) this.byStart.set(start, (sums = new Map()));
    return sums;
  }

  /** The sums, zeros left out. */
  buckets(): BucketCounters {
    const buckets: BucketCounters = new Map();
    for (const [start, sums] of this.byStart) {
      for (const [rest, counters] of sums) {
        counters.forEach((amount, field) => amount === 0 && counters.delete(field));
        if (counters.size > 0) buckets.set(start + rest, counters);
      }
    }
    return buckets;
  }
}

/** Adds what one ticket adds to the buckets (`sign` -1: takes it off) into `sums`. */
class Collector {
  constructor(
    private readonly calendar: PeriodCalendar,
    private readonly sums: BucketSums,
    private readonly sign: 1 | -1,
  ) {}

  /** `values`: the end of the buckets' keys, `|<entity>|<dimension>|<value>` (see valueKeys). */
  add(at: string, values: readonly string[], fields: Array<[string, number]>): void {
    const starts = this.calendar.startsOf(at);
    for (const period of PERIODS) {
      const sums = this.sums.ofStart(`${period}|${starts[period]}`);
      for (const value of values) {
        let counters = sums.get(value);
        if (!counters) sums.set(value, (counters = new Map()));
        for (const [field, amount] of fields) counters.set(field, (counters.get(field) ?? 0) + this.sign * amount);
      }
    }
  }
}

/** The ends of a ticket's bucket keys (see BucketCounters), built once for all its moments. */
const valueKeys = (entityId: string, dimensions: DimensionValues): string[] =>
  dimensions.flatMap(([dimension, values]) => values.map((value) => `|${entityId}|${dimension}|${value}`));

const duration = (name: string, seconds: number): Array<[string, number]> => [
  [`${name}_n`, 1],
  [`${name}_s`, seconds],
  [`${name}_h.${binOf(seconds)}`, 1],
];

/**
 * A duration in business time, kept as its difference from the wall-clock one (`b<name>_s`, and
 * `b<name>_h` moving the ticket from its wall bin to its business bin): nothing when they are equal,
 * as for every ticket without a calendar, which keeps the buckets half as large. A table reads the
 * business durations as the wall-clock ones plus these differences.
 */
function businessDifference(name: string, wall: number, business: number): Array<[string, number]> {
  if (wall === business) return [];
  return [
    [`b${name}_s`, business - wall],
    [`b${name}_h.${binOf(business)}`, 1],
    [`b${name}_h.${binOf(wall)}`, -1],
  ];
}

/**
 * Everything one ticket adds to the statistics, a function of its record alone: the buckets are
 * the sum of it over every ticket, whatever order the topics were read in. An event changes the
 * buckets by what its ticket adds after it less what it added before (changeOf).
 */
export function contributionsOf(
  record: TicketRecord,
  calendar: PeriodCalendar,
  definitions: ReadonlyMap<string, CalendarDefinition> = new Map(),
): BucketCounters {
  const sums = new BucketSums();
  addContributions(new Collector(calendar, sums, 1), record, definitions);
  return sums.buckets();
}

/**
 * Adds to `into` what a ticket adds now (`after`) less what it added (`before`, absent: nothing),
 * straight into the sums (a replay does it for every ticket, most twice).
 */
export function addChange(
  into: BucketSums,
  before: TicketRecord | undefined,
  after: TicketRecord,
  calendar: PeriodCalendar,
  definitions: ReadonlyMap<string, CalendarDefinition>,
): void {
  if (before) addContributions(new Collector(calendar, into, -1), before, definitions);
  addContributions(new Collector(calendar, into, 1), after, definitions);
}

function addContributions(
  collector: Collector,
  record: TicketRecord,
  definitions: ReadonlyMap<string, CalendarDefinition>,
): void {
  const ticket = record.opened;
  if (!ticket) return;
  const dimensions = valueKeys(ticket.entityId, dimensionsOf(record, ticket));
  const times = ticketTimes(ticket);
  const business = times.durationsIn(measureOn(record, 'tto', definitions), measureOn(record, 'ttr', definitions));
  collector.add(ticket.openedAt, dimensions, [['opened', 1]]);
  for (const { at, delta } of times.backlogMoves) collector.add(at, dimensions, [['backlog', delta]]);
  for (const at of times.reopenedAt) collector.add(at, dimensions, [['reopened', 1]]);
  if (ticket.takenIntoAccountAt !== null && times.ownSeconds !== null)
    collector.add(ticket.takenIntoAccountAt, dimensions, [
      ...duration('tto', times.ownSeconds),
      ...businessDifference('tto', times.ownSeconds, business.ownSeconds ?? 0),
    ]);
  if (times.solvedAt !== null) {
    const late = record.agreements.some((a) => a.agreement === 'sla' && a.kind === 'ttr' && a.breached);
    collector.add(times.solvedAt, dimensions, [
      ['solved', 1],
      ['late', late ? 1 : 0],
      ...duration('solve', times.solveSeconds ?? 0),
      ...duration('wait', times.waitingSeconds ?? 0),
      ...businessDifference('solve', times.solveSeconds ?? 0, business.solveSeconds ?? 0),
      ...businessDifference('wait', times.waitingSeconds ?? 0, business.waitingSeconds ?? 0),
    ]);
  }
  if (times.closedAt !== null) {
    const answered = ticket.satisfaction;
    collector.add(times.closedAt, dimensions, [
      ['closed', 1],
      ...duration('close', times.closeSeconds ?? 0),
      ...businessDifference('close', times.closeSeconds ?? 0, business.closeSeconds ?? 0),
      ['sat_n', answered ? 1 : 0],
      ['sat_s', answered?.rating ?? 0],
    ]);
  }
  for (const facts of record.agreements) {
    const outcome = facts.breached ? 'breached' : facts.metAt ? 'met' : null;
    if (!outcome) continue;
    const at = outcome === 'breached' ? facts.deadline : facts.metAt!;
    const field: [string, number] = [`${facts.agreement}_${facts.kind}_${outcome}`, 1];
    collector.add(at, [...dimensions, ...valueKeys(ticket.entityId, [['agreement', [facts.slaId]]])], [field]);
  }
}

/**
 * How the ticket's times count in business time: on the calendar of its SLA of that kind (TTO for
 * the taking into account, TTR for the rest, as GLPI's getCalendar), read from the definition the
 * record was resolved with; the wall clock when it has none (GLPI's fallback to the entity's
 * calendar is not read here: see docs/reporting.md).
 */
function measureOn(
  record: TicketRecord,
  kind: 'tto' | 'ttr',
  definitions: ReadonlyMap<string, CalendarDefinition>,
): Measure {
  const calendarId = record.agreements.find((a) => a.agreement === 'sla' && a.kind === kind)?.calendarId;
  const hash = calendarId ? record.resolved.calendars[calendarId] : undefined;
  const definition = hash ? definitions.get(hash) : undefined;
  if (!definition) return wallClock;
  return (from, to) => businessTimeBetween(definition, new Date(from), new Date(to));
}
