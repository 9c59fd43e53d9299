import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { answer, assetsApi } from './clients';
import { ASSET_PAGE_SIZE } from './parc-queries';
import type { Asset, License, Software } from './parc-views';
import type { Page } from './views';

// The licences' reads (assets' /api/licenses), and what their screens name: software, computers.

export function useLicensePage(name: string | undefined, page: number) {
  return useQuery({
    queryKey: ['licenses', name, page],
    queryFn: () =>
      answer<Page<License>>(
        assetsApi.GET('/api/licenses', { params: { query: { name, page, limit: ASSET_PAGE_SIZE } } }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useLicense(licenseId: string) {
  return useQuery({
    queryKey: ['licenses', 'detail', licenseId],
    queryFn: () => answer<License>(assetsApi.GET('/api/licenses/{id}', { params: { path: { id: licenseId } } })),
  });
}

/** The software catalogue's first page by name: a licence's software is chosen, or named, from it. */
export function useSoftwareChoices(enabled = true) {
  return useQuery({
    queryKey: ['software', 'choices'],
    queryFn: async () =>
      (await answer<Page<Software>>(assetsApi.GET('/api/software', { params: { query: { limit: 100 } } }))).items,
    staleTime: 60_000,
    enabled,
  });
}

/** The software a licence is added to, from its page, to name it. */
export function useOneSoftware(softwareId: string | undefined) {
  return useQuery({
    queryKey: ['software', softwareId],
    queryFn: () =>
      answer<Software>(assetsApi.GET('/api/software/{id}', { params: { path: { id: softwareId ?? '' } } })),
    enabled: softwareId !== undefined,
  });
}

/** Computers whose name contains what was typed: the candidates for a licence's seat. */
export function useComputerCandidates(name: string) {
  return useQuery({
    queryKey: ['assets', 'computers', 'candidates', name],
    queryFn: () =>
      answer<Page<Asset>>(
        assetsApi.GET('/api/computers', { params: { query: { name, limit: 10, sort: 'name', order: 'asc' } } }),
      ),
    enabled: name !== '',
  });
}

/** A computer holding a seat, to name it. */
export function useComputer(computerId: string) {
  return useQuery({
    queryKey: ['assets', 'computers', 'detail', computerId],
    queryFn: () => answer<Asset>(assetsApi.GET('/api/computers/{id}', { params: { path: { id: computerId } } })),
  });
}
