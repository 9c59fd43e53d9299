import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { answer, assetsApi, importsApi } from './clients';
import type { paths as AssetsPaths } from './generated/assets';
import type { Page } from './views';
import type {
  Asset,
  AssetRoute,
  AssetTicket,
  Components,
  DropdownValue,
  HistoryEntry,
  ImportModel,
  ImportRun,
  Installation,
  LineResult,
  LineStatus,
  NetworkPorts,
  Software,
  SoftwareCompliance,
  SoftwareVersion,
  Volumes,
} from './parc-views';

export const ASSET_PAGE_SIZE = 20;

/** the assets service's catalogues (statuses, manufacturers, types and models per kind…) */
export type DropdownKind = AssetsPaths['/api/asset-dropdowns/{kind}']['get']['parameters']['path']['kind'];

/**
 * GET of an assets route through the typed client. Every asset type has the same routes
 * (`/api/computers/{id}`, `/api/monitors/{id}`…): the generated paths are checked for computers,
 * the type's own path is the same shape.
 */
function assetsGet<T>(path: string, id?: string, query?: Record<string, unknown>): Promise<T> {
  const params = { path: { id: id ?? '' }, query } as never;
  return answer<T>(assetsApi.GET(path as '/api/computers/{id}', { params }));
}

/** A page of one asset type's list; `criteria`: the list's (screens/parc/parc-search.ts). */
export function useAssetPage(assetRoute: AssetRoute, criteria: object) {
  const query = { sort: 'name', order: 'asc', ...criteria, limit: ASSET_PAGE_SIZE };
  return useQuery({
    queryKey: ['assets', assetRoute, query],
    queryFn: () => assetsGet<Page<Asset>>(`/api/${assetRoute}`, undefined, query),
    placeholderData: keepPreviousData,
  });
}

export function useAsset(assetRoute: AssetRoute, assetId: string) {
  return useQuery({
    queryKey: ['assets', assetRoute, 'detail', assetId],
    queryFn: () => assetsGet<Asset>(`/api/${assetRoute}/{id}`, assetId),
  });
}

/** One of an asset's tabs read from its own route (`/api/computers/{id}/volumes`…), when the tab is shown. */
export function useAssetPart<T>(
  assetRoute: AssetRoute,
  assetId: string,
  part: string,
  query?: Record<string, unknown>,
) {
  return useQuery({
    queryKey: ['assets', assetRoute, 'detail', assetId, part, query],
    queryFn: () => assetsGet<T>(`/api/${assetRoute}/{id}/${part}`, assetId, query),
    placeholderData: keepPreviousData,
  });
}

export const useComponents = (assetId: string) => useAssetPart<Components>('computers', assetId, 'components');
export const useVolumes = (assetId: string) => useAssetPart<Volumes>('computers', assetId, 'volumes');
export const useNetworkPorts = (assetId: string) => useAssetPart<NetworkPorts>('computers', assetId, 'network-ports');
export const useComputerSoftware = (assetId: string, page: number) =>
  useAssetPart<Page<Installation>>('computers', assetId, 'software', { page, limit: ASSET_PAGE_SIZE });
export const useAssetHistory = (assetRoute: AssetRoute, assetId: string) =>
  useAssetPart<HistoryEntry[]>(assetRoute, assetId, 'history');
export const useAssetTickets = (assetRoute: AssetRoute, assetId: string) =>
  useAssetPart<{ items: AssetTicket[]; total: number }>(assetRoute, assetId, 'tickets');

/** A catalogue's values (statuses, manufacturers…), to name the ids an asset holds. */
export function useDropdown(kind: DropdownKind) {
  return useQuery({
    queryKey: ['asset-dropdowns', kind],
    queryFn: async () =>
      (
        await answer<Page<DropdownValue>>(
          assetsApi.GET('/api/asset-dropdowns/{kind}', { params: { path: { kind }, query: { limit: 100 } } }),
        )
      ).items,
    staleTime: 60_000,
  });
}

export function useSoftwarePage(name: string | undefined, page: number) {
  return useQuery({
    queryKey: ['software', name, page],
    queryFn: () =>
      answer<Page<Software>>(
        assetsApi.GET('/api/software', { params: { query: { name, page, limit: ASSET_PAGE_SIZE } } }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useSoftware(softwareId: string) {
  const path = { id: softwareId };
  const software = useQuery({
    queryKey: ['software', softwareId],
    queryFn: () => answer<Software>(assetsApi.GET('/api/software/{id}', { params: { path } })),
  });
  const versions = useQuery({
    queryKey: ['software', softwareId, 'versions'],
    queryFn: () => answer<SoftwareVersion[]>(assetsApi.GET('/api/software/{id}/versions', { params: { path } })),
  });
  const compliance = useQuery({
    queryKey: ['software', softwareId, 'compliance'],
    queryFn: () => answer<SoftwareCompliance>(assetsApi.GET('/api/software/{id}/compliance', { params: { path } })),
  });
  return { software, versions, compliance };
}

export function useInstallations(softwareId: string, page: number) {
  return useQuery({
    queryKey: ['software', softwareId, 'installations', page],
    queryFn: () =>
      answer<Page<Installation>>(
        assetsApi.GET('/api/software/{id}/installations', {
          params: { path: { id: softwareId }, query: { page, limit: ASSET_PAGE_SIZE } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useImportModels() {
  return useQuery({
    queryKey: ['import-models'],
    queryFn: async () =>
      (await answer<Page<ImportModel>>(importsApi.GET('/api/import-models', { params: { query: { limit: 100 } } })))
        .items,
  });
}

export const importRunKey = (runId: string) => ['import-runs', runId] as const;

export function useImportRun(runId: string) {
  return useQuery({
    queryKey: importRunKey(runId),
    queryFn: () => answer<ImportRun>(importsApi.GET('/api/import-runs/{id}', { params: { path: { id: runId } } })),
  });
}

export function useRunLines(runId: string, status: LineStatus | undefined, page: number, enabled: boolean) {
  return useQuery({
    queryKey: [...importRunKey(runId), 'lines', status, page],
    queryFn: () =>
      answer<Page<LineResult>>(
        importsApi.GET('/api/import-runs/{id}/lines', {
          params: { path: { id: runId }, query: { status, page, limit: ASSET_PAGE_SIZE } },
        }),
      ),
    placeholderData: keepPreviousData,
    enabled,
  });
}
