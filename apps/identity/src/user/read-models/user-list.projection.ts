import type { UserDetails, UserEvent } from '@itsm/contracts';
import type { Projection } from '@itsm/eventsourcing';
import type { Authorization } from '../user.decider';

export interface UserListDoc extends UserDetails {
  userId: string;
  login: string;
  /** for case-insensitive search and sort */
  loginLower: string;
  /** GLPI's "realname firstname", e.g. "BLIER Bertrand" */
  displayName: string;
  /** the default e-mail (first one), for sorting and the list's column */
  email: string | null;
  active: boolean;
  erased: boolean;
  defaultEntityId: string;
  defaultProfileId: string | null;
  authorizations: Authorization[];
  /** where the user is visible: its default entity and every entity it holds a profile on */
  entityIds: string[];
}

export const userListProjection: Projection<UserListDoc> = {
  name: 'user_list',
  handles: new Set([
    'user.registered',
    'user.details-changed',
    'user.defaults-changed',
    'user.deactivated',
    'user.reactivated',
    'user.authorization-granted',
    'user.authorization-revoked',
    'user.erased',
  ]),
  indexes: [
    { keys: { userId: 1 }, options: { name: 'user', unique: true } },
    { keys: { entityIds: 1 }, options: { name: 'entities' } },
    { keys: { loginLower: 1 }, options: { name: 'login' } },
  ],
  apply(current, envelope) {
    const event = envelope as unknown as UserEvent;
    if (event.type === 'user.registered') {
      const { userId, login, ...rest } = event.data;
      return withDerived({ userId, login, ...rest, erased: false, authorizations: [] });
    }
    return current && withDerived(applyChange(current, event));
  },
};

function applyChange(current: UserListDoc, event: UserEvent): UserListDoc {
  switch (event.type) {
    case 'user.details-changed': {
      const { userId: _userId, ...changes } = event.data;
      return { ...current, ...changes };
    }
    case 'user.defaults-changed':
      return { ...current, defaultEntityId: event.data.defaultEntityId, defaultProfileId: event.data.defaultProfileId };
    case 'user.deactivated':
      return { ...current, active: false };
    case 'user.reactivated':
      return { ...current, active: true };
    case 'user.authorization-granted': {
      const { userId: _userId, ...authorization } = event.data;
      return { ...current, authorizations: [...current.authorizations, authorization] };
    }
    case 'user.authorization-revoked':
      return {
        ...current,
        authorizations: current.authorizations.filter((held) => held.authorizationId !== event.data.authorizationId),
      };
    case 'user.erased':
      return {
        ...current,
        login: event.data.pseudonym,
        firstName: '',
        lastName: event.data.pseudonym,
        emails: [],
        phone: null,
        location: null,
        active: false,
        erased: true,
      };
    default:
      return current;
  }
}

type Derived = 'loginLower' | 'displayName' | 'email' | 'entityIds';

function withDerived(doc: Omit<UserListDoc, Derived>): UserListDoc {
  return {
    ...doc,
    loginLower: doc.login.toLowerCase(),
    displayName: `${doc.lastName} ${doc.firstName}`.trim() || doc.login,
    email: doc.emails[0] ?? null,
    entityIds: [...new Set([doc.defaultEntityId, ...doc.authorizations.map((held) => held.entityId)])],
  };
}
