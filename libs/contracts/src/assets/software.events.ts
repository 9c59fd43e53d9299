import { eventVersion, type EventOf } from '../event-definition';
import type { Upcaster } from '../upcasting';
import { flag, id, nullableId, nullableInstant, nullableText, object, partialObject, text } from '../schema-builders';

// Software, its versions, their installations on computers and the licences that cover them
// (topic itsm.assets.events). Streams: `software-<softwareId>` (the software and its versions),
// `computer-software-<computerId>` (what a technician installed or uninstalled by hand; what an
// inventory found travels on the computer's own stream), `license-<licenseId>`.

const v1 = eventVersion('assets', 1);
const v2 = eventVersion('assets', 2);

const softwareId = id('the software');
const versionId = id('the software version');
const computerId = id('the computer (an asset of type computer)');
const licenseId = id('the licence');
/** -1: unlimited. */
const seats = { type: 'integer', minimum: -1, maximum: 10_000_000, description: 'seats bought; -1 unlimited' } as const;

const softwareCreated = v1(
  'software.created',
  'A software was added to the catalogue, by a person or because an inventory found it. Its id derives from its entity, normalised name and publisher: the same software found twice is one.',
  object({
    softwareId,
    entityId: id('owning entity'),
    recursive: flag('visible in the sub-entities'),
    name: text('name, trimmed, single spaces'),
    publisher: nullableText('publisher (manufacturer), trimmed, single spaces'),
    comment: nullableText('comment', 65_535),
  }),
);
const softwareVersionAdded = v1(
  'software.version-added',
  'A version of a software was added (GLPI SoftwareVersion). Its id derives from the software, the normalised version and the architecture.',
  object({
    softwareId,
    versionId,
    name: text('the version, trimmed, e.g. 115.0.2', 128),
    arch: nullableText('architecture, e.g. x86_64', 32),
  }),
);
const softwareInstalled = v1(
  'software.installed',
  'A technician declared a software version installed on a computer (GLPI "Installer"); stream computer-software-<computerId>.',
  object({
    computerId,
    softwareId,
    versionId,
    installedAt: nullableInstant('installation date, when known'),
  }),
);
const softwareUninstalled = v1(
  'software.uninstalled',
  'A technician declared a software version no longer installed on a computer; stream computer-software-<computerId>.',
  object({ computerId, softwareId, versionId }),
);

const licenseFields = {
  name: text('name'),
  serial: nullableText('serial or key'),
  seats,
  expiresAt: nullableInstant('expiry; null: never'),
  overQuotaAllowed: flag('more computers may be assigned than seats bought'),
};
const licenseCreated = v1(
  'license.created',
  'A software licence was recorded (GLPI SoftwareLicense).',
  object({
    licenseId,
    softwareId,
    versionId: nullableId('the version it covers; null: any version'),
    entityId: id('owning entity'),
    recursive: flag('visible in the sub-entities'),
    ...licenseFields,
  }),
);
const licenseChangedV1 = v1(
  'license.changed',
  'Fields of a licence changed; only those present.',
  partialObject({ licenseId, ...licenseFields }, ['licenseId']),
);
const licenseChanged = v2(
  'license.changed',
  'Fields of a licence changed; only those present. Version 2 adds `versionId`: the version of its software it covers from now on (null: any version).',
  partialObject(
    { licenseId, ...licenseFields, versionId: nullableId('the version it covers from now on; null: any version') },
    ['licenseId'],
  ),
);
const licenseComputerAssigned = v1(
  'license.computer-assigned',
  'A computer was given a seat of the licence.',
  object({ licenseId, computerId }),
);
const licenseComputerUnassigned = v1(
  'license.computer-unassigned',
  'A computer gave its seat of the licence back.',
  object({ licenseId, computerId }),
);
const licenseDeleted = v1('license.deleted', 'A licence was deleted.', object({ licenseId }));

export type SoftwareCreated = EventOf<typeof softwareCreated>;
export type SoftwareVersionAdded = EventOf<typeof softwareVersionAdded>;
export type SoftwareEvent = SoftwareCreated | SoftwareVersionAdded;
export type SoftwareInstalled = EventOf<typeof softwareInstalled>;
export type SoftwareUninstalled = EventOf<typeof softwareUninstalled>;
/** The events of a computer's `computer-software-<computerId>` stream: what was done by hand. */
export type ManualInstallationEvent = SoftwareInstalled | SoftwareUninstalled;
export type LicenseCreated = EventOf<typeof licenseCreated>;
/** Only the changed fields are present. */
export type LicenseChanged = EventOf<typeof licenseChanged>;
export type LicenseComputerAssigned = EventOf<typeof licenseComputerAssigned>;
export type LicenseComputerUnassigned = EventOf<typeof licenseComputerUnassigned>;
export type LicenseDeleted = EventOf<typeof licenseDeleted>;
export type LicenseEvent =
  | LicenseCreated
  | LicenseChanged
  | LicenseComputerAssigned
  | LicenseComputerUnassigned
  | LicenseDeleted;
export type SoftwareContextEvent = SoftwareEvent | ManualInstallationEvent | LicenseEvent;

/** Joins the assets context's catalogue (assets.events.ts). */
export const softwareEventDefinitions = [
  softwareCreated,
  softwareVersionAdded,
  softwareInstalled,
  softwareUninstalled,
  licenseCreated,
  licenseChangedV1,
  licenseChanged,
  licenseComputerAssigned,
  licenseComputerUnassigned,
  licenseDeleted,
];

/** v1 licence changes could not name a version: their data is already valid v2 data. */
export const softwareUpcasters: Upcaster[] = [{ type: 'license.changed', fromVersion: 1, upcast: (data) => data }];
