import { defineProjection } from '@itsm/eventsourcing';

/** A licence as an import finds it: by its name, software and serial. */
export interface ImportLicenseDoc {
  licenseId: string;
  softwareId: string;
  entityId: string;
  recursive: boolean;
  name: string;
  serial: string | null;
  seats: number;
  expiresAt: string | null;
}

/** The licences an import's lines are matched against, fed by itsm.assets.events. */
export const importLicensesProjection = defineProjection<ImportLicenseDoc>({
  name: 'import_licenses',
  indexes: [{ keys: { licenseId: 1 }, options: { name: 'license', unique: true } }],
  handlers: {
    'license.created': (_current, { data }) => ({
      licenseId: data.licenseId,
      softwareId: data.softwareId,
      entityId: data.entityId,
      recursive: data.recursive,
      name: data.name,
      serial: data.serial,
      seats: data.seats,
      expiresAt: data.expiresAt,
    }),
    'license.changed': (current, { data }) =>
      current && {
        ...current,
        ...(data.name === undefined ? {} : { name: data.name }),
        ...(data.serial === undefined ? {} : { serial: data.serial }),
        ...(data.seats === undefined ? {} : { seats: data.seats }),
        ...(data.expiresAt === undefined ? {} : { expiresAt: data.expiresAt }),
      },
    'license.deleted': () => null,
  },
});
