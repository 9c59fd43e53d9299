import type { AssetFields, AssetType, DropdownKind } from '@itsm/contracts';
import { defineProjection } from '@itsm/eventsourcing';

/** An asset as the importer matches and updates it: its fields as assets' events carry them. */
export interface ImportAssetDoc {
  assetId: string;
  assetType: AssetType;
  entityId: string;
  trashed: boolean;
  fields: AssetFields;
}

/** The assets the importer's lines are matched against, fed by itsm.assets.events. */
export const importAssetsProjection = defineProjection<ImportAssetDoc>({
  name: 'import_assets',
  indexes: [{ keys: { assetType: 1, entityId: 1 }, options: { name: 'type_entity' } }],
  handlers: {
    'asset.created': (_current, { data }) => ({
      assetId: data.assetId,
      assetType: data.assetType,
      entityId: data.entityId,
      trashed: false,
      fields: data.fields,
    }),
    'asset.updated': (current, { data }) => current && { ...current, fields: { ...current.fields, ...data.changes } },
    'asset.trashed': (current) => current && { ...current, trashed: true },
    'asset.restored': (current) => current && { ...current, trashed: false },
    'asset.purged': () => null,
    'asset.transferred': (current, { data }) => current && { ...current, entityId: data.entityId },
  },
});

/** One entity's catalogue of one kind: the names a line's dropdown values are found by. */
export interface ImportDropdownDoc {
  kind: DropdownKind;
  entityId: string;
  values: ImportDropdownValue[];
}

export interface ImportDropdownValue {
  valueId: string;
  name: string;
  recursive: boolean;
  /** a location's parent; absent in documents projected before parents were kept (rebuild them) */
  parentId?: string | null;
  comment?: string | null;
}

const changed = (
  current: ImportDropdownDoc | null,
  valueId: string,
  change: Partial<ImportDropdownValue>,
): ImportDropdownDoc | null =>
  current && {
    ...current,
    values: current.values.map((value) => (value.valueId === valueId ? { ...value, ...change } : value)),
  };

export const importAssetDropdownsProjection = defineProjection<ImportDropdownDoc>({
  name: 'import_asset_dropdowns',
  indexes: [],
  handlers: {
    'asset-dropdown.value-added': (current, { data }) => ({
      kind: data.kind,
      entityId: data.entityId,
      values: [
        ...(current?.values ?? []),
        { valueId: data.valueId, name: data.name, recursive: data.recursive, parentId: data.parentId },
      ],
    }),
    'asset-dropdown.value-renamed': (current, { data }) => changed(current, data.valueId, { name: data.name }),
    'asset-dropdown.value-commented': (current, { data }) => changed(current, data.valueId, { comment: data.comment }),
  },
});
