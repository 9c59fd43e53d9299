import { defineProjection } from '@itsm/eventsourcing';

/** A licence (GLPI's SoftwareLicense) with the computers holding a seat; gone once deleted. */
export interface LicenseListDoc {
  licenseId: string;
  softwareId: string;
  versionId: string | null;
  entityId: string;
  recursive: boolean;
  name: string;
  serial: string | null;
  /** -1: unlimited */
  seats: number;
  expiresAt: string | null;
  overQuotaAllowed: boolean;
  computerIds: string[];
  createdAt: string;
  updatedAt: string;
}

export const licenseListProjection = defineProjection<LicenseListDoc>({
  name: 'license_list',
  indexes: [
    { keys: { licenseId: 1 }, options: { name: 'license', unique: true } },
    { keys: { softwareId: 1 }, options: { name: 'software' } },
    { keys: { entityId: 1, name: 1 }, options: { name: 'entity_name' } },
  ],
  handlers: {
    'license.created': (_current, { data, occurredAt }) => ({
      ...data,
      computerIds: [],
      createdAt: occurredAt,
      updatedAt: occurredAt,
    }),
    'license.changed': (current, { data: { licenseId: _id, ...changes }, occurredAt }) =>
      current && { ...current, ...changes, updatedAt: occurredAt },
    'license.computer-assigned': (current, { data, occurredAt }) =>
      current && { ...current, computerIds: [...current.computerIds, data.computerId], updatedAt: occurredAt },
    'license.computer-unassigned': (current, { data, occurredAt }) =>
      current && {
        ...current,
        computerIds: current.computerIds.filter((id) => id !== data.computerId),
        updatedAt: occurredAt,
      },
    'license.deleted': () => null,
  },
});
