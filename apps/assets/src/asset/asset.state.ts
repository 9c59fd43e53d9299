import type { AssetFieldName, AssetFields, AssetType } from '@itsm/contracts';

/**
 * What an asset's decisions need, folded from its stream (`asset-<assetId>`). Other parts of
 * the asset (inventory, say) add their own slices beside `fields`.
 */
export interface AssetState {
  assetId: string | null;
  assetType: AssetType | null;
  entityId: string | null;
  /** fed by an inventory agent */
  dynamic: boolean;
  fields: AssetFields;
  /** fields a person edited on a dynamic asset: inventory leaves them alone until unlocked */
  locked: AssetFieldName[];
  trashed: boolean;
  purged: boolean;
  /** the warranty expiry already announced by asset.warranty-expiring, so that it is announced once */
  warrantyNoticeFor: string | null;
}

export const initialAssetState = (): AssetState => ({
  assetId: null,
  assetType: null,
  entityId: null,
  dynamic: false,
  fields: {},
  locked: [],
  trashed: false,
  purged: false,
  warrantyNoticeFor: null,
});
