import type { AssetFieldName, AssetType, DropdownKind } from '@itsm/contracts';
import type { TargetType } from '../../../model/domain/target-fields';

/** The asset type assets names each importable type by. */
export const ASSET_TYPE_OF: Partial<Record<TargetType, AssetType>> = {
  computers: 'computer',
  monitors: 'monitor',
  printers: 'printer',
  'network-equipments': 'network-equipment',
  phones: 'phone',
  peripherals: 'peripheral',
};

/** How a line's field is written to assets: as is, or a name looked up to an id. */
export type AssetFieldWrite =
  | { to: AssetFieldName; lookup?: undefined }
  | { to: AssetFieldName; lookup: 'dropdown'; kind: (type: AssetType) => DropdownKind }
  | { to: AssetFieldName; lookup: 'user' | 'group' };

const plain = (to: AssetFieldName): AssetFieldWrite => ({ to });

/**
 * The importer's fields (target-fields.ts, GLPI's names) as assets' fields. The operating system's
 * are written apart (OPERATING_SYSTEM_PARTS); the network port's, which assets has no place for
 * yet, are absent: a line's values for them are left out.
 */
export const ASSET_FIELD_WRITES: Readonly<Record<string, AssetFieldWrite>> = {
  name: plain('name'),
  serial: plain('serial'),
  inventoryNumber: plain('inventoryNumber'),
  uuid: plain('uuid'),
  comment: plain('comment'),
  contact: plain('contact'),
  contactNumber: plain('contactNumber'),
  type: { to: 'typeId', lookup: 'dropdown', kind: (type) => `${type}-type` },
  model: { to: 'modelId', lookup: 'dropdown', kind: (type) => `${type}-model` },
  manufacturer: { to: 'manufacturerId', lookup: 'dropdown', kind: () => 'manufacturer' },
  status: { to: 'statusId', lookup: 'dropdown', kind: () => 'status' },
  location: { to: 'locationId', lookup: 'dropdown', kind: () => 'location' },
  userId: { to: 'userId', lookup: 'user' },
  techUserId: { to: 'technicianId', lookup: 'user' },
  groupId: { to: 'groupId', lookup: 'group' },
  techGroupId: { to: 'technicianGroupId', lookup: 'group' },
  orderDate: plain('orderDate'),
  purchaseDate: plain('purchaseDate'),
  deliveryDate: plain('deliveryDate'),
  inServiceDate: plain('inServiceDate'),
  warrantyStartDate: plain('warrantyStartDate'),
  warrantyMonths: plain('warrantyMonths'),
  value: plain('value'),
  supplier: plain('supplier'),
  orderNumber: plain('orderNumber'),
  invoiceNumber: plain('invoiceNumber'),
  immobilizationNumber: plain('immobilisationNumber'),
  sizeInches: plain('sizeInches'),
  initialPageCounter: plain('initialPageCounter'),
  firmware: plain('firmware'),
  ramMb: plain('ramMb'),
  number: plain('phoneNumber'),
};

/** The fields a link may use: those assets keeps as text. */
export const LINKABLE_ASSET_FIELDS = ['name', 'serial', 'inventoryNumber', 'uuid'] as const;

/**
 * A computer's operating system columns (GLPI's Item_OperatingSystem) as the parts of the
 * `operatingSystem` that `asset.create` v2 takes.
 */
export const OPERATING_SYSTEM_PARTS = {
  osName: 'name',
  osVersion: 'version',
  osEdition: 'edition',
  osArchitecture: 'architecture',
  osKernel: 'kernel',
} as const;
