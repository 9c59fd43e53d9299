import type { EntityRule, ImportRule, InventoryRulesSet } from '@itsm/contracts';
import { DomainError, type Decider } from '@itsm/domain';
import { defaultImportRules, validRange } from './domain/import-rules';

/** The platform's inventory rules, one stream (`inventory-rules`): GLPI's import and entity rules. */
export interface InventoryRulesState {
  importRules: ImportRule[];
  entityRules: EntityRule[];
  /** null until set: new computers then go to the root entity */
  defaultEntityId: string | null;
  version: number;
}

export interface SetInventoryRules {
  type: 'set-inventory-rules';
  importRules: ImportRule[];
  entityRules: EntityRule[];
  defaultEntityId: string;
}

export const INVENTORY_RULES_STREAM = 'inventory-rules';

const invalid = (field: string, message: string) =>
  new DomainError('invalid', `${field}: ${message}`, { errors: [{ field, message }] });

function refusalOf(command: SetInventoryRules): DomainError | null {
  for (const [index, rule] of command.importRules.entries()) {
    if (rule.criteria.length === 0) return invalid(`importRules[${index}].criteria`, 'at least one criterion');
    if (new Set(rule.criteria).size !== rule.criteria.length) {
      return invalid(`importRules[${index}].criteria`, 'each criterion once');
    }
  }
  for (const [index, rule] of command.entityRules.entries()) {
    if (rule.tag === undefined && rule.ipRange === undefined) {
      return invalid(`entityRules[${index}]`, 'a tag, an IP range or both');
    }
    if (rule.ipRange !== undefined && !validRange(rule.ipRange)) {
      return invalid(`entityRules[${index}].ipRange`, 'an IPv4 CIDR range, e.g. 10.1.0.0/16');
    }
  }
  return null;
}

export const inventoryRulesDecider: Decider<SetInventoryRules, InventoryRulesSet, InventoryRulesState> = {
  stateVersion: 1,
  initialState: () => ({ importRules: defaultImportRules, entityRules: [], defaultEntityId: null, version: 0 }),
  decide(command, _state) {
    const refusal = refusalOf(command);
    if (refusal) return refusal;
    const { importRules, entityRules, defaultEntityId } = command;
    return [{ type: 'inventory-rules.set', data: { importRules, entityRules, defaultEntityId } }];
  },
  evolve: (state, event) => ({ ...event.data, version: state.version + 1 }),
};
