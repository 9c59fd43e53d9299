import type { UserDetails, UserLanguage } from '@itsm/contracts';
import { defineProjection } from '@itsm/eventsourcing';
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
  /** the screens' language the user prefers; absent or null: the browser's */
  language?: UserLanguage | null;
  authorizations: Authorization[];
  /** where the user is visible: its default entity and every entity it holds a profile on */
  entityIds: string[];
}

export const userListProjection = defineProjection<UserListDoc>({
  name: 'user_list',
  indexes: [
    { keys: { userId: 1 }, options: { name: 'user', unique: true } },
    { keys: { entityIds: 1 }, options: { name: 'entities' } },
    { keys: { loginLower: 1 }, options: { name: 'login' } },
  ],
  handlers: {
    'user.registered': (_current, { data }) => withDerived({ ...data, erased: false, authorizations: [] }),
    'user.details-changed': (current, { data: { userId: _userId, ...changes } }) =>
      current && withDerived({ ...current, ...changes }),
    'user.defaults-changed': (current, { data: { defaultEntityId, defaultProfileId } }) =>
      current && withDerived({ ...current, defaultEntityId, defaultProfileId }),
    'user.language-changed': (current, { data: { language } }) => current && { ...current, language },
    'user.deactivated': (current) => current && { ...current, active: false },
    'user.reactivated': (current) => current && { ...current, active: true },
    'user.authorization-granted': (current, { data: { userId: _userId, ...authorization } }) =>
      current && withDerived({ ...current, authorizations: [...current.authorizations, authorization] }),
    'user.authorization-revoked': (current, { data: { authorizationId } }) =>
      current &&
      withDerived({
        ...current,
        authorizations: current.authorizations.filter((held) => held.authorizationId !== authorizationId),
      }),
    'user.erased': (current, { data: { pseudonym } }) =>
      current &&
      withDerived({
        ...current,
        login: pseudonym,
        firstName: '',
        lastName: pseudonym,
        emails: [],
        phone: null,
        location: null,
        active: false,
        erased: true,
      }),
  },
});

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
