import { DomainError, type Decider } from '@itsm/domain';
import type { UserDetails, UserEvent, UserLanguage, UserSessionEnded } from '@itsm/contracts';

export interface Authorization {
  authorizationId: string;
  profileId: string;
  entityId: string;
  recursive: boolean;
}

export type UserCommand =
  | {
      type: 'register-user';
      userId: string;
      login: string;
      details: UserDetails;
      active: boolean;
      defaultEntityId: string;
      defaultProfileId: string | null;
      /** granted with the registration, in one commit (an import's default profile): never one without the other */
      authorization?: Authorization;
    }
  | { type: 'change-user-details'; changes: Partial<UserDetails> }
  | { type: 'change-user-defaults'; defaultEntityId: string; defaultProfileId: string | null }
  | { type: 'change-user-language'; language: UserLanguage | null }
  | { type: 'deactivate-user' }
  | { type: 'reactivate-user' }
  | { type: 'record-password-change'; changedBy: 'self' | 'administrator' }
  | ({ type: 'grant-authorization' } & Authorization)
  | { type: 'revoke-authorization'; authorizationId: string }
  | { type: 'erase-user'; pseudonym: string }
  | { type: 'end-session'; sessionId: string; reason: UserSessionEnded['data']['reason'] };

export interface UserState {
  userId: string | null;
  login: string;
  details: UserDetails;
  active: boolean;
  erased: boolean;
  defaultEntityId: string;
  defaultProfileId: string | null;
  /** the screens' language the user prefers; null: the browser's */
  language: UserLanguage | null;
  authorizations: Authorization[];
}

/** Logins as GLPI accepts them: letters, digits and . _ @ - (compared case-insensitively). */
export const LOGIN_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$/;

const noDetails: UserDetails = { firstName: '', lastName: '', emails: [], phone: null, location: null };

const initialState = (): UserState => ({
  userId: null,
  login: '',
  details: noDetails,
  active: false,
  erased: false,
  defaultEntityId: '',
  defaultProfileId: null,
  language: null,
  authorizations: [],
});

function decide(command: UserCommand, state: UserState): UserEvent[] | DomainError {
  if (command.type === 'register-user') return register(command, state);
  if (state.userId === null) return new DomainError('not_found', 'no such user');
  // erasing again records nothing: an erasure cut off half-way is simply run again
  if (state.erased && command.type === 'erase-user') return [];
  if (state.erased) return new DomainError('illegal_transition', 'the user was erased (GDPR); nothing can change');
  const userId = state.userId;
  switch (command.type) {
    case 'change-user-details':
      return changeDetails(command.changes, state, userId);
    case 'change-user-defaults':
      return changeDefaults(command, state, userId);
    case 'change-user-language':
      return command.language === state.language
        ? []
        : [{ type: 'user.language-changed', data: { userId, language: command.language } }];
    case 'deactivate-user':
      return state.active ? [{ type: 'user.deactivated', data: { userId } }] : [];
    case 'reactivate-user':
      return state.active ? [] : [{ type: 'user.reactivated', data: { userId } }];
    case 'record-password-change':
      return [{ type: 'user.password-changed', data: { userId, changedBy: command.changedBy } }];
    case 'grant-authorization':
      return grant(command, state, userId);
    case 'revoke-authorization':
      if (!state.authorizations.some((held) => held.authorizationId === command.authorizationId)) {
        return new DomainError('not_found', `the user holds no authorization ${command.authorizationId}`);
      }
      return [{ type: 'user.authorization-revoked', data: { userId, authorizationId: command.authorizationId } }];
    case 'erase-user':
      return [{ type: 'user.erased', data: { userId, pseudonym: command.pseudonym } }];
    case 'end-session':
      // not kept in the state: ending a session twice (a retried sign-out) says the same again
      return [{ type: 'user.session-ended', data: { userId, sessionId: command.sessionId, reason: command.reason } }];
  }
}

function register(command: Extract<UserCommand, { type: 'register-user' }>, state: UserState) {
  if (state.userId !== null) return new DomainError('conflict', `user ${command.userId} already exists`);
  if (!LOGIN_PATTERN.test(command.login)) {
    return new DomainError('invalid', 'login may hold letters, digits and . _ @ - (at most 100 characters)');
  }
  const { userId, login, details, active, defaultEntityId, defaultProfileId, authorization } = command;
  return [
    {
      type: 'user.registered' as const,
      data: { userId, login, ...trimmed(details), active, defaultEntityId, defaultProfileId },
    },
    ...(authorization ? [{ type: 'user.authorization-granted' as const, data: { userId, ...authorization } }] : []),
  ];
}

function changeDetails(changes: Partial<UserDetails>, state: UserState, userId: string): UserEvent[] {
  const next = trimmed({ ...state.details, ...changes });
  const changed = (Object.keys(changes) as Array<keyof UserDetails>).filter(
    (field) => JSON.stringify(next[field]) !== JSON.stringify(state.details[field]),
  );
  if (changed.length === 0) return [];
  const data = Object.fromEntries(changed.map((field) => [field, next[field]]));
  return [{ type: 'user.details-changed', data: { userId, ...data } }];
}

function changeDefaults(
  command: Extract<UserCommand, { type: 'change-user-defaults' }>,
  state: UserState,
  userId: string,
): UserEvent[] | DomainError {
  const { defaultEntityId, defaultProfileId } = command;
  if (defaultProfileId !== null && !state.authorizations.some((held) => held.profileId === defaultProfileId)) {
    return new DomainError('rule', `the user holds no authorization with profile ${defaultProfileId}`);
  }
  if (defaultEntityId === state.defaultEntityId && defaultProfileId === state.defaultProfileId) return [];
  return [{ type: 'user.defaults-changed', data: { userId, defaultEntityId, defaultProfileId } }];
}

function grant(command: Authorization, state: UserState, userId: string): UserEvent[] | DomainError {
  const same = state.authorizations.find(
    (held) => held.profileId === command.profileId && held.entityId === command.entityId,
  );
  if (same) {
    return new DomainError(
      'conflict',
      `the user already holds profile ${command.profileId} on entity ${command.entityId}`,
    );
  }
  const { authorizationId, profileId, entityId, recursive } = command;
  return [{ type: 'user.authorization-granted', data: { userId, authorizationId, profileId, entityId, recursive } }];
}

function trimmed(details: UserDetails): UserDetails {
  const optional = (value: string | null) => (value?.trim() ? value.trim() : null);
  return {
    firstName: details.firstName.trim(),
    lastName: details.lastName.trim(),
    emails: [...new Set(details.emails.map((email) => email.trim().toLowerCase()))],
    phone: optional(details.phone),
    location: optional(details.location),
  };
}

function evolve(state: UserState, event: UserEvent): UserState {
  switch (event.type) {
    case 'user.registered': {
      const { userId, login, active, defaultEntityId, defaultProfileId, ...details } = event.data;
      return { ...state, userId, login, details, active, defaultEntityId, defaultProfileId };
    }
    case 'user.details-changed': {
      const { userId: _userId, ...changes } = event.data;
      return { ...state, details: { ...state.details, ...changes } };
    }
    case 'user.defaults-changed':
      return { ...state, defaultEntityId: event.data.defaultEntityId, defaultProfileId: event.data.defaultProfileId };
    case 'user.language-changed':
      return { ...state, language: event.data.language };
    case 'user.deactivated':
      return { ...state, active: false };
    case 'user.reactivated':
      return { ...state, active: true };
    case 'user.password-changed':
    case 'user.session-ended':
      return state;
    case 'user.authorization-granted': {
      const { userId: _userId, ...authorization } = event.data;
      return { ...state, authorizations: [...state.authorizations, authorization] };
    }
    case 'user.authorization-revoked':
      return {
        ...state,
        authorizations: state.authorizations.filter((held) => held.authorizationId !== event.data.authorizationId),
      };
    case 'user.erased':
      return {
        ...state,
        login: event.data.pseudonym,
        details: { ...noDetails, lastName: event.data.pseudonym },
        active: false,
        erased: true,
      };
  }
}

export const userDecider: Decider<UserCommand, UserEvent, UserState> = {
  initialState,
  decide,
  evolve,
  // 2: the state keeps the preferred language
  stateVersion: 2,
};

export const userStreamId = (userId: string): string => `user-${userId}`;
