import type { AssetCreated } from '@itsm/contracts';
import { deciderSpecification } from '@itsm/testing';
import { readAgentMessage } from '../inventory/domain/agent-message';
import { fusionInventoryInventory } from '../inventory/test-support/agent-fixtures';
import type { Composition } from '../inventory/domain/inventory.model';
import { assetDecider, type AssetCommand } from './asset.decider';

const spec = deciderSpecification(assetDecider);
const created = (assetType: 'computer' | 'monitor' = 'computer'): AssetCreated => ({
  type: 'asset.created',
  data: { assetId: 'a-1', assetType, entityId: 'e-1', dynamic: true, fields: { name: 'vm' } },
});
const composition = (): Composition => {
  const message = readAgentMessage(fusionInventoryInventory());
  if (message.kind !== 'inventory') throw new Error('an inventory expected');
  return message.inventory.composition;
};
const source = {
  deviceId: 'vm-2026-12-03-22-46-25',
  format: 'fusioninventory-xml',
  agentVersion: 'FusionInventory-Agent_v2.6-3',
  tag: 'demo-tag',
} as const;
const apply = (next: Composition): AssetCommand => ({ type: 'apply-inventory', ...source, composition: next });

describe('asset decider: agent inventory', () => {
  const first = assetDecider.decide(apply(composition()), assetDecider.evolve(assetDecider.initialState(), created()));
  if (!Array.isArray(first)) throw new Error(first.message);

  it('records a first inventory as everything added', () => {
    const [event] = first;
    expect(event.type).toBe('asset.inventory-applied');
    if (event.type !== 'asset.inventory-applied') return;
    expect(event.data).toMatchObject({ assetId: 'a-1', ...source, first: true });
    expect(event.data.software.installed).toHaveLength(773);
    expect(event.data.volumes.added).toHaveLength(1);
  });

  it('marks an unchanged re-inventory only as seen', () => {
    spec
      .given([created(), ...first])
      .when(apply(composition()))
      .then([{ type: 'asset.seen', data: { assetId: 'a-1', ...source } }]);
  });

  it('carries moved free space on the seen event, not as a change', () => {
    const next = composition();
    next.volumes = next.volumes.map((volume) => ({ ...volume, freeMb: 12 }));
    spec
      .given([created(), ...first])
      .when(apply(next))
      .then([
        { type: 'asset.seen', data: { assetId: 'a-1', ...source, freeSpace: [{ mountPoint: '/', freeMb: 12 }] } },
      ]);
  });

  it('records only what a re-inventory changed', () => {
    const next = composition();
    const [removed, upgraded] = next.software.splice(0, 2);
    next.software.push({ ...upgraded, version: `${upgraded.version}+deb1` }, { name: 'zz-tool', version: '1.0' });
    spec
      .given([created(), ...first])
      .when(apply(next))
      .then([
        {
          type: 'asset.inventory-applied',
          data: {
            assetId: 'a-1',
            ...source,
            first: false,
            software: {
              installed: [{ name: 'zz-tool', version: '1.0' }],
              removed: [removed],
              upgraded: [{ from: upgraded, to: { ...upgraded, version: `${upgraded.version}+deb1` } }],
            },
            components: { added: [], removed: [] },
            volumes: { added: [], removed: [] },
            networkPorts: { added: [], removed: [] },
            addresses: { added: [], removed: [] },
          },
        },
      ]);
  });

  it('refuses an inventory for an asset that is not a computer, or not there', () => {
    spec
      .given([created('monitor')])
      .when(apply(composition()))
      .thenFails('rule', /computer, not a monitor/);
    spec.given([]).when(apply(composition())).thenFails('not_found');
  });
});
