import type { UserEvent } from '@itsm/contracts';
import { projectEvents } from '@itsm/testing';
import { directoryUsersProjection } from './directory-users.projection';

const registered: UserEvent = {
  type: 'user.registered',
  data: {
    userId: 'u1',
    login: 'tech',
    firstName: 'Thomas',
    lastName: 'DURAND',
    emails: ['thomas.durand@example.org', 'td@example.org'],
    phone: '01 23 45 67 89',
    location: 'Lyon',
    active: true,
    defaultEntityId: 'root',
    defaultProfileId: 'technician',
  },
};
const user = (...events: UserEvent[]) => projectEvents(directoryUsersProjection, [registered, ...events]);

describe('the directory users', () => {
  it('given a user registered, then their login, name and addresses are kept, nothing more', () => {
    expect(user()).toEqual({
      userId: 'u1',
      login: 'tech',
      firstName: 'Thomas',
      lastName: 'DURAND',
      displayName: 'DURAND Thomas',
      emails: ['thomas.durand@example.org', 'td@example.org'],
      active: true,
    });
  });

  it('given a user with no name, then the login is shown', () => {
    const nameless: UserEvent = { ...registered, data: { ...registered.data, firstName: '', lastName: '' } };
    expect(projectEvents(directoryUsersProjection, [nameless])?.displayName).toBe('tech');
  });

  it('when only some details change, then the others stay', () => {
    expect(user({ type: 'user.details-changed', data: { userId: 'u1', emails: ['new@example.org'] } })).toMatchObject({
      displayName: 'DURAND Thomas',
      emails: ['new@example.org'],
    });
    expect(user({ type: 'user.details-changed', data: { userId: 'u1', firstName: 'Tom' } })).toMatchObject({
      displayName: 'DURAND Tom',
      emails: ['thomas.durand@example.org', 'td@example.org'],
    });
  });

  it('when deactivated then reactivated, then they are active again', () => {
    expect(user({ type: 'user.deactivated', data: { userId: 'u1' } })?.active).toBe(false);
    expect(
      user({ type: 'user.deactivated', data: { userId: 'u1' } }, { type: 'user.reactivated', data: { userId: 'u1' } })
        ?.active,
    ).toBe(true);
  });

  it('when erased (GDPR), then nothing personal stays and they are inactive', () => {
    expect(user({ type: 'user.erased', data: { userId: 'u1', pseudonym: 'Utilisateur 42' } })).toEqual({
      userId: 'u1',
      login: 'Utilisateur 42',
      firstName: '',
      lastName: 'Utilisateur 42',
      displayName: 'Utilisateur 42',
      emails: [],
      active: false,
    });
  });

  it('given events of a user never registered, then nothing is kept', () => {
    expect(projectEvents(directoryUsersProjection, [{ type: 'user.deactivated', data: { userId: 'u2' } }])).toBeNull();
  });

  it('reads only the events that change what other services show', () => {
    expect(directoryUsersProjection.handles.has('user.password-changed')).toBe(false);
    expect(directoryUsersProjection.handles.has('user.authorization-granted')).toBe(false);
  });
});
