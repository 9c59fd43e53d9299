import { projectEvents } from '@itsm/testing';
import { ticketAssetsProjection } from './ticket-assets.projection';

const created = {
  type: 'asset.created' as const,
  data: {
    assetId: 'p1',
    assetType: 'printer' as const,
    entityId: 'A',
    dynamic: false,
    fields: { name: 'HP LaserJet (BLIER)', userId: 'u-blier', serial: 'CN123' },
  },
};
const printer = {
  assetId: 'p1',
  assetType: 'printer',
  name: 'HP LaserJet (BLIER)',
  entityId: 'A',
  recursive: false,
  userId: 'u-blier',
  trashed: false,
};

describe('ticket_assets (what tickets keeps of the Parc)', () => {
  it('keeps an asset’s type, name, entity and user', () => {
    expect(projectEvents(ticketAssetsProjection, [created])).toEqual(printer);
  });

  it('follows a rename, a new user and the recursive flag, ignoring other fields', () => {
    const updated = {
      type: 'asset.updated' as const,
      data: {
        assetId: 'p1',
        assetType: 'printer' as const,
        changes: { name: 'HP-2', userId: null, recursive: true, serial: 'X' },
        locked: [],
      },
    };
    expect(projectEvents(ticketAssetsProjection, [created, updated])).toEqual({
      ...printer,
      name: 'HP-2',
      userId: null,
      recursive: true,
    });
  });

  it('knows the trash, and forgets a purged asset', () => {
    const ref = { assetId: 'p1', assetType: 'printer' as const };
    const trashed = { type: 'asset.trashed' as const, data: ref };
    const restored = { type: 'asset.restored' as const, data: ref };
    const purged = { type: 'asset.purged' as const, data: { ...ref, entityId: 'A' } };
    expect(projectEvents(ticketAssetsProjection, [created, trashed])).toEqual({ ...printer, trashed: true });
    expect(projectEvents(ticketAssetsProjection, [created, trashed, restored])).toEqual(printer);
    expect(projectEvents(ticketAssetsProjection, [created, trashed, purged])).toBeNull();
  });

  it('follows a transfer to another entity', () => {
    const transferred = {
      type: 'asset.transferred' as const,
      data: { assetId: 'p1', assetType: 'printer' as const, fromEntityId: 'A', entityId: 'B' },
    };
    expect(projectEvents(ticketAssetsProjection, [created, transferred])).toEqual({ ...printer, entityId: 'B' });
  });
});
