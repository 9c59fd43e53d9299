import { ASSET_FIELD_NAMES, type AssetFieldName, type AssetFields, type AssetType } from '@itsm/contracts';
import { defineProjection } from '@itsm/eventsourcing';
import { warrantyExpiresOn } from '../domain/warranty';

/** Every field of an asset, null when not set. */
export type AssetFieldValues = { [Field in AssetFieldName]-?: Exclude<AssetFields[Field], undefined> | null };

export interface AssetListDoc extends AssetFieldValues {
  assetId: string;
  assetType: AssetType;
  entityId: string;
  dynamic: boolean;
  locked: string[];
  trashed: boolean;
  /** the name lower-cased: the list sorts by it, as people read names */
  nameKey: string;
  warrantyExpiresOn: string | null;
  /** the warranty end asset.warranty-expiring announced (once per end) */
  warrantyAnnouncedFor: string | null;
  createdAt: string;
  updatedAt: string;
  /** set by the inventory's events; null for an asset no agent has reported */
  lastInventoryAt: string | null;
}

const allFields = (fields: AssetFields): AssetFieldValues =>
  Object.fromEntries(
    ASSET_FIELD_NAMES.map((field) => [field, fields[field] ?? (field === 'recursive' ? false : null)]),
  ) as AssetFieldValues;

/** What follows from the fields: the sort key and the warranty's end. */
const derived = (fields: AssetFieldValues) => ({
  nameKey: (fields.name ?? '').toLocaleLowerCase('en'),
  warrantyExpiresOn: warrantyExpiresOn(fields),
});

/** The lists' sort keys, each after the filters GLPI's list is mostly opened with (type, entity, trash). */
const listIndex = (name: string, ...keys: string[]) => ({
  keys: { assetType: 1, entityId: 1, trashed: 1, ...Object.fromEntries(keys.map((key) => [key, 1])) },
  options: { name },
});

/** The assets of every type, one document each (GLPI's glpi_computers and its siblings). */
export const assetListProjection = defineProjection<AssetListDoc>({
  name: 'assets',
  indexes: [
    { keys: { assetId: 1 }, options: { name: 'asset', unique: true } },
    listIndex('type_entity_name', 'nameKey'),
    listIndex('type_entity_status_name', 'statusId', 'nameKey'),
    listIndex('type_entity_updated', 'updatedAt'),
    { keys: { assetType: 1, serial: 1 }, options: { name: 'type_serial' } },
    // the import rule "UUID": without it a new device's lookup reads every computer (51 ms at 20,000)
    { keys: { assetType: 1, uuid: 1 }, options: { name: 'type_uuid' } },
    { keys: { assetType: 1, inventoryNumber: 1 }, options: { name: 'type_inventory_number' } },
    { keys: { userId: 1, assetType: 1 }, options: { name: 'user_type' } },
    { keys: { warrantyExpiresOn: 1 }, options: { name: 'warranty_expiry' } },
  ],
  handlers: {
    'asset.created': (_current, { data, occurredAt }) => {
      const fields = allFields(data.fields);
      return {
        assetId: data.assetId,
        assetType: data.assetType,
        entityId: data.entityId,
        dynamic: data.dynamic,
        locked: [],
        trashed: false,
        ...fields,
        ...derived(fields),
        warrantyAnnouncedFor: null,
        createdAt: occurredAt,
        updatedAt: occurredAt,
        lastInventoryAt: null,
      };
    },
    'asset.updated': (current, { data, occurredAt }) => {
      if (!current) return null;
      const fields = { ...current, ...(data.changes as Partial<AssetFieldValues>) };
      return { ...fields, ...derived(fields), locked: [...current.locked, ...data.locked], updatedAt: occurredAt };
    },
    'asset.fields-unlocked': (current, { data }) =>
      current && { ...current, locked: current.locked.filter((field) => !data.fields.includes(field)) },
    'asset.trashed': (current, { occurredAt }) => current && { ...current, trashed: true, updatedAt: occurredAt },
    'asset.restored': (current, { occurredAt }) => current && { ...current, trashed: false, updatedAt: occurredAt },
    'asset.purged': () => null,
    'asset.transferred': (current, { data, occurredAt }) =>
      current && { ...current, entityId: data.entityId, updatedAt: occurredAt },
    'asset.inventory-applied': (current, { occurredAt }) =>
      current && { ...current, dynamic: true, lastInventoryAt: occurredAt, updatedAt: occurredAt },
    'asset.seen': (current, { occurredAt }) => current && { ...current, lastInventoryAt: occurredAt },
    'asset.warranty-expiring': (current, { data }) =>
      current && { ...current, warrantyAnnouncedFor: data.warrantyExpiresOn },
  },
});
