import { defineProjection } from '@itsm/eventsourcing';

/** A profile held on an entity, and below it when recursive: where the user belongs (GLPI's Profile_User). */
export interface DirectoryAuthorization {
  authorizationId: string;
  entityId: string;
  recursive: boolean;
}

/** A user's authorizations, as tickets check that an actor belongs to the ticket's entity. */
export interface DirectoryAuthorizations {
  userId: string;
  authorizations: DirectoryAuthorization[];
}

/**
 * A read model of its own rather than a field of directory_users: its consumer group starts from
 * the beginning of identity's topic, so a service that had those users already learns their
 * authorizations without a rebuild.
 */
export const directoryAuthorizationsProjection = defineProjection<DirectoryAuthorizations>({
  name: 'directory_authorizations',
  indexes: [{ keys: { userId: 1 }, options: { name: 'user', unique: true } }],
  handlers: {
    'user.authorization-granted': (current, { data: { userId, authorizationId, entityId, recursive } }) => ({
      userId,
      authorizations: [
        ...(current?.authorizations ?? []).filter((known) => known.authorizationId !== authorizationId),
        { authorizationId, entityId, recursive },
      ],
    }),
    'user.authorization-revoked': (current, { data: { authorizationId } }) =>
      current && {
        ...current,
        authorizations: current.authorizations.filter((known) => known.authorizationId !== authorizationId),
      },
  },
});
