import type { AssetType } from '@itsm/contracts';
import type { RowSource } from '@itsm/runtime';
import { assetStreamId } from '../../asset.decider';
import { assetListProjection } from '../../read-models/asset-list.projection';

/** The equality criteria of the lists: ids of dropdown values, users and groups. */
export const ASSET_EQUALITIES = [
  'typeId',
  'modelId',
  'manufacturerId',
  'statusId',
  'locationId',
  'userId',
  'groupId',
] as const;
export type AssetEquality = (typeof ASSET_EQUALITIES)[number];

/** The text criteria: the field contains the words, case aside. */
export const ASSET_CONTAINS = ['name', 'serial', 'inventoryNumber'] as const;
export type AssetContains = (typeof ASSET_CONTAINS)[number];

/**
 * What the list index keeps of an asset: the fields the lists filter and sort on (~20 short
 * values; ids and entities shared between rows). The stream id is `asset-<assetId>`.
 */
export type AssetListRow = Record<AssetEquality | AssetContains, string | null> & {
  assetId: string;
  assetType: AssetType;
  entityId: string;
  recursive: boolean;
  trashed: boolean;
  nameKey: string;
  createdAt: string;
  updatedAt: string;
  lastInventoryAt: string | null;
  sequence: number;
};

const FIELDS = [
  'assetId',
  'assetType',
  'entityId',
  'recursive',
  'trashed',
  'nameKey',
  'createdAt',
  'updatedAt',
  'lastInventoryAt',
  ...ASSET_EQUALITIES,
  ...ASSET_CONTAINS,
] as const;

const ROW_FIELDS: Record<string, 1> = Object.fromEntries(['_id', '_sequence', ...FIELDS].map((field) => [field, 1]));

const STREAM_PREFIX = 'asset-';

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** A row from a (projected) `assets` document; undefined when the document lacks its keys. */
export function assetRowOf(doc: Record<string, unknown>): AssetListRow | undefined {
  const { assetId, _sequence } = doc;
  if (typeof assetId !== 'string' || typeof _sequence !== 'number') return undefined;
  if (doc._id !== `${STREAM_PREFIX}${assetId}`) return undefined; // the index finds documents by that id
  const row = Object.fromEntries(FIELDS.map((field) => [field, doc[field] ?? null])) as unknown as AssetListRow;
  return {
    ...row,
    nameKey: text(doc.nameKey) ?? '',
    createdAt: text(doc.createdAt) ?? '',
    updatedAt: text(doc.updatedAt) ?? '',
    recursive: doc.recursive === true,
    trashed: doc.trashed === true,
    sequence: _sequence,
  };
}

/** The `assets` documents as the list index's rows. */
export const ASSET_ROWS: RowSource<AssetListRow> = {
  projection: assetListProjection,
  fields: ROW_FIELDS,
  rowOf: assetRowOf,
  keyOfStream: (streamId) => (streamId.startsWith(STREAM_PREFIX) ? streamId.slice(STREAM_PREFIX.length) : undefined),
  streamOf: assetStreamId,
  endedBy: new Set(['asset.purged']),
};
