import { inventoryChanges } from './inventory-history';

const none = { added: [], removed: [] };

describe('the history lines of an inventory', () => {
  it('list each software installed, upgraded and removed, and each composition change', () => {
    const lines = inventoryChanges({
      type: 'asset.inventory-applied',
      data: {
        operatingSystem: {
          from: { name: 'Debian GNU/Linux', version: '11' },
          to: { name: 'Debian GNU/Linux', version: '12' },
        },
        software: {
          installed: [{ name: '7-Zip', version: '23.01' }],
          removed: [{ name: 'vim', version: '' }],
          upgraded: [{ from: { name: 'Firefox', version: '115' }, to: { name: 'Firefox', version: '128' } }],
        },
        components: { added: [{ kind: 'memory', name: 'DIMM 8 GB' }], removed: [{ kind: 'disk', name: 'sda' }] },
        volumes: { added: [{ mountPoint: '/data' }], removed: [] },
        networkPorts: { added: [], removed: [{ name: 'eth1' }] },
        addresses: { added: [{ port: 'eth0', address: '10.0.0.2' }], removed: [] },
      },
    });
    expect(lines).toEqual([
      { field: 'operatingSystem', from: 'Debian GNU/Linux 11', to: 'Debian GNU/Linux 12' },
      { field: 'software', from: 'vim', to: null },
      { field: 'software', from: 'Firefox 115', to: 'Firefox 128' },
      { field: 'software', from: null, to: '7-Zip 23.01' },
      { field: 'component', from: 'disk: sda', to: null },
      { field: 'component', from: null, to: 'memory: DIMM 8 GB' },
      { field: 'volume', from: null, to: '/data' },
      { field: 'networkPort', from: 'eth1', to: null },
      { field: 'address', from: null, to: 'eth0 10.0.0.2' },
    ]);
  });

  it('add nothing to other events, nor for an inventory that changed nothing shown', () => {
    expect(inventoryChanges({ type: 'asset.seen', data: {} })).toEqual([]);
    const quiet = {
      software: { installed: [], removed: [], upgraded: [] },
      components: none,
      volumes: none,
      networkPorts: none,
      addresses: none,
    };
    expect(inventoryChanges({ type: 'asset.inventory-applied', data: quiet })).toEqual([]);
  });
});
