import { reaches, type EntityTree } from '@itsm/auth';
import type { Authorization } from '../user/user.decider';
import type { SessionContext } from './session.store';

/** The authorization that lets a user work as `profileId` on `entityId`, if any. */
export function contextFor(
  authorizations: Authorization[],
  tree: EntityTree,
  profileId: string,
  entityId: string,
): SessionContext | undefined {
  const held = authorizations.find((authorization) => reaches(authorization, tree, profileId, entityId));
  return held && { profileId, entityId, recursive: held.recursive };
}

/** Sign-in context: the default profile on the default entity when held, else the first authorization. */
export function defaultContext(
  user: { authorizations: Authorization[]; defaultProfileId: string | null; defaultEntityId: string },
  tree: EntityTree,
): SessionContext | undefined {
  const preferred = user.defaultProfileId
    ? contextFor(user.authorizations, tree, user.defaultProfileId, user.defaultEntityId)
    : undefined;
  const first = user.authorizations[0];
  return preferred ?? (first && { profileId: first.profileId, entityId: first.entityId, recursive: first.recursive });
}
