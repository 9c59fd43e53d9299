import type { JsonSchema } from '../json-schema';
import type { ServiceCommands } from './command-definition';

const nullableText = (maxLength: number): JsonSchema => ({ type: ['string', 'null'], maxLength });

/** What a user's registration and update both say of them. */
const USER_DETAILS: Record<string, JsonSchema> = {
  firstName: { type: 'string', maxLength: 255 },
  lastName: { type: 'string', minLength: 1, maxLength: 255 },
  emails: { type: 'array', items: { type: 'string', format: 'email' } },
  phone: nullableText(64),
  location: nullableText(255),
  active: { type: 'boolean' },
};

/** What version 1 of `user.register` takes; version 2 adds the profile. */
const REGISTRATION_PROPERTIES: Record<string, JsonSchema> = {
  login: {
    type: 'string',
    pattern: '^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$',
    description: 'unique whatever the case',
  },
  ...USER_DETAILS,
  defaultEntityId: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
};

export const identityCommands: ServiceCommands = {
  service: 'identity',
  description: 'Commands identity takes from other services (imports): users and their authorizations.',
  commands: [
    {
      type: 'user.register',
      schemaVersion: 1,
      description:
        'Registers a user, as POST /api/users does, without a password (secrets never travel on Kafka): ' +
        'the user sets one later. Accepted with the new stream `user-<userId>` and answer `{ userId }`.',
      rights: ['user.write'],
      schema: {
        type: 'object',
        required: ['login'],
        additionalProperties: false,
        properties: REGISTRATION_PROPERTIES,
      },
    },
    {
      type: 'user.register',
      schemaVersion: 2,
      description:
        'Registers a user as version 1 does; with `profileId`, the user starts with that profile on their ' +
        'default entity (not recursive), granted under the rules of POST /api/users/:id/authorizations (nobody ' +
        'gives a profile holding rights they lack, nor beyond their scope). A refused profile registers nobody. ' +
        'Accepted with the new stream `user-<userId>` and answer `{ userId }`.',
      rights: ['user.write'],
      schema: {
        type: 'object',
        required: ['login'],
        additionalProperties: false,
        properties: {
          ...REGISTRATION_PROPERTIES,
          profileId: {
            type: 'string',
            pattern: '^[A-Za-z0-9_-]{1,64}$',
            description: 'the profile the user starts with on their default entity (an import’s default profile)',
          },
        },
      },
    },
    {
      type: 'user.update',
      schemaVersion: 1,
      description:
        'Changes a user’s details, as PATCH /api/users/:id does, and activates or deactivates them, as ' +
        'POST /api/users/:id/(de|re)activate do, under the same rules (a user the caller manages; not themselves ' +
        'for the activation). Accepted with the stream `user-<userId>` and answer `{ userId }`.',
      rights: ['user.write'],
      schema: {
        type: 'object',
        required: ['userId'],
        additionalProperties: false,
        properties: {
          userId: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
          ...USER_DETAILS,
        },
      },
    },
    {
      type: 'user.grant-authorization',
      schemaVersion: 1,
      description:
        'Gives a user a profile on an entity, as POST /api/users/:id/authorizations does, under the same rules: ' +
        'nobody grants a profile holding rights they lack, nor an entity beyond their scope, nor to themselves. ' +
        'Accepted with the stream `user-<userId>` and answer `{ authorizationId }`.',
      rights: ['user.write'],
      schema: {
        type: 'object',
        required: ['userId', 'profileId', 'entityId'],
        additionalProperties: false,
        properties: {
          userId: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
          profileId: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$', description: 'e.g. technician, self-service' },
          entityId: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
          recursive: { type: 'boolean', description: 'reaches the sub-entities too (default true)' },
        },
      },
    },
  ],
};
