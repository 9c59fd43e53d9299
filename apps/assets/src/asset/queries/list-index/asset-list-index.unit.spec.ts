import { AssetListIndex } from './asset-list-index';
import type { AssetListPlan } from './asset-list-plan';
import type { AssetListRow } from './asset-list-row';

const row = (sequence: number, entityId: string, name: string): AssetListRow => ({
  assetId: 'a1',
  assetType: 'computer',
  entityId,
  recursive: false,
  trashed: false,
  name,
  nameKey: name.toLowerCase(),
  serial: null,
  inventoryNumber: null,
  typeId: null,
  modelId: null,
  manufacturerId: null,
  statusId: null,
  locationId: null,
  userId: null,
  groupId: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  lastInventoryAt: null,
  sequence,
});

const plan = (entities: string[]): AssetListPlan => ({
  assetType: 'computer',
  scope: { entities, recursiveAbove: [] },
  trashed: false,
  equalities: [],
  contains: [],
  sortField: 'nameKey',
  direction: 1,
  skip: 0,
  limit: 20,
});

describe('the asset list index', () => {
  it('finds an asset under its latest entity only, and forgets it once purged', () => {
    const index = new AssetListIndex();
    index.upsert(row(1, 'E1', 'PC-1'));
    index.upsert(row(3, 'E2', 'PC-1'));
    expect(index.upsert(row(2, 'E1', 'PC-old'))).toBe(false); // an older state never comes back
    index.markReady();
    index.confirmFresh(60_000);
    expect([index.page(plan(['E1']))?.total, index.page(plan(['E2']))?.total]).toEqual([0, 1]);
    index.remove('a1');
    expect([index.size, index.page(plan(['E1', 'E2']))?.total]).toEqual([0, 0]);
  });

  it('declines until its feed says it is caught up and fresh', () => {
    const index = new AssetListIndex();
    index.upsert(row(1, 'E1', 'PC-1'));
    expect(index.page(plan(['E1']))).toBeUndefined();
    index.markReady();
    index.confirmFresh(60_000);
    expect(index.page(plan(['E1']))?.rows.map((one) => one.name)).toEqual(['PC-1']);
    index.markStale();
    expect(index.page(plan(['E1']))).toBeUndefined();
  });
});
