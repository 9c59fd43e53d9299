import { assetListSearch, assetTab } from './parc-search';

describe("an asset list's criteria in the page address", () => {
  it('keeps the known criteria with their types and drops the rest', () => {
    expect(
      assetListSearch({ name: 'PC', sort: 'serial', order: 'asc', page: '2', trashed: 'true', other: 'x' }),
    ).toEqual({
      name: 'PC',
      serial: undefined,
      inventoryNumber: undefined,
      statusId: undefined,
      manufacturerId: undefined,
      trashed: true,
      sort: 'serial',
      order: 'asc',
      page: 2,
    });
  });

  it('drops a sort, an order or a page it does not know', () => {
    expect(assetListSearch({ sort: 'password', order: 'sideways', page: '-1', name: '  ' })).toMatchObject({
      name: undefined,
      sort: undefined,
      order: undefined,
      page: undefined,
    });
  });
});

describe("an asset page's tab", () => {
  it('is one of its type’s tabs, else the general one', () => {
    expect(assetTab('computers', 'volumes')).toBe('volumes');
    expect(assetTab('monitors', 'volumes')).toBe('general');
    expect(assetTab('monitors', 'financial')).toBe('financial');
    expect(assetTab('computers', undefined)).toBe('general');
  });
});
