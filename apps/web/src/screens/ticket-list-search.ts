import type { TicketCriteria } from '../api/queries';

/** The list's criteria as the page address keeps them (bookmarkable, back-button friendly). */
export interface TicketListSearch {
  status?: string;
  categoryId?: string;
  priority?: number;
  requesterId?: string;
  assigneeUserId?: string;
  entityId?: string;
  slaBreached?: 'tto' | 'ttr' | 'any';
  sort?: 'openedAt' | 'updatedAt' | 'priority' | 'status' | 'title';
  order?: 'asc' | 'desc';
  page?: number;
}

const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

/** Only the criteria the list knows, of the right types: anything else in the address is dropped. */
export function ticketListSearch(raw: Record<string, unknown>): TicketListSearch {
  const pick = <T extends string>(value: unknown, allowed: readonly T[]) =>
    allowed.includes(value as T) ? (value as T) : undefined;
  const positive = (value: unknown) =>
    Number.isInteger(Number(value)) && Number(value) > 0 ? Number(value) : undefined;
  return {
    status: text(raw.status) ?? 'notold',
    categoryId: text(raw.categoryId),
    priority: positive(raw.priority),
    requesterId: text(raw.requesterId),
    assigneeUserId: text(raw.assigneeUserId),
    entityId: text(raw.entityId),
    slaBreached: pick(raw.slaBreached, ['tto', 'ttr', 'any'] as const),
    sort: pick(raw.sort, ['openedAt', 'updatedAt', 'priority', 'status', 'title'] as const),
    order: pick(raw.order, ['asc', 'desc'] as const),
    page: positive(raw.page),
  };
}

/** The criteria as a saved search keeps them: a query string, without the page. */
export function searchToQuery(search: TicketListSearch): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) {
    if (value !== undefined && key !== 'page') params.set(key, String(value));
  }
  return params.toString();
}

/** A saved search's query string back as the list's criteria (unknown or mistyped ones dropped). */
export function queryToSearch(query: string): TicketListSearch {
  return ticketListSearch(Object.fromEntries(new URLSearchParams(query)));
}

export const PAGE_SIZE = 20;

/** The criteria as the tickets service takes them: newest first unless told, a page of PAGE_SIZE. */
export function criteriaOf(search: TicketListSearch): TicketCriteria {
  const defined = Object.fromEntries(Object.entries(search).filter(([, value]) => value !== undefined));
  return { sort: 'openedAt', order: 'desc', ...defined, limit: PAGE_SIZE } as TicketCriteria;
}
