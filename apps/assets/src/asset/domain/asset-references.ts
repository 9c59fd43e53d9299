import { belongsTo, fieldsRefusal, notVisibleIn, reaches, type DomainError, type EntityHold } from '@itsm/domain';

/** The asset's entity and its ancestors, nearest first: what every reference must reach. */
export interface AssetPlace {
  entityId: string;
  ancestors: readonly string[];
}

/** What identity's directory says of a user. */
export interface UserFacts {
  login: string;
  active: boolean;
  authorizations: readonly EntityHold[];
}

/** A user, group or dropdown value a field names, with what is known of it (null: nothing by that id). */
export type Reference =
  | { field: string; kind: 'user'; id: string; found: UserFacts | null }
  | { field: string; kind: 'group'; id: string; found: EntityHold | null }
  /** usable: found among the values of the entity's catalogue and the recursive ones above */
  | { field: string; kind: 'value'; id: string; usable: boolean; catalogue: string };

function userProblem(place: AssetPlace, id: string, user: UserFacts | null): string | null {
  if (!user) return `unknown user ${id}`;
  if (!user.active) return `user ${user.login} is deactivated`;
  return belongsTo(user.authorizations, place.entityId, place.ancestors)
    ? null
    : `user ${id} does not belong to entity ${place.entityId}`;
}

function heldProblem(place: AssetPlace, id: string, what: string, found: EntityHold | null): string | null {
  if (!found) return `unknown ${what} ${id}`;
  return reaches(found, place.entityId, place.ancestors) ? null : `${what} ${id} is ${notVisibleIn(place.entityId)}`;
}

function problemOf(place: AssetPlace, reference: Reference): string | null {
  switch (reference.kind) {
    case 'user':
      return userProblem(place, reference.id, reference.found);
    case 'group':
      return heldProblem(place, reference.id, 'group', reference.found);
    case 'value':
      return reference.usable ? null : `no ${reference.catalogue} ${reference.id} usable in entity ${place.entityId}`;
  }
}

/** A 422 naming each field whose user, group or value is unknown or outside the asset's entity tree. */
export function referencesRefusal(place: AssetPlace, references: Reference[]): DomainError | null {
  return fieldsRefusal(
    references.flatMap((reference) => {
      const message = problemOf(place, reference);
      return message ? [{ field: reference.field, message }] : [];
    }),
  );
}
