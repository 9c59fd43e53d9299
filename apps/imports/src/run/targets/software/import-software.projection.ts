import { defineProjection } from '@itsm/eventsourcing';

/** A software as an import finds it: by its name and publisher, with its versions' names. */
export interface ImportSoftwareDoc {
  softwareId: string;
  entityId: string;
  recursive: boolean;
  name: string;
  publisher: string | null;
  comment: string | null;
  versions: string[];
}

/** The software an import's lines are matched against, fed by itsm.assets.events. */
export const importSoftwareProjection = defineProjection<ImportSoftwareDoc>({
  name: 'import_software',
  indexes: [{ keys: { softwareId: 1 }, options: { name: 'software', unique: true } }],
  handlers: {
    'software.created': (current, { data }) => ({
      softwareId: data.softwareId,
      entityId: data.entityId,
      recursive: data.recursive,
      name: data.name,
      publisher: data.publisher,
      comment: data.comment,
      versions: current?.versions ?? [],
    }),
    // a version's event follows its software's in the stream; the same name twice (two architectures) is kept once
    'software.version-added': (current, { data }) =>
      current && {
        ...current,
        versions: current.versions.includes(data.name) ? current.versions : [...current.versions, data.name],
      },
  },
});
