import { defineProjection } from '@itsm/eventsourcing';
import { nameKey } from '../domain/software-names';

export interface CatalogueVersion {
  versionId: string;
  name: string;
  arch: string | null;
}

/** A software and its versions (GLPI's Software and SoftwareVersion), one document per software. */
export interface SoftwareCatalogueDoc {
  softwareId: string;
  entityId: string;
  recursive: boolean;
  name: string;
  /** the name lower-cased: lists sort and search by it */
  nameKey: string;
  publisher: string | null;
  comment: string | null;
  versions: CatalogueVersion[];
  createdAt: string;
}

export const softwareCatalogueProjection = defineProjection<SoftwareCatalogueDoc>({
  name: 'software_catalogue',
  indexes: [
    { keys: { softwareId: 1 }, options: { name: 'software', unique: true } },
    { keys: { entityId: 1, nameKey: 1 }, options: { name: 'entity_name' } },
  ],
  handlers: {
    'software.created': (_current, { data, occurredAt }) => ({
      ...data,
      nameKey: nameKey(data.name),
      versions: [],
      createdAt: occurredAt,
    }),
    'software.version-added': (current, { data: { versionId, name, arch } }) =>
      current && { ...current, versions: [...current.versions, { versionId, name, arch }] },
  },
});
