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

/**
 * GLPI's "Monter"/"Descendre": the same rules in another order, which is the matching order. Each
 * list gives the current positions in their new order; `version` is the rules' version the
 * caller saw, so that a move made on a stale list is refused rather than moving another rule.
 */
export interface ReorderInventoryRules {
  type: 'reorder-inventory-rules';
  version: number;
  importRules?: number[];
  entityRules?: number[];
}

export type InventoryRulesCommand = SetInventoryRules | ReorderInventoryRules;

export const INVENTORY_RULES_STREAM = 'inventory-rules';

/** The root entity identity creates first: where computers go until a default entity is set. */
export const ROOT_ENTITY_ID = 'root';

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

/** The rules in the order given, or a refusal naming the list when it is not a reordering of them all. */
function reordered<Rule>(rules: Rule[], order: number[] | undefined, field: string): Rule[] | DomainError {
  if (order === undefined) return rules;
  const whole = order.length === rules.length && new Set(order).size === order.length;
  if (!whole || order.some((position) => !Number.isInteger(position) || position < 0 || position >= rules.length)) {
    return invalid(field, `each position from 0 to ${rules.length - 1} once`);
  }
  return order.map((position) => rules[position]);
}

function reorder(command: ReorderInventoryRules, state: InventoryRulesState): InventoryRulesSet[] | DomainError {
  if (command.version !== state.version) {
    return new DomainError('conflict', `the inventory rules changed since version ${command.version}: read them again`);
  }
  const importRules = reordered(state.importRules, command.importRules, 'importRules');
  if (importRules instanceof DomainError) return importRules;
  const entityRules = reordered(state.entityRules, command.entityRules, 'entityRules');
  if (entityRules instanceof DomainError) return entityRules;
  const defaultEntityId = state.defaultEntityId ?? ROOT_ENTITY_ID;
  return [{ type: 'inventory-rules.set', data: { importRules, entityRules, defaultEntityId } }];
}

export const inventoryRulesDecider: Decider<InventoryRulesCommand, InventoryRulesSet, InventoryRulesState> = {
  stateVersion: 1,
  initialState: () => ({ importRules: defaultImportRules, entityRules: [], defaultEntityId: null, version: 0 }),
  decide(command, state) {
    if (command.type === 'reorder-inventory-rules') return reorder(command, state);
    const refusal = refusalOf(command);
    if (refusal) return refusal;
    const { importRules, entityRules, defaultEntityId } = command;
    return [{ type: 'inventory-rules.set', data: { importRules, entityRules, defaultEntityId } }];
  },
  evolve: (state, event) => ({ ...event.data, version: state.version + 1 }),
};
