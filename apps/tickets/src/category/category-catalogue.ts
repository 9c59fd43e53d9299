import { Injectable } from '@nestjs/common';
import { EntityTreeReader, type Caller } from '@itsm/auth';
import { ProjectionRegistry } from '@itsm/runtime';
import { categoryListProjection, type CategoryListDoc } from './read-models/category-list.projection';

/** ITIL categories a caller may use: in their scope, or recursive from an entity above it. */
@Injectable()
export class CategoryCatalogue {
  constructor(
    private readonly projections: ProjectionRegistry,
    private readonly tree: EntityTreeReader,
  ) {}

  collection() {
    return this.projections.collection<CategoryListDoc>(categoryListProjection.name);
  }

  /** Categories of the caller's entities, plus recursive ones of the entities above (GLPI shares those downwards). */
  async visibleFilter(caller: Caller): Promise<Record<string, unknown>> {
    const above = (await this.tree.tree()).ancestorsOf(caller.entityId);
    return { $or: [{ entityId: { $in: [...caller.scope] } }, { recursive: true, entityId: { $in: above } }] };
  }

  /** The category, wherever it is defined: the ticket's entity decides whether it may be used (`referencesRefusal`). */
  async byId(categoryId: string): Promise<CategoryListDoc | null> {
    return (await this.collection()).findOne({ categoryId });
  }
}
