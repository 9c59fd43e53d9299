import type { Component, NetworkPort, OperatingSystem, TicketStatus, Volume } from '@itsm/contracts';

// The assets and imports services document their requests (generated/), not yet their answers:
// these are the answers' fields the Parc and Data Injection screens read, as the services' query
// classes return them (apps/assets/src/asset/queries/asset-view.ts, inventory/queries,
// software/queries, license/queries; apps/imports/src/run/queries, model/use-cases/propose-model).

/** The asset types as the assets service's routes name them. */
export const ASSET_ROUTES = [
  'computers',
  'monitors',
  'printers',
  'network-equipments',
  'phones',
  'peripherals',
] as const;
export type AssetRoute = (typeof ASSET_ROUTES)[number];

export interface Asset {
  assetId: string;
  assetType: string;
  entityId: string;
  dynamic: boolean;
  trashed: boolean;
  name: string | null;
  serial: string | null;
  inventoryNumber: string | null;
  uuid: string | null;
  comment: string | null;
  contact: string | null;
  contactNumber: string | null;
  typeId: string | null;
  modelId: string | null;
  manufacturerId: string | null;
  statusId: string | null;
  locationId: string | null;
  userId: string | null;
  groupId: string | null;
  technicianId: string | null;
  technicianGroupId: string | null;
  /** shared with the sub-entities */
  recursive: boolean;
  /** the fields a person changed on a dynamic asset: the inventory leaves them alone */
  locked: string[];
  orderDate: string | null;
  purchaseDate: string | null;
  deliveryDate: string | null;
  inServiceDate: string | null;
  warrantyStartDate: string | null;
  warrantyMonths: number | null;
  warrantyExpiresOn: string | null;
  value: number | null;
  netValue: number | null;
  supplier: string | null;
  orderNumber: string | null;
  invoiceNumber: string | null;
  immobilisationNumber: string | null;
  depreciationType: 'linear' | 'decreasing' | null;
  depreciationYears: number | null;
  updatedAt: string;
  lastInventoryAt: string | null;
}

export interface DropdownValue {
  valueId: string;
  name: string;
}

/** One part of a computer's composition, as its agent last reported it. */
export interface CompositionPart<Item> {
  lastInventoryAt: string | null;
  operatingSystem?: OperatingSystem | null;
  items: Item[];
  total: number;
}
export type Components = CompositionPart<Component>;
export type Volumes = CompositionPart<Volume>;
export type NetworkPorts = CompositionPart<NetworkPort>;

export interface Installation {
  computerId: string;
  computerName: string;
  softwareId: string;
  softwareName: string;
  publisher: string | null;
  versionId: string;
  versionName: string;
  arch: string | null;
  installedAt: string | null;
  source: 'inventory' | 'manual';
}

export interface HistoryEntry {
  sequence: number;
  at: string;
  actorName: string;
  event: string;
  changes: Array<{ field: string; from: unknown; to: unknown }>;
}

export interface AssetTicket {
  ticketId: string;
  title: string;
  status: TicketStatus;
  priority: number;
  openedAt: string;
}

export interface Software {
  softwareId: string;
  name: string;
  publisher: string | null;
  comment: string | null;
  versions: Array<{ versionId: string; name: string; arch: string | null }>;
}

export interface SoftwareVersion {
  versionId: string;
  name: string;
  arch: string | null;
  installations: number;
}

export interface License {
  licenseId: string;
  softwareId: string;
  versionId: string | null;
  name: string;
  serial: string | null;
  /** -1: unlimited */
  seats: number;
  expiresAt: string | null;
  overQuotaAllowed: boolean;
  /** the computers holding a seat */
  computerIds: string[];
  compliance: {
    seatsUsed: number;
    seatsFree: number | null;
    compliant: boolean;
    expired: boolean;
    overQuota: boolean;
  };
}

export interface SoftwareCompliance {
  seatsBought: number;
  seatsAssigned: number;
  installations: number;
  uncovered: number;
  compliant: boolean;
  licenses: License[];
}

export interface ImportModel {
  modelId: string;
  name: string;
  targetType: string;
  options: { allowCreation: boolean; allowUpdate: boolean; delimiter: string };
  mapping: Array<{ column: string; field: string | null; linkField: boolean; mandatory: boolean }>;
  additionalFields: Array<{ field: string; mandatory: boolean }>;
}

export interface TargetFieldChoice {
  field: string;
  labels: { fr: string; en: string };
  table: string | null;
  linkable: boolean;
}

/** POST /api/import-models/propose: the mapping proposed from a sample's header. */
export interface ProposedModel {
  targetType: string;
  options: { delimiter: string; encoding: string; headerPresent: boolean };
  mapping: ImportModel['mapping'];
  preview: string[][];
  fields: TargetFieldChoice[];
}

export type RunStatus = 'queued' | 'checking' | 'running' | 'finished' | 'failed' | 'cancelled';
export type LineStatus = 'success' | 'warning' | 'failed';

export interface ImportRun {
  runId: string;
  modelId: string;
  fileName: string;
  dryRun: boolean;
  status: RunStatus;
  queuedAt: string;
  reason: string | null;
  progress: { linesDone: number; success: number; warning: number; failed: number; linesPerSecond: number };
}

export interface LineResult {
  line: number;
  status: LineStatus;
  code: number;
  action: 'create' | 'update' | null;
  itemId: string | null;
  field: string | null;
  message: string;
}
