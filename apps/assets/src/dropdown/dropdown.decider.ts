import type { DropdownEvent, DropdownKind } from '@itsm/contracts';
import { DomainError, type Decider } from '@itsm/domain';
import { normaliseName, placeKey } from './domain/dropdown-name';

export type DropdownCommand =
  | {
      type: 'add-value';
      valueId: string;
      kind: DropdownKind;
      entityId: string;
      recursive: boolean;
      name: string;
      parentId: string | null;
      /** find-or-create: a value of the same name is no conflict, nothing is added */
      unlessPresent: boolean;
    }
  | { type: 'rename-value'; valueId: string; kind: DropdownKind; name: string };

/** One catalogue of one entity (stream `asset-dropdown-<kind>-<entityId>`): its values' names, by place. */
export interface DropdownState {
  /** valueId by placeKey (parent and name key) */
  byPlace: Record<string, string>;
  /** placeKey and parent by valueId */
  values: Record<string, { place: string; parentId: string | null }>;
}

const MAX_NAME = 255;

function nameRefusal(name: string): DomainError | null {
  if (name === '') return new DomainError('invalid', 'name must not be empty');
  return name.length > MAX_NAME ? new DomainError('invalid', `name must be at most ${MAX_NAME} characters`) : null;
}

function add(command: Extract<DropdownCommand, { type: 'add-value' }>, state: DropdownState) {
  const name = normaliseName(command.name);
  const refused = nameRefusal(name);
  if (refused) return refused;
  if (command.parentId !== null && command.kind !== 'location') {
    return new DomainError('invalid', 'only locations have a parent');
  }
  if (state.byPlace[placeKey(name, command.parentId)] !== undefined) {
    return command.unlessPresent ? [] : new DomainError('conflict', `${command.kind} "${name}" exists already`);
  }
  const { valueId, kind, entityId, recursive, parentId } = command;
  return [
    { type: 'asset-dropdown.value-added' as const, data: { valueId, kind, entityId, recursive, name, parentId } },
  ];
}

function rename(command: Extract<DropdownCommand, { type: 'rename-value' }>, state: DropdownState) {
  const value = state.values[command.valueId];
  if (!value) return new DomainError('not_found', `no ${command.kind} ${command.valueId}`);
  const name = normaliseName(command.name);
  const refused = nameRefusal(name);
  if (refused) return refused;
  const taken = state.byPlace[placeKey(name, value.parentId)];
  // the same value may change its case or spacing
  if (taken !== undefined && taken !== command.valueId) {
    return new DomainError('conflict', `${command.kind} "${name}" exists already`);
  }
  return [
    { type: 'asset-dropdown.value-renamed' as const, data: { valueId: command.valueId, kind: command.kind, name } },
  ];
}

function evolve(state: DropdownState, event: DropdownEvent): DropdownState {
  if (event.type === 'asset-dropdown.value-added') {
    const { valueId, name, parentId } = event.data;
    const place = placeKey(name, parentId);
    return {
      byPlace: { ...state.byPlace, [place]: valueId },
      values: { ...state.values, [valueId]: { place, parentId } },
    };
  }
  const value = state.values[event.data.valueId];
  const place = placeKey(event.data.name, value.parentId);
  const { [value.place]: _old, ...others } = state.byPlace;
  return {
    byPlace: { ...others, [place]: event.data.valueId },
    values: { ...state.values, [event.data.valueId]: { ...value, place } },
  };
}

/**
 * An entity's catalogue of one kind (types of computers, manufacturers, locations…): names are
 * unique by their key (`nameKey`), among siblings for locations.
 */
export const dropdownDecider: Decider<DropdownCommand, DropdownEvent, DropdownState> = {
  initialState: () => ({ byPlace: {}, values: {} }),
  decide: (command, state) => (command.type === 'add-value' ? add(command, state) : rename(command, state)),
  evolve,
  stateVersion: 1,
};

export const dropdownStreamId = (kind: DropdownKind, entityId: string): string => `asset-dropdown-${kind}-${entityId}`;
