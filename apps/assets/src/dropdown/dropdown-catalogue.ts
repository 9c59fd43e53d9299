import { Injectable } from '@nestjs/common';
import { EntityTreeReader } from '@itsm/auth';
import type { DropdownKind } from '@itsm/contracts';
import { CachedReads, ProjectionRegistry } from '@itsm/runtime';
import { nameKey } from './domain/dropdown-name';
import {
  dropdownValuesProjection,
  type CatalogueDoc,
  type CatalogueValue,
} from './read-models/dropdown-values.projection';

/** A value with the entity whose catalogue holds it. */
export interface HeldValue extends CatalogueValue {
  kind: DropdownKind;
  entityId: string;
}

const held = (doc: CatalogueDoc | null, recursiveOnly: boolean): HeldValue[] =>
  (doc?.values ?? [])
    .filter((value) => !recursiveOnly || value.recursive)
    .map((value) => ({ ...value, kind: doc!.kind, entityId: doc!.entityId }));

/** The catalogues' values as the read model holds them: what an entity may use, what a caller sees. */
@Injectable()
export class DropdownCatalogue {
  /** the catalogues as lately read: an import's lines name the same few catalogues thousands of times */
  private readonly recent: CachedReads;

  constructor(
    private readonly projections: ProjectionRegistry,
    private readonly tree: EntityTreeReader,
  ) {
    this.recent = new CachedReads([projections.store(dropdownValuesProjection.name)]);
  }

  /**
   * Values usable in the entity: its own, and the recursive ones of the entities above (GLPI's
   * getEntitiesRestrictCriteria), the nearest entity's first. One equality read per entity, or
   * none with `recently`: the catalogues as read within the last seconds (see CachedReads), for a
   * check whose refusal is made on a fresh read.
   */
  async usableIn(kind: DropdownKind, entityId: string, recently = false): Promise<HeldValue[]> {
    const above = (await this.tree.tree()).ancestorsOf(entityId);
    const entityIds = [entityId, ...above];
    const [own, ...upper] = recently
      ? await this.recent.read(`${kind}\n${entityIds.join('\n')}`, () => this.docs(kind, entityIds))
      : await this.docs(kind, entityIds);
    return [...held(own, false), ...upper.flatMap((doc) => held(doc, true))];
  }

  /** Values a caller sees: those of their entities, and the recursive ones above their active entity. */
  async visibleTo(kind: DropdownKind, scope: readonly string[], entityId: string): Promise<HeldValue[]> {
    const above = (await this.tree.tree()).ancestorsOf(entityId).filter((id) => !scope.includes(id));
    const [own, upper] = await Promise.all([this.docs(kind, scope), this.docs(kind, above)]);
    return [...own.flatMap((doc) => held(doc, false)), ...upper.flatMap((doc) => held(doc, true))];
  }

  /** The value of this name (by key) usable in the entity, the nearest entity's first; null when none. */
  async findUsable(kind: DropdownKind, entityId: string, name: string, parentId: string | null) {
    const key = nameKey(name);
    const usable = await this.usableIn(kind, entityId);
    return usable.find((value) => value.key === key && value.parentId === parentId) ?? null;
  }

  private async docs(kind: DropdownKind, entityIds: readonly string[]): Promise<Array<CatalogueDoc | null>> {
    const collection = await this.projections.collection<CatalogueDoc>(dropdownValuesProjection.name);
    // one equality each: FerretDB hands those to PostgreSQL, not an $in
    return Promise.all(entityIds.map((entityId) => collection.findOne({ kind, entityId })));
  }
}
