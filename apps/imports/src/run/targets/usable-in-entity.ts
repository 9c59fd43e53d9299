/**
 * What a run's entity can use of items held by entities, as GLPI's recursive items: the entity's
 * own, then the recursive ones of the entities above it, the nearest first.
 */
export function usableFrom<Item extends { entityId: string; recursive: boolean }>(
  entityId: string,
  ancestors: ReadonlySet<string>,
  items: readonly Item[],
): Item[] {
  return [entityId, ...ancestors].flatMap((holder) =>
    items.filter((item) => item.entityId === holder && (holder === entityId || item.recursive)),
  );
}
