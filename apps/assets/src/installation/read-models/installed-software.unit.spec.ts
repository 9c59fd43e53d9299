import { entryVersion } from './installation-plan';
import { InstalledSoftware } from './installed-software';

const computer = 'c1';
const firefox = { name: 'Firefox', version: '115', publisher: 'Mozilla' };
const firefoxNew = { ...firefox, version: '128' };
const vim = { name: 'vim', version: '9.0' };
const ids = (entry: typeof firefox | typeof vim) => entryVersion('E1', entry);

const inventory = (sequence: number, software: { installed?: object[]; removed?: object[]; upgraded?: object[] }) => ({
  type: 'asset.inventory-applied',
  streamId: `asset-${computer}`,
  sequence,
  entityId: 'E1',
  data: { software: { installed: [], removed: [], upgraded: [], ...software } },
});

describe('the installations in memory', () => {
  it('fold an inventory’s installs, upgrades and removals as the installations feed writes them', () => {
    const installed = new InstalledSoftware();
    installed.fold(inventory(2, { installed: [firefox, vim] }));
    expect([...installed.computersWith(ids(firefox).softwareId)]).toEqual([computer]);
    installed.fold(inventory(3, { upgraded: [{ from: firefox, to: firefoxNew }], removed: [vim] }));
    expect(installed.computersWith(ids(firefox).softwareId, ids(firefox).versionId).size).toBe(0);
    expect(installed.installationsOf(computer, ids(firefox).softwareId)).toEqual([
      { computerId: computer, versionId: ids(firefoxNew).versionId, installedAt: null, manual: false },
    ]);
    expect(installed.computersWith(ids(vim).softwareId).size).toBe(0);
    expect(installed.version(ids(firefoxNew).versionId)?.names).toMatchObject({
      softwareName: 'Firefox',
      versionName: '128',
    });
  });

  it('fold a stream’s event once, and skip what the loaded read model already holds', () => {
    const installed = new InstalledSoftware();
    installed.markFolded(`asset-${computer}`, 2);
    installed.fold(inventory(2, { installed: [vim] })); // in the documents already (or not: they are the truth)
    installed.fold(inventory(3, { installed: [firefox] }));
    installed.fold(inventory(3, { removed: [firefox] })); // a redelivery is not a new event
    expect([installed.size, installed.computersWith(ids(vim).softwareId).size]).toEqual([1, 0]);
  });

  it('keep a technician’s installations apart, and forget a purged computer', () => {
    const installed = new InstalledSoftware();
    installed.load({
      computerId: computer,
      ...ids(vim),
      installedAt: '2026-01-02',
      source: 'inventory',
      softwareName: 'vim',
      publisher: null,
      versionName: '9.0',
      arch: null,
    });
    const manual = { computerId: computer, softwareId: 's9', versionId: 'v9' };
    installed.fold({
      type: 'software.installed',
      streamId: `computer-software-${computer}`,
      sequence: 1,
      data: { ...manual, installedAt: null },
    });
    expect(installed.installationsOf(computer, 's9')).toEqual([
      { computerId: computer, versionId: 'v9', installedAt: null, manual: true },
    ]);
    expect(installed.version('v9')?.names).toBeNull();
    installed.fold({
      type: 'software.uninstalled',
      streamId: `computer-software-${computer}`,
      sequence: 2,
      data: manual,
    });
    expect(installed.computersWith('s9').size).toBe(0);
    installed.fold({ type: 'asset.purged', streamId: `asset-${computer}`, sequence: 9, data: {} });
    expect([installed.size, installed.computersWith(ids(vim).softwareId).size]).toEqual([0, 0]);
  });

  it('come back whole from their snapshot’s items, a stream’s folded events still skipped', () => {
    const installed = new InstalledSoftware();
    installed.fold(inventory(2, { installed: [firefox, vim] }));
    installed.fold({
      type: 'software.installed',
      streamId: `computer-software-${computer}`,
      sequence: 1,
      data: { computerId: computer, softwareId: 's9', versionId: 'v9', installedAt: '2026-02-03' },
    });
    const restored = new InstalledSoftware();
    for (const item of JSON.parse(JSON.stringify([...installed.snapshotItems()]))) restored.restore(item);
    expect(restored.size).toBe(3);
    expect(restored.installationsOf(computer, 's9')).toEqual(installed.installationsOf(computer, 's9'));
    expect(restored.version(ids(vim).versionId)).toEqual(installed.version(ids(vim).versionId));
    restored.fold(inventory(2, { removed: [vim] })); // folded before the snapshot
    expect([...restored.computersWith(ids(vim).softwareId)]).toEqual([computer]);
    restored.fold(inventory(3, { removed: [vim] }));
    expect(restored.computersWith(ids(vim).softwareId).size).toBe(0);
    expect(() => restored.restore(['x', 'y'] as never)).toThrow();
  });
});
