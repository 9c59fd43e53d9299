import type { FromSchema } from 'json-schema-to-ts';
import { eventVersion, type ContextEvents, type EventOf } from '../event-definition';
import { choice, flag, id, list, nullableId, nullableText, object, partialObject, text } from '../schema-builders';

// Events of the identity context (topic itsm.identity.events). No password, hash or token ever
// travels in them: credentials stay in the identity service's own store. Each event is declared
// once, as its JSON Schema; its TypeScript type is inferred from it.

const v1 = eventVersion('identity', 1);

const entitySettings = object({
  autoCloseMode: choice(['inherit', 'never', 'days'], 'how solved tickets close'),
  autoCloseDelayDays: { type: 'integer', minimum: 0, maximum: 99, description: 'days before closing (mode days)' },
  calendarId: nullableId('default business calendar, null = inherit'),
});
const userDetails = object({
  firstName: text('first name (GLPI firstname)'),
  lastName: text('last name (GLPI realname)'),
  emails: list(text('e-mail address'), 'first one is the default'),
  phone: nullableText('phone number', 64),
  location: nullableText('location name'),
});
const groupRoles = object({
  isRequester: flag('may be a requester of tickets'),
  isObserver: flag('may be an observer of tickets'),
  isAssignee: flag('may be assigned tickets'),
});
const rights = list(text('a right, e.g. ticket.create', 64), 'rights');
const defaultProfileId = nullableId('profile chosen at sign-in');
/** The languages of the screens a user may prefer. */
export const USER_LANGUAGES = ['fr', 'en'] as const;
export type UserLanguage = (typeof USER_LANGUAGES)[number];

/** autoCloseMode inherit: the parent's; days: solved tickets close after autoCloseDelayDays; calendarId null: inherit. */
export type EntitySettings = FromSchema<typeof entitySettings>;
export type UserDetails = FromSchema<typeof userDetails>;
/** The group may be a requester, an observer, an assignee of tickets. */
export type GroupRoles = FromSchema<typeof groupRoles>;

const entityCreated = v1(
  'entity.created',
  'An entity was created under its parent (null for the root).',
  object({
    entityId: id('the entity'),
    name: text('name'),
    parentId: nullableId('parent entity, null for the root'),
    settings: entitySettings,
  }),
);
const entityRenamed = v1(
  'entity.renamed',
  'An entity got a new name.',
  object({ entityId: id('the entity'), name: text('new name') }),
);
const entityMoved = v1(
  'entity.moved',
  'An entity moved under another parent.',
  object({ entityId: id('the entity'), parentId: id('new parent'), previousParentId: id('former parent') }),
);
const entitySettingsChanged = v1(
  'entity.settings-changed',
  'Settings used by other services changed (auto-close, calendar).',
  object({ entityId: id('the entity'), settings: entitySettings }),
);
export type EntityCreated = EventOf<typeof entityCreated>;
export type EntityRenamed = EventOf<typeof entityRenamed>;
export type EntityMoved = EventOf<typeof entityMoved>;
export type EntitySettingsChanged = EventOf<typeof entitySettingsChanged>;
export type EntityEvent = EntityCreated | EntityRenamed | EntityMoved | EntitySettingsChanged;

const userRegistered = v1(
  'user.registered',
  'A user account was created (never carries a password).',
  object({
    userId: id('the user'),
    login: text('login, unique case-insensitively', 100),
    ...userDetails.properties,
    active: flag('may sign in'),
    defaultEntityId: id('entity chosen at sign-in'),
    defaultProfileId,
  }),
);
const userDetailsChanged = v1(
  'user.details-changed',
  'Personal details changed; only the changed fields are present.',
  partialObject({ userId: id('the user'), ...userDetails.properties }, ['userId']),
);
const userDefaultsChanged = v1(
  'user.defaults-changed',
  'Default entity and profile changed.',
  object({ userId: id('the user'), defaultEntityId: id('entity chosen at sign-in'), defaultProfileId }),
);
const userDeactivated = v1(
  'user.deactivated',
  'The user may no longer sign in; history keeps them.',
  object({ userId: id('the user') }),
);
const userReactivated = v1('user.reactivated', 'The user may sign in again.', object({ userId: id('the user') }));
const userPasswordChanged = v1(
  'user.password-changed',
  'The password changed (the event carries no secret).',
  object({ userId: id('the user'), changedBy: choice(['self', 'administrator'], 'who changed it') }),
);
const userAuthorizationGranted = v1(
  'user.authorization-granted',
  'The user holds a profile on an entity (and its sub-entities if recursive).',
  object({
    userId: id('the user'),
    authorizationId: id('the authorization'),
    profileId: id('the profile'),
    entityId: id('the entity'),
    recursive: flag('reaches the sub-entities'),
  }),
);
const userAuthorizationRevoked = v1(
  'user.authorization-revoked',
  'An authorization was removed.',
  object({ userId: id('the user'), authorizationId: id('the authorization') }),
);
const userErased = v1(
  'user.erased',
  'GDPR erasure: consumers replace every personal datum of the user by the pseudonym.',
  object({ userId: id('the user'), pseudonym: text('what to show instead of the name', 100) }),
);
const userSessionEnded = v1(
  'user.session-ended',
  'A sign-in session ended before its time: its refresh tokens and access tokens are void on every service.',
  object({
    userId: id('the user'),
    sessionId: id('the session (claim sid of its access tokens)'),
    reason: choice(
      ['signed-out', 'refresh-token-reused'],
      'signed out, or revoked because a refresh token of it was used twice (someone else holds a copy)',
    ),
  }),
);
const userLanguageChanged = v1(
  'user.language-changed',
  "The user's preferred language of the screens changed (null: the browser's).",
  object({
    userId: id('the user'),
    language: {
      type: ['string', 'null'],
      enum: [...USER_LANGUAGES, null],
      description: 'fr or en; null lets the browser choose',
    } as const,
  }),
);
export type UserRegistered = EventOf<typeof userRegistered>;
export type UserDetailsChanged = EventOf<typeof userDetailsChanged>;
export type UserDefaultsChanged = EventOf<typeof userDefaultsChanged>;
export type UserDeactivated = EventOf<typeof userDeactivated>;
export type UserReactivated = EventOf<typeof userReactivated>;
export type UserPasswordChanged = EventOf<typeof userPasswordChanged>;
export type UserAuthorizationGranted = EventOf<typeof userAuthorizationGranted>;
export type UserAuthorizationRevoked = EventOf<typeof userAuthorizationRevoked>;
export type UserErased = EventOf<typeof userErased>;
export type UserSessionEnded = EventOf<typeof userSessionEnded>;
export type UserLanguageChanged = EventOf<typeof userLanguageChanged>;
export type UserEvent =
  | UserRegistered
  | UserDetailsChanged
  | UserDefaultsChanged
  | UserDeactivated
  | UserReactivated
  | UserPasswordChanged
  | UserAuthorizationGranted
  | UserAuthorizationRevoked
  | UserErased
  | UserSessionEnded
  | UserLanguageChanged;

const groupCreated = v1(
  'group.created',
  'A group was created.',
  object({
    groupId: id('the group'),
    name: text('name'),
    parentId: nullableId('parent group, null at the top'),
    entityId: id('owning entity'),
    recursive: flag('visible in the sub-entities'),
    ...groupRoles.properties,
  }),
);
const groupUpdated = v1(
  'group.updated',
  'Group fields changed; only the changed fields are present.',
  partialObject(
    {
      groupId: id('the group'),
      name: text('name'),
      parentId: nullableId('parent group'),
      recursive: flag('visible in the sub-entities'),
      ...groupRoles.properties,
    },
    ['groupId'],
  ),
);
const groupMemberAdded = v1(
  'group.member-added',
  'A user joined the group.',
  object({ groupId: id('the group'), userId: id('the user') }),
);
const groupMemberRemoved = v1(
  'group.member-removed',
  'A user left the group.',
  object({ groupId: id('the group'), userId: id('the user') }),
);
export type GroupCreated = EventOf<typeof groupCreated>;
export type GroupUpdated = EventOf<typeof groupUpdated>;
export type GroupMemberAdded = EventOf<typeof groupMemberAdded>;
export type GroupMemberRemoved = EventOf<typeof groupMemberRemoved>;
export type GroupEvent = GroupCreated | GroupUpdated | GroupMemberAdded | GroupMemberRemoved;

const profileCreated = v1(
  'profile.created',
  'A profile (a named set of rights) was created.',
  object({
    profileId: id('the profile'),
    name: text('name'),
    interface: choice(['central', 'helpdesk'], 'standard or self-service UI'),
    rights,
  }),
);
const profileRightsChanged = v1(
  'profile.rights-changed',
  'A profile got a new set of rights.',
  object({ profileId: id('the profile'), rights }),
);
export type ProfileCreated = EventOf<typeof profileCreated>;
export type ProfileRightsChanged = EventOf<typeof profileRightsChanged>;
export type ProfileEvent = ProfileCreated | ProfileRightsChanged;

export type IdentityEvent = EntityEvent | UserEvent | GroupEvent | ProfileEvent;

export const identityEvents: ContextEvents = {
  context: 'identity',
  description: 'Entities (the tenant tree), users, groups, profiles and authorizations.',
  events: [
    entityCreated,
    entityRenamed,
    entityMoved,
    entitySettingsChanged,
    userRegistered,
    userDetailsChanged,
    userDefaultsChanged,
    userDeactivated,
    userReactivated,
    userPasswordChanged,
    userAuthorizationGranted,
    userAuthorizationRevoked,
    userErased,
    userSessionEnded,
    userLanguageChanged,
    groupCreated,
    groupUpdated,
    groupMemberAdded,
    groupMemberRemoved,
    profileCreated,
    profileRightsChanged,
  ],
};
