import type { AssetType } from '@itsm/contracts';
import { defineProjection } from '@itsm/eventsourcing';

/** What tickets keeps of an asset (itsm.assets.events): enough to check a ticket's items and name them. */
export interface TicketAssetDoc {
  assetId: string;
  assetType: AssetType;
  name: string | null;
  entityId: string;
  recursive: boolean;
  /** the asset's user: a self-service user's "my devices" */
  userId: string | null;
  trashed: boolean;
}

/** The assets of every type, one document each, fed by the assets context's events. */
export const ticketAssetsProjection = defineProjection<TicketAssetDoc>({
  name: 'ticket_assets',
  indexes: [
    { keys: { assetId: 1 }, options: { name: 'asset', unique: true } },
    { keys: { userId: 1, trashed: 1 }, options: { name: 'user_trashed' } },
  ],
  handlers: {
    'asset.created': (_current, { data }) => ({
      assetId: data.assetId,
      assetType: data.assetType,
      name: data.fields.name ?? null,
      entityId: data.entityId,
      recursive: data.fields.recursive ?? false,
      userId: data.fields.userId ?? null,
      trashed: false,
    }),
    'asset.updated': (current, { data: { changes } }) =>
      current && {
        ...current,
        ...('name' in changes ? { name: changes.name ?? null } : {}),
        ...('userId' in changes ? { userId: changes.userId ?? null } : {}),
        ...('recursive' in changes ? { recursive: changes.recursive ?? false } : {}),
      },
    'asset.trashed': (current) => current && { ...current, trashed: true },
    'asset.restored': (current) => current && { ...current, trashed: false },
    'asset.purged': () => null,
    'asset.transferred': (current, { data }) => current && { ...current, entityId: data.entityId },
  },
});
