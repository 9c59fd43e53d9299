import type { GroupEvent } from '@itsm/contracts';
import { deciderSpecification } from '@itsm/testing';
import { groupDecider, type GroupCommand } from './group.decider';

const spec = deciderSpecification(groupDecider);

const fields = {
  name: 'Network team',
  parentId: 'it',
  recursive: true,
  isRequester: false,
  isObserver: true,
  isAssignee: true,
};
const create: GroupCommand = { type: 'create-group', groupId: 'network', entityId: 'paris', ...fields };
const created: GroupEvent = { type: 'group.created', data: { groupId: 'network', entityId: 'paris', ...fields } };
const adaJoined: GroupEvent = { type: 'group.member-added', data: { groupId: 'network', userId: 'ada' } };
const update = (changes: Extract<GroupCommand, { type: 'update-group' }>['changes'], parentLineage: string[] = []) =>
  ({ type: 'update-group', changes, parentLineage }) as const;

describe('the group decider', () => {
  describe('create-group', () => {
    it('creates a group with a trimmed name', () => {
      spec
        .given([])
        .when({ ...create, name: '  Network team ' })
        .then([created]);
    });

    it('creates a top-level group without a parent', () => {
      spec
        .given([])
        .when({ ...create, parentId: null })
        .then([{ type: 'group.created', data: { groupId: 'network', entityId: 'paris', ...fields, parentId: null } }]);
    });

    it('refuses a blank name', () => {
      spec
        .given([])
        .when({ ...create, name: ' ' })
        .thenFails('invalid', /name must not be empty/);
    });

    it('refuses to create a group that already exists', () => {
      spec
        .given([created])
        .when(create)
        .thenFails('conflict', /group network already exists/);
    });
  });

  describe('update-group', () => {
    it('emits only the fields that changed', () => {
      spec
        .given([created])
        .when(update({ name: ' Network ', recursive: true, isRequester: true, isObserver: true }))
        .then([{ type: 'group.updated', data: { groupId: 'network', name: 'Network', isRequester: true } }]);
    });

    it('moves a group under another group', () => {
      spec
        .given([created])
        .when(update({ parentId: 'infra' }, ['infra', 'it']))
        .then([{ type: 'group.updated', data: { groupId: 'network', parentId: 'infra' } }]);
    });

    it('moves a group to the top level', () => {
      spec
        .given([created])
        .when(update({ parentId: null }))
        .then([{ type: 'group.updated', data: { groupId: 'network', parentId: null } }]);
    });

    it('does nothing when no field changes', () => {
      spec
        .given([created])
        .when(update({ name: 'Network team ', parentId: 'it' }, ['it']))
        .then([]);
    });

    it('refuses a blank name', () => {
      spec
        .given([created])
        .when(update({ name: '  ' }))
        .thenFails('invalid', /name must not be empty/);
    });

    it('a group cannot move under itself', () => {
      spec
        .given([created])
        .when(update({ parentId: 'network' }))
        .thenFails('rule', /cannot move under itself or one of its sub-groups/);
    });

    it('a group cannot move under its own sub-group', () => {
      spec
        .given([created])
        .when(update({ parentId: 'wifi' }, ['wifi', 'network', 'it']))
        .thenFails('rule', /cannot move under itself or one of its sub-groups/);
    });
  });

  describe('add-member and remove-member', () => {
    it('adds a member', () => {
      spec.given([created]).when({ type: 'add-member', userId: 'ada' }).then([adaJoined]);
    });

    it('adding a member twice does nothing', () => {
      spec.given([created, adaJoined]).when({ type: 'add-member', userId: 'ada' }).then([]);
    });

    it('removes a member', () => {
      spec
        .given([created, adaJoined])
        .when({ type: 'remove-member', userId: 'ada' })
        .then([{ type: 'group.member-removed', data: { groupId: 'network', userId: 'ada' } }]);
    });

    it('refuses to remove a user who is not a member', () => {
      spec
        .given([created, adaJoined])
        .when({ type: 'remove-member', userId: 'grace' })
        .thenFails('not_found', /not a member/);
    });
  });

  it.each<GroupCommand>([
    update({ name: 'Network' }),
    { type: 'add-member', userId: 'ada' },
    { type: 'remove-member', userId: 'ada' },
  ])('refuses $type on a group that does not exist', (command) => {
    spec
      .given([])
      .when(command)
      .thenFails('not_found', /no such group/);
  });

  it('folds its events into the current state', () => {
    const events: GroupEvent[] = [
      created,
      { type: 'group.updated', data: { groupId: 'network', name: 'Network', parentId: null, isRequester: true } },
      adaJoined,
      { type: 'group.member-added', data: { groupId: 'network', userId: 'grace' } },
      { type: 'group.member-removed', data: { groupId: 'network', userId: 'ada' } },
    ];
    expect(events.reduce(groupDecider.evolve, groupDecider.initialState())).toEqual({
      groupId: 'network',
      entityId: 'paris',
      ...fields,
      name: 'Network',
      parentId: null,
      isRequester: true,
      members: ['grace'],
    });
  });
});
