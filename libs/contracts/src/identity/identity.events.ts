import type { DomainEvent } from '../envelope';
import type { ContextEvents, EventDefinition } from '../event-definition';
import type { JsonSchema } from '../json-schema';

// Events of the identity context (topic itsm.identity.events). No password, hash or token ever
// travels in them: credentials stay in the identity service's own store.

export interface EntitySettings {
  /** inherit: the parent's setting; never; days: close solved tickets after autoCloseDelayDays (0 = at once) */
  autoCloseMode: 'inherit' | 'never' | 'days';
  autoCloseDelayDays: number;
  /** the default business calendar (sla service), null = inherit from the parent (none at the root) */
  calendarId: string | null;
}

export type EntityCreated = DomainEvent<
  'entity.created',
  { entityId: string; name: string; parentId: string | null; settings: EntitySettings }
>;
export type EntityRenamed = DomainEvent<'entity.renamed', { entityId: string; name: string }>;
export type EntityMoved = DomainEvent<'entity.moved', { entityId: string; parentId: string; previousParentId: string }>;
export type EntitySettingsChanged = DomainEvent<
  'entity.settings-changed',
  { entityId: string; settings: EntitySettings }
>;
export type EntityEvent = EntityCreated | EntityRenamed | EntityMoved | EntitySettingsChanged;

export interface UserDetails {
  firstName: string;
  lastName: string;
  emails: string[];
  phone: string | null;
  location: string | null;
}

export type UserRegistered = DomainEvent<
  'user.registered',
  UserDetails & {
    userId: string;
    login: string;
    active: boolean;
    defaultEntityId: string;
    defaultProfileId: string | null;
  }
>;
export type UserDetailsChanged = DomainEvent<'user.details-changed', Partial<UserDetails> & { userId: string }>;
export type UserDefaultsChanged = DomainEvent<
  'user.defaults-changed',
  { userId: string; defaultEntityId: string; defaultProfileId: string | null }
>;
export type UserDeactivated = DomainEvent<'user.deactivated', { userId: string }>;
export type UserReactivated = DomainEvent<'user.reactivated', { userId: string }>;
export type UserPasswordChanged = DomainEvent<
  'user.password-changed',
  { userId: string; changedBy: 'self' | 'administrator' }
>;
export type UserAuthorizationGranted = DomainEvent<
  'user.authorization-granted',
  { userId: string; authorizationId: string; profileId: string; entityId: string; recursive: boolean }
>;
export type UserAuthorizationRevoked = DomainEvent<
  'user.authorization-revoked',
  { userId: string; authorizationId: string }
>;
export type UserErased = DomainEvent<'user.erased', { userId: string; pseudonym: string }>;
export type UserEvent =
  | UserRegistered
  | UserDetailsChanged
  | UserDefaultsChanged
  | UserDeactivated
  | UserReactivated
  | UserPasswordChanged
  | UserAuthorizationGranted
  | UserAuthorizationRevoked
  | UserErased;

export interface GroupRoles {
  /** the group may be a requester, an observer, an assignee of tickets */
  isRequester: boolean;
  isObserver: boolean;
  isAssignee: boolean;
}

export type GroupCreated = DomainEvent<
  'group.created',
  GroupRoles & { groupId: string; name: string; parentId: string | null; entityId: string; recursive: boolean }
>;
export type GroupUpdated = DomainEvent<
  'group.updated',
  Partial<GroupRoles> & { groupId: string; name?: string; parentId?: string | null; recursive?: boolean }
>;
export type GroupMemberAdded = DomainEvent<'group.member-added', { groupId: string; userId: string }>;
export type GroupMemberRemoved = DomainEvent<'group.member-removed', { groupId: string; userId: string }>;
export type GroupEvent = GroupCreated | GroupUpdated | GroupMemberAdded | GroupMemberRemoved;

export type ProfileCreated = DomainEvent<
  'profile.created',
  { profileId: string; name: string; interface: 'central' | 'helpdesk'; rights: string[] }
>;
export type ProfileRightsChanged = DomainEvent<'profile.rights-changed', { profileId: string; rights: string[] }>;
export type ProfileEvent = ProfileCreated | ProfileRightsChanged;

export type IdentityEvent = EntityEvent | UserEvent | GroupEvent | ProfileEvent;

const id = (description: string): JsonSchema => ({ type: 'string', minLength: 1, maxLength: 64, description });
const text = (description: string, maxLength = 255): JsonSchema => ({ type: 'string', maxLength, description });
const flag = (description: string): JsonSchema => ({ type: 'boolean', description });
const object = (properties: Record<string, JsonSchema>, required = Object.keys(properties)): JsonSchema => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});

const entitySettings = object({
  autoCloseMode: { type: 'string', enum: ['inherit', 'never', 'days'], description: 'how solved tickets close' },
  autoCloseDelayDays: { type: 'integer', minimum: 0, maximum: 99, description: 'days before closing (mode days)' },
  calendarId: { type: ['string', 'null'], maxLength: 64, description: 'default business calendar, null = inherit' },
});
const userDetails: Record<string, JsonSchema> = {
  firstName: text('first name (GLPI firstname)'),
  lastName: text('last name (GLPI realname)'),
  emails: { type: 'array', items: text('e-mail address'), description: 'first one is the default' },
  phone: { type: ['string', 'null'], maxLength: 64, description: 'phone number' },
  location: { type: ['string', 'null'], maxLength: 255, description: 'location name' },
};
const groupRoles: Record<string, JsonSchema> = {
  isRequester: flag('may be a requester of tickets'),
  isObserver: flag('may be an observer of tickets'),
  isAssignee: flag('may be assigned tickets'),
};
const rights: JsonSchema = { type: 'array', items: text('a right, e.g. ticket.create', 64), description: 'rights' };

const v1 = (type: IdentityEvent['type'], description: string, schema: JsonSchema): EventDefinition => ({
  context: 'identity',
  type,
  schemaVersion: 1,
  description,
  schema,
});

export const identityEvents: ContextEvents = {
  context: 'identity',
  description: 'Entities (the tenant tree), users, groups, profiles and authorizations.',
  events: [
    v1(
      'entity.created',
      'An entity was created under its parent (null for the root).',
      object({
        entityId: id('the entity'),
        name: text('name'),
        parentId: { type: ['string', 'null'], maxLength: 64, description: 'parent entity, null for the root' },
        settings: entitySettings,
      }),
    ),
    v1('entity.renamed', 'An entity got a new name.', object({ entityId: id('the entity'), name: text('new name') })),
    v1(
      'entity.moved',
      'An entity moved under another parent.',
      object({
        entityId: id('the entity'),
        parentId: id('new parent'),
        previousParentId: id('former parent'),
      }),
    ),
    v1(
      'entity.settings-changed',
      'Settings used by other services changed (auto-close, calendar).',
      object({
        entityId: id('the entity'),
        settings: entitySettings,
      }),
    ),
    v1(
      'user.registered',
      'A user account was created (never carries a password).',
      object({
        userId: id('the user'),
        login: text('login, unique case-insensitively', 100),
        ...userDetails,
        active: flag('may sign in'),
        defaultEntityId: id('entity chosen at sign-in'),
        defaultProfileId: { type: ['string', 'null'], maxLength: 64, description: 'profile chosen at sign-in' },
      }),
    ),
    v1(
      'user.details-changed',
      'Personal details changed; only the changed fields are present.',
      object({ userId: id('the user'), ...userDetails }, ['userId']),
    ),
    v1(
      'user.defaults-changed',
      'Default entity and profile changed.',
      object({
        userId: id('the user'),
        defaultEntityId: id('entity chosen at sign-in'),
        defaultProfileId: { type: ['string', 'null'], maxLength: 64, description: 'profile chosen at sign-in' },
      }),
    ),
    v1('user.deactivated', 'The user may no longer sign in; history keeps them.', object({ userId: id('the user') })),
    v1('user.reactivated', 'The user may sign in again.', object({ userId: id('the user') })),
    v1(
      'user.password-changed',
      'The password changed (the event carries no secret).',
      object({
        userId: id('the user'),
        changedBy: { type: 'string', enum: ['self', 'administrator'], description: 'who changed it' },
      }),
    ),
    v1(
      'user.authorization-granted',
      'The user holds a profile on an entity (and its sub-entities if recursive).',
      object({
        userId: id('the user'),
        authorizationId: id('the authorization'),
        profileId: id('the profile'),
        entityId: id('the entity'),
        recursive: flag('reaches the sub-entities'),
      }),
    ),
    v1(
      'user.authorization-revoked',
      'An authorization was removed.',
      object({
        userId: id('the user'),
        authorizationId: id('the authorization'),
      }),
    ),
    v1(
      'user.erased',
      'GDPR erasure: consumers replace every personal datum of the user by the pseudonym.',
      object({
        userId: id('the user'),
        pseudonym: text('what to show instead of the name', 100),
      }),
    ),
    v1(
      'group.created',
      'A group was created.',
      object({
        groupId: id('the group'),
        name: text('name'),
        parentId: { type: ['string', 'null'], maxLength: 64, description: 'parent group, null at the top' },
        entityId: id('owning entity'),
        recursive: flag('visible in the sub-entities'),
        ...groupRoles,
      }),
    ),
    v1(
      'group.updated',
      'Group fields changed; only the changed fields are present.',
      object(
        {
          groupId: id('the group'),
          name: text('name'),
          parentId: { type: ['string', 'null'], maxLength: 64, description: 'parent group' },
          recursive: flag('visible in the sub-entities'),
          ...groupRoles,
        },
        ['groupId'],
      ),
    ),
    v1('group.member-added', 'A user joined the group.', object({ groupId: id('the group'), userId: id('the user') })),
    v1('group.member-removed', 'A user left the group.', object({ groupId: id('the group'), userId: id('the user') })),
    v1(
      'profile.created',
      'A profile (a named set of rights) was created.',
      object({
        profileId: id('the profile'),
        name: text('name'),
        interface: { type: 'string', enum: ['central', 'helpdesk'], description: 'standard or self-service UI' },
        rights,
      }),
    ),
    v1(
      'profile.rights-changed',
      'A profile got a new set of rights.',
      object({ profileId: id('the profile'), rights }),
    ),
  ],
};
