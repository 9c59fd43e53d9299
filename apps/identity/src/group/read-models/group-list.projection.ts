import { defineProjection } from '@itsm/eventsourcing';

export interface GroupListDoc {
  groupId: string;
  name: string;
  parentId: string | null;
  entityId: string;
  recursive: boolean;
  isRequester: boolean;
  isObserver: boolean;
  isAssignee: boolean;
  members: string[];
}

export const groupListProjection = defineProjection<GroupListDoc>({
  name: 'group_list',
  indexes: [
    { keys: { groupId: 1 }, options: { name: 'group', unique: true } },
    { keys: { members: 1 }, options: { name: 'members' } },
  ],
  handlers: {
    'group.created': (_current, { data }) => ({ ...data, members: [] }),
    'group.updated': (current, { data }) => current && { ...current, ...data },
    'group.member-added': (current, { data }) => current && { ...current, members: [...current.members, data.userId] },
    'group.member-removed': (current, { data }) =>
      current && { ...current, members: current.members.filter((member) => member !== data.userId) },
  },
});
