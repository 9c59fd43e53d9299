import { projectEvents } from '@itsm/testing';
import { assetListProjection } from '../../read-models/asset-list.projection';
import { assetView } from '../asset-view';
import { assetRowOf, docOfRow } from './asset-list-row';

const asset = { assetId: '0190aaaa-0000-7000-8000-000000000001', assetType: 'printer' as const };

describe('a list row', () => {
  it('gives back the document it was made of: a page shows from rows what it shows from documents', () => {
    const doc = {
      ...projectEvents(assetListProjection, [
        {
          type: 'asset.created',
          data: {
            ...asset,
            entityId: 'root',
            dynamic: true,
            fields: { name: 'Imprimante Compta', lastPageCounter: 0, value: 1200, warrantyMonths: 24, recursive: true },
          },
        },
        { type: 'asset.updated', data: { ...asset, changes: { serial: 'SN-1' }, locked: ['serial'] } },
      ] as never),
      _id: `asset-${asset.assetId}`,
      _sequence: 2,
    };
    const row = assetRowOf(doc)!;
    const rest = JSON.parse(row.rest!);
    expect(rest).toMatchObject({ dynamic: true, lastPageCounter: 0, value: 1200, locked: ['serial'] });
    expect(rest).not.toHaveProperty('comment'); // null: put back by docOfRow
    expect(assetView(docOfRow(row), '2026-06-01')).toEqual(assetView(doc as never, '2026-06-01'));
  });
});
