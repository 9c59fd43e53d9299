import { projectEvents, type GivenEvent } from '@itsm/testing';
import { accessRevocationProjection, type AccessRevocationDoc } from './access-revocation.projection';

const at = (time: string) => `2026-11-30T${time}Z`;
const granted = (authorizationId: string, profileId: string, entityId = 'root', recursive = true): GivenEvent => ({
  type: 'user.authorization-granted',
  data: { userId: 'u1', authorizationId, profileId, entityId, recursive },
});
const registered: GivenEvent = {
  type: 'user.registered',
  data: {
    userId: 'u1',
    login: 'ada',
    firstName: 'Ada',
    lastName: 'Lovelace',
    emails: ['ada@example.org'],
    phone: null,
    location: null,
    active: true,
    defaultEntityId: 'root',
    defaultProfileId: null,
  },
};
const sessionEnded = (
  sessionId: string,
  time: string,
  reason: 'signed-out' | 'refresh-token-reused' = 'signed-out',
): GivenEvent => ({
  type: 'user.session-ended',
  data: { userId: 'u1', sessionId, reason },
  occurredAt: at(time),
});
const project = (events: GivenEvent[]) => projectEvents(accessRevocationProjection, events) as AccessRevocationDoc;

describe('access revocation projection', () => {
  it('keeps the authorizations held, and when one was last revoked', () => {
    const doc = project([
      registered,
      granted('a1', 'technician'),
      granted('a2', 'observer', 'paris', false),
      {
        type: 'user.authorization-revoked',
        data: { userId: 'u1', authorizationId: 'a1' },
        occurredAt: at('10:00:00.000'),
      },
    ]);
    expect(doc).toEqual({
      userId: 'u1',
      authorizations: [{ authorizationId: 'a2', profileId: 'observer', entityId: 'paris', recursive: false }],
      accountEnded: null,
      authorizationRevokedAt: at('10:00:00.000'),
      endedSessions: [],
      lastRevokedAt: at('10:00:00.000'),
    });
  });

  it('a user only granted has nothing revoked: the reader never loads them', () => {
    expect(project([registered, granted('a1', 'technician')])).toMatchObject({
      accountEnded: null,
      authorizationRevokedAt: null,
      lastRevokedAt: null,
    });
  });

  it.each([
    [{ type: 'user.deactivated', data: { userId: 'u1' } }, 'deactivated'],
    [{ type: 'user.password-changed', data: { userId: 'u1', changedBy: 'self' } }, 'password-changed'],
    [{ type: 'user.erased', data: { userId: 'u1', pseudonym: 'user-7f3a' } }, 'erased'],
  ] as const)('ends every token signed up to %p', (event, reason) => {
    const doc = project([registered, granted('a1', 'technician'), { ...event, occurredAt: at('11:00:00.000') }]);
    expect(doc.accountEnded).toEqual({ upTo: at('11:00:00.000'), reason });
    expect(doc.lastRevokedAt).toBe(at('11:00:00.000'));
    expect(doc.authorizations).toHaveLength(1); // what a reactivated user still holds
  });

  it('keeps a reactivation from reviving the tokens of before', () => {
    const doc = project([
      registered,
      { type: 'user.deactivated', data: { userId: 'u1' }, occurredAt: at('11:00:00.000') },
      { type: 'user.reactivated', data: { userId: 'u1' }, occurredAt: at('11:05:00.000') },
    ]);
    expect(doc.accountEnded).toEqual({ upTo: at('11:00:00.000'), reason: 'deactivated' });
  });

  it('lists the sessions ended within the longest token lifetime before the last one', () => {
    const doc = project([
      registered,
      sessionEnded('s1', '08:00:00.000'),
      sessionEnded('s2', '09:30:00.000'),
      sessionEnded('s3', '10:00:00.000', 'refresh-token-reused'),
    ]);
    expect(doc.endedSessions).toEqual([
      { sessionId: 's2', reason: 'signed-out', endedAt: at('09:30:00.000') },
      { sessionId: 's3', reason: 'refresh-token-reused', endedAt: at('10:00:00.000') },
    ]);
    expect(doc.lastRevokedAt).toBe(at('10:00:00.000'));
  });

  it('reads only the user events that grant or revoke access', () => {
    expect(accessRevocationProjection.name).toBe('auth_access_revocations');
    expect([...accessRevocationProjection.handles].sort()).toEqual([
      'user.authorization-granted',
      'user.authorization-revoked',
      'user.deactivated',
      'user.erased',
      'user.password-changed',
      'user.session-ended',
    ]);
  });
});
