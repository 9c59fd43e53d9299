import { projectEvents } from '@itsm/testing';
import { importAssetsProjection } from './import-assets.projection';

const asset = { assetId: 'c1', assetType: 'computer' as const };
const created = {
  type: 'asset.created' as const,
  data: { ...asset, entityId: 'A', dynamic: false, fields: { name: 'PC-BLIER', serial: 'SN1' } },
};

describe('import_assets (the assets an import matches its lines against)', () => {
  it('keeps an asset’s entity and fields, following its edits', () => {
    const updated = { type: 'asset.updated' as const, data: { ...asset, changes: { serial: 'SN2' }, locked: [] } };
    expect(projectEvents(importAssetsProjection, [created, updated])).toEqual({
      ...asset,
      entityId: 'A',
      trashed: false,
      fields: { name: 'PC-BLIER', serial: 'SN2' },
    });
  });

  it('follows a transfer: the asset is matched in its new entity', () => {
    const transferred = { type: 'asset.transferred' as const, data: { ...asset, fromEntityId: 'A', entityId: 'B' } };
    expect(projectEvents(importAssetsProjection, [created, transferred])?.entityId).toBe('B');
  });
});
