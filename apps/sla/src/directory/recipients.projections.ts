import type { GroupEvent, UserEvent } from '@itsm/contracts';
import type { Projection } from '@itsm/eventsourcing';

// What sla keeps of identity, fed by itsm.identity.events: where to send notifications.

export interface RecipientUser {
  userId: string;
  displayName: string;
  /** the first is the default address */
  emails: string[];
  active: boolean;
}

export interface RecipientGroup {
  groupId: string;
  name: string;
  entityId: string;
  members: string[];
}

const displayName = (lastName: string, firstName: string) => `${lastName} ${firstName}`.trim();

export const recipientUsersProjection: Projection<RecipientUser & { firstName: string; lastName: string }> = {
  name: 'recipient_users',
  handles: new Set(['user.registered', 'user.details-changed', 'user.deactivated', 'user.reactivated', 'user.erased']),
  indexes: [{ keys: { userId: 1 }, options: { name: 'user', unique: true } }],
  apply(current, envelope) {
    const event = envelope as unknown as UserEvent;
    if (event.type === 'user.registered') {
      const { userId, firstName, lastName, emails, active } = event.data;
      return { userId, firstName, lastName, emails, active, displayName: displayName(lastName, firstName) };
    }
    if (!current) return null;
    switch (event.type) {
      case 'user.details-changed': {
        const firstName = event.data.firstName ?? current.firstName;
        const lastName = event.data.lastName ?? current.lastName;
        const emails = event.data.emails ?? current.emails;
        return { ...current, firstName, lastName, emails, displayName: displayName(lastName, firstName) };
      }
      case 'user.deactivated':
        return { ...current, active: false };
      case 'user.reactivated':
        return { ...current, active: true };
      case 'user.erased':
        // GDPR: nothing personal stays here either
        return {
          ...current,
          firstName: '',
          lastName: event.data.pseudonym,
          displayName: event.data.pseudonym,
          emails: [],
          active: false,
        };
      default:
        return current;
    }
  },
};

export const recipientGroupsProjection: Projection<RecipientGroup> = {
  name: 'recipient_groups',
  handles: new Set(['group.created', 'group.updated', 'group.member-added', 'group.member-removed']),
  indexes: [{ keys: { groupId: 1 }, options: { name: 'group', unique: true } }],
  apply(current, envelope) {
    const event = envelope as unknown as GroupEvent;
    if (event.type === 'group.created') {
      const { groupId, name, entityId } = event.data;
      return { groupId, name, entityId, members: [] };
    }
    if (!current) return null;
    switch (event.type) {
      case 'group.updated':
        return { ...current, name: event.data.name ?? current.name };
      case 'group.member-added':
        return current.members.includes(event.data.userId)
          ? current
          : { ...current, members: [...current.members, event.data.userId] };
      case 'group.member-removed':
        return { ...current, members: current.members.filter((member) => member !== event.data.userId) };
    }
  },
};

export const recipientProjections = [recipientUsersProjection, recipientGroupsProjection];
