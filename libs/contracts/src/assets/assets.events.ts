import type { FromSchema } from 'json-schema-to-ts';
import { eventVersion, type ContextEvents, type EventOf } from '../event-definition';
import { choice, flag, id, list, nullableId, nullableText, object, partialObject, text } from '../schema-builders';
import { inventoryEventDefinitions, OPERATING_SYSTEM_SCHEMA, type InventoryEvent } from './inventory.events';
import { softwareEventDefinitions } from './software.events';

// Events of the assets context (topic itsm.assets.events): GLPI's Parc (computers, monitors,
// printers, network equipment, phones, peripherals) and its dropdown catalogues, as facts.
// Each event is declared once, as its JSON Schema; its TypeScript type is inferred from it.

const v1 = eventVersion('assets', 1);

export const ASSET_TYPES = ['computer', 'monitor', 'printer', 'network-equipment', 'phone', 'peripheral'] as const;

const assetType = choice(ASSET_TYPES, 'kind of asset');
const assetId = id('the asset');
const day = (description: string) => ({ type: ['string', 'null'], format: 'date', description }) as const;
const count = (description: string) => ({ type: ['integer', 'null'], minimum: 0, description }) as const;

/** GLPI's fields shared by every asset type (glpi_computers and its siblings). */
const commonFields = {
  name: nullableText('name'),
  serial: nullableText('serial number'),
  inventoryNumber: nullableText('inventory number (GLPI otherserial)'),
  uuid: nullableText('UUID (system or BIOS)'),
  comment: nullableText('comment', 65_535),
  typeId: nullableId('type (dropdown of the asset kind)'),
  modelId: nullableId('model (dropdown of the asset kind)'),
  manufacturerId: nullableId('manufacturer (dropdown)'),
  statusId: nullableId('status (dropdown)'),
  locationId: nullableId('location (tree dropdown)'),
  userId: nullableId('user of the asset'),
  groupId: nullableId('group of the asset'),
  technicianId: nullableId('technician in charge'),
  technicianGroupId: nullableId('group in charge'),
  contact: nullableText('alternate username'),
  contactNumber: nullableText('alternate username number'),
  recursive: flag('shared with the sub-entities'),
};

/** Fields of one asset type only. */
const specificFields = {
  sizeInches: { type: ['number', 'null'], minimum: 0, maximum: 1000, description: 'monitor: size in inches' },
  initialPageCounter: count('printer: page counter when put into service'),
  lastPageCounter: count('printer: last page counter read'),
  firmware: nullableText('network equipment: firmware'),
  ramMb: count('network equipment: memory in MB'),
  cpu: nullableText('network equipment: processor'),
  phoneNumber: nullableText('phone: line number', 64),
} as const;

/** GLPI's "Informations financières et administratives" (glpi_infocoms). */
const financialFields = {
  orderDate: day('order date'),
  purchaseDate: day('purchase date'),
  deliveryDate: day('delivery date'),
  inServiceDate: day('in-service (startup) date'),
  warrantyStartDate: day('warranty start'),
  warrantyMonths: {
    type: ['integer', 'null'],
    minimum: -1,
    maximum: 1200,
    description: 'warranty duration in months; -1 lifelong',
  },
  value: { type: ['number', 'null'], minimum: 0, description: 'purchase value' },
  supplier: nullableText('supplier'),
  orderNumber: nullableText('order number'),
  invoiceNumber: nullableText('invoice number'),
  immobilisationNumber: nullableText('immobilisation number'),
  depreciationType: {
    type: ['string', 'null'],
    enum: ['linear', 'decreasing', null],
    description: 'depreciation method',
  },
  depreciationYears: { type: ['integer', 'null'], minimum: 1, maximum: 100, description: 'depreciation in years' },
  depreciationCoefficient: {
    type: ['number', 'null'],
    minimum: 1,
    maximum: 10,
    description: 'coefficient of decreasing depreciation',
  },
} as const;

const fieldProperties = { ...commonFields, ...specificFields, ...financialFields };
/** Every field, each optional: absent means not set (null). */
const fields = partialObject(fieldProperties, []);
/** An asset's fields as commands take them (`asset.create`, `asset.update`). */
export const ASSET_FIELD_PROPERTIES = fieldProperties;
const fieldName = { type: 'string', enum: Object.keys(fieldProperties), description: 'a field' } as const;

export type AssetType = FromSchema<typeof assetType>;
/** An asset's fields as events carry them: absent is null. */
export type AssetFields = FromSchema<typeof fields>;
export type AssetFieldName = keyof typeof fieldProperties;
export const ASSET_FIELD_NAMES = Object.keys(fieldProperties) as AssetFieldName[];
export const COMMON_ASSET_FIELDS = Object.keys(commonFields) as AssetFieldName[];
export const FINANCIAL_ASSET_FIELDS = Object.keys(financialFields) as AssetFieldName[];

const assetCreated = v1(
  'asset.created',
  'An asset was created, by a person or by an inventory (dynamic).',
  object({
    assetId,
    assetType,
    entityId: id('owning entity'),
    dynamic: flag('fed by an inventory agent'),
    fields,
  }),
);
const assetUpdated = v1(
  'asset.updated',
  'Fields of an asset changed; only the changed ones are carried.',
  object({
    assetId,
    assetType,
    changes: fields,
    locked: list(fieldName, 'fields this edit locked against inventory (a person edited a dynamic asset)'),
  }),
);
const assetFieldsUnlocked = v1(
  'asset.fields-unlocked',
  'Locked fields of an asset were unlocked: inventory may change them again.',
  object({ assetId, assetType, fields: list(fieldName, 'fields unlocked') }),
);
const assetTrashed = v1('asset.trashed', 'An asset was put in the trash.', object({ assetId, assetType }));
const assetRestored = v1('asset.restored', 'An asset was taken out of the trash.', object({ assetId, assetType }));
const assetPurged = v1(
  'asset.purged',
  'An asset was purged from the trash: gone for good.',
  object({ assetId, assetType, entityId: id('owning entity') }),
);
const assetWarrantyExpiring = v1(
  'asset.warranty-expiring',
  'The warranty of an asset ends in the configured number of days.',
  object({
    assetId,
    assetType,
    entityId: id('owning entity'),
    name: nullableText('name of the asset'),
    warrantyExpiresOn: { type: 'string', format: 'date', description: 'last day under warranty' },
    daysBefore: { type: 'integer', minimum: 0, description: 'days between the notice and the expiry' },
  }),
);
const assetTransferred = v1(
  'asset.transferred',
  'An asset moved to another entity (GLPI’s "Transférer"); its fields, history and links stay.',
  object({
    assetId,
    assetType,
    fromEntityId: id('the entity it leaves'),
    entityId: id('the entity it belongs to from now on'),
  }),
);
const assetOperatingSystemSet = v1(
  'asset.operating-system-set',
  'A person (an import) set the operating system of a computer, right after creating it; its agent’s ' +
    'inventories report it from then on (asset.inventory-applied, from this one to theirs).',
  object({ assetId, assetType, operatingSystem: OPERATING_SYSTEM_SCHEMA }),
);
export type AssetCreated = EventOf<typeof assetCreated>;
export type AssetOperatingSystemSet = EventOf<typeof assetOperatingSystemSet>;
export type AssetUpdated = EventOf<typeof assetUpdated>;
export type AssetFieldsUnlocked = EventOf<typeof assetFieldsUnlocked>;
export type AssetTrashed = EventOf<typeof assetTrashed>;
export type AssetRestored = EventOf<typeof assetRestored>;
export type AssetPurged = EventOf<typeof assetPurged>;
export type AssetWarrantyExpiring = EventOf<typeof assetWarrantyExpiring>;
export type AssetTransferred = EventOf<typeof assetTransferred>;
/** The events of an asset's own stream (`asset-<assetId>`) this file declares. */
export type AssetCoreEvent =
  | AssetCreated
  | AssetOperatingSystemSet
  | AssetUpdated
  | AssetFieldsUnlocked
  | AssetTrashed
  | AssetRestored
  | AssetPurged
  | AssetWarrantyExpiring
  | AssetTransferred;

export const DROPDOWN_KINDS = [
  ...ASSET_TYPES.map((type) => `${type}-type` as const),
  ...ASSET_TYPES.map((type) => `${type}-model` as const),
  'manufacturer',
  'status',
  'location',
] as const;
const dropdownKind = choice(DROPDOWN_KINDS, 'catalogue');
const valueId = id('the value');

const dropdownValueAdded = v1(
  'asset-dropdown.value-added',
  'A value was added to an entity’s dropdown catalogue (by a person, an inventory or an import).',
  object({
    valueId,
    kind: dropdownKind,
    entityId: id('owning entity'),
    recursive: flag('usable in the sub-entities'),
    name: text('name, trimmed and with single spaces'),
    parentId: nullableId('parent location (locations only)'),
  }),
);
const dropdownValueRenamed = v1(
  'asset-dropdown.value-renamed',
  'A dropdown value was renamed.',
  object({ valueId, kind: dropdownKind, name: text('new name') }),
);
const dropdownValueCommented = v1(
  'asset-dropdown.value-commented',
  'A dropdown value’s comment was set (at its creation or later), or cleared (null).',
  object({ valueId, kind: dropdownKind, comment: nullableText('the comment', 65_535) }),
);
export type DropdownKind = FromSchema<typeof dropdownKind>;
export type DropdownValueAdded = EventOf<typeof dropdownValueAdded>;
export type DropdownValueRenamed = EventOf<typeof dropdownValueRenamed>;
export type DropdownValueCommented = EventOf<typeof dropdownValueCommented>;
export type DropdownEvent = DropdownValueAdded | DropdownValueRenamed | DropdownValueCommented;

export type AssetsContextEvent = AssetCoreEvent | DropdownEvent | InventoryEvent;

export const assetEvents: ContextEvents = {
  context: 'assets',
  description: 'The Parc: computers, monitors, printers, network equipment, phones, peripherals and their catalogues.',
  events: [
    assetCreated,
    assetOperatingSystemSet,
    assetUpdated,
    assetFieldsUnlocked,
    assetTrashed,
    assetRestored,
    assetPurged,
    assetWarrantyExpiring,
    assetTransferred,
    dropdownValueAdded,
    dropdownValueRenamed,
    dropdownValueCommented,
    ...inventoryEventDefinitions,
    // software, versions, manual installations and licences (software.events.ts)
    ...softwareEventDefinitions,
  ],
};
