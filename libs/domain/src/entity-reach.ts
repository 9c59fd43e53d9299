/**
 * Something held on an entity of the tree: a user's authorization, a group, an ITIL category, an
 * SLA (GLPI's `entities_id` with `is_recursive`).
 */
export interface EntityHold {
  entityId: string;
  recursive: boolean;
}

/**
 * GLPI's rule (`getEntitiesRestrictCriteria`): what is held on an entity reaches that entity, and,
 * when recursive, every entity below it. So it serves `entityId` when held there, or on one of
 * its ancestors with the recursive flag; never from a sibling nor from below.
 */
export function reaches(hold: EntityHold, entityId: string, ancestors: readonly string[]): boolean {
  return hold.entityId === entityId || (hold.recursive && ancestors.includes(hold.entityId));
}

/** A user belongs to an entity when one of their authorizations reaches it. */
export function belongsTo(
  authorizations: readonly EntityHold[],
  entityId: string,
  ancestors: readonly string[],
): boolean {
  return authorizations.some((authorization) => reaches(authorization, entityId, ancestors));
}

/** Why something that `reaches` refuses does not serve `entityId`, as refusals word it. */
export const notVisibleIn = (entityId: string): string =>
  `not visible in entity ${entityId}: neither of it nor recursive from an entity above it`;
