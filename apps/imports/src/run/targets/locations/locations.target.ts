import { Injectable } from '@nestjs/common';
import { directoryEntitiesProjection, type DirectoryEntity } from '@itsm/directory';
import { ProjectionRegistry } from '@itsm/runtime';
import { usableFrom } from '../usable-in-entity';
import { v5 as uuidv5 } from 'uuid';
import type { FieldValue } from '../../domain/line-values';
import { ancestorsOf } from '../assets/assets.target';
import { importAssetDropdownsProjection, type ImportDropdownDoc } from '../assets/import-assets.projection';
import type { ImportTarget, TargetCommand, TargetSnapshot, ValueCreation } from '../import-target';
import { cleanName, nameKey, TreeIndex, type KnownNode } from '../tree-index';

/**
 * Locations (GLPI's glpi_locations, a tree) as an import target, written by assets: a line is
 * found by its name under its parent among the locations usable in the run's entity (its own and
 * the recursive ones above, as assets finds them), created with `dropdown.find-or-create` v2
 * (parent and comment), its comment changed with `dropdown.update`.
 */
@Injectable()
export class LocationsTarget implements ImportTarget {
  readonly type = 'locations' as const;
  readonly service = 'assets';
  readonly linkable = ['name'] as const;

  constructor(private readonly projections: ProjectionRegistry) {}

  async snapshot(entityId: string): Promise<TargetSnapshot> {
    return locationsSnapshot(await this.usable(entityId));
  }

  /** The entity's locations, then the recursive ones of the entities above it, the nearest first. */
  private async usable(entityId: string): Promise<KnownNode[]> {
    const [entities, catalogues] = await Promise.all([
      this.projections.collection<DirectoryEntity>(directoryEntitiesProjection.name).then((c) => c.find({}).toArray()),
      this.projections
        .collection<ImportDropdownDoc>(importAssetDropdownsProjection.name)
        .then((c) => c.find({ kind: 'location' }).toArray()),
    ]);
    const values = catalogues.flatMap((catalogue) =>
      catalogue.values.map((value) => ({ ...value, entityId: catalogue.entityId })),
    );
    const ancestors = ancestorsOf(entityId, entities as DirectoryEntity[]);
    return usableFrom(entityId, ancestors, values).map(({ valueId, name, parentId, comment }) => ({
      id: valueId,
      name,
      parentId: parentId ?? null,
      comment: comment ?? null,
    }));
  }
}

/** The run's view of the tree: pure, built once per run (see TreeIndex). */
export function locationsSnapshot(usable: readonly KnownNode[]): TargetSnapshot {
  const index = new TreeIndex(usable);
  const parentNotFound = (values: Readonly<Record<string, FieldValue>>) =>
    values.parent !== undefined && index.parentOf(values.parent) === undefined;
  return {
    match(values, linkFields) {
      if (!linkFields.includes('name') || values.name === undefined) return null;
      const parentId = index.parentOf(values.parent);
      const found = parentId === undefined ? null : index.at(values.name, parentId);
      return found && { id: found.id, values: { name: found.name, comment: found.comment } };
    },
    notFound: (values) => (parentNotFound(values) ? ['parent'] : []),
    command(action, itemId, fields, entityId) {
      const parentId = index.parentOf(fields.parent) ?? null;
      const comment = fields.comment === undefined ? {} : { comment: String(fields.comment) };
      const streamId = placeStream(entityId, fields.name, parentId);
      if (action === 'update') {
        // the name finds it and the parent places it: only the comment changes
        return { type: 'dropdown.update', streamId, data: { kind: 'location', valueId: itemId, ...comment } };
      }
      const name = cleanName(fields.name);
      const data = { kind: 'location', entityId, name, parentId, ...comment };
      return { type: 'dropdown.find-or-create', schemaVersion: 2, streamId, data } satisfies TargetCommand;
    },
    values: parentCreation(index),
  };
}

/**
 * The Kafka key of a location's commands: lines of one place go through one partition, in order.
 * A top-level one shares the key of the value creation that may have made it (assets.target).
 */
const placeStream = (entityId: string, name: FieldValue | undefined, parentId: string | null) =>
  uuidv5(`${entityId}/location/${parentId === null ? '' : `${parentId}/`}${nameKey(name)}`, uuidv5.URL);

/**
 * "Allow creation of dropdown values": a parent a line names by its name and no location bears is
 * made at the top of the tree before the batch's lines, which are then placed under it.
 */
function parentCreation(index: TreeIndex): ValueCreation {
  return {
    missing: (values) =>
      // a name two locations bear is ambiguous, not missing: its line is refused (33), nothing is made
      values.parent === undefined || String(values.parent).includes('>') || index.bears(values.parent)
        ? []
        : [{ kind: 'location', name: cleanName(values.parent), key: nameKey(values.parent) }],
    command: ({ name }, entityId) => ({
      type: 'dropdown.find-or-create',
      streamId: placeStream(entityId, name, null),
      data: { kind: 'location', entityId, name },
    }),
    learn: ({ name }, valueId) => index.learn(name, valueId),
  };
}
