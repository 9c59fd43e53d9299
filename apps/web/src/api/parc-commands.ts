import { useMutation, useQueryClient } from '@tanstack/react-query';
import { answer, assetsApi } from './clients';
import type { Asset, AssetRoute, License } from './parc-views';

// The Parc's writes through the typed client: assets (create, edit, transfer, trash, restore, purge) and
// licences (terms, seats). Every asset type has the same routes: the generated paths are checked
// for computers, the type's own path is the same shape (as in parc-queries.ts). The documents type
// a nullable text as an object (`string | null` seen by Swagger's reflection): bodies are cast.

type AssetBody = Record<string, unknown>;
const computersPath = (assetRoute: AssetRoute, suffix = '') => `/api/${assetRoute}${suffix}` as '/api/computers';
const byId = (id: string) => ({ params: { path: { id } } });

export const assetCommands = {
  create: (assetRoute: AssetRoute, body: AssetBody) =>
    answer<Asset>(assetsApi.POST(computersPath(assetRoute), { body: body as never })),
  update: (assetRoute: AssetRoute, id: string, body: AssetBody) =>
    answer<Asset>(
      assetsApi.PATCH(computersPath(assetRoute, '/{id}') as '/api/computers/{id}', {
        ...byId(id),
        body: body as never,
      }),
    ),
  /** GLPI's "Verrous": the fields given back to the inventory */
  unlock: (assetRoute: AssetRoute, id: string, fields: string[]) =>
    answer<Asset>(
      assetsApi.POST(computersPath(assetRoute, '/{id}/unlock') as '/api/computers/{id}/unlock', {
        ...byId(id),
        body: { fields } as never,
      }),
    ),
  trash: (assetRoute: AssetRoute, id: string) =>
    answer<Asset>(assetsApi.DELETE(computersPath(assetRoute, '/{id}') as '/api/computers/{id}', byId(id))),
  restore: (assetRoute: AssetRoute, id: string) =>
    answer<Asset>(
      assetsApi.POST(computersPath(assetRoute, '/{id}/restore') as '/api/computers/{id}/restore', byId(id)),
    ),
  /** GLPI's "Transférer": to another entity of the caller's */
  transfer: (assetRoute: AssetRoute, id: string, entityId: string) =>
    answer<Asset>(
      assetsApi.POST(computersPath(assetRoute, '/{id}/transfer') as '/api/computers/{id}/transfer', {
        ...byId(id),
        body: { entityId },
      }),
    ),
  purge: (assetRoute: AssetRoute, id: string) =>
    answer(assetsApi.DELETE(computersPath(assetRoute, '/{id}/purge') as '/api/computers/{id}/purge', byId(id))),
};

export interface LicenseTerms {
  name?: string;
  serial?: string | null;
  seats?: number;
  expiresAt?: string | null;
  overQuotaAllowed?: boolean;
}

export const licenseCommands = {
  create: (body: LicenseTerms & { softwareId: string; versionId?: string }) =>
    answer<License>(assetsApi.POST('/api/licenses', { body: body as never })),
  /** its terms, and the version of its software it covers (null: any version) */
  change: (id: string, body: LicenseTerms & { versionId?: string | null }) =>
    answer<License>(assetsApi.PATCH('/api/licenses/{id}', { ...byId(id), body: body as never })),
  remove: (id: string) => answer(assetsApi.DELETE('/api/licenses/{id}', byId(id))),
  assign: (id: string, computerId: string) =>
    answer<License>(assetsApi.POST('/api/licenses/{id}/computers', { ...byId(id), body: { computerId } })),
  unassign: (id: string, computerId: string) =>
    answer(assetsApi.DELETE('/api/licenses/{id}/computers/{computerId}', { params: { path: { id, computerId } } })),
};

/** A Parc write; on success the lists and pages it may change are read again. */
export function useParcCommand<Input, Output>(send: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: async () => {
      await Promise.all(
        ['assets', 'licenses', 'software'].map((key) => queryClient.invalidateQueries({ queryKey: [key] })),
      );
    },
  });
}
