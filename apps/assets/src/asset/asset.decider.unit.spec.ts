import type { AssetCoreEvent, AssetFields } from '@itsm/contracts';
import { deciderSpecification } from '@itsm/testing';
import { assetDecider, type AssetCommand } from './asset.decider';

const spec = deciderSpecification(assetDecider);
const asset = { assetId: 'a1', assetType: 'computer' as const };

const create = (fields: AssetFields): AssetCommand => ({
  type: 'create-asset',
  ...asset,
  entityId: 'root',
  dynamic: false,
  fields,
});
const created = (fields: AssetFields, dynamic = false): AssetCoreEvent => ({
  type: 'asset.created',
  data: { ...asset, entityId: 'root', dynamic, fields },
});
const updated = (changes: AssetFields, locked: string[] = []): AssetCoreEvent => ({
  type: 'asset.updated',
  data: { ...asset, changes, locked },
});
const trashed: AssetCoreEvent = { type: 'asset.trashed', data: asset };
const edit = (changes: AssetFields, source: 'person' | 'inventory' = 'person'): AssetCommand => ({
  type: 'update-asset',
  changes,
  source,
});

describe('an asset', () => {
  describe('given none yet', () => {
    it('when created, then its fields are recorded trimmed, empty text as null', () => {
      spec
        .given([])
        .when(create({ name: ' PC-BLIER ', serial: '  ', comment: ' as typed ' }))
        .then([created({ name: 'PC-BLIER', serial: null, comment: ' as typed ' })]);
    });

    it('when created with a field of another type, then it is refused naming the field', () => {
      spec
        .given([])
        .when(create({ name: 'PC', phoneNumber: '0102' }))
        .thenFails('rule', /phoneNumber: a computer has no/);
    });

    it('when created with a decreasing depreciation without coefficient, then it is refused', () => {
      spec
        .given([])
        .when(create({ depreciationType: 'decreasing', depreciationYears: 5 }))
        .thenFails('rule', /depreciationCoefficient/);
    });

    it('when edited, then it is not found', () => {
      spec
        .given([])
        .when(edit({ name: 'x' }))
        .thenFails('not_found');
    });
  });

  describe('given a computer', () => {
    const given = [created({ name: 'PC-BLIER', serial: 'SN1' })];

    it('when created again, then it is a conflict', () => {
      spec
        .given(given)
        .when(create({ name: 'again' }))
        .thenFails('conflict');
    });

    it('when edited, then only the changed fields are recorded, nothing locked', () => {
      spec
        .given(given)
        .when(edit({ name: 'PC-BLIER', serial: 'SN2' }))
        .then([updated({ serial: 'SN2' })]);
    });

    it('when edited to the same values, then nothing happens', () => {
      spec
        .given(given)
        .when(edit({ name: 'PC-BLIER', serial: 'SN1' }))
        .then([]);
    });

    it('when trashed, restored and purged, then each moves it through the trash', () => {
      spec.given(given).when({ type: 'trash-asset' }).then([trashed]);
      spec
        .given([...given, trashed])
        .when({ type: 'restore-asset' })
        .then([{ type: 'asset.restored', data: asset }]);
      spec
        .given([...given, trashed])
        .when({ type: 'purge-asset' })
        .then([{ type: 'asset.purged', data: { ...asset, entityId: 'root' } }]);
    });

    it('when purged out of the trash, then it is refused', () => {
      spec.given(given).when({ type: 'purge-asset' }).thenFails('illegal_transition', /trash/);
    });

    it('when edited in the trash, then it is refused', () => {
      spec
        .given([...given, trashed])
        .when(edit({ name: 'x' }))
        .thenFails('illegal_transition');
    });

    it('when purged, then nothing more can be done to it', () => {
      const purged: AssetCoreEvent = { type: 'asset.purged', data: { ...asset, entityId: 'root' } };
      spec
        .given([...given, trashed, purged])
        .when({ type: 'restore-asset' })
        .thenFails('not_found');
    });
  });

  describe('given a dynamic computer (fed by an agent)', () => {
    const given = [created({ name: 'PC-AGENT', serial: 'SN1' }, true)];

    it('when a person edits it, then the changed fields are locked', () => {
      spec
        .given(given)
        .when(edit({ name: 'PC-RENAMED' }))
        .then([updated({ name: 'PC-RENAMED' }, ['name'])]);
    });

    it('when an inventory changes a locked field, then that field is left alone', () => {
      spec
        .given([...given, updated({ name: 'PC-RENAMED' }, ['name'])])
        .when(edit({ name: 'PC-AGENT', serial: 'SN9' }, 'inventory'))
        .then([updated({ serial: 'SN9' })]);
    });

    it('when a locked field is unlocked, then the inventory may change it again', () => {
      const locked = [...given, updated({ name: 'PC-RENAMED' }, ['name'])];
      spec
        .given(locked)
        .when({ type: 'unlock-fields', fields: ['name', 'serial'] })
        .then([{ type: 'asset.fields-unlocked', data: { ...asset, fields: ['name'] } }]);
      spec
        .given([...locked, { type: 'asset.fields-unlocked', data: { ...asset, fields: ['name'] } }])
        .when(edit({ name: 'PC-AGENT' }, 'inventory'))
        .then([updated({ name: 'PC-AGENT' })]);
    });
  });

  describe('given a computer under a one-year warranty from 2026-01-01', () => {
    const given = [created({ name: 'PC', warrantyStartDate: '2026-01-01', warrantyMonths: 12 })];
    const expiring: AssetCoreEvent = {
      type: 'asset.warranty-expiring',
      data: { ...asset, entityId: 'root', name: 'PC', warrantyExpiresOn: '2026-12-31', daysBefore: 30 },
    };
    const announce = (today: string): AssetCommand => ({ type: 'announce-warranty-expiry', today, daysBefore: 30 });

    it('when the timer fires 30 days before the end, then the expiry is announced', () => {
      spec.given(given).when(announce('2026-12-01')).then([expiring]);
    });

    it('when it fires too early, after the end, or again, then nothing is announced', () => {
      spec.given(given).when(announce('2026-11-30')).then([]);
      spec.given(given).when(announce('2027-01-01')).then([]);
      spec
        .given([...given, expiring])
        .when(announce('2026-12-02'))
        .then([]);
    });

    it('when the warranty is lifelong, then nothing is ever announced', () => {
      spec
        .given([...given, updated({ warrantyMonths: -1 })])
        .when(announce('2026-12-01'))
        .then([]);
    });
  });
});

describe('transferring an asset (GLPI’s Transférer)', () => {
  const transfer = (entityId: string): AssetCommand => ({ type: 'transfer-asset', entityId });
  const transferred = (fromEntityId: string, entityId: string): AssetCoreEvent => ({
    type: 'asset.transferred',
    data: { ...asset, fromEntityId, entityId },
  });

  it('given an asset, when transferred, then it moves from its entity to the other', () => {
    spec
      .given([created({ name: 'PC' })])
      .when(transfer('A'))
      .then([transferred('root', 'A')]);
  });

  it('given it transferred, when transferred again, then it leaves the entity it moved to', () => {
    spec
      .given([created({ name: 'PC' }), transferred('root', 'A')])
      .when(transfer('B'))
      .then([transferred('A', 'B')]);
  });

  it('given an asset, when transferred where it is, then nothing happens', () => {
    spec
      .given([created({ name: 'PC' })])
      .when(transfer('root'))
      .then([]);
  });

  it('given it in the trash or unknown, when transferred, then it is refused', () => {
    spec
      .given([created({ name: 'PC' }), trashed])
      .when(transfer('A'))
      .thenFails('illegal_transition', /restore it first/);
    spec.given([]).when(transfer('A')).thenFails('not_found');
  });
});
