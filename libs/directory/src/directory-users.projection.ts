import { defineProjection } from '@itsm/eventsourcing';

/** A user as other services show and notify them. */
export interface DirectoryUser {
  userId: string;
  login: string;
  firstName: string;
  lastName: string;
  /** GLPI's "realname firstname", e.g. "BLIER Bertrand"; the login when both are empty */
  displayName: string;
  /** the first is the default address */
  emails: string[];
  active: boolean;
}

const displayName = ({ lastName, firstName, login }: Pick<DirectoryUser, 'lastName' | 'firstName' | 'login'>) =>
  `${lastName} ${firstName}`.trim() || login;

export const directoryUsersProjection = defineProjection<DirectoryUser>({
  name: 'directory_users',
  indexes: [{ keys: { userId: 1 }, options: { name: 'user', unique: true } }],
  handlers: {
    'user.registered': (_current, { data: { userId, login, firstName, lastName, emails, active } }) => {
      const user = { userId, login, firstName, lastName, emails, active };
      return { ...user, displayName: displayName(user) };
    },
    'user.details-changed': (current, { data }) => {
      if (!current) return null;
      const user = {
        ...current,
        firstName: data.firstName ?? current.firstName,
        lastName: data.lastName ?? current.lastName,
        emails: data.emails ?? current.emails,
      };
      return { ...user, displayName: displayName(user) };
    },
    'user.deactivated': (current) => current && { ...current, active: false },
    'user.reactivated': (current) => current && { ...current, active: true },
    // GDPR: nothing personal stays in any service's copy either
    'user.erased': (current, { data: { pseudonym } }) =>
      current && {
        ...current,
        login: pseudonym,
        firstName: '',
        lastName: pseudonym,
        displayName: pseudonym,
        emails: [],
        active: false,
      },
  },
});
