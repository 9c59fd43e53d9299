import type { DirectoryEntity, DirectoryGroup } from '@itsm/directory';
import type { FieldValue } from '../domain/line-values';

/** A name as a line's lookup compares it: trimmed, whatever the case. */
export const nameKey = (value: FieldValue | null | undefined): string =>
  String(value ?? '')
    .trim()
    .toLowerCase();

/**
 * The groups of the run's entity by name (case-insensitive), as a line names them: a group of
 * another entity, even a parent's, is not found (33). A name two groups of the entity share
 * (identity allows it) is in `shared` and not in `byName`: a guess could fill the wrong group.
 */
export function groupsOfEntity(
  groups: readonly DirectoryGroup[],
  entityId: string,
): { byName: Map<string, DirectoryGroup>; shared: Set<string> } {
  const byName = new Map<string, DirectoryGroup>();
  const shared = new Set<string>();
  for (const group of groups) {
    if (group.entityId !== entityId) continue;
    const key = nameKey(group.name);
    if (byName.has(key)) shared.add(key);
    byName.set(key, group);
  }
  for (const key of shared) byName.delete(key);
  return { byName, shared };
}

/**
 * Entities named by id or by name (case-insensitive), as entities' lines name their parent. A name
 * two entities share names neither (a line must give the id): a guess could put an entity under
 * another branch of the tree.
 */
export function entitiesByIdOrName(entities: readonly DirectoryEntity[]): Map<string, DirectoryEntity> {
  const byKey = new Map<string, DirectoryEntity>();
  const shared = new Set<string>();
  for (const entity of entities) {
    const key = nameKey(entity.name);
    if (byKey.has(key)) shared.add(key);
    byKey.set(key, entity);
  }
  for (const key of shared) byKey.delete(key);
  // an id wins over another entity's name
  for (const entity of entities) byKey.set(entity.entityId.toLowerCase(), entity);
  return byKey;
}
