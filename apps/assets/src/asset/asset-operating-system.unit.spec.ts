import type { AssetCoreEvent, AssetInventoryApplied, OperatingSystem } from '@itsm/contracts';
import { deciderSpecification, projectEvents } from '@itsm/testing';
import { readAgentMessage } from '../inventory/domain/agent-message';
import type { Composition } from '../inventory/domain/inventory.model';
import { computerCompositionProjection } from '../inventory/read-models/computer-composition.projection';
import { fusionInventoryInventory } from '../inventory/test-support/agent-fixtures';
import { assetDecider, type AssetCommand } from './asset.decider';
import { inventoryChanges } from './queries/inventory-history';

// GLPI's Data Injection sets a computer's operating system (Item_OperatingSystem) as a person
// would on a computer no agent feeds: nothing is locked, so its agent's first inventory reports
// its own over it.

const spec = deciderSpecification(assetDecider);
const windows: OperatingSystem = { name: 'Windows', version: '11', edition: 'Professionnel', architecture: '64-bit' };
const create = (assetType: 'computer' | 'monitor', operatingSystem?: OperatingSystem): AssetCommand => ({
  type: 'create-asset',
  assetId: 'a-1',
  assetType,
  entityId: 'e-1',
  dynamic: false,
  fields: { name: 'PC-BLIER' },
  ...(operatingSystem ? { operatingSystem } : {}),
});
const created: AssetCoreEvent = {
  type: 'asset.created',
  data: { assetId: 'a-1', assetType: 'computer', entityId: 'e-1', dynamic: false, fields: { name: 'PC-BLIER' } },
};
const osSet = (operatingSystem: OperatingSystem): AssetCoreEvent => ({
  type: 'asset.operating-system-set',
  data: { assetId: 'a-1', assetType: 'computer', operatingSystem },
});
const agentComposition = (): Composition => {
  const message = readAgentMessage(fusionInventoryInventory());
  if (message.kind !== 'inventory') throw new Error('an inventory expected');
  return message.inventory.composition;
};
const apply = (composition: Composition): AssetCommand => ({
  type: 'apply-inventory',
  deviceId: 'vm-1',
  format: 'fusioninventory-xml',
  agentVersion: null,
  tag: null,
  composition,
});
const firstInventory = (composition: Composition): AssetInventoryApplied => {
  const state = [created, osSet(windows)].reduce(assetDecider.evolve, assetDecider.initialState());
  const decided = assetDecider.decide(apply(composition), state);
  if (!Array.isArray(decided) || decided[0].type !== 'asset.inventory-applied')
    throw new Error('an inventory expected');
  return decided[0];
};

describe('a computer created with an operating system (an import’s OS columns)', () => {
  it('records the computer, then its operating system, written as agents write names', () => {
    spec
      .given([])
      .when(create('computer', { name: ' Windows ', version: '11', edition: 'Professionnel', architecture: '64-bit' }))
      .then([created, osSet(windows)]);
    spec
      .given([])
      .when(create('computer', { name: 'Ubuntu  24.04', version: '', kernel: '  ' }))
      .then([created, osSet({ name: 'Ubuntu 24.04' })]);
  });

  it('records no operating system when none is given, and refuses one without a name or on another type', () => {
    spec.given([]).when(create('computer')).then([created]);
    spec
      .given([])
      .when(create('computer', { name: '  ' }))
      .thenFails('invalid', /needs a name/);
    spec
      .given([])
      .when(create('monitor', windows))
      .thenFails('invalid', /monitor has no operating system/);
  });

  it('is not locked: the agent’s first inventory reports its operating system over it, from the one set', () => {
    const composition = agentComposition();
    const inventory = firstInventory(composition);
    expect(inventory.data.first).toBe(true);
    expect(inventory.data.operatingSystem).toEqual({ from: windows, to: composition.operatingSystem });
    const state = [created, osSet(windows), inventory].reduce(assetDecider.evolve, assetDecider.initialState());
    expect(state.inventory.composition.operatingSystem).toEqual(composition.operatingSystem);
    expect(state.locked).toEqual([]);
  });

  it('an agent reporting the same operating system changes nothing of it', () => {
    const composition = { ...agentComposition(), operatingSystem: windows };
    const inventory = firstInventory(composition);
    expect(inventory.data.operatingSystem).toBeUndefined();
    const state = [created, osSet(windows), inventory].reduce(assetDecider.evolve, assetDecider.initialState());
    expect(state.inventory.composition.operatingSystem).toEqual(windows);
    const document = projectEvents(computerCompositionProjection, [created, osSet(windows), inventory]);
    expect(document?.operatingSystem).toEqual(windows);
  });

  it('shows in the computer’s composition, as an agent’s would, and then the agent’s', () => {
    expect(projectEvents(computerCompositionProjection, [created, osSet(windows)])).toMatchObject({
      assetId: 'a-1',
      operatingSystem: windows,
      components: [],
      lastInventoryAt: null,
    });
    const composition = agentComposition();
    const document = projectEvents(computerCompositionProjection, [
      created,
      osSet(windows),
      firstInventory(composition),
    ]);
    expect(document?.operatingSystem).toEqual(composition.operatingSystem);
  });

  it('is a line of the computer’s history', () => {
    expect(inventoryChanges(osSet(windows))).toEqual([{ field: 'operatingSystem', from: null, to: 'Windows 11' }]);
  });
});

describe('an existing computer given an operating system (an import’s update line, asset.update v2)', () => {
  const ubuntu: OperatingSystem = { name: 'Ubuntu', version: '24.04' };
  const update = (operatingSystem: OperatingSystem, changes = {}): AssetCommand => ({
    type: 'update-asset',
    changes,
    source: 'person',
    operatingSystem,
  });

  it('gets it when it differs, with the fields changed first', () => {
    spec
      .given([created, osSet(windows)])
      .when(update(ubuntu))
      .then([osSet(ubuntu)]);
    spec
      .given([created])
      .when(update(windows, { serial: 'SN-1' }))
      .then([
        {
          type: 'asset.updated',
          data: { assetId: 'a-1', assetType: 'computer', changes: { serial: 'SN-1' }, locked: [] },
        },
        osSet(windows),
      ]);
  });

  it('records nothing when it is the one the computer has, and refuses it on another type', () => {
    spec
      .given([created, osSet(windows)])
      .when(update({ ...windows, name: ' Windows ' }))
      .then([]);
    const monitor: AssetCoreEvent = {
      type: 'asset.created',
      data: { assetId: 'a-1', assetType: 'monitor', entityId: 'e-1', dynamic: false, fields: { name: 'ECRAN' } },
    };
    spec
      .given([monitor])
      .when(update(windows))
      .thenFails('invalid', /a monitor has no operating system/);
  });
});
