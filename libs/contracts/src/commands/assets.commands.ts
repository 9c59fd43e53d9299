import { ASSET_FIELD_PROPERTIES, ASSET_TYPES, DROPDOWN_KINDS } from '../assets/assets.events';
import { OPERATING_SYSTEM_SCHEMA } from '../assets/inventory.events';
import type { JsonSchema } from '../json-schema';
import type { ServiceCommands } from './command-definition';

const id = (description: string): JsonSchema => ({ type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$', description });

/** What version 1 of `asset.create` takes; version 2 adds a computer's operating system. */
const ASSET_CREATION_PROPERTIES: Record<string, JsonSchema> = {
  assetType: { type: 'string', enum: [...ASSET_TYPES] },
  entityId: id('owning entity'),
  ...(ASSET_FIELD_PROPERTIES as Record<string, JsonSchema>),
};

/** What version 1 of `dropdown.find-or-create` takes; version 2 adds a location's parent and a comment. */
const DROPDOWN_WANTED_PROPERTIES: Record<string, JsonSchema> = {
  kind: { type: 'string', enum: [...DROPDOWN_KINDS] },
  entityId: id('where the value is needed'),
  name: { type: 'string', minLength: 1, maxLength: 255 },
};

/** A licence's terms, as POST and PATCH /api/licenses take them. */
const LICENSE_TERMS: Record<string, JsonSchema> = {
  name: { type: 'string', minLength: 1, maxLength: 255 },
  serial: { type: ['string', 'null'], maxLength: 255 },
  seats: { type: 'integer', minimum: -1, maximum: 10_000_000, description: 'seats bought; -1 unlimited' },
  expiresAt: { type: ['string', 'null'], format: 'date-time', description: 'expiry; null: never' },
  overQuotaAllowed: { type: 'boolean' },
};

export const assetsCommands: ServiceCommands = {
  service: 'assets',
  description:
    'Commands assets takes from other services (imports): creating and updating assets, finding or creating catalogue values.',
  commands: [
    {
      type: 'asset.create',
      schemaVersion: 1,
      description:
        'Records an asset, as POST /api/computers (or another type’s route) does, its dropdowns named by id. ' +
        'Accepted with the new stream `asset-<assetId>` and answer `{ assetId }`.',
      rights: ['asset.write'],
      schema: {
        type: 'object',
        required: ['assetType', 'entityId'],
        additionalProperties: false,
        properties: ASSET_CREATION_PROPERTIES,
      },
    },
    {
      type: 'asset.create',
      schemaVersion: 2,
      description:
        'Records an asset as version 1 does; with `operatingSystem`, a computer starts with that operating system ' +
        '(GET /api/computers/:id/components), as GLPI’s Data Injection sets it: not locked, so the computer’s ' +
        'agent inventories report theirs over it. Accepted with the new stream `asset-<assetId>` and answer `{ assetId }`.',
      rights: ['asset.write'],
      schema: {
        type: 'object',
        required: ['assetType', 'entityId'],
        additionalProperties: false,
        properties: {
          ...ASSET_CREATION_PROPERTIES,
          operatingSystem: {
            ...(OPERATING_SYSTEM_SCHEMA as JsonSchema),
            description: 'a computer’s operating system (another type refuses it)',
          },
        },
      },
    },
    {
      type: 'asset.update',
      schemaVersion: 1,
      description:
        'Changes fields of an asset, as PATCH /api/computers/:id does (the fields absent stay). ' +
        'Accepted with the stream `asset-<assetId>`.',
      rights: ['asset.write'],
      schema: {
        type: 'object',
        required: ['assetId'],
        additionalProperties: false,
        properties: { assetId: id('the asset'), ...(ASSET_FIELD_PROPERTIES as Record<string, JsonSchema>) },
      },
    },
    {
      type: 'asset.update',
      schemaVersion: 2,
      description:
        'Changes fields of an asset as version 1 does; with `operatingSystem`, a computer gets that operating system ' +
        'when it differs, set as `asset.create` v2 sets it: not locked, so the computer’s agent inventories report ' +
        'theirs over it. Accepted with the stream `asset-<assetId>`.',
      rights: ['asset.write'],
      schema: {
        type: 'object',
        required: ['assetId'],
        additionalProperties: false,
        properties: {
          assetId: id('the asset'),
          ...(ASSET_FIELD_PROPERTIES as Record<string, JsonSchema>),
          operatingSystem: {
            ...(OPERATING_SYSTEM_SCHEMA as JsonSchema),
            description: 'a computer’s operating system (another type refuses it)',
          },
        },
      },
    },
    {
      type: 'dropdown.find-or-create',
      schemaVersion: 1,
      description:
        'The catalogue value of that name (trimmed, any case) usable in the entity, else a new recursive one ' +
        'there, as inventories do. Answer `{ valueId }`.',
      rights: ['asset.write'],
      schema: {
        type: 'object',
        required: ['kind', 'entityId', 'name'],
        additionalProperties: false,
        properties: DROPDOWN_WANTED_PROPERTIES,
      },
    },
    {
      type: 'dropdown.find-or-create',
      schemaVersion: 2,
      description:
        'As version 1, the value found among those of its parent: `parentId` (locations only) names the parent ' +
        'location, usable in the entity; a value created gets that parent and `comment`. A value found is ' +
        'answered as it is (its comment stays). Answer `{ valueId }`.',
      rights: ['asset.write'],
      schema: {
        type: 'object',
        required: ['kind', 'entityId', 'name'],
        additionalProperties: false,
        properties: {
          ...DROPDOWN_WANTED_PROPERTIES,
          parentId: {
            ...id('the parent location (locations only); absent or null: at the top'),
            type: ['string', 'null'],
          },
          comment: { type: ['string', 'null'], maxLength: 65_535 },
        },
      },
    },
    {
      type: 'dropdown.update',
      schemaVersion: 1,
      description:
        'Changes a catalogue value’s name or comment (null clears it), as PATCH /api/asset-dropdowns/:kind/:id ' +
        'does: the value must be one the caller sees, in an entity of their scope. The absent ones stay. ' +
        'Accepted with the catalogue’s stream `asset-dropdown-<kind>-<entityId>`.',
      rights: ['asset.write'],
      schema: {
        type: 'object',
        required: ['kind', 'valueId'],
        additionalProperties: false,
        properties: {
          kind: { type: 'string', enum: [...DROPDOWN_KINDS] },
          valueId: id('the value'),
          name: { type: 'string', minLength: 1, maxLength: 255 },
          comment: { type: ['string', 'null'], maxLength: 65_535 },
        },
      },
    },
    {
      type: 'software.register',
      schemaVersion: 1,
      description:
        'The software of that name and publisher in the entity (GLPI finds it by them: its id derives from them), ' +
        'recorded unless it is there, and its version unless it is there: POST /api/software and ' +
        'POST /api/software/:id/versions in one, under their rights and scope, without their 409s. A software ' +
        'there already keeps its comment. Accepted with the stream `software-<softwareId>` and answer ' +
        '`{ softwareId, versionId }` (versionId null without a version).',
      rights: ['software.write'],
      schema: {
        type: 'object',
        required: ['name'],
        additionalProperties: false,
        properties: {
          entityId: id('default: the caller’s active entity'),
          name: { type: 'string', minLength: 1, maxLength: 255 },
          publisher: { type: ['string', 'null'], maxLength: 255 },
          comment: { type: ['string', 'null'], maxLength: 65_535 },
          recursive: {
            type: 'boolean',
            description: 'a software recorded: visible in the sub-entities (default true)',
          },
          version: { type: ['string', 'null'], minLength: 1, maxLength: 128, description: 'the version’s name' },
        },
      },
    },
    {
      type: 'license.create',
      schemaVersion: 1,
      description:
        'Records a software licence, as POST /api/licenses does (license.write, the entity in the caller’s scope, ' +
        'a software the caller sees and the licence’s entity sees). Accepted with the new stream ' +
        '`license-<licenseId>` and answer `{ licenseId }`.',
      rights: ['license.write'],
      schema: {
        type: 'object',
        required: ['softwareId', 'name', 'seats'],
        additionalProperties: false,
        properties: {
          softwareId: id('the software'),
          versionId: id('the version it covers; none: any version'),
          ...LICENSE_TERMS,
          entityId: id('default: the caller’s active entity'),
          recursive: { type: 'boolean', description: 'visible in the sub-entities (default true)' },
        },
      },
    },
    {
      type: 'license.update',
      schemaVersion: 1,
      description:
        'Changes a licence’s terms, as PATCH /api/licenses/:id does (the absent ones stay; a licence the caller ' +
        'does not see is not found). Accepted with the stream `license-<licenseId>` and answer `{ licenseId }`.',
      rights: ['license.write'],
      schema: {
        type: 'object',
        required: ['licenseId'],
        additionalProperties: false,
        properties: { licenseId: id('the licence'), ...LICENSE_TERMS },
      },
    },
  ],
};
