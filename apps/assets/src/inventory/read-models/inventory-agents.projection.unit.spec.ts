import type { AssetInventoryApplied, AssetSeen, Volume } from '@itsm/contracts';
import { projectEvents } from '@itsm/testing';
import { computerCompositionProjection } from './computer-composition.projection';
import { inventoryAgentsProjection } from './inventory-agents.projection';

const source = {
  assetId: 'c1',
  deviceId: 'pc-1',
  format: 'fusioninventory-xml' as const,
  agentVersion: 'v2.6',
  tag: null,
};
const none = { added: [], removed: [] };
const volume = (mountPoint: string, freeMb: number): Volume => ({
  mountPoint,
  fileSystem: 'ext4',
  totalMb: 1000,
  freeMb,
});
const applied = (changes: Partial<AssetInventoryApplied['data']> = {}): AssetInventoryApplied => ({
  type: 'asset.inventory-applied',
  data: {
    ...source,
    first: false,
    software: { installed: [], removed: [], upgraded: [] },
    components: none,
    volumes: none,
    networkPorts: none,
    addresses: none,
    ...changes,
  },
});
const first = applied({ first: true, volumes: { added: [volume('/', 500), volume('/home', 300)], removed: [] } });
const seen = (freeSpace?: AssetSeen['data']['freeSpace']): AssetSeen => ({
  type: 'asset.seen',
  data: { ...source, ...(freeSpace ? { freeSpace } : {}) },
});

describe('the inventory agents', () => {
  it('given a first inventory, then the agent is listed with the free space of its volumes', () => {
    expect(projectEvents(inventoryAgentsProjection, [first])).toMatchObject({
      deviceId: 'pc-1',
      agentVersion: 'v2.6',
      freeSpace: [
        { mountPoint: '/', freeMb: 500 },
        { mountPoint: '/home', freeMb: 300 },
      ],
    });
  });

  it('given unchanged re-inventories that measured free space, then the latest measure of each volume is kept', () => {
    const agent = projectEvents(inventoryAgentsProjection, [
      first,
      seen([{ mountPoint: '/', freeMb: 400 }]),
      seen(),
      seen([{ mountPoint: '/', freeMb: 350 }]),
    ]);
    expect(agent?.freeSpace).toEqual([
      { mountPoint: '/', freeMb: 350 },
      { mountPoint: '/home', freeMb: 300 },
    ]);
  });

  it('given a volume removed and another added, then the removed one is forgotten and the new one measured', () => {
    const changed = applied({ volumes: { added: [volume('/data', 900)], removed: [volume('/home', 300)] } });
    const agent = projectEvents(inventoryAgentsProjection, [first, seen([{ mountPoint: '/', freeMb: 400 }]), changed]);
    expect(agent?.freeSpace).toEqual([
      { mountPoint: '/', freeMb: 400 },
      { mountPoint: '/data', freeMb: 900 },
    ]);
  });
});

describe('the computer compositions', () => {
  it('does not read asset.seen: an unchanged re-inventory leaves the large document alone', () => {
    expect(computerCompositionProjection.handles.has('asset.seen')).toBe(false);
  });
});
