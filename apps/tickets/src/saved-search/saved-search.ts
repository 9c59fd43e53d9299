import type { Caller } from '@itsm/domain';

/**
 * GLPI's bookmark of the ticket list: a name and the list's criteria as its query string, private
 * to its owner or shared in an entity (and, recursive, its sub-entities).
 */
export interface SavedSearch {
  _id: string;
  ownerId: string;
  ownerName: string;
  name: string;
  /** the list's criteria as the address holds them, e.g. `status=notold&categoryId=…` */
  query: string;
  shared: boolean;
  entityId: string;
  recursive: boolean;
  savedAt: Date;
}

/** The saved searches a caller sees: their own, and those shared where they work or from above, recursively. */
export function visibleSearchesFilter(caller: Caller, ancestors: string[]): Record<string, unknown> {
  return {
    $or: [
      { ownerId: caller.userId },
      { shared: true, entityId: { $in: [...caller.scope] } },
      { shared: true, recursive: true, entityId: { $in: ancestors } },
    ],
  };
}

/** Only the owner removes a saved search, shared or not (GLPI: the bookmark's author). */
export function mayRemove(caller: Caller, search: Pick<SavedSearch, 'ownerId'>): boolean {
  return search.ownerId === caller.userId;
}
