import type { UserEvent } from '@itsm/contracts';
import { projectEvents } from '@itsm/testing';
import { directoryAuthorizationsProjection } from './directory-authorizations.projection';

const granted = (authorizationId: string, entityId: string, recursive: boolean): UserEvent => ({
  type: 'user.authorization-granted',
  data: { userId: 'u1', authorizationId, profileId: 'technician', entityId, recursive },
});
const revoked = (authorizationId: string): UserEvent => ({
  type: 'user.authorization-revoked',
  data: { userId: 'u1', authorizationId },
});
const authorizations = (...events: UserEvent[]) =>
  projectEvents(directoryAuthorizationsProjection, events)?.authorizations;

describe('the directory authorizations', () => {
  it('given authorizations granted, then each entity is kept with its recursion', () => {
    expect(authorizations(granted('a1', 'A', true), granted('b1', 'B', false))).toEqual([
      { authorizationId: 'a1', entityId: 'A', recursive: true },
      { authorizationId: 'b1', entityId: 'B', recursive: false },
    ]);
  });

  it('when one is revoked, then the others remain', () => {
    expect(authorizations(granted('a1', 'A', true), granted('b1', 'B', false), revoked('a1'))).toEqual([
      { authorizationId: 'b1', entityId: 'B', recursive: false },
    ]);
  });

  it('when the same authorization is told twice, then it is kept once, as last told', () => {
    expect(authorizations(granted('a1', 'A', true), granted('a1', 'A', false))).toEqual([
      { authorizationId: 'a1', entityId: 'A', recursive: false },
    ]);
  });

  it('given a revocation of a user never granted anything, then nothing is kept', () => {
    expect(projectEvents(directoryAuthorizationsProjection, [revoked('a1')])).toBeNull();
  });

  it('reads only the authorization events', () => {
    expect([...directoryAuthorizationsProjection.handles].sort()).toEqual([
      'user.authorization-granted',
      'user.authorization-revoked',
    ]);
  });
});
