import { asContractEnvelope } from '@itsm/eventsourcing';
import { softwareIdFor, versionIdFor } from '../../software/domain/software-names';
import { entityAEnvelope, softwareEntry, softwareInventory } from '../../test-support/software-events';
import { installationPlan, type ComputerFacts } from './installation-plan';

let sequence = 0;
const envelope = (type: string, data: object, streamId = 'asset-c1') =>
  asContractEnvelope(entityAEnvelope(type, data, streamId, ++sequence));

const facts: ComputerFacts = { computerId: 'c1', name: 'PC-BLIER', entityId: 'A', trashed: false };
const firefox = softwareIdFor('A', 'Mozilla Firefox', 'Mozilla');
const v115 = versionIdFor(firefox, '115.0', 'x86_64');
const v128 = versionIdFor(firefox, '128.0', 'x86_64');
const entry = (version: string) => softwareEntry('Mozilla Firefox', version, 'Mozilla');
const inventory = (software: Parameters<typeof softwareInventory>[1]) => {
  const { type, data } = softwareInventory('c1', software);
  return envelope(type, data);
};

describe('installations read model (plan of each event)', () => {
  it('learns a computer from its creation, and ignores other asset types', () => {
    const created = (assetType: string) =>
      envelope('asset.created', {
        assetId: 'c1',
        assetType,
        entityId: 'A',
        dynamic: true,
        fields: { name: ' PC-BLIER ' },
      });
    expect(installationPlan(created('computer'), null)).toEqual({ facts, writes: [] });
    expect(installationPlan(created('printer'), null)).toBeNull();
  });

  it('installs what an inventory found, with the ids derived from the names, in the computer’s entity', () => {
    const plan = installationPlan(inventory({ installed: [{ ...entry('115.0'), installDate: '2026-01-02' }] }), facts);
    expect(plan?.writes).toEqual([
      {
        kind: 'upsert',
        doc: {
          _id: `c1:${v115}`,
          computerId: 'c1',
          computerName: 'PC-BLIER',
          computerKey: 'pc-blier',
          entityId: 'A',
          trashed: false,
          softwareId: firefox,
          versionId: v115,
          softwareName: 'Mozilla Firefox',
          publisher: 'Mozilla',
          versionName: '115.0',
          arch: 'x86_64',
          installedAt: '2026-01-02',
          source: 'inventory',
        },
      },
    ]);
  });

  it('replaces the old version on an upgrade and deletes what was removed', () => {
    const plan = installationPlan(
      inventory({
        upgraded: [{ from: entry('115.0'), to: entry('128.0') }],
        removed: [{ name: 'VLC', version: '' }],
      }),
      facts,
    );
    const vlc = versionIdFor(softwareIdFor('A', 'VLC', null), 'N/A', null);
    expect(plan?.writes.map((write) => (write.kind === 'upsert' ? `+${write.doc._id}` : write))).toEqual([
      { kind: 'delete', id: `c1:${vlc}` },
      { kind: 'delete', id: `c1:${v115}` },
      `+c1:${v128}`,
    ]);
  });

  it('restamps the installations when the computer is renamed', () => {
    const renamed = { kind: 'restamp', computerId: 'c1', set: { computerName: 'PC-42', computerKey: 'pc-42' } };
    const byPerson = installationPlan(
      envelope('asset.updated', { assetId: 'c1', assetType: 'computer', changes: { name: 'PC-42' }, locked: ['name'] }),
      facts,
    );
    expect(byPerson).toEqual({ facts: { ...facts, name: 'PC-42' }, writes: [renamed] });
    const otherField = envelope('asset.updated', {
      assetId: 'c1',
      assetType: 'computer',
      changes: { serial: 'X' },
      locked: [],
    });
    expect(installationPlan(otherField, facts)).toBeNull();
  });

  it('flags the installations of a trashed computer, and forgets them when it is purged', () => {
    const trashed = installationPlan(envelope('asset.trashed', { assetId: 'c1', assetType: 'computer' }), facts);
    expect(trashed).toEqual({
      facts: { ...facts, trashed: true },
      writes: [{ kind: 'restamp', computerId: 'c1', set: { trashed: true } }],
    });
    const purged = installationPlan(envelope('asset.purged', { assetId: 'c1', assetType: 'computer', entityId: 'A' }), {
      ...facts,
      trashed: true,
    });
    expect(purged).toEqual({ facts: null, writes: [{ kind: 'purge', computerId: 'c1' }] });
  });

  it('moves the installations of a transferred computer into its new entity', () => {
    const moved = envelope('asset.transferred', {
      assetId: 'c1',
      assetType: 'computer',
      fromEntityId: 'A',
      entityId: 'B',
    });
    expect(installationPlan(moved, facts)).toEqual({
      facts: { ...facts, entityId: 'B' },
      writes: [{ kind: 'restamp', computerId: 'c1', set: { entityId: 'B' } }],
    });
  });

  it('installs and uninstalls what a technician declared, named by the catalogue', () => {
    const names = { softwareName: 'Mozilla Firefox', publisher: 'Mozilla', versionName: '115.0', arch: 'x86_64' };
    const manual = installationPlan(
      envelope(
        'software.installed',
        { computerId: 'c1', softwareId: firefox, versionId: v115, installedAt: null },
        'computer-software-c1',
      ),
      facts,
      names,
    );
    expect(manual?.writes).toEqual([
      expect.objectContaining({
        kind: 'upsert',
        doc: expect.objectContaining({ _id: `c1:${v115}`, source: 'manual', versionName: '115.0', installedAt: null }),
      }),
    ]);
    const removed = installationPlan(
      envelope(
        'software.uninstalled',
        { computerId: 'c1', softwareId: firefox, versionId: v115 },
        'computer-software-c1',
      ),
      facts,
    );
    expect(removed?.writes).toEqual([{ kind: 'delete', id: `c1:${v115}` }]);
  });
});
