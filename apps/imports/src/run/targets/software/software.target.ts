import { Injectable } from '@nestjs/common';
import { directoryEntitiesProjection, type DirectoryEntity } from '@itsm/directory';
import { ProjectionRegistry } from '@itsm/runtime';
import { usableFrom } from '../usable-in-entity';
import { v5 as uuidv5 } from 'uuid';
import type { FieldValue } from '../../domain/line-values';
import { ancestorsOf } from '../assets/assets.target';
import type { ImportTarget, TargetSnapshot } from '../import-target';
import { cleanName, nameKey } from '../tree-index';
import { importSoftwareProjection, type ImportSoftwareDoc } from './import-software.projection';

/**
 * Software and their versions (GLPI's glpi_softwares, glpi_softwareversions) as an import target,
 * written by assets' `software.register`: a line is found by its link fields (the name, the
 * version) among the software usable in the run's entity (its own and the recursive ones above),
 * and by its publisher too when it gives one, as assets knows a software by name and publisher.
 */
@Injectable()
export class SoftwareTarget implements ImportTarget {
  readonly type = 'software' as const;
  readonly service = 'assets';
  readonly linkable = ['name', 'version'] as const;

  constructor(private readonly projections: ProjectionRegistry) {}

  async snapshot(entityId: string): Promise<TargetSnapshot> {
    const [entities, software] = await Promise.all([
      this.projections.collection<DirectoryEntity>(directoryEntitiesProjection.name).then((c) => c.find({}).toArray()),
      this.projections.collection<ImportSoftwareDoc>(importSoftwareProjection.name).then((c) => c.find({}).toArray()),
    ]);
    const ancestors = ancestorsOf(entityId, entities as DirectoryEntity[]);
    return softwareSnapshot(usableFrom(entityId, ancestors, software));
  }
}

const given = (value: FieldValue | undefined) => value !== undefined && cleanName(value) !== '';

/** The run's view of the software: pure, built once per run. */
export function softwareSnapshot(usable: readonly ImportSoftwareDoc[]): TargetSnapshot {
  const byId = new Map(usable.map((software) => [software.softwareId, software]));
  const byName = new Map<string, ImportSoftwareDoc[]>();
  for (const software of usable) {
    byName.set(nameKey(software.name), [...(byName.get(nameKey(software.name)) ?? []), software]);
  }
  const hasVersion = (software: ImportSoftwareDoc, version: FieldValue | undefined) =>
    software.versions.some((name) => nameKey(name) === nameKey(version));
  return {
    match(values, linkFields) {
      if (!linkFields.includes('name') || !given(values.name)) return null;
      const found = (byName.get(nameKey(values.name)) ?? []).find(
        (software) =>
          (!given(values.publisher) || nameKey(software.publisher) === nameKey(values.publisher)) &&
          (!linkFields.includes('version') || hasVersion(software, values.version)),
      );
      if (!found) return null;
      const version = given(values.version) && hasVersion(found, values.version) ? String(values.version) : null;
      return {
        id: found.softwareId,
        values: { name: found.name, publisher: found.publisher, comment: found.comment, version },
      };
    },
    // the publisher is a name assets keeps as it is given, not a catalogue value: nothing to find
    notFound: () => [],
    command(action, itemId, fields, entityId) {
      const version = given(fields.version) ? { version: cleanName(fields.version) } : {};
      const found = itemId === null ? undefined : byId.get(itemId);
      if (action === 'update' && found) {
        // the software found, as it is (its id derives from its entity, name and publisher): a version added, if any
        const { entityId: holder, name, publisher } = found;
        return {
          type: 'software.register',
          streamId: keyOf(holder, name, publisher),
          data: { entityId: holder, name, publisher, ...version },
        };
      }
      const name = cleanName(fields.name);
      const publisher = given(fields.publisher) ? cleanName(fields.publisher) : null;
      const comment = fields.comment === undefined ? {} : { comment: String(fields.comment) };
      return {
        type: 'software.register',
        streamId: keyOf(entityId, name, publisher),
        data: { entityId, name, publisher, ...comment, ...version },
      };
    },
  };
}

/** The Kafka key of a software's lines: those of one software go through one partition, in order. */
const keyOf = (entityId: string, name: string, publisher: string | null) =>
  uuidv5(`${entityId}/software/${nameKey(name)}/${nameKey(publisher)}`, uuidv5.URL);
