import type { EventEnvelope } from '@itsm/contracts';
import type { ProjectionRegistry } from '@itsm/runtime';
import { ComputerMatchIndex } from './computer-match-index';

let sequence = 0;
const envelope = (assetId: string, type: string, data: object, at = '2026-12-01T08:00:00Z'): EventEnvelope =>
  ({
    type,
    data,
    streamId: `asset-${assetId}`,
    sequence: ++sequence,
    occurredAt: at,
    entityId: 'root',
  }) as EventEnvelope;
const createdComputer = (assetId: string, fields: object, at?: string) =>
  envelope(assetId, 'asset.created', { assetId, assetType: 'computer', entityId: 'root', dynamic: true, fields }, at);
const none = { added: [], removed: [] };
const inventoried = (assetId: string, deviceId: string, macs: string[]) =>
  envelope(assetId, 'asset.inventory-applied', {
    assetId,
    deviceId,
    format: 'glpi-json',
    agentVersion: null,
    tag: null,
    first: true,
    software: { installed: [], removed: [], upgraded: [] },
    components: none,
    volumes: none,
    networkPorts: { added: macs.map((mac, i) => ({ name: `eth${i}`, mac, addresses: [] })), removed: [] },
    addresses: none,
  });

// the registry is only read by loadAll, which the int and e2e tests cover
const index = () => new ComputerMatchIndex({} as ProjectionRegistry);

describe('the computers’ matching index', () => {
  it('given computers, then each rule finds the one having all its values, the latest when several do', async () => {
    const computers = index();
    await computers.refresh([
      createdComputer('c1', { serial: 'S1', uuid: 'U1', name: 'PC-1' }, '2026-12-01T08:00:00Z'),
      createdComputer('c2', { serial: 'S1', uuid: 'U2', name: 'pc-2' }, '2026-12-02T08:00:00Z'),
      inventoried('c1', 'device-1', ['aa:01', 'aa:02']),
    ]);
    expect(computers.find({ rule: 'Serial and UUID', serial: 'S1', uuid: 'U1' })?.assetId).toBe('c1');
    expect(computers.find({ rule: 'Serial', serial: 'S1' })?.assetId).toBe('c2');
    expect(computers.find({ rule: 'MAC', macs: ['ff:ff', 'aa:02'] })?.assetId).toBe('c1');
    expect(computers.find({ rule: 'Name', name: 'PC-2' })?.assetId).toBe('c2');
    expect(computers.find({ rule: 'Serial and UUID', serial: 'S1', uuid: 'U3' })).toBeNull();
    expect(computers.byDevice('device-1')?.assetId).toBe('c1');
  });

  it('given a serial edited and a computer purged, then the old values find nothing', async () => {
    const computers = index();
    await computers.refresh([createdComputer('c3', { serial: 'OLD' }), createdComputer('c4', { serial: 'GONE' })]);
    await computers.refresh([
      envelope('c3', 'asset.updated', { assetId: 'c3', assetType: 'computer', changes: { serial: 'NEW' }, locked: [] }),
      envelope('c4', 'asset.purged', { assetId: 'c4', assetType: 'computer', entityId: 'root' }),
    ]);
    expect(computers.find({ rule: 'Serial', serial: 'OLD' })).toBeNull();
    expect(computers.find({ rule: 'Serial', serial: 'NEW' })?.assetId).toBe('c3');
    expect(computers.find({ rule: 'Serial', serial: 'GONE' })).toBeNull();
    expect(computers.size).toBe(1);
  });

  it('given two computers of one name and one purged, then the name finds the other', async () => {
    const computers = index();
    await computers.refresh([
      createdComputer('c6', { name: 'LOCALHOST' }),
      createdComputer('c7', { name: 'localhost' }),
    ]);
    await computers.refresh([
      envelope('c7', 'asset.purged', { assetId: 'c7', assetType: 'computer', entityId: 'root' }),
    ]);
    expect(computers.find({ rule: 'Name', name: 'localhost' })?.assetId).toBe('c6');
  });

  it('given an event twice (inline, then from Kafka), then it is folded once', async () => {
    const computers = index();
    const created = createdComputer('c5', { serial: 'S5' });
    const renamed = envelope('c5', 'asset.updated', {
      assetId: 'c5',
      assetType: 'computer',
      changes: { serial: 'S6' },
      locked: [],
    });
    await computers.refresh([created, renamed]);
    await computers.refresh([created]);
    expect(computers.find({ rule: 'Serial', serial: 'S6' })?.assetId).toBe('c5');
    expect(computers.find({ rule: 'Serial', serial: 'S5' })).toBeNull();
  });

  it('given a snapshot of its computers, then a fresh index loaded from it finds the same and folds no event twice', async () => {
    const computers = index();
    const created = createdComputer('c9', { serial: 'SNAP', name: 'PC-9' });
    await computers.refresh([created, inventoried('c9', 'device-9', ['bb:01'])]);
    async function* chunks() {
      yield [...computers.snapshot!.items()] as unknown[];
    }
    const restored = index();
    expect(await restored.snapshot!.load(chunks(), () => false)).toBe(1);
    expect(restored.find({ rule: 'MAC', macs: ['bb:01'] })?.assetId).toBe('c9');
    expect(restored.byDevice('device-9')?.assetId).toBe('c9');
    // an event read again from the snapshot's positions changes nothing
    await restored.refresh([
      { ...created, data: { ...(created.data as object), fields: { serial: 'OTHER' } } } as EventEnvelope,
    ]);
    expect(restored.find({ rule: 'Serial', serial: 'SNAP' })?.assetId).toBe('c9');
  });
});
