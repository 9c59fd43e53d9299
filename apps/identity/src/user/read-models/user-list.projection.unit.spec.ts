import type { UserEvent } from '@itsm/contracts';
import { projectEvents } from '@itsm/testing';
import { userListProjection } from './user-list.projection';

const registered: UserEvent = {
  type: 'user.registered',
  data: {
    userId: 'u1',
    login: 'S1',
    firstName: 'Bertrand',
    lastName: 'BLIER',
    emails: ['bertrand.blier@example.org'],
    phone: '01 23 45 67 89',
    location: 'Lyon',
    active: true,
    defaultEntityId: 'root',
    defaultProfileId: 'self-service',
  },
};
const granted = (authorizationId: string, entityId: string): UserEvent => ({
  type: 'user.authorization-granted',
  data: { userId: 'u1', authorizationId, profileId: 'technician', entityId, recursive: true },
});
const user = (...events: UserEvent[]) => projectEvents(userListProjection, [registered, ...events]);

describe('the user list', () => {
  it('given a user registered, then they are listed with the fields search and sort need', () => {
    expect(user()).toEqual({
      ...registered.data,
      loginLower: 's1',
      displayName: 'BLIER Bertrand',
      email: 'bertrand.blier@example.org',
      erased: false,
      authorizations: [],
      entityIds: ['root'],
    });
  });

  it('when details and defaults change, then the derived fields follow', () => {
    expect(
      user(
        { type: 'user.details-changed', data: { userId: 'u1', firstName: 'B.', emails: ['b@example.org'] } },
        { type: 'user.defaults-changed', data: { userId: 'u1', defaultEntityId: 'lyon', defaultProfileId: null } },
      ),
    ).toMatchObject({ displayName: 'BLIER B.', email: 'b@example.org', defaultEntityId: 'lyon', entityIds: ['lyon'] });
  });

  it('when authorizations are granted and one revoked, then the user is visible where they hold one', () => {
    const authorized = user(granted('a1', 'lyon'), granted('a2', 'paris'), {
      type: 'user.authorization-revoked',
      data: { userId: 'u1', authorizationId: 'a1' },
    });
    expect(authorized?.authorizations).toEqual([
      { authorizationId: 'a2', profileId: 'technician', entityId: 'paris', recursive: true },
    ]);
    expect(authorized?.entityIds).toEqual(['root', 'paris']);
  });

  it('when the user chooses a language, then it is kept until they let the browser choose again', () => {
    const english = user({ type: 'user.language-changed', data: { userId: 'u1', language: 'en' } });
    expect(english?.language).toBe('en');
    const browser = user(
      { type: 'user.language-changed', data: { userId: 'u1', language: 'en' } },
      { type: 'user.language-changed', data: { userId: 'u1', language: null } },
    );
    expect(browser?.language).toBeNull();
  });

  it('when deactivated then reactivated, then they are active again', () => {
    expect(user({ type: 'user.deactivated', data: { userId: 'u1' } })?.active).toBe(false);
    expect(
      user({ type: 'user.deactivated', data: { userId: 'u1' } }, { type: 'user.reactivated', data: { userId: 'u1' } })
        ?.active,
    ).toBe(true);
  });

  it('when erased (GDPR), then nothing personal stays', () => {
    expect(user({ type: 'user.erased', data: { userId: 'u1', pseudonym: 'deleted-user-1' } })).toMatchObject({
      login: 'deleted-user-1',
      loginLower: 'deleted-user-1',
      firstName: '',
      lastName: 'deleted-user-1',
      displayName: 'deleted-user-1',
      emails: [],
      email: null,
      phone: null,
      location: null,
      active: false,
      erased: true,
    });
  });

  it('given events of a user never registered, then nothing is kept', () => {
    expect(projectEvents(userListProjection, [{ type: 'user.deactivated', data: { userId: 'u2' } }])).toBeNull();
  });
});
