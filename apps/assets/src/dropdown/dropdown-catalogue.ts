import { Injectable } from '@nestjs/common';
import { EntityTreeReader } from '@itsm/auth';
import type { DropdownKind } from '@itsm/contracts';
import { ProjectionRegistry } from '@itsm/runtime';
import { nameKey } from './domain/dropdown-name';
import { dropdownValuesProjection, type DropdownValueDoc } from './read-models/dropdown-values.projection';

/** The catalogues' values as the read model holds them: what an entity may use, by id or by name. */
@Injectable()
export class DropdownCatalogue {
  constructor(
    private readonly projections: ProjectionRegistry,
    private readonly tree: EntityTreeReader,
  ) {}

  collection() {
    return this.projections.collection<DropdownValueDoc>(dropdownValuesProjection.name);
  }

  /** Values usable in these entities: theirs, and the recursive ones of the entities above the first. */
  async usableIn(entityIds: readonly string[], entityId: string): Promise<Record<string, unknown>> {
    const above = (await this.tree.tree()).ancestorsOf(entityId);
    return { $or: [{ entityId: { $in: [...entityIds] } }, { recursive: true, entityId: { $in: above } }] };
  }

  async byIds(valueIds: string[]): Promise<Map<string, DropdownValueDoc>> {
    if (valueIds.length === 0) return new Map();
    const collection = await this.collection();
    // one equality each: FerretDB reads a whole collection for an $in
    const found = await Promise.all(valueIds.map((valueId) => collection.findOne({ valueId })));
    return new Map(found.flatMap((doc) => (doc ? [[doc.valueId, doc] as const] : [])));
  }

  /** The value of this name (by key) usable in the entity, nearest entity first; null when none. */
  async findUsable(kind: DropdownKind, entityId: string, name: string, parentId: string | null) {
    const [collection, tree] = await Promise.all([this.collection(), this.tree.tree()]);
    const candidates = await collection.find({ kind, key: nameKey(name) }).toArray();
    const places = [entityId, ...tree.ancestorsOf(entityId)];
    const usable = candidates.filter(
      (doc) =>
        doc.parentId === parentId && (doc.entityId === entityId || (doc.recursive && places.includes(doc.entityId))),
    );
    usable.sort((a, b) => places.indexOf(a.entityId) - places.indexOf(b.entityId));
    return usable[0] ?? null;
  }
}
