import { DomainError, type Decider } from '@itsm/domain';
import type { EntityEvent, EntitySettings } from '@itsm/contracts';

/** GLPI's entity 0, "Entité racine": exists from the first start and is nobody's child. */
export const ROOT_ENTITY_ID = 'root';
export const ROOT_ENTITY_NAME = 'Entité racine';

export const ROOT_SETTINGS: EntitySettings = { autoCloseMode: 'never', autoCloseDelayDays: 0, calendarId: null };
export const INHERITED_SETTINGS: EntitySettings = { autoCloseMode: 'inherit', autoCloseDelayDays: 0, calendarId: null };

export type EntityCommand =
  | {
      type: 'create-entity';
      entityId: string;
      name: string;
      parentId: string | null;
      settings?: Partial<EntitySettings>;
    }
  | { type: 'rename-entity'; name: string }
  /** parentLineage: the new parent and its ancestors, read by the handler from the entity tree */
  | { type: 'move-entity'; parentId: string; parentLineage: string[] }
  | { type: 'change-entity-settings'; settings: Partial<EntitySettings> };

export interface EntityState {
  entityId: string | null;
  name: string;
  parentId: string | null;
  settings: EntitySettings;
}

const initialState = (): EntityState => ({ entityId: null, name: '', parentId: null, settings: INHERITED_SETTINGS });

function decide(command: EntityCommand, state: EntityState): EntityEvent[] | DomainError {
  if (command.type === 'create-entity') return create(command, state);
  if (state.entityId === null) return new DomainError('not_found', 'no such entity');
  const entityId = state.entityId;
  switch (command.type) {
    case 'rename-entity': {
      const name = command.name.trim();
      if (!name) return new DomainError('invalid', 'name must not be empty');
      return name === state.name ? [] : [{ type: 'entity.renamed', data: { entityId, name } }];
    }
    case 'move-entity':
      return move(command, state, entityId);
    case 'change-entity-settings': {
      const settings = { ...state.settings, ...command.settings };
      const invalid = settingsError(settings, state.parentId === null);
      if (invalid) return invalid;
      if (JSON.stringify(settings) === JSON.stringify(state.settings)) return [];
      return [{ type: 'entity.settings-changed', data: { entityId, settings } }];
    }
  }
}

function create(command: Extract<EntityCommand, { type: 'create-entity' }>, state: EntityState) {
  if (state.entityId !== null) return new DomainError('conflict', `entity ${command.entityId} already exists`);
  const isRoot = command.entityId === ROOT_ENTITY_ID;
  if (isRoot !== (command.parentId === null)) {
    return new DomainError('rule', 'only the root entity has no parent');
  }
  const name = command.name.trim();
  if (!name) return new DomainError('invalid', 'name must not be empty');
  const settings = { ...(isRoot ? ROOT_SETTINGS : INHERITED_SETTINGS), ...command.settings };
  const invalid = settingsError(settings, isRoot);
  if (invalid) return invalid;
  return [
    {
      type: 'entity.created' as const,
      data: { entityId: command.entityId, name, parentId: command.parentId, settings },
    },
  ];
}

function move(command: Extract<EntityCommand, { type: 'move-entity' }>, state: EntityState, entityId: string) {
  if (state.parentId === null) return new DomainError('rule', 'the root entity cannot move');
  if (command.parentId === state.parentId) return [];
  if (command.parentLineage.includes(entityId)) {
    return new DomainError('rule', 'an entity cannot move under itself or one of its sub-entities');
  }
  return [
    {
      type: 'entity.moved' as const,
      data: { entityId, parentId: command.parentId, previousParentId: state.parentId },
    },
  ];
}

function settingsError(settings: EntitySettings, isRoot: boolean): DomainError | undefined {
  if (isRoot && settings.autoCloseMode === 'inherit') {
    return new DomainError('rule', 'the root entity has no parent to inherit the auto-close delay from');
  }
  const days = settings.autoCloseDelayDays;
  if (!Number.isInteger(days) || days < 0 || days > 99) {
    return new DomainError('invalid', 'autoCloseDelayDays must be an integer from 0 to 99');
  }
  return undefined;
}

function evolve(state: EntityState, event: EntityEvent): EntityState {
  switch (event.type) {
    case 'entity.created':
      return {
        entityId: event.data.entityId,
        name: event.data.name,
        parentId: event.data.parentId,
        settings: event.data.settings,
      };
    case 'entity.renamed':
      return { ...state, name: event.data.name };
    case 'entity.moved':
      return { ...state, parentId: event.data.parentId };
    case 'entity.settings-changed':
      return { ...state, settings: event.data.settings };
  }
}

export const entityDecider: Decider<EntityCommand, EntityEvent, EntityState> = {
  initialState,
  decide,
  evolve,
  stateVersion: 1,
};

export const entityStreamId = (entityId: string): string => `entity-${entityId}`;
