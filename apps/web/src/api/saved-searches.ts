import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { answer, ticketsApi } from './clients';

/** A saved search of the ticket list, as the tickets service answers it. */
export interface SavedSearch {
  searchId: string;
  ownerId: string;
  ownerName: string;
  name: string;
  query: string;
  shared: boolean;
  entityId: string;
  recursive: boolean;
}

const SAVED_SEARCHES = ['saved-searches'] as const;

export function useSavedSearches() {
  return useQuery({
    queryKey: SAVED_SEARCHES,
    queryFn: async () => (await answer<{ items: SavedSearch[] }>(ticketsApi.GET('/api/saved-searches'))).items,
    staleTime: 60_000,
  });
}

export function useSaveSearch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; query: string; shared: boolean; recursive: boolean }) =>
      answer<SavedSearch>(ticketsApi.POST('/api/saved-searches', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SAVED_SEARCHES }),
  });
}

export function useRemoveSearch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (searchId: string) =>
      answer(ticketsApi.DELETE('/api/saved-searches/{id}', { params: { path: { id: searchId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SAVED_SEARCHES }),
  });
}
