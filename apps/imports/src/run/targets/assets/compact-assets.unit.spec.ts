import { CompactAssets } from './compact-assets';

const FIELDS = ['name', 'serial', 'warrantyMonths', 'locationId'];

describe('a run’s compact copy of the assets', () => {
  it('finds an asset by its link fields, ANDed, with its values as they were', () => {
    const assets = new CompactAssets(FIELDS);
    assets.add({ id: 'a1', values: { name: 'PC-1', serial: 'SN1', warrantyMonths: 24, locationId: null } });
    assets.add({ id: 'a2', values: { name: 'PC-2', serial: 'SN2', warrantyMonths: 12, locationId: 'l-1' } });
    const line = { name: 'PC-2', serial: 'SN2' } as Record<string, unknown>;
    expect(assets.match(['name', 'serial'], (field) => line[field])).toEqual({
      id: 'a2',
      values: { name: 'PC-2', serial: 'SN2', warrantyMonths: 12, locationId: 'l-1' },
    });
    expect(assets.match(['name', 'serial'], (field) => ({ name: 'PC-2', serial: 'SN1' })[field])).toBeNull();
    expect(assets.match(['serial'], () => 'SN1')).toMatchObject({ id: 'a1', values: { locationId: null } });
  });

  it('answers the last asset added when several share the values, and sees one added after a lookup', () => {
    const assets = new CompactAssets(FIELDS);
    assets.add({ id: 'a1', values: { name: 'PC-1' } });
    expect(assets.match(['name'], () => 'PC-1')).toMatchObject({ id: 'a1' });
    assets.add({ id: 'a3', values: { name: 'PC-1' } });
    assets.add({ id: 'a4', values: { name: 'PC-4' } });
    expect(assets.match(['name'], () => 'PC-1')).toMatchObject({ id: 'a3' });
    expect(assets.match(['name'], () => 'PC-4')).toMatchObject({ id: 'a4' });
  });
});
