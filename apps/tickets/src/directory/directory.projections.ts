import type { EntityEvent, EntitySettings, GroupEvent, GroupRoles, UserEvent } from '@itsm/contracts';
import type { Projection } from '@itsm/eventsourcing';

// What tickets keeps of identity's data, fed by itsm.identity.events: names to show, group
// membership for "my groups" and approvals, entity settings for auto-close. Never a call to identity.

export interface DirectoryUser {
  userId: string;
  login: string;
  displayName: string;
  active: boolean;
}

export interface DirectoryGroup extends GroupRoles {
  groupId: string;
  name: string;
  entityId: string;
  members: string[];
}

export interface DirectoryEntity {
  entityId: string;
  name: string;
  parentId: string | null;
  settings: EntitySettings;
}

const displayName = (lastName: string, firstName: string, login: string) => `${lastName} ${firstName}`.trim() || login;

export const directoryUsersProjection: Projection<DirectoryUser & { firstName: string; lastName: string }> = {
  name: 'directory_users',
  handles: new Set(['user.registered', 'user.details-changed', 'user.deactivated', 'user.reactivated', 'user.erased']),
  indexes: [{ keys: { userId: 1 }, options: { name: 'user', unique: true } }],
  apply(current, envelope) {
    const event = envelope as unknown as UserEvent;
    if (event.type === 'user.registered') {
      const { userId, login, firstName, lastName, active } = event.data;
      return { userId, login, firstName, lastName, active, displayName: displayName(lastName, firstName, login) };
    }
    if (!current) return null;
    switch (event.type) {
      case 'user.details-changed': {
        const firstName = event.data.firstName ?? current.firstName;
        const lastName = event.data.lastName ?? current.lastName;
        return { ...current, firstName, lastName, displayName: displayName(lastName, firstName, current.login) };
      }
      case 'user.deactivated':
        return { ...current, active: false };
      case 'user.reactivated':
        return { ...current, active: true };
      case 'user.erased': {
        const pseudonym = event.data.pseudonym;
        return {
          ...current,
          login: pseudonym,
          firstName: '',
          lastName: pseudonym,
          displayName: pseudonym,
          active: false,
        };
      }
      default:
        return current;
    }
  },
};

export const directoryGroupsProjection: Projection<DirectoryGroup> = {
  name: 'directory_groups',
  handles: new Set(['group.created', 'group.updated', 'group.member-added', 'group.member-removed']),
  indexes: [
    { keys: { groupId: 1 }, options: { name: 'group', unique: true } },
    { keys: { members: 1 }, options: { name: 'members' } },
  ],
  apply(current, envelope) {
    const event = envelope as unknown as GroupEvent;
    if (event.type === 'group.created') {
      const { groupId, name, entityId, isRequester, isObserver, isAssignee } = event.data;
      return { groupId, name, entityId, isRequester, isObserver, isAssignee, members: [] };
    }
    if (!current) return null;
    switch (event.type) {
      case 'group.updated': {
        const { name, isRequester, isObserver, isAssignee } = event.data;
        return {
          ...current,
          name: name ?? current.name,
          isRequester: isRequester ?? current.isRequester,
          isObserver: isObserver ?? current.isObserver,
          isAssignee: isAssignee ?? current.isAssignee,
        };
      }
      case 'group.member-added':
        return { ...current, members: [...current.members, event.data.userId] };
      case 'group.member-removed':
        return { ...current, members: current.members.filter((member) => member !== event.data.userId) };
    }
  },
};

export const directoryEntitiesProjection: Projection<DirectoryEntity> = {
  name: 'directory_entities',
  handles: new Set(['entity.created', 'entity.renamed', 'entity.moved', 'entity.settings-changed']),
  indexes: [{ keys: { entityId: 1 }, options: { name: 'entity', unique: true } }],
  apply(current, envelope) {
    const event = envelope as unknown as EntityEvent;
    if (event.type === 'entity.created') return { ...event.data };
    if (!current) return null;
    switch (event.type) {
      case 'entity.renamed':
        return { ...current, name: event.data.name };
      case 'entity.moved':
        return { ...current, parentId: event.data.parentId };
      case 'entity.settings-changed':
        return { ...current, settings: event.data.settings };
    }
  },
};

export const directoryProjections = [directoryUsersProjection, directoryGroupsProjection, directoryEntitiesProjection];
