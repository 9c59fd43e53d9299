import { Injectable } from '@nestjs/common';
import { directoryEntitiesProjection, type DirectoryEntity } from '@itsm/directory';
import { ProjectionRegistry } from '@itsm/runtime';
import { v5 as uuidv5 } from 'uuid';
import type { FieldValue } from '../../domain/line-values';
import { ancestorsOf } from '../assets/assets.target';
import type { ImportTarget, TargetSnapshot } from '../import-target';
import { importSoftwareProjection, type ImportSoftwareDoc } from '../software/import-software.projection';
import { usableFrom } from '../usable-in-entity';
import { cleanName, nameKey } from '../tree-index';
import { importLicensesProjection, type ImportLicenseDoc } from './import-licenses.projection';

/**
 * Software licences (GLPI's glpi_softwarelicenses) as an import target, written by assets'
 * `license.create` and `license.update`: a line names its software by name, found among the
 * software usable in the run's entity, and is found by its link fields (name, software, serial)
 * among the licences usable there (its own and the recursive ones above).
 */
@Injectable()
export class LicensesTarget implements ImportTarget {
  readonly type = 'licenses' as const;
  readonly service = 'assets';
  readonly linkable = ['name', 'software', 'serial'] as const;

  constructor(private readonly projections: ProjectionRegistry) {}

  async snapshot(entityId: string): Promise<TargetSnapshot> {
    const [entities, software, licenses] = await Promise.all([
      this.projections.collection<DirectoryEntity>(directoryEntitiesProjection.name).then((c) => c.find({}).toArray()),
      this.projections.collection<ImportSoftwareDoc>(importSoftwareProjection.name).then((c) => c.find({}).toArray()),
      this.projections.collection<ImportLicenseDoc>(importLicensesProjection.name).then((c) => c.find({}).toArray()),
    ]);
    const ancestors = ancestorsOf(entityId, entities as DirectoryEntity[]);
    return licensesSnapshot(usableFrom(entityId, ancestors, software), usableFrom(entityId, ancestors, licenses));
  }
}

const given = (value: FieldValue | undefined) => value !== undefined && cleanName(value) !== '';

/** A licence valid through its expiry day: the day's last second, UTC. */
export const expiryOf = (day: FieldValue) => `${String(day)}T23:59:59.000Z`;

/** The run's view of the licences and the software they name: pure, built once per run. */
export function licensesSnapshot(
  software: readonly ImportSoftwareDoc[],
  licenses: readonly ImportLicenseDoc[],
): TargetSnapshot {
  const softwareByName = new Map<string, ImportSoftwareDoc>();
  // the nearest first: a name the run's entity has shadows the same name above
  for (const one of software) if (!softwareByName.has(nameKey(one.name))) softwareByName.set(nameKey(one.name), one);
  const softwareOf = (value: FieldValue | undefined) => softwareByName.get(nameKey(value));
  const terms = (fields: Readonly<Record<string, FieldValue>>) => ({
    ...(given(fields.name) ? { name: cleanName(fields.name) } : {}),
    ...(fields.serial === undefined ? {} : { serial: String(fields.serial) }),
    ...(fields.seats === undefined ? {} : { seats: Number(fields.seats) }),
    ...(fields.expiresOn === undefined ? {} : { expiresAt: expiryOf(fields.expiresOn) }),
  });
  return {
    match(values, linkFields) {
      if (linkFields.length === 0 || linkFields.some((field) => !given(values[field]))) return null;
      const softwareId = linkFields.includes('software') ? softwareOf(values.software)?.softwareId : undefined;
      if (linkFields.includes('software') && softwareId === undefined) return null;
      const found = licenses.find(
        (license) =>
          (!linkFields.includes('name') || nameKey(license.name) === nameKey(values.name)) &&
          (!linkFields.includes('serial') || cleanName(license.serial) === cleanName(values.serial)) &&
          (softwareId === undefined || license.softwareId === softwareId),
      );
      if (!found) return null;
      const expiresOn = found.expiresAt === null ? null : found.expiresAt.slice(0, 10);
      return {
        id: found.licenseId,
        values: { name: found.name, serial: found.serial, seats: found.seats, expiresOn },
      };
    },
    notFound: (values) => (given(values.software) && !softwareOf(values.software) ? ['software'] : []),
    command(action, itemId, fields, entityId) {
      if (action === 'update') {
        // its software stays (PATCH does not change it); the comment is not kept by assets
        return { type: 'license.update', streamId: `license-${itemId}`, data: { licenseId: itemId, ...terms(fields) } };
      }
      const softwareId = softwareOf(fields.software)!.softwareId;
      // the Kafka key: lines of one licence (software and name) go through one partition, in order
      const streamId = uuidv5(`${entityId}/license/${softwareId}/${nameKey(fields.name)}`, uuidv5.URL);
      return { type: 'license.create', streamId, data: { softwareId, entityId, ...terms(fields) } };
    },
  };
}
