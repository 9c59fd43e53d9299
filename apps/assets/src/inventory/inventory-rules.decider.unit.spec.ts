import type { InventoryRulesSet } from '@itsm/contracts';
import { deciderSpecification } from '@itsm/testing';
import { inventoryRulesDecider, type ReorderInventoryRules } from './inventory-rules.decider';
import { defaultImportRules } from './domain/import-rules';

const spec = deciderSpecification(inventoryRulesDecider);

const serial = { name: 'Serial', criteria: ['serial' as const] };
const mac = { name: 'MAC', criteria: ['mac' as const] };
const name = { name: 'Name', criteria: ['name' as const] };
const siege = { name: 'Siège', tag: 'SIEGE', entityId: 'root' };
const agence = { name: 'Agence', ipRange: '10.1.0.0/16', entityId: 'A' };
const set = (data: InventoryRulesSet['data']): InventoryRulesSet => ({ type: 'inventory-rules.set', data });
const rulesSet = set({ importRules: [serial, mac, name], entityRules: [siege, agence], defaultEntityId: 'A' });
const reorder = (order: Omit<ReorderInventoryRules, 'type' | 'version'>, version = 1): ReorderInventoryRules => ({
  type: 'reorder-inventory-rules',
  version,
  ...order,
});

describe('reordering the inventory rules (GLPI’s Monter/Descendre)', () => {
  it('given rules set, when a rule moves up in each list, then the same rules are set in the new order', () => {
    spec
      .given([rulesSet])
      .when(reorder({ importRules: [1, 0, 2], entityRules: [1, 0] }))
      .then([set({ importRules: [mac, serial, name], entityRules: [agence, siege], defaultEntityId: 'A' })]);
  });

  it('given rules set, when only one list is given, then the other keeps its order', () => {
    spec
      .given([rulesSet])
      .when(reorder({ importRules: [0, 2, 1] }))
      .then([set({ importRules: [serial, name, mac], entityRules: [siege, agence], defaultEntityId: 'A' })]);
  });

  it('given no rules set, when the default import rules are reordered, then they are set, in the root entity', () => {
    const [first, second, ...others] = defaultImportRules;
    spec
      .given([])
      .when(reorder({ importRules: [1, 0, 2, 3, 4] }, 0))
      .then([set({ importRules: [second, first, ...others], entityRules: [], defaultEntityId: 'root' })]);
  });

  it('given rules changed since the caller read them, when reordered, then it is a conflict', () => {
    spec
      .given([rulesSet, rulesSet])
      .when(reorder({ importRules: [1, 0, 2] }))
      .thenFails('conflict', /changed since version 1/);
  });

  it('when a position is missing, repeated or unknown, then it is refused naming the list', () => {
    for (const importRules of [
      [1, 0],
      [0, 0, 1],
      [0, 1, 3],
      [0, 1, 2, 3],
    ]) {
      spec
        .given([rulesSet])
        .when(reorder({ importRules }))
        .thenFails('invalid', /^importRules: each position from 0 to 2 once$/);
    }
    spec
      .given([rulesSet])
      .when(reorder({ entityRules: [0] }))
      .thenFails('invalid', /^entityRules: each position from 0 to 1 once$/);
  });
});
