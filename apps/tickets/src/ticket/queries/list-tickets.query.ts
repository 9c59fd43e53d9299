import { DomainError, instantText, parseCalendarDay, parseInstant, startOfUtcDay } from '@itsm/domain';

import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import type { TicketStatus } from '@itsm/contracts';
import { contains, ID_PATTERN, IsInstantOrDay, PageQuery } from '@itsm/runtime';
import { breachKey } from '../../deadlines/ticket-deadlines.projection';
import type { TicketCaller } from '../access/ticket-access';
import { actorKey } from '../read-models/ticket-view.projection';
import type { FanOut } from '@itsm/runtime';

/** GLPI's status groups as its search offers them ("Non résolu" = notold, "Non clos" = notclosed). */
export const STATUS_GROUPS: Record<string, TicketStatus[]> = {
  all: ['new', 'assigned', 'planned', 'pending', 'solved', 'closed'],
  notold: ['new', 'assigned', 'planned', 'pending'],
  notclosed: ['new', 'assigned', 'planned', 'pending', 'solved'],
  process: ['assigned', 'planned'],
  old: ['solved', 'closed'],
};
const STATUS_LIST =
  /^(new|assigned|planned|pending|solved|closed|all|notold|notclosed|process|old)(,(new|assigned|planned|pending|solved|closed|all|notold|notclosed|process|old))*$/;
const SORTABLE = ['openedAt', 'updatedAt', 'priority', 'status', 'title'] as const;
const VIEWS = ['to-approve', 'assigned-to-me', 'my-groups'] as const;
/** which deadline of the agreement was breached: time to own, to resolve, or either */
const BREACHES = ['tto', 'ttr', 'any'] as const;
type Breach = (typeof BREACHES)[number];
/** openedFrom/openedTo: an instant, or a day taken whole */
const OPENED_BOUND = (which: string, day: string) =>
  `opened ${which}: an RFC 3339 date-time with its offset (2026-01-31T09:30:00Z), or a day (2026-01-31: ${day}, UTC)`;
const DAY_MS = 86_400_000;

export class ListTicketsQuery extends PageQuery {
  @ApiPropertyOptional({
    description:
      'statuses or groups, comma-separated: new, assigned, planned, pending, solved, closed, notold, notclosed, process, old, all',
  })
  @IsOptional()
  @Matches(STATUS_LIST, {
    message: 'status must list statuses or groups (notold, notclosed, process, old, all), comma-separated',
  })
  status?: string;

  @ApiPropertyOptional({ enum: ['incident', 'request'] }) @IsOptional() @IsIn(['incident', 'request']) type?:
    | 'incident'
    | 'request';

  @ApiPropertyOptional({ minimum: 1, maximum: 6 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(6)
  priority?: number;

  @ApiPropertyOptional() @IsOptional() @Matches(ID_PATTERN) categoryId?: string;
  @ApiPropertyOptional({ description: 'a requester user' }) @IsOptional() @Matches(ID_PATTERN) requesterId?: string;
  @ApiPropertyOptional({ description: 'an assigned user' }) @IsOptional() @Matches(ID_PATTERN) assigneeUserId?: string;
  @ApiPropertyOptional({ description: 'an assigned group' })
  @IsOptional()
  @Matches(ID_PATTERN)
  assigneeGroupId?: string;
  @ApiPropertyOptional({ description: 'one entity of your scope' })
  @IsOptional()
  @Matches(ID_PATTERN)
  entityId?: string;
  @ApiPropertyOptional({ description: OPENED_BOUND('at or after', 'from its start') })
  @IsOptional()
  @IsInstantOrDay()
  openedFrom?: string;

  @ApiPropertyOptional({ description: OPENED_BOUND('at or before', 'up to its end') })
  @IsOptional()
  @IsInstantOrDay()
  openedTo?: string;

  @ApiPropertyOptional({ description: 'words of the title, any case' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  q?: string;

  @ApiPropertyOptional({
    enum: BREACHES,
    description:
      'tickets whose SLA deadline was breached (met late included): tto (TTO), ttr (TTR) or any; with olaBreached, both must hold',
  })
  @IsOptional()
  @IsIn(BREACHES, { message: 'slaBreached must be tto, ttr or any' })
  slaBreached?: Breach;

  @ApiPropertyOptional({
    enum: BREACHES,
    description: 'tickets whose OLA (internal) deadline was breached: tto (TTO interne), ttr (TTR interne) or any',
  })
  @IsOptional()
  @IsIn(BREACHES, { message: 'olaBreached must be tto, ttr or any' })
  olaBreached?: Breach;

  @ApiPropertyOptional({
    enum: VIEWS,
    description: 'the home views: to-approve (requester), assigned-to-me, my-groups',
  })
  @IsOptional()
  @IsIn(VIEWS)
  view?: (typeof VIEWS)[number];

  @ApiPropertyOptional({ enum: SORTABLE, default: 'openedAt' })
  @IsOptional()
  @IsIn(SORTABLE)
  sort: (typeof SORTABLE)[number] = 'openedAt';
}

/** The breach criteria as keys of the deadlines' breachIndex (`sla:ttr`, `ola:any`…); empty when none. */
export function breachKeysOf(query: Pick<ListTicketsQuery, 'slaBreached' | 'olaBreached'>): string[] {
  return [
    ...(query.slaBreached ? [breachKey('sla', query.slaBreached)] : []),
    ...(query.olaBreached ? [breachKey('ola', query.olaBreached)] : []),
  ];
}

/**
 * The query's criteria as a filter (before the caller's visibility is added). `breachedTicketIds`:
 * the tickets the deadlines read model finds for the breach criteria, when there are some.
 */
export function ticketCriteria(
  query: ListTicketsQuery,
  caller: TicketCaller,
  breachedTicketIds?: string[],
): Record<string, unknown> {
  const all: Record<string, unknown>[] = [];
  if (query.status) {
    const statuses = [...new Set(query.status.split(',').flatMap((part) => STATUS_GROUPS[part] ?? [part]))];
    all.push({ status: statuses.length === 1 ? statuses[0] : { $in: statuses } });
  }
  if (query.type) all.push({ type: query.type });
  if (query.priority) all.push({ priority: query.priority });
  if (query.categoryId) all.push({ categoryId: query.categoryId });
  if (query.entityId) all.push({ entityId: query.entityId });
  if (query.requesterId) all.push({ actorIndex: actorKey('requester', { kind: 'user', id: query.requesterId }) });
  if (query.assigneeUserId) all.push({ actorIndex: actorKey('assignee', { kind: 'user', id: query.assigneeUserId }) });
  if (query.assigneeGroupId)
    all.push({ actorIndex: actorKey('assignee', { kind: 'group', id: query.assigneeGroupId }) });
  if (query.openedFrom || query.openedTo) {
    // openedAt is stored as UTC ISO text: compare instants, whatever offset the dates were given in
    const from = query.openedFrom && openedBound(query.openedFrom, 'from');
    const to = query.openedTo && openedBound(query.openedTo, 'to');
    if (from && to && from > to) throw new DomainError('invalid', 'openedFrom comes after openedTo');
    all.push({ openedAt: { ...(from && { $gte: from }), ...(to && { $lte: to }) } });
  }
  if (query.q) all.push({ title: contains(query.q) });
  if (query.view) all.push(homeView(query.view, caller));
  if (breachedTicketIds) all.push({ ticketId: { $in: breachedTicketIds } });
  return all.length === 0 ? {} : all.length === 1 ? all[0] : { $and: all };
}

/** A bound as stored text: the instant given, or the first (from) or last (to) instant of the UTC day given. */
function openedBound(text: string, edge: 'from' | 'to'): string {
  const instant = parseInstant(text);
  if (instant !== null) return instantText(instant);
  const day = parseCalendarDay(text);
  // the DTO let through only instants and days: anything else is a caller that skipped it
  if (!day) throw new DomainError('invalid', `opened${edge === 'from' ? 'From' : 'To'} is not a date`);
  return instantText(edge === 'from' ? startOfUtcDay(day) : startOfUtcDay(day) + DAY_MS - 1);
}

function homeView(view: (typeof VIEWS)[number], caller: TicketCaller): Record<string, unknown> {
  const me = { kind: 'user' as const, id: caller.userId };
  const groups = caller.groupIds.map((id) => ({ kind: 'group' as const, id }));
  switch (view) {
    case 'to-approve':
      return { status: 'solved', actorIndex: { $in: [me, ...groups].map((actor) => actorKey('requester', actor)) } };
    case 'assigned-to-me':
      return { status: { $in: STATUS_GROUPS.notold }, actorIndex: actorKey('assignee', me) };
    case 'my-groups':
      return {
        status: { $in: STATUS_GROUPS.notold },
        actorIndex: { $in: groups.map((group) => actorKey('assignee', group)) },
      };
  }
}

/**
 * The common lists (statuses and entities, maybe type, priority, category; by date) as equality
 * branches: see fanOutPage. Undefined when the query needs the general form.
 */
export function fanOutPlan(query: ListTicketsQuery, caller: TicketCaller): FanOut | undefined {
  const general = [
    query.requesterId,
    query.assigneeUserId,
    query.assigneeGroupId,
    query.openedFrom,
    query.openedTo,
    query.q,
    query.view,
    query.slaBreached,
    query.olaBreached,
  ];
  if (!caller.rights.has('ticket.read-all') || general.some((criterion) => criterion !== undefined)) return undefined;
  if (query.sort !== 'openedAt' && query.sort !== 'updatedAt') return undefined;
  const statuses = [...new Set((query.status ?? 'all').split(',').flatMap((part) => STATUS_GROUPS[part] ?? [part]))];
  const entities = query.entityId ? caller.scope.filter((id) => id === query.entityId) : [...caller.scope];
  if (statuses.length * entities.length > 64) return undefined;
  const shared: Record<string, string | number> = {};
  if (query.type) shared.type = query.type;
  if (query.priority) shared.priority = query.priority;
  if (query.categoryId) shared.categoryId = query.categoryId;
  return {
    shared,
    branches: entities.flatMap((entityId) => statuses.map((status) => ({ entityId, status }))),
    sortField: query.sort,
    direction: query.order === 'desc' ? -1 : 1,
    skip: (query.page - 1) * query.limit,
    limit: query.limit,
  };
}
