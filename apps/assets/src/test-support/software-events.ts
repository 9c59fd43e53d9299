import type { AssetInventoryApplied, EventEnvelope, LicenseCreated, SoftwareEntry } from '@itsm/contracts';

/** An installed package as an agent reports it (normalised names), x86_64 unless told. */
export const softwareEntry = (name: string, version: string, publisher?: string, arch = 'x86_64'): SoftwareEntry => ({
  name,
  version,
  ...(publisher ? { publisher } : {}),
  arch,
});

/** An inventory of the computer that changed only its software. */
export const softwareInventory = (
  assetId: string,
  software: Partial<AssetInventoryApplied['data']['software']>,
): AssetInventoryApplied => ({
  type: 'asset.inventory-applied',
  data: {
    assetId,
    deviceId: `${assetId}-2026-12-01`,
    format: 'glpi-json',
    agentVersion: null,
    tag: null,
    first: false,
    software: { installed: [], removed: [], upgraded: [], ...software },
    components: { added: [], removed: [] },
    volumes: { added: [], removed: [] },
    networkPorts: { added: [], removed: [] },
    addresses: { added: [], removed: [] },
  },
});

/** "Office 2021": 2 seats in root, any version of software s1, no over-quota. */
export const officeLicenseCreated = {
  type: 'license.created',
  data: {
    licenseId: 'l1',
    softwareId: 's1',
    versionId: null,
    entityId: 'root',
    recursive: true,
    name: 'Office 2021',
    serial: null,
    seats: 2,
    expiresAt: null,
    overQuotaAllowed: false,
  },
} as const satisfies LicenseCreated;

/** An event of entity A as the assets topic carries it, at the stream's `sequence`. */
export const entityAEnvelope = (type: string, data: object, streamId: string, sequence: number): EventEnvelope => ({
  id: `${streamId}-${sequence}`,
  type,
  schemaVersion: 1,
  streamId,
  sequence,
  entityId: 'A',
  occurredAt: '2026-12-01T08:00:00.000Z',
  actor: { kind: 'system', id: 'spec' },
  correlationId: 'c',
  causationId: 'c',
  data,
});
