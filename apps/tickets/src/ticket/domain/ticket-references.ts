import { belongsTo, fieldsRefusal, notVisibleIn, reaches, type DomainError, type EntityHold } from '@itsm/domain';
import type { ActorRole, TicketType } from '@itsm/contracts';

/** The ticket's entity and its ancestors, nearest first: what every reference must reach. */
export interface TicketPlace {
  entityId: string;
  ancestors: readonly string[];
}

/** What identity's directory says of a user. */
export interface UserFacts {
  login: string;
  active: boolean;
  authorizations: readonly EntityHold[];
}

/** What identity's directory says of a group. */
export interface GroupFacts extends EntityHold {
  name: string;
  isAssignee: boolean;
}

/** What the category catalogue says of an ITIL category. */
export interface CategoryFacts extends EntityHold {
  name: string;
  forIncidents: boolean;
  forRequests: boolean;
}

/** What tickets' copy of the Parc says of an asset (`ticket_assets`). */
export interface AssetFacts extends EntityHold {
  assetType: string;
  name: string | null;
  userId: string | null;
  trashed: boolean;
}

/**
 * A user, group, category or asset a command names, by the request field that names it, with what is
 * known of it (null: nothing by that id).
 */
export type Reference =
  | { field: string; kind: 'user'; id: string; found: UserFacts | null }
  | { field: string; kind: 'group'; id: string; found: GroupFacts | null; role?: ActorRole }
  | { field: string; kind: 'category'; id: string; found: CategoryFacts | null; ticketType: TicketType }
  /** `ownerId`: who must be the asset's user (a caller without ticket.update links only their own devices) */
  | { field: string; kind: 'asset'; id: string; found: AssetFacts | null; itemType: string; ownerId?: string };

function userProblem(place: TicketPlace, id: string, user: UserFacts | null): string | null {
  if (!user) return `unknown user ${id}`;
  if (!user.active) return `user ${user.login} is deactivated`;
  if (!belongsTo(user.authorizations, place.entityId, place.ancestors)) {
    return `user ${id} does not belong to entity ${place.entityId}: no authorization there, nor a recursive one above it`;
  }
  return null;
}

function groupProblem(place: TicketPlace, id: string, group: GroupFacts | null, role?: ActorRole): string | null {
  if (!group) return `unknown group ${id}`;
  if (!reaches(group, place.entityId, place.ancestors)) {
    return `group ${id} is ${notVisibleIn(place.entityId)}`;
  }
  if (role === 'assignee' && !group.isAssignee) return `group ${group.name} cannot be assigned tickets`;
  return null;
}

function categoryProblem(place: TicketPlace, id: string, category: CategoryFacts | null, type: TicketType) {
  if (!category) return `unknown category ${id}`;
  if (!reaches(category, place.entityId, place.ancestors)) {
    return `category ${id} is ${notVisibleIn(place.entityId)}`;
  }
  if (type === 'incident' ? !category.forIncidents : !category.forRequests) {
    return `category ${category.name} is not offered for ${type}s`;
  }
  return null;
}

function assetProblem(place: TicketPlace, reference: Extract<Reference, { kind: 'asset' }>): string | null {
  const { id, found: asset, itemType, ownerId } = reference;
  if (!asset) return `unknown asset ${id}`;
  if (asset.assetType !== itemType) return `asset ${id} is a ${asset.assetType}, not a ${itemType}`;
  if (asset.trashed) return `asset ${asset.name ?? id} is in the trash`;
  if (!reaches(asset, place.entityId, place.ancestors)) return `asset ${id} is ${notVisibleIn(place.entityId)}`;
  if (ownerId !== undefined && asset.userId !== ownerId) return `asset ${asset.name ?? id} is not one of your devices`;
  return null;
}

function problemOf(place: TicketPlace, reference: Reference): string | null {
  switch (reference.kind) {
    case 'user':
      return userProblem(place, reference.id, reference.found);
    case 'group':
      return groupProblem(place, reference.id, reference.found, reference.role);
    case 'category':
      return categoryProblem(place, reference.id, reference.found, reference.ticketType);
    case 'asset':
      return assetProblem(place, reference);
  }
}

/**
 * GLPI's rule for what a ticket names: an actor, an approver or a task's technician is a user
 * active and authorized on the ticket's entity (or, recursively, above it), or a group of that
 * entity (or recursive from above); an ITIL category likewise, and offered for the ticket's type;
 * a linked item (`glpi_items_tickets`) an asset of the type named, out of the trash, of the
 * entity or recursive from above, and, for a self-service user, one of their own devices
 * ("Mes matériels"). A sibling entity's never. The refusal (422) names each field refused; null when all hold.
 */
export function referencesRefusal(place: TicketPlace, references: readonly Reference[]): DomainError | null {
  return fieldsRefusal(
    references.flatMap((reference) => {
      const message = problemOf(place, reference);
      return message === null ? [] : [{ field: reference.field, message }];
    }),
  );
}

/**
 * The groups an SLA level assigns that serve the ticket's entity. sla checked them when the
 * agreement was defined; a group known to lie outside the ticket's tree now (made non-recursive,
 * an entity moved) is left out. One not known here yet is kept: sla knew it.
 */
export function groupsServing(
  place: TicketPlace,
  groupIds: readonly string[],
  known: ReadonlyMap<string, EntityHold>,
): string[] {
  return groupIds.filter((groupId) => {
    const group = known.get(groupId);
    return !group || reaches(group, place.entityId, place.ancestors);
  });
}
