import { projectEvents } from '@itsm/testing';
import { importAssetDropdownsProjection, importAssetsProjection } from './import-assets.projection';

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

describe('import_asset_dropdowns (the catalogue values and locations an import finds)', () => {
  const value = { valueId: 'l1', kind: 'location' as const };
  it('keeps a location’s parent and follows its name and comment', () => {
    const events = [
      {
        type: 'asset-dropdown.value-added' as const,
        data: { ...value, entityId: 'A', recursive: true, name: 'Bâtiment A', parentId: 'siege' },
      },
      { type: 'asset-dropdown.value-renamed' as const, data: { ...value, name: 'Bât. A' } },
      { type: 'asset-dropdown.value-commented' as const, data: { ...value, comment: 'RDC' } },
    ];
    expect(projectEvents(importAssetDropdownsProjection, events)).toEqual({
      kind: 'location',
      entityId: 'A',
      values: [{ valueId: 'l1', name: 'Bât. A', recursive: true, parentId: 'siege', comment: 'RDC' }],
    });
  });
});
