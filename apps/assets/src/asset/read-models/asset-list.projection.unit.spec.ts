import type { AssetCoreEvent } from '@itsm/contracts';
import { projectEvents } from '@itsm/testing';
import { assetListProjection } from './asset-list.projection';

const asset = { assetId: 'a1', assetType: 'printer' as const };
const created: AssetCoreEvent = {
  type: 'asset.created',
  data: {
    ...asset,
    entityId: 'root',
    dynamic: true,
    fields: { name: 'Imprimante Compta', lastPageCounter: 1200, warrantyStartDate: '2026-01-01', warrantyMonths: 24 },
  },
};

describe('the asset list', () => {
  it('given an asset created, then every field is there, null when not set, with its sort key and warranty end', () => {
    expect(projectEvents(assetListProjection, [created])).toMatchObject({
      ...asset,
      entityId: 'root',
      dynamic: true,
      trashed: false,
      locked: [],
      name: 'Imprimante Compta',
      nameKey: 'imprimante compta',
      lastPageCounter: 1200,
      serial: null,
      recursive: false,
      warrantyExpiresOn: '2027-12-31',
      lastInventoryAt: null,
    });
  });

  it('given it edited, then the changes and the locks are there', () => {
    const updated: AssetCoreEvent = {
      type: 'asset.updated',
      data: { ...asset, changes: { name: 'Imprimante RH', warrantyMonths: -1 }, locked: ['name'] },
    };
    expect(projectEvents(assetListProjection, [created, updated])).toMatchObject({
      name: 'Imprimante RH',
      nameKey: 'imprimante rh',
      locked: ['name'],
      warrantyExpiresOn: null,
    });
  });

  it('given it trashed then restored, then it is in use again; given it purged, then it is gone', () => {
    const trashed: AssetCoreEvent = { type: 'asset.trashed', data: asset };
    expect(projectEvents(assetListProjection, [created, trashed])).toMatchObject({ trashed: true });
    expect(
      projectEvents(assetListProjection, [created, trashed, { type: 'asset.restored', data: asset }]),
    ).toMatchObject({ trashed: false });
    expect(
      projectEvents(assetListProjection, [
        created,
        trashed,
        { type: 'asset.purged', data: { ...asset, entityId: 'root' } },
      ]),
    ).toBeNull();
  });

  it('given it transferred, then it belongs to the other entity from then on', () => {
    const transferred: AssetCoreEvent = {
      type: 'asset.transferred',
      data: { ...asset, fromEntityId: 'root', entityId: 'A' },
    };
    expect(
      projectEvents(assetListProjection, [created, { ...transferred, occurredAt: '2026-12-02T10:00:00.000Z' }]),
    ).toMatchObject({
      entityId: 'A',
      name: 'Imprimante Compta',
      updatedAt: '2026-12-02T10:00:00.000Z',
    });
  });
});
