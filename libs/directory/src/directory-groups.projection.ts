import type { GroupRoles } from '@itsm/contracts';
import { defineProjection } from '@itsm/eventsourcing';

/** A group with its members, as tickets assign and sla notifies it. */
export interface DirectoryGroup extends GroupRoles {
  groupId: string;
  name: string;
  parentId: string | null;
  entityId: string;
  recursive: boolean;
  members: string[];
}

export const directoryGroupsProjection = defineProjection<DirectoryGroup>({
  name: 'directory_groups',
  indexes: [
    { keys: { groupId: 1 }, options: { name: 'group', unique: true } },
    { keys: { members: 1 }, options: { name: 'members' } },
  ],
  handlers: {
    'group.created': (_current, { data }) => ({ ...data, members: [] }),
    'group.updated': (current, { data }) =>
      current && {
        ...current,
        name: data.name ?? current.name,
        parentId: data.parentId === undefined ? current.parentId : data.parentId,
        recursive: data.recursive ?? current.recursive,
        isRequester: data.isRequester ?? current.isRequester,
        isObserver: data.isObserver ?? current.isObserver,
        isAssignee: data.isAssignee ?? current.isAssignee,
      },
    'group.member-added': (current, { data: { userId } }) =>
      current && (current.members.includes(userId) ? current : { ...current, members: [...current.members, userId] }),
    'group.member-removed': (current, { data: { userId } }) =>
      current && { ...current, members: current.members.filter((member) => member !== userId) },
  },
});
