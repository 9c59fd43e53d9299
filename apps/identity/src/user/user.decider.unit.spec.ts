import type { UserEvent } from '@itsm/contracts';
import { deciderSpecification } from '@itsm/testing';
import { userDecider, type UserCommand } from './user.decider';

const spec = deciderSpecification(userDecider);

const details = { firstName: 'Ada', lastName: 'Lovelace', emails: ['ada@example.org'], phone: null, location: null };
const register: UserCommand = {
  type: 'register-user',
  userId: 'u1',
  login: 'ada.lovelace',
  details,
  active: true,
  defaultEntityId: 'root',
  defaultProfileId: null,
};
const registeredData = {
  userId: 'u1',
  login: 'ada.lovelace',
  ...details,
  active: true,
  defaultEntityId: 'root',
  defaultProfileId: null,
};
const registered: UserEvent = { type: 'user.registered', data: registeredData };
const deactivated: UserEvent = { type: 'user.deactivated', data: { userId: 'u1' } };
const granted: UserEvent = {
  type: 'user.authorization-granted',
  data: { userId: 'u1', authorizationId: 'a1', profileId: 'technician', entityId: 'paris', recursive: true },
};
const erased: UserEvent = { type: 'user.erased', data: { userId: 'u1', pseudonym: 'user-7f3a' } };

describe('the user decider', () => {
  describe('register-user', () => {
    it('registers a user with trimmed details and lower-cased, de-duplicated e-mails', () => {
      spec
        .given([])
        .when({
          ...register,
          details: {
            firstName: ' Ada ',
            lastName: ' Lovelace ',
            emails: [' Ada@Example.org ', 'ada@example.org', 'ADA@work.example'],
            phone: ' +33 1 23 45 67 89 ',
            location: '   ',
          },
        })
        .then([
          {
            type: 'user.registered',
            data: {
              ...registeredData,
              emails: ['ada@example.org', 'ada@work.example'],
              phone: '+33 1 23 45 67 89',
              location: null,
            },
          },
        ]);
    });

    it.each(['ada', 'Ada.Lovelace_2@corp-1', '9', 'a'.repeat(100)])('accepts the login %s', (login) => {
      spec
        .given([])
        .when({ ...register, login })
        .then([{ type: 'user.registered', data: { ...registeredData, login } }]);
    });

    it.each(['', '.ada', 'ada lovelace', 'ada/x', 'adé', 'a'.repeat(101)])('refuses the login "%s"', (login) => {
      spec
        .given([])
        .when({ ...register, login })
        .thenFails('invalid', /login may hold letters, digits/);
    });

    it('registers a user with the profile they start with, granted in the same commit (an import’s default profile)', () => {
      const authorization = { authorizationId: 'a1', profileId: 'self-service', entityId: 'root', recursive: false };
      spec
        .given([])
        .when({ ...register, defaultProfileId: 'self-service', authorization })
        .then([
          { type: 'user.registered', data: { ...registeredData, defaultProfileId: 'self-service' } },
          { type: 'user.authorization-granted', data: { userId: 'u1', ...authorization } },
        ]);
    });

    it('refuses to register a user that already exists', () => {
      spec
        .given([registered])
        .when(register)
        .thenFails('conflict', /user u1 already exists/);
    });
  });

  describe('change-user-details', () => {
    it('emits only the fields that changed', () => {
      spec
        .given([registered])
        .when({ type: 'change-user-details', changes: { firstName: 'Ada', lastName: ' King ', phone: '555' } })
        .then([{ type: 'user.details-changed', data: { userId: 'u1', lastName: 'King', phone: '555' } }]);
    });

    it('normalises changed e-mails before comparing them', () => {
      spec
        .given([registered])
        .when({ type: 'change-user-details', changes: { emails: ['ADA@example.org', 'ada@example.org '] } })
        .then([]);
      spec
        .given([registered])
        .when({ type: 'change-user-details', changes: { emails: ['New@Example.org', 'ada@example.org'] } })
        .then([
          {
            type: 'user.details-changed',
            data: { userId: 'u1', emails: ['new@example.org', 'ada@example.org'] },
          },
        ]);
    });

    it('does nothing when no field changes', () => {
      spec
        .given([registered])
        .when({ type: 'change-user-details', changes: { firstName: ' Ada ', location: '  ' } })
        .then([]);
    });
  });

  describe('change-user-defaults', () => {
    it('changes the default entity and profile to a profile the user holds', () => {
      spec
        .given([registered, granted])
        .when({ type: 'change-user-defaults', defaultEntityId: 'paris', defaultProfileId: 'technician' })
        .then([
          {
            type: 'user.defaults-changed',
            data: { userId: 'u1', defaultEntityId: 'paris', defaultProfileId: 'technician' },
          },
        ]);
    });

    it('refuses a default profile the user does not hold', () => {
      spec
        .given([registered, granted])
        .when({ type: 'change-user-defaults', defaultEntityId: 'paris', defaultProfileId: 'admin' })
        .thenFails('rule', /holds no authorization with profile admin/);
    });

    it('does nothing when the defaults are unchanged', () => {
      spec
        .given([registered])
        .when({ type: 'change-user-defaults', defaultEntityId: 'root', defaultProfileId: null })
        .then([]);
    });
  });

  describe('deactivate-user and reactivate-user', () => {
    it('deactivates an active user', () => {
      spec.given([registered]).when({ type: 'deactivate-user' }).then([deactivated]);
    });

    it('does nothing when deactivating an inactive user', () => {
      spec.given([registered, deactivated]).when({ type: 'deactivate-user' }).then([]);
    });

    it('reactivates an inactive user', () => {
      spec
        .given([registered, deactivated])
        .when({ type: 'reactivate-user' })
        .then([{ type: 'user.reactivated', data: { userId: 'u1' } }]);
    });

    it('does nothing when reactivating an active user', () => {
      spec.given([registered]).when({ type: 'reactivate-user' }).then([]);
    });
  });

  describe('change-user-language', () => {
    const english: UserEvent = { type: 'user.language-changed', data: { userId: 'u1', language: 'en' } };

    it('records a new preferred language', () => {
      spec.given([registered]).when({ type: 'change-user-language', language: 'en' }).then([english]);
    });

    it('records nothing when the language is already the preferred one', () => {
      spec.given([registered, english]).when({ type: 'change-user-language', language: 'en' }).then([]);
      spec.given([registered]).when({ type: 'change-user-language', language: null }).then([]);
    });

    it("goes back to the browser's language with null", () => {
      spec
        .given([registered, english])
        .when({ type: 'change-user-language', language: null })
        .then([{ type: 'user.language-changed', data: { userId: 'u1', language: null } }]);
    });
  });

  it('records a password change and who made it, never the secret', () => {
    spec
      .given([registered])
      .when({ type: 'record-password-change', changedBy: 'administrator' })
      .then([{ type: 'user.password-changed', data: { userId: 'u1', changedBy: 'administrator' } }]);
  });

  describe('end-session', () => {
    const ended = (reason: 'signed-out' | 'refresh-token-reused') => ({
      type: 'user.session-ended' as const,
      data: { userId: 'u1', sessionId: 's1', reason },
    });

    it('records a sign-out and a revocation for a reused refresh token, every time (a retry says it again)', () => {
      spec
        .given([registered])
        .when({ type: 'end-session', sessionId: 's1', reason: 'signed-out' })
        .then([ended('signed-out')]);
      spec
        .given([registered, ended('signed-out')])
        .when({ type: 'end-session', sessionId: 's1', reason: 'refresh-token-reused' })
        .then([ended('refresh-token-reused')]);
    });

    it('records it for a deactivated user too, and changes nothing of the state', () => {
      spec
        .given([registered, deactivated])
        .when({ type: 'end-session', sessionId: 's1', reason: 'signed-out' })
        .then([ended('signed-out')]);
      const before = [registered, deactivated].reduce(userDecider.evolve, userDecider.initialState());
      expect(userDecider.evolve(before, ended('signed-out'))).toEqual(before);
    });
  });

  describe('grant-authorization and revoke-authorization', () => {
    it('grants a profile on an entity', () => {
      spec
        .given([registered])
        .when({
          type: 'grant-authorization',
          authorizationId: 'a1',
          profileId: 'technician',
          entityId: 'paris',
          recursive: true,
        })
        .then([granted]);
    });

    it('grants the same profile on another entity', () => {
      spec
        .given([registered, granted])
        .when({
          type: 'grant-authorization',
          authorizationId: 'a2',
          profileId: 'technician',
          entityId: 'lyon',
          recursive: false,
        })
        .then([
          {
            type: 'user.authorization-granted',
            data: { userId: 'u1', authorizationId: 'a2', profileId: 'technician', entityId: 'lyon', recursive: false },
          },
        ]);
    });

    it('refuses the same profile twice on the same entity', () => {
      spec
        .given([registered, granted])
        .when({
          type: 'grant-authorization',
          authorizationId: 'a2',
          profileId: 'technician',
          entityId: 'paris',
          recursive: false,
        })
        .thenFails('conflict', /already holds profile technician on entity paris/);
    });

    it('revokes an authorization the user holds', () => {
      spec
        .given([registered, granted])
        .when({ type: 'revoke-authorization', authorizationId: 'a1' })
        .then([{ type: 'user.authorization-revoked', data: { userId: 'u1', authorizationId: 'a1' } }]);
    });

    it('refuses to revoke an unknown authorization', () => {
      spec
        .given([registered, granted])
        .when({ type: 'revoke-authorization', authorizationId: 'a9' })
        .thenFails('not_found', /holds no authorization a9/);
    });

    it('refuses to revoke an authorization already revoked', () => {
      spec
        .given([
          registered,
          granted,
          { type: 'user.authorization-revoked', data: { userId: 'u1', authorizationId: 'a1' } },
        ])
        .when({ type: 'revoke-authorization', authorizationId: 'a1' })
        .thenFails('not_found', /holds no authorization a1/);
    });
  });

  describe('erase-user', () => {
    const others: UserCommand[] = [
      { type: 'change-user-details', changes: { firstName: 'Ada' } },
      { type: 'change-user-defaults', defaultEntityId: 'root', defaultProfileId: null },
      { type: 'deactivate-user' },
      { type: 'reactivate-user' },
      { type: 'record-password-change', changedBy: 'self' },
      { type: 'grant-authorization', authorizationId: 'a2', profileId: 'admin', entityId: 'root', recursive: true },
      { type: 'revoke-authorization', authorizationId: 'a1' },
      { type: 'end-session', sessionId: 's1', reason: 'signed-out' },
    ];

    it('erases a user under a pseudonym', () => {
      spec.given([registered, granted]).when({ type: 'erase-user', pseudonym: 'user-7f3a' }).then([erased]);
    });

    it('records nothing when erasing an erased user again (an erasure cut off half-way runs again)', () => {
      spec.given([registered, erased]).when({ type: 'erase-user', pseudonym: 'user-7f3a' }).then([]);
    });

    it.each(others)('after erasure, $type is an illegal transition', (command) => {
      spec
        .given([registered, granted, erased])
        .when(command)
        .thenFails('illegal_transition', /erased/);
    });

    it('after erasure, registering the same user again is a conflict', () => {
      spec
        .given([registered, erased])
        .when(register)
        .thenFails('conflict', /already exists/);
    });

    it('after erasure, the state has lost every personal datum', () => {
      const state = [registered, erased].reduce(userDecider.evolve, userDecider.initialState());
      expect(state).toMatchObject({
        login: 'user-7f3a',
        details: { firstName: '', lastName: 'user-7f3a', emails: [], phone: null, location: null },
        active: false,
        erased: true,
      });
      expect(JSON.stringify(state)).not.toMatch(/ada|lovelace/i);
    });
  });

  it.each<UserCommand>([
    { type: 'change-user-details', changes: { firstName: 'Ada' } },
    { type: 'change-user-defaults', defaultEntityId: 'root', defaultProfileId: null },
    { type: 'deactivate-user' },
    { type: 'reactivate-user' },
    { type: 'record-password-change', changedBy: 'self' },
    { type: 'grant-authorization', authorizationId: 'a1', profileId: 'admin', entityId: 'root', recursive: true },
    { type: 'revoke-authorization', authorizationId: 'a1' },
    { type: 'erase-user', pseudonym: 'user-0000' },
    { type: 'end-session', sessionId: 's1', reason: 'signed-out' },
  ])('refuses $type on a user that does not exist', (command) => {
    spec
      .given([])
      .when(command)
      .thenFails('not_found', /no such user/);
  });

  it('folds its events into the current state', () => {
    const events: UserEvent[] = [
      registered,
      granted,
      { type: 'user.details-changed', data: { userId: 'u1', lastName: 'King' } },
      {
        type: 'user.defaults-changed',
        data: { userId: 'u1', defaultEntityId: 'paris', defaultProfileId: 'technician' },
      },
      deactivated,
      { type: 'user.password-changed', data: { userId: 'u1', changedBy: 'self' } },
      { type: 'user.language-changed', data: { userId: 'u1', language: 'en' } },
    ];
    expect(events.reduce(userDecider.evolve, userDecider.initialState())).toEqual({
      userId: 'u1',
      login: 'ada.lovelace',
      details: { ...details, lastName: 'King' },
      active: false,
      erased: false,
      defaultEntityId: 'paris',
      defaultProfileId: 'technician',
      language: 'en',
      authorizations: [{ authorizationId: 'a1', profileId: 'technician', entityId: 'paris', recursive: true }],
    });
  });
});
