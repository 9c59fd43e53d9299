import { Injectable } from '@nestjs/common';
import { EntityTreeReader, type Caller } from '@itsm/auth';
import { DomainError } from '@itsm/domain';
import { ProjectionRegistry } from '@itsm/runtime';
import { importModelProjection, type ImportModelDoc } from './read-models/import-model.projection';

/**
 * The models a caller sees, as GLPI shares them: of their entities or recursive from an entity
 * above, and private ones only to their owner. Changing one takes more: its entity in the caller's
 * scope, and being its owner when it is private.
 */
@Injectable()
export class ImportModelCatalogue {
  constructor(
    private readonly projections: ProjectionRegistry,
    private readonly tree: EntityTreeReader,
  ) {}

  collection() {
    return this.projections.collection<ImportModelDoc>(importModelProjection.name);
  }

  async visibleFilter(caller: Caller): Promise<Record<string, unknown>> {
    const above = (await this.tree.tree()).ancestorsOf(caller.entityId);
    return {
      $and: [
        { $or: [{ entityId: { $in: [...caller.scope] } }, { recursive: true, entityId: { $in: above } }] },
        { $or: [{ private: false }, { ownerId: caller.userId }] },
      ],
    };
  }

  /** The model if the caller sees it; not found otherwise (its existence is not disclosed). */
  async visible(caller: Caller, modelId: string): Promise<ImportModelDoc> {
    const found = await (await this.collection()).findOne({ $and: [{ modelId }, await this.visibleFilter(caller)] });
    if (!found) throw new DomainError('not_found', `no import model ${modelId}`);
    return found;
  }

  /** The model if the caller may change or delete it. */
  async changeable(caller: Caller, modelId: string): Promise<ImportModelDoc> {
    const model = await this.visible(caller, modelId);
    if (!caller.scope.includes(model.entityId)) {
      throw new DomainError('forbidden', `model ${modelId} belongs to entity ${model.entityId}, outside your scope`);
    }
    return model;
  }
}
