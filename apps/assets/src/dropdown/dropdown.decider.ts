import type { DropdownEvent, DropdownKind } from '@itsm/contracts';
import { DomainError, isDomainError, type Decider } from '@itsm/domain';
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
      /** null or empty: none */
      comment: string | null;
      /** find-or-create: a value of the same name is no conflict, nothing is added */
      unlessPresent: boolean;
    }
  | { type: 'rename-value'; valueId: string; kind: DropdownKind; name: string }
  /** PATCH and `dropdown.update`: the name, the comment, or both at once; the absent ones stay */
  | { type: 'change-value'; valueId: string; kind: DropdownKind; name?: string; comment?: string | null };

/** One catalogue of one entity (stream `asset-dropdown-<kind>-<entityId>`): its values' names, by place. */
export interface DropdownState {
  /** valueId by placeKey (parent and name key) */
  byPlace: Record<string, string>;
  /** placeKey, parent and comment by valueId */
  values: Record<string, { place: string; parentId: string | null; comment?: string | null }>;
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
  const comment = cleanComment(command.comment);
  return [
    { type: 'asset-dropdown.value-added' as const, data: { valueId, kind, entityId, recursive, name, parentId } },
    ...(comment === null ? [] : [commented(valueId, kind, comment)]),
  ];
}

/** An empty comment is none. */
const cleanComment = (comment: string | null) => (comment === null || comment.trim() === '' ? null : comment);

const commented = (valueId: string, kind: DropdownKind, comment: string | null) => ({
  type: 'asset-dropdown.value-commented' as const,
  data: { valueId, kind, comment },
});

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

function change(command: Extract<DropdownCommand, { type: 'change-value' }>, state: DropdownState) {
  const { valueId, kind, name } = command;
  const value = state.values[valueId];
  if (!value) return new DomainError('not_found', `no ${kind} ${valueId}`);
  const renamed = name === undefined ? [] : rename({ type: 'rename-value', valueId, kind, name }, state);
  if (isDomainError(renamed)) return renamed;
  const wanted = command.comment === undefined ? undefined : cleanComment(command.comment);
  // the same comment again (a form saved unchanged, the same file imported again) records nothing
  const unchanged = wanted === undefined || (value.comment ?? null) === wanted;
  return [...renamed, ...(unchanged ? [] : [commented(valueId, kind, wanted)])];
}

function evolve(state: DropdownState, event: DropdownEvent): DropdownState {
  if (event.type === 'asset-dropdown.value-commented') {
    const value = state.values[event.data.valueId];
    return { ...state, values: { ...state.values, [event.data.valueId]: { ...value, comment: event.data.comment } } };
  }
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
  decide: (command, state) =>
    command.type === 'add-value'
      ? add(command, state)
      : command.type === 'rename-value'
        ? rename(command, state)
        : change(command, state),
  evolve,
  // 2: values keep their comment
  stateVersion: 2,
};

export const dropdownStreamId = (kind: DropdownKind, entityId: string): string => `asset-dropdown-${kind}-${entityId}`;
