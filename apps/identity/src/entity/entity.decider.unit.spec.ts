import type { EntityEvent } from '@itsm/contracts';
import { deciderSpecification } from '@itsm/testing';
import {
  entityDecider,
  INHERITED_SETTINGS,
  ROOT_ENTITY_ID,
  ROOT_ENTITY_NAME,
  ROOT_SETTINGS,
  type EntityCommand,
} from './entity.decider';

const spec = deciderSpecification(entityDecider);

const rootCreated: EntityEvent = {
  type: 'entity.created',
  data: { entityId: ROOT_ENTITY_ID, name: ROOT_ENTITY_NAME, parentId: null, settings: ROOT_SETTINGS },
};
const parisCreated: EntityEvent = {
  type: 'entity.created',
  data: { entityId: 'paris', name: 'Paris', parentId: ROOT_ENTITY_ID, settings: INHERITED_SETTINGS },
};
const createParis: EntityCommand = {
  type: 'create-entity',
  entityId: 'paris',
  name: 'Paris',
  parentId: ROOT_ENTITY_ID,
};

describe('the entity decider', () => {
  describe('create-entity', () => {
    it('creates the root entity without a parent, closing nothing automatically', () => {
      spec
        .given([])
        .when({ type: 'create-entity', entityId: ROOT_ENTITY_ID, name: ROOT_ENTITY_NAME, parentId: null })
        .then([rootCreated]);
    });

    it('creates a sub-entity with a trimmed name, inheriting its settings by default', () => {
      spec
        .given([])
        .when({ ...createParis, name: '  Paris  ' })
        .then([parisCreated]);
    });

    it('applies the settings given at creation over the defaults', () => {
      spec
        .given([])
        .when({ ...createParis, settings: { autoCloseMode: 'days', autoCloseDelayDays: 7 } })
        .then([
          {
            type: 'entity.created',
            data: {
              entityId: 'paris',
              name: 'Paris',
              parentId: ROOT_ENTITY_ID,
              settings: { autoCloseMode: 'days', autoCloseDelayDays: 7, calendarId: null },
            },
          },
        ]);
    });

    it('refuses a root entity with a parent', () => {
      spec
        .given([])
        .when({ type: 'create-entity', entityId: ROOT_ENTITY_ID, name: 'Root', parentId: 'paris' })
        .thenFails('rule', /only the root entity has no parent/);
    });

    it('refuses a non-root entity without a parent', () => {
      spec
        .given([])
        .when({ ...createParis, parentId: null })
        .thenFails('rule', /only the root entity has no parent/);
    });

    it('refuses a blank name', () => {
      spec
        .given([])
        .when({ ...createParis, name: '   ' })
        .thenFails('invalid', /name must not be empty/);
    });

    it('refuses a root entity inheriting its auto-close delay', () => {
      spec
        .given([])
        .when({
          type: 'create-entity',
          entityId: ROOT_ENTITY_ID,
          name: ROOT_ENTITY_NAME,
          parentId: null,
          settings: { autoCloseMode: 'inherit' },
        })
        .thenFails('rule', /root entity has no parent to inherit/);
    });

    it('refuses an auto-close delay out of 0..99 days', () => {
      spec
        .given([])
        .when({ ...createParis, settings: { autoCloseMode: 'days', autoCloseDelayDays: 100 } })
        .thenFails('invalid', /autoCloseDelayDays must be an integer from 0 to 99/);
    });

    it('refuses to create an entity that already exists', () => {
      spec
        .given([parisCreated])
        .when(createParis)
        .thenFails('conflict', /entity paris already exists/);
    });
  });

  describe('rename-entity', () => {
    it('renames an entity with a trimmed name', () => {
      spec
        .given([parisCreated])
        .when({ type: 'rename-entity', name: ' Paris HQ ' })
        .then([{ type: 'entity.renamed', data: { entityId: 'paris', name: 'Paris HQ' } }]);
    });

    it('does nothing when the name is unchanged', () => {
      spec.given([parisCreated]).when({ type: 'rename-entity', name: 'Paris ' }).then([]);
    });

    it('refuses a blank name', () => {
      spec
        .given([parisCreated])
        .when({ type: 'rename-entity', name: ' ' })
        .thenFails('invalid', /name must not be empty/);
    });
  });

  describe('move-entity', () => {
    it('moves an entity under another parent, remembering the former one', () => {
      spec
        .given([parisCreated])
        .when({ type: 'move-entity', parentId: 'france', parentLineage: ['france', ROOT_ENTITY_ID] })
        .then([{ type: 'entity.moved', data: { entityId: 'paris', parentId: 'france', previousParentId: 'root' } }]);
    });

    it('does nothing when the parent is unchanged', () => {
      spec
        .given([parisCreated])
        .when({ type: 'move-entity', parentId: ROOT_ENTITY_ID, parentLineage: [ROOT_ENTITY_ID] })
        .then([]);
    });

    it('moving an entity under itself is refused', () => {
      spec
        .given([parisCreated])
        .when({ type: 'move-entity', parentId: 'paris', parentLineage: ['paris', ROOT_ENTITY_ID] })
        .thenFails('rule', /cannot move under itself or one of its sub-entities/);
    });

    it('moving an entity under its own sub-entity is refused', () => {
      spec
        .given([parisCreated])
        .when({ type: 'move-entity', parentId: 'paris-15', parentLineage: ['paris-15', 'paris', ROOT_ENTITY_ID] })
        .thenFails('rule', /cannot move under itself or one of its sub-entities/);
    });

    it('the root entity cannot move', () => {
      spec
        .given([rootCreated])
        .when({ type: 'move-entity', parentId: 'paris', parentLineage: ['paris'] })
        .thenFails('rule', /root entity cannot move/);
    });
  });

  describe('change-entity-settings', () => {
    it('emits the whole new settings', () => {
      spec
        .given([parisCreated])
        .when({ type: 'change-entity-settings', settings: { calendarId: 'office-hours' } })
        .then([
          {
            type: 'entity.settings-changed',
            data: { entityId: 'paris', settings: { ...INHERITED_SETTINGS, calendarId: 'office-hours' } },
          },
        ]);
    });

    it('does nothing when the settings are unchanged', () => {
      spec
        .given([parisCreated])
        .when({ type: 'change-entity-settings', settings: { autoCloseMode: 'inherit' } })
        .then([]);
    });

    it('the root entity cannot inherit its auto-close delay', () => {
      spec
        .given([rootCreated])
        .when({ type: 'change-entity-settings', settings: { autoCloseMode: 'inherit' } })
        .thenFails('rule', /root entity has no parent to inherit/);
    });

    it.each([0, 99])('accepts an auto-close delay of %d days', (days) => {
      spec
        .given([parisCreated])
        .when({ type: 'change-entity-settings', settings: { autoCloseMode: 'days', autoCloseDelayDays: days } })
        .then([
          {
            type: 'entity.settings-changed',
            data: {
              entityId: 'paris',
              settings: { autoCloseMode: 'days', autoCloseDelayDays: days, calendarId: null },
            },
          },
        ]);
    });

    it.each([-1, 100, 2.5])('refuses an auto-close delay of %d days', (days) => {
      spec
        .given([parisCreated])
        .when({ type: 'change-entity-settings', settings: { autoCloseMode: 'days', autoCloseDelayDays: days } })
        .thenFails('invalid', /autoCloseDelayDays must be an integer from 0 to 99/);
    });
  });

  it.each<EntityCommand>([
    { type: 'rename-entity', name: 'Paris' },
    { type: 'move-entity', parentId: ROOT_ENTITY_ID, parentLineage: [ROOT_ENTITY_ID] },
    { type: 'change-entity-settings', settings: {} },
  ])('refuses $type on an entity that does not exist', (command) => {
    spec
      .given([])
      .when(command)
      .thenFails('not_found', /no such entity/);
  });

  it('folds its events into the current state', () => {
    const events: EntityEvent[] = [
      parisCreated,
      { type: 'entity.renamed', data: { entityId: 'paris', name: 'Paris HQ' } },
      { type: 'entity.moved', data: { entityId: 'paris', parentId: 'france', previousParentId: ROOT_ENTITY_ID } },
      { type: 'entity.settings-changed', data: { entityId: 'paris', settings: ROOT_SETTINGS } },
    ];
    expect(events.reduce(entityDecider.evolve, entityDecider.initialState())).toEqual({
      entityId: 'paris',
      name: 'Paris HQ',
      parentId: 'france',
      settings: ROOT_SETTINGS,
    });
  });
});
