import type { EntityTree } from './entity-tree';

/** What a user holds: a profile on an entity, and on its sub-entities when recursive (GLPI's Profile_User). */
export interface HeldAuthorization {
  authorizationId: string;
  profileId: string;
  entityId: string;
  recursive: boolean;
}

/** Whether the authorization lets its holder work as `profileId` on `entityId`. */
export function reaches(
  authorization: Omit<HeldAuthorization, 'authorizationId'>,
  tree: EntityTree,
  profileId: string,
  entityId: string,
): boolean {
  return (
    authorization.profileId === profileId &&
    (authorization.entityId === entityId ||
      (authorization.recursive && tree.ancestorsOf(entityId).includes(authorization.entityId)))
  );
}
