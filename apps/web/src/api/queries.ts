import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { answer, identityApi, ticketsApi } from './clients';
import type { operations } from './generated/tickets';
import type { Category, Page, TicketDetail, TicketSummary, TimelineEntry, UserSummary } from './views';

/** The ticket list's criteria, as the tickets service takes them. */
export type TicketCriteria = NonNullable<operations['TicketHttpController_list']['parameters']['query']>;

export const ticketKeys = {
  all: ['tickets'] as const,
  list: (criteria: TicketCriteria) => ['tickets', 'list', criteria] as const,
  detail: (ticketId: string) => ['tickets', 'detail', ticketId] as const,
  timeline: (ticketId: string) => ['tickets', 'timeline', ticketId] as const,
};

/** A page of tickets, as the list reads it and the router's loader fetches it ahead. */
export const ticketPageQuery = (criteria: TicketCriteria) =>
  queryOptions({
    queryKey: ticketKeys.list(criteria),
    queryFn: () => answer<Page<TicketSummary>>(ticketsApi.GET('/api/tickets', { params: { query: criteria } })),
  });

/**
 * A page of tickets; `refreshEveryMs`: read again while shown (the list keeps up with the desk).
 * While other criteria load, the previous page stays on screen rather than an empty table.
 */
export function useTicketPage(criteria: TicketCriteria, refreshEveryMs?: number) {
  return useQuery({ ...ticketPageQuery(criteria), refetchInterval: refreshEveryMs, placeholderData: keepPreviousData });
}

export function fetchTicket(ticketId: string): Promise<TicketDetail> {
  return answer<TicketDetail>(ticketsApi.GET('/api/tickets/{id}', { params: { path: { id: ticketId } } }));
}

export function useTicket(ticketId: string) {
  return useQuery({ queryKey: ticketKeys.detail(ticketId), queryFn: () => fetchTicket(ticketId) });
}

export function useTimeline(ticketId: string) {
  return useQuery({
    queryKey: ticketKeys.timeline(ticketId),
    queryFn: () =>
      answer<TimelineEntry[]>(ticketsApi.GET('/api/tickets/{id}/timeline', { params: { path: { id: ticketId } } })),
  });
}

export function useCategories() {
  return useQuery({
    queryKey: ['categories'],
    queryFn: async () =>
      (await answer<Page<Category>>(ticketsApi.GET('/api/itil-categories', { params: { query: { limit: 100 } } })))
        .items,
    staleTime: 60_000,
  });
}

/** The users a technician may pick (assignee, requester, approver): needs user.read. */
export function useUsers(enabled: boolean) {
  return useQuery({
    queryKey: ['users'],
    queryFn: async () =>
      (await answer<Page<UserSummary>>(identityApi.GET('/api/users', { params: { query: { limit: 100 } } }))).items,
    staleTime: 60_000,
    enabled,
  });
}
