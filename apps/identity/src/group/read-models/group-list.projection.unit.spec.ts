import type { GroupEvent } from '@itsm/contracts';
import { projectEvents } from '@itsm/testing';
import { groupListProjection } from './group-list.projection';

const created: GroupEvent = {
  type: 'group.created',
  data: {
    groupId: 'g1',
    name: 'Techniciens',
    parentId: null,
    entityId: 'root',
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

describe('the group list', () => {
  it('given a group created, then it is listed without members', () => {
    expect(projectEvents(groupListProjection, [created])).toEqual({ ...created.data, members: [] });
  });

  it('when updated, then the fields the update names change', () => {
    expect(
      projectEvents(groupListProjection, [
        created,
        { type: 'group.updated', data: { groupId: 'g1', name: 'Support N2', isRequester: true } },
      ]),
    ).toMatchObject({ name: 'Support N2', isRequester: true, isObserver: true });
  });

  it('when members join and one leaves, then the others remain', () => {
    expect(
      projectEvents(groupListProjection, [
        created,
        member('group.member-added', 'u1'),
        member('group.member-added', 'u2'),
        member('group.member-removed', 'u1'),
      ])?.members,
    ).toEqual(['u2']);
  });

  it('given events of a group never created, then nothing is kept', () => {
    expect(projectEvents(groupListProjection, [member('group.member-added', 'u1')])).toBeNull();
  });
});
