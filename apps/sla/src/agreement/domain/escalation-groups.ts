import { fieldsRefusal, notVisibleIn, reaches, type DomainError, type EntityHold } from '@itsm/domain';

/** What identity's directory says of a group a level notifies or assigns. */
export interface EscalationGroupFacts extends EntityHold {
  name: string;
}

/** A group a level's action names, by the request field that names it, with what is known of it (null: nothing). */
export interface NamedGroup {
  field: string;
  groupId: string;
  found: EscalationGroupFacts | null;
}

/** Where the agreement is defined, whether it serves the entities below, and the ancestors of its entity. */
export interface AgreementPlace extends EntityHold {
  ancestors: readonly string[];
}

function problemOf(place: AgreementPlace, { groupId, found }: NamedGroup): string | null {
  if (!found) return `unknown group ${groupId}`;
  if (!reaches(found, place.entityId, place.ancestors)) {
    return `group ${groupId} is ${notVisibleIn(place.entityId)}`;
  }
  // a recursive agreement also serves the tickets of the entities below: the group must reach them too
  if (place.recursive && !found.recursive) {
    return `group ${found.name} is not recursive, so not visible in the entities below ${place.entityId} that the recursive agreement serves`;
  }
  return null;
}

/**
 * GLPI's rule for the groups an escalation level notifies or assigns: each must be visible in
 * every entity whose tickets the agreement serves, i.e. be of the agreement's entity or recursive
 * from an entity above it, and recursive when the agreement is. A sibling entity's group never.
 */
export function escalationGroupsRefusal(place: AgreementPlace, groups: readonly NamedGroup[]): DomainError | null {
  return fieldsRefusal(
    groups.flatMap((group) => {
      const message = problemOf(place, group);
      return message === null ? [] : [{ field: group.field, message }];
    }),
  );
}
