import { projectEvents } from '@itsm/testing';
import { computerMatchKeysProjection } from './computer-match-keys.projection';

describe('the computers’ matching keys', () => {
  it('given a computer created, then its document holds its keys; asset.seen is not read', () => {
    const created = {
      type: 'asset.created' as const,
      data: { assetId: 'c1', assetType: 'computer' as const, entityId: 'A', dynamic: true, fields: { serial: 'S1' } },
    };
    expect(projectEvents(computerMatchKeysProjection, [created])).toMatchObject({
      assetId: 'c1',
      entityId: 'A',
      serial: 'S1',
      uuid: null,
      macs: [],
    });
    expect(computerMatchKeysProjection.handles.has('asset.seen')).toBe(false);
  });
});
