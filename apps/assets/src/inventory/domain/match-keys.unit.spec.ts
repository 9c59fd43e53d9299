import type { AssetInventoryApplied, NetworkPort } from '@itsm/contracts';
import { deviceComputerId, matchKeysAfter, type ComputerMatchKeys, type MatchKeysEvent } from './match-keys';

const none = { added: [], removed: [] };
const port = (name: string, mac: string, virtual = false): NetworkPort => ({ name, mac, virtual, addresses: [] });
const created: MatchKeysEvent = {
  type: 'asset.created',
  data: {
    assetId: 'c1',
    assetType: 'computer',
    entityId: 'root',
    dynamic: true,
    fields: { name: 'PC-Compta', serial: 'S1', uuid: 'U1' },
  },
};
const inventory = (networkPorts: AssetInventoryApplied['data']['networkPorts'], first = false): MatchKeysEvent => ({
  type: 'asset.inventory-applied',
  data: {
    assetId: 'c1',
    deviceId: 'pc-compta-2026',
    format: 'fusioninventory-xml',
    agentVersion: null,
    tag: null,
    first,
    software: { installed: [], removed: [], upgraded: [] },
    components: none,
    volumes: none,
    networkPorts,
    addresses: none,
  },
});
const fold = (events: MatchKeysEvent[]) =>
  events.reduce<ComputerMatchKeys | null>((keys, event, i) => matchKeysAfter(keys, event, `2026-01-0${i + 1}`), null);

describe('the matching keys of a computer', () => {
  it('given a computer created, then its serial, UUID and name (any case) are its keys', () => {
    expect(fold([created])).toMatchObject({ serial: 'S1', uuid: 'U1', nameKey: 'pc-compta', macs: [], deviceId: null });
  });

  it('given another type of asset, then it has none: only computers are inventoried', () => {
    const monitor = { ...created, data: { ...created.data, assetType: 'monitor' } } as MatchKeysEvent;
    expect(fold([monitor])).toBeNull();
  });

  it('given inventories, then the physical ports’ MACs and the device are kept, a port replaced keeps its MAC', () => {
    const first = inventory(
      { added: [port('eth0', 'aa'), port('eth1', 'bb'), port('br0', 'cc', true)], removed: [] },
      true,
    );
    const replaced = inventory({
      added: [port('eth0', 'aa'), port('wlan0', 'dd')],
      removed: [port('eth0', 'aa'), port('eth1', 'bb')],
    });
    expect(fold([created, first])).toMatchObject({ macs: ['aa', 'bb'], deviceId: 'pc-compta-2026' });
    expect(fold([created, first, replaced])?.macs).toEqual(['aa', 'dd']);
  });

  it('given the serial and name edited, then the keys follow; given it purged, then it is gone', () => {
    const updated: MatchKeysEvent = {
      type: 'asset.updated',
      data: { assetId: 'c1', assetType: 'computer', changes: { serial: 'S2', name: 'PC-RH' }, locked: [] },
    };
    expect(fold([created, updated])).toMatchObject({ serial: 'S2', uuid: 'U1', nameKey: 'pc-rh' });
    expect(
      fold([
        created,
        updated,
        { type: 'asset.purged', data: { assetId: 'c1', assetType: 'computer', entityId: 'root' } },
      ]),
    ).toBeNull();
  });
});

describe('the id of a device’s computer', () => {
  it('is the same for one device wherever it is derived, another after a purge, and differs between devices', () => {
    expect(deviceComputerId('pc-1')).toBe(deviceComputerId('pc-1'));
    expect(deviceComputerId('pc-1')).not.toBe(deviceComputerId('pc-2'));
    const next = deviceComputerId('pc-1', deviceComputerId('pc-1'));
    expect(next).not.toBe(deviceComputerId('pc-1'));
    expect(next).toMatch(/^[0-9a-f-]{36}$/);
  });
});
