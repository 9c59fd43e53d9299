import { Injectable } from '@nestjs/common';
import { EntityTree } from '@itsm/auth';
import { DomainError } from '@itsm/domain';
import { directoryEntitiesProjection, type DirectoryEntity } from '@itsm/directory';
import { ProjectionRegistry } from '@itsm/runtime';
import { v5 as uuidv5 } from 'uuid';
import type { ImportTarget, TargetCommand, TargetSnapshot } from './import-target';
import { entitiesByIdOrName, nameKey } from './identity-names';

/**
 * Entities, written by identity's `entity.create` under the rules of POST /api/entities
 * (entity.write, a recursive authorization on the parent). Lines see the run's entity and its
 * sub-entities only (within the caller's scope, as the run's entity is): a parent beyond them is
 * not found (33), as identity hides it, and names elsewhere say nothing of other tenants. The
 * parent is named by id or name; a line finds an entity by its name among the parent's children
 * (any entity of that name when the line names no parent). Identity keeps no comment for an
 * entity, and an import creates entities only: a line finding one is 32, whatever the model allows.
 */
@Injectable()
export class EntitiesTarget implements ImportTarget {
  readonly type = 'entities' as const;
  readonly service = 'identity';

  constructor(private readonly projections: ProjectionRegistry) {}

  async snapshot(entityId: string): Promise<TargetSnapshot> {
    const collection = await this.projections.collection<DirectoryEntity>(directoryEntitiesProjection.name);
    const all = await collection.find({}).toArray();
    const below = new Set(
      new EntityTree(all.map((entity) => ({ id: entity.entityId, parentId: entity.parentId }))).scopeOf(entityId, true),
    );
    return entitiesSnapshot(all.filter((entity) => below.has(entity.entityId)));
  }
}

export function entitiesSnapshot(entities: readonly DirectoryEntity[]): TargetSnapshot {
  const byIdOrName = entitiesByIdOrName(entities);
  const parentOf = (values: Readonly<Record<string, unknown>>) => byIdOrName.get(nameKey(values.parent as string));
  // the entities this run creates, by parent and name: a second line of one name makes no twin
  const created = new Set<string>();
  return {
    match(values) {
      const parent = values.parent === undefined ? undefined : parentOf(values);
      if (values.parent !== undefined && !parent) return null;
      const found = entities.find(
        (entity) =>
          nameKey(entity.name) === nameKey(values.name as string) && (!parent || entity.parentId === parent.entityId),
      );
      return found ? { id: found.entityId, values: { name: found.name } } : null;
    },
    notFound: (values) => (values.parent !== undefined && !parentOf(values) ? ['parent'] : []),
    command(action, _itemId, fields): TargetCommand | DomainError {
      if (action === 'update') return new DomainError('rule', 'an import creates entities; it changes none');
      const parentId = parentOf(fields)!.entityId;
      const name = String(fields.name).trim();
      const key = `${parentId}/${nameKey(name)}`;
      if (created.has(key))
        return new DomainError('conflict', `an earlier line of the file creates the entity ${name}`);
      created.add(key);
      const streamId = uuidv5(key, uuidv5.URL);
      return { type: 'entity.create', streamId, data: { name, parentId } };
    },
  };
}
