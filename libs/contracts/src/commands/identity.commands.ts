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

const ID: JsonSchema = { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' };

/** The groups a user joins with their registration or update (an import's group column). */
const GROUP_IDS: JsonSchema = {
  type: 'array',
  items: ID,
  maxItems: 100,
  description:
    'groups the user joins, under the rules of POST /api/groups/:id/members (group.write, groups in the caller’s scope)',
};

/** The profile a new user starts with (user.register v2 and later). */
const PROFILE_ID: JsonSchema = {
  type: 'string',
  pattern: '^[A-Za-z0-9_-]{1,64}$',
  description: 'the profile the user starts with on their default entity (an import’s default profile)',
};

/** What a group's creation and update both say of it (POST and PATCH /api/groups). */
const GROUP_FIELDS: Record<string, JsonSchema> = {
  name: { type: 'string', minLength: 1, maxLength: 255 },
  parentId: { type: ['string', 'null'], pattern: '^[A-Za-z0-9_-]{1,64}$', description: 'parent group' },
  recursive: { type: 'boolean', description: 'visible in the sub-entities' },
  isRequester: { type: 'boolean' },
  isObserver: { type: 'boolean' },
  isAssignee: { type: 'boolean' },
};

export const identityCommands: ServiceCommands = {
  service: 'identity',
  description:
    'Commands identity takes from other services (imports): users and their authorizations, groups and their ' +
    'members, entities.',
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
        properties: { ...REGISTRATION_PROPERTIES, profileId: PROFILE_ID },
      },
    },
    {
      type: 'user.register',
      schemaVersion: 3,
      description:
        'Registers a user as version 2 does; with `groupIds`, the new user joins those groups in the same command, ' +
        'under the rules of POST /api/groups/:id/members (the right group.write, groups in the caller’s scope): a ' +
        'group refused or unknown registers nobody. The registration and each membership are the command’s keyed ' +
        'writes, so a redelivery completes what a crash left half-way and adds nothing twice. Accepted with answer ' +
        '`{ userId }` and the last stream written (`group-<groupId>` when groups were joined, else `user-<userId>`).',
      rights: ['user.write'],
      schema: {
        type: 'object',
        required: ['login'],
        additionalProperties: false,
        properties: { ...REGISTRATION_PROPERTIES, profileId: PROFILE_ID, groupIds: GROUP_IDS },
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
      type: 'user.update',
      schemaVersion: 2,
      description:
        'Changes a user as version 1 does; with `groupIds`, the user then joins those groups (one they are in ' +
        'already is left as it is), under the rules of POST /api/groups/:id/members. Accepted with answer ' +
        '`{ userId }` and the last stream written.',
      rights: ['user.write'],
      schema: {
        type: 'object',
        required: ['userId'],
        additionalProperties: false,
        properties: { userId: ID, ...USER_DETAILS, groupIds: GROUP_IDS },
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
    {
      type: 'group.create',
      schemaVersion: 1,
      description:
        'Creates a group, as POST /api/groups does, under the same rules: the right group.write, the entity ' +
        '(default: the caller’s active one) and the parent group in the caller’s scope. Accepted with the new stream ' +
        '`group-<groupId>` and answer `{ groupId }`.',
      rights: ['group.write'],
      schema: {
        type: 'object',
        required: ['name'],
        additionalProperties: false,
        properties: { ...GROUP_FIELDS, entityId: ID },
      },
    },
    {
      type: 'group.update',
      schemaVersion: 1,
      description:
        'Changes a group, as PATCH /api/groups/:id does, under the same rules (a group in the caller’s scope; no ' +
        'parent under itself). Accepted with the stream `group-<groupId>` and answer `{ groupId }`.',
      rights: ['group.write'],
      schema: {
        type: 'object',
        required: ['groupId'],
        additionalProperties: false,
        properties: { groupId: ID, ...GROUP_FIELDS },
      },
    },
    {
      type: 'group.add-member',
      schemaVersion: 1,
      description:
        'Makes a user a member of a group, as POST /api/groups/:id/members does, under the same rules (the group and ' +
        'the user in the caller’s scope). A user already a member is accepted with nothing written. Accepted with ' +
        'the stream `group-<groupId>` and answer `{ groupId, userId }`.',
      rights: ['group.write'],
      schema: {
        type: 'object',
        required: ['groupId', 'userId'],
        additionalProperties: false,
        properties: { groupId: ID, userId: ID },
      },
    },
    {
      type: 'entity.create',
      schemaVersion: 1,
      description:
        'Creates an entity under a parent, as POST /api/entities does, under the same rules: the right entity.write ' +
        'and a recursive authorization on the parent. A parent identity knows beyond the caller’s scope is refused ' +
        '`forbidden` (over HTTP, a 404). Accepted with the new stream `entity-<entityId>` and answer `{ entityId }`.',
      rights: ['entity.write'],
      schema: {
        type: 'object',
        required: ['name', 'parentId'],
        additionalProperties: false,
        properties: { name: { type: 'string', minLength: 1, maxLength: 255 }, parentId: ID },
      },
    },
  ],
};
