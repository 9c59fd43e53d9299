import type { Composition } from './inventory.model';
import { applyChanges, compositionChanged, diffComposition, everythingAdded } from './inventory-diff';
import { readAgentMessage } from './agent-message';
import { fusionInventoryInventory } from '../test-support/agent-fixtures';

const realComposition = (): Composition => {
  const message = readAgentMessage(fusionInventoryInventory());
  if (message.kind !== 'inventory') throw new Error('an inventory expected');
  return message.inventory.composition;
};

const small = (): Composition => ({
  operatingSystem: { name: 'Debian GNU/Linux 12 (bookworm)', version: '12.11', architecture: 'x86_64' },
  components: [
    { kind: 'memory', name: 'DIMM', capacityMb: 8192 },
    { kind: 'memory', name: 'DIMM', capacityMb: 8192 },
    { kind: 'processor', name: 'AMD EPYC', cores: 2 },
  ],
  volumes: [{ mountPoint: '/', device: '/dev/vda', fileSystem: 'ext4', totalMb: 1000, freeMb: 500 }],
  networkPorts: [{ name: 'eth0', mac: '02:fc:00:00:00:01', virtual: false, addresses: ['192.0.2.2'] }],
  software: [
    { name: 'curl', version: '7.88.1', arch: 'amd64' },
    { name: 'vim', version: '9.0', arch: 'amd64' },
  ],
});

describe('inventory diff', () => {
  it('finds nothing but free space between two inventories of an unchanged computer', () => {
    const next = small();
    next.volumes[0].freeMb = 420;
    const changes = diffComposition(small(), next);
    expect(compositionChanged(changes)).toBe(false);
    expect(changes.freeSpace).toEqual([{ mountPoint: '/', freeMb: 420 }]);
  });

  it('finds nothing at all on the real agent inventory read twice', () => {
    const changes = diffComposition(realComposition(), realComposition());
    expect(compositionChanged(changes)).toBe(false);
    expect(changes.freeSpace).toEqual([]);
  });

  it('compares software lists in another order, or differing by a publisher, as well as equal ones', () => {
    const next = small();
    next.software.reverse();
    expect(compositionChanged(diffComposition(small(), next))).toBe(false);
    next.software[0] = { ...next.software[0], publisher: 'The Vim project' };
    const { software } = diffComposition(small(), next);
    expect(software.upgraded).toEqual([{ from: small().software[1], to: next.software[0] }]);
  });

  it('lists a first inventory as everything added', () => {
    const changes = everythingAdded(small());
    expect(changes.operatingSystem).toEqual({ from: null, to: small().operatingSystem });
    expect(changes.software.installed).toHaveLength(2);
    expect(changes.components.added).toHaveLength(3);
    expect(changes.volumes.added).toHaveLength(1);
    expect(changes.networkPorts.added).toHaveLength(1);
  });

  it('tells installed, removed and upgraded software apart', () => {
    const next = small();
    next.software = [
      { name: 'curl', version: '8.0.0', arch: 'amd64' },
      { name: 'git', version: '2.39', arch: 'amd64' },
    ];
    const { software } = diffComposition(small(), next);
    expect(software).toEqual({
      installed: [{ name: 'git', version: '2.39', arch: 'amd64' }],
      removed: [{ name: 'vim', version: '9.0', arch: 'amd64' }],
      upgraded: [
        {
          from: { name: 'curl', version: '7.88.1', arch: 'amd64' },
          to: { name: 'curl', version: '8.0.0', arch: 'amd64' },
        },
      ],
    });
  });

  it('counts identical components: one of two equal memory modules removed is one removal', () => {
    const next = small();
    next.components = next.components.slice(1);
    expect(diffComposition(small(), next).components).toEqual({
      added: [],
      removed: [{ kind: 'memory', name: 'DIMM', capacityMb: 8192 }],
    });
  });

  it('records addresses of a kept port one by one, and an OS change with both sides', () => {
    const next = small();
    next.networkPorts[0].addresses = ['192.0.2.7'];
    next.operatingSystem = { name: 'Debian GNU/Linux 13 (trixie)', version: '13.0', architecture: 'x86_64' };
    const changes = diffComposition(small(), next);
    expect(changes.addresses).toEqual({
      added: [{ port: 'eth0', address: '192.0.2.7' }],
      removed: [{ port: 'eth0', address: '192.0.2.2' }],
    });
    expect(changes.networkPorts).toEqual({ added: [], removed: [] });
    expect(changes.operatingSystem?.to?.version).toBe('13.0');
  });

  it('gives back the new composition when the changes are applied to the stored one', () => {
    const stored = realComposition();
    const next = realComposition();
    next.software = next.software.slice(5).concat({ name: 'zz-new', version: '1.0', arch: 'amd64' });
    next.software[0] = { ...next.software[0], version: `${next.software[0].version}+1` };
    next.volumes[0].freeMb = 1;
    next.components = next.components.slice(1);
    next.networkPorts[0] = { ...next.networkPorts[0], addresses: ['10.0.0.9'] };
    expect(applyChanges(stored, diffComposition(stored, next))).toEqual(next);
    expect(
      applyChanges(
        { ...stored, software: [], components: [], volumes: [], networkPorts: [], operatingSystem: null },
        everythingAdded(next),
      ),
    ).toEqual(next);
  });
});
