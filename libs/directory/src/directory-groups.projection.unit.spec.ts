import type { GroupEvent } from '@itsm/contracts';
import { projectEvents } from '@itsm/testing';
import { directoryGroupsProjection } from './directory-groups.projection';

const created: GroupEvent = {
  type: 'group.created',
  data: {
    groupId: 'g1',
    name: 'Techniciens',
    parentId: null,
    entityId: 'A',
    recursive: true,
    isRequester: false,
    isObserver: true,
    isAssignee: true,
  },
};
const member = (type: 'group.member-added' | 'group.member-removed', userId: string): GroupEvent => ({
  type,
  data: { groupId: 'g1', userId },
});
const group = (...events: GroupEvent[]) => projectEvents(directoryGroupsProjection, [created, ...events]);

describe('the directory groups', () => {
  it('given a group created, then it has its roles and no member', () => {
    expect(group()).toEqual({
      groupId: 'g1',
      name: 'Techniciens',
      parentId: null,
      entityId: 'A',
      recursive: true,
      isRequester: false,
      isObserver: true,
      isAssignee: true,
      members: [],
    });
  });

  it('when members are added, once each, and one removed, then the others remain', () => {
    expect(
      group(
        member('group.member-added', 'u1'),
        member('group.member-added', 'u2'),
        member('group.member-added', 'u1'),
        member('group.member-removed', 'u1'),
      )?.members,
    ).toEqual(['u2']);
  });

  it('when updated, then what the update names changes and the rest stays', () => {
    expect(
      group({ type: 'group.updated', data: { groupId: 'g1', name: 'Support N2', isRequester: true } }),
    ).toMatchObject({ name: 'Support N2', isRequester: true, isObserver: true, recursive: true, parentId: null });
    expect(group({ type: 'group.updated', data: { groupId: 'g1', recursive: false, parentId: 'g0' } })).toMatchObject({
      name: 'Techniciens',
      recursive: false,
      parentId: 'g0',
    });
  });

  it('given events of a group never created, then nothing is kept', () => {
    expect(projectEvents(directoryGroupsProjection, [member('group.member-added', 'u1')])).toBeNull();
  });
});
