import { Injectable } from '@nestjs/common';
import { DomainError } from '@itsm/domain';
import { directoryEntitiesProjection, type DirectoryEntity } from '@itsm/directory';
import { ProjectionRegistry } from '@itsm/runtime';
import { usableFrom } from '../usable-in-entity';
import { v5 as uuidv5 } from 'uuid';
import { ancestorsOf } from '../assets/assets.target';
import type { ImportTarget, TargetSnapshot } from '../import-target';
import { cleanName, nameKey, TreeIndex, type KnownNode } from '../tree-index';
import { importCategoriesProjection, type ImportCategoryDoc } from './import-categories.projection';

/**
 * ITIL categories (GLPI's glpi_itilcategories, a tree) as an import target, written by tickets'
 * `category.create`: a line is found by its name under its parent among the categories usable in
 * the run's entity (its own and the recursive ones above, as tickets offers them).
 */
@Injectable()
export class ItilCategoriesTarget implements ImportTarget {
  readonly type = 'itil-categories' as const;
  readonly service = 'tickets';
  readonly linkable = ['name'] as const;

  constructor(private readonly projections: ProjectionRegistry) {}

  async snapshot(entityId: string): Promise<TargetSnapshot> {
    const [entities, categories] = await Promise.all([
      this.projections.collection<DirectoryEntity>(directoryEntitiesProjection.name).then((c) => c.find({}).toArray()),
      this.projections.collection<ImportCategoryDoc>(importCategoriesProjection.name).then((c) => c.find({}).toArray()),
    ]);
    return categoriesSnapshot(usableIn(entityId, ancestorsOf(entityId, entities as DirectoryEntity[]), categories));
  }
}

/** The entity's categories, then the recursive ones of the entities above it, the nearest first. */
export function usableIn(
  entityId: string,
  ancestors: ReadonlySet<string>,
  categories: readonly ImportCategoryDoc[],
): KnownNode[] {
  return usableFrom(entityId, ancestors, categories).map(({ categoryId, name, parentId }) => ({
    id: categoryId,
    name,
    parentId,
    comment: null,
  }));
}

/** The run's view of the tree: pure, built once per run (see TreeIndex). */
export function categoriesSnapshot(usable: readonly KnownNode[]): TargetSnapshot {
  const index = new TreeIndex(usable);
  return {
    match(values, linkFields) {
      if (!linkFields.includes('name') || values.name === undefined) return null;
      const parentId = index.parentOf(values.parent);
      const found = parentId === undefined ? null : index.at(values.name, parentId);
      return found && { id: found.id, values: { name: found.name } };
    },
    notFound: (values) =>
      values.parent !== undefined && index.parentOf(values.parent) === undefined ? ['parent'] : [],
    command(action, _itemId, fields, entityId) {
      // tickets changes no category yet (neither does its HTTP API): a line found is not updated
      if (action === 'update') return new DomainError('rule', 'tickets does not change ITIL categories yet');
      const parentId = index.parentOf(fields.parent) ?? null;
      const name = cleanName(fields.name);
      // the Kafka key: lines of one place go through one partition, in order
      const streamId = uuidv5(`${entityId}/itil-category/${parentId ?? ''}/${nameKey(name)}`, uuidv5.URL);
      return {
        type: 'category.create',
        streamId,
        data: { name, entityId, ...(parentId === null ? {} : { parentId }) },
      };
    },
  };
}
