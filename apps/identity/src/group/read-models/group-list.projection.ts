import type { GroupEvent } from '@itsm/contracts';
import type { Projection } from '@itsm/eventsourcing';

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

export const groupListProjection: Projection<GroupListDoc> = {
  name: 'group_list',
  handles: new Set(['group.created', 'group.updated', 'group.member-added', 'group.member-removed']),
  indexes: [
    { keys: { groupId: 1 }, options: { name: 'group', unique: true } },
    { keys: { members: 1 }, options: { name: 'members' } },
  ],
  apply(current, envelope) {
    const event = envelope as unknown as GroupEvent;
    if (event.type === 'group.created') return { ...event.data, members: [] };
    if (!current) return null;
    switch (event.type) {
      case 'group.updated':
        return { ...current, ...event.data };
      case 'group.member-added':
        return { ...current, members: [...current.members, event.data.userId] };
      case 'group.member-removed':
        return { ...current, members: current.members.filter((member) => member !== event.data.userId) };
    }
  },
};
