import type { AccessRevocationDoc } from './access-revocation.projection';
import { EntityTree } from './entity-tree';
import { RevocationList, type TokenFacts } from './revocation-list';

// root ─┬─ paris ── montmartre
//       └─ lyon
const tree = new EntityTree([
  { id: 'root', parentId: null },
  { id: 'paris', parentId: 'root' },
  { id: 'montmartre', parentId: 'paris' },
  { id: 'lyon', parentId: 'root' },
]);
const at = (time: string) => `2026-11-30T${time}Z`;
const ms = (time: string) => Date.parse(at(time));

const token = (overrides: Partial<TokenFacts> = {}): TokenFacts => ({
  sub: 'u1',
  sid: 's1',
  pid: 'technician',
  eid: 'paris',
  rec: true,
  issuedAtMs: ms('10:00:00.000'),
  ...overrides,
});
const doc = (overrides: Partial<AccessRevocationDoc> = {}): AccessRevocationDoc => ({
  userId: 'u1',
  authorizations: [],
  accountEnded: null,
  authorizationRevokedAt: null,
  endedSessions: [],
  lastRevokedAt: null,
  ...overrides,
});
const held = (authorizationId: string, profileId: string, entityId: string, recursive: boolean) => ({
  authorizationId,
  profileId,
  entityId,
  recursive,
});
const refusal = (list: RevocationList, facts: Partial<TokenFacts> = {}) => list.refusalOf(token(facts), tree);

describe('revocation list', () => {
  it('concerns only the users it holds revocations of, and voids none of their other tokens', () => {
    const list = new RevocationList([
      doc({ endedSessions: [{ sessionId: 's9', reason: 'signed-out', endedAt: at('10:00:00.000') }] }),
    ]);
    expect(list.concerns('u1')).toBe(true);
    expect(list.concerns('u2')).toBe(false);
    expect(refusal(list, { sub: 'u2', sid: 's9' })).toBeUndefined();
    expect(refusal(list)).toBeUndefined();
    expect(refusal(new RevocationList())).toBeUndefined();
  });

  it.each([
    ['deactivated', 'the account was deactivated'],
    ['password-changed', 'the password changed: sign in again'],
    ['erased', 'the account was erased'],
  ] as const)('voids every token of an account %s up to that instant, to the millisecond', (reason, detail) => {
    const list = new RevocationList([doc({ accountEnded: { upTo: at('10:00:00.500'), reason } })]);
    expect(refusal(list, { issuedAtMs: ms('09:59:00.000') })).toEqual({ code: 'unauthenticated', detail });
    expect(refusal(list, { issuedAtMs: ms('10:00:00.500'), sid: 'another' })).toEqual({
      code: 'unauthenticated',
      detail,
    });
    // signed in again after a reactivation, or with the new password, within the same second
    expect(refusal(list, { issuedAtMs: ms('10:00:00.501') })).toBeUndefined();
  });

  it.each([
    ['signed-out', 'the session was signed out'],
    ['refresh-token-reused', 'the session was revoked: one of its refresh tokens was used twice; sign in again'],
  ] as const)('voids every token of a session %s, also those signed after its end', (reason, detail) => {
    const list = new RevocationList([
      doc({ endedSessions: [{ sessionId: 's1', reason, endedAt: at('10:00:00.000') }] }),
    ]);
    expect(refusal(list, { issuedAtMs: ms('09:59:00.000') })).toEqual({ code: 'unauthenticated', detail });
    // the thief's refresh raced the reuse: its token belongs to the ended session all the same
    expect(refusal(list, { issuedAtMs: ms('10:00:01.000') })).toEqual({ code: 'unauthenticated', detail });
    expect(refusal(list, { sid: 's2' })).toBeUndefined();
  });

  describe('a revoked authorization', () => {
    const revokedAt = at('10:00:00.000');
    const before = ms('09:59:00.000');

    it('voids with a 403 a token signed before it whose context no authorization still held gives', () => {
      const list = new RevocationList([
        doc({ authorizationRevokedAt: revokedAt, authorizations: [held('a2', 'observer', 'root', true)] }),
      ]);
      expect(refusal(list, { issuedAtMs: before })).toEqual({
        code: 'forbidden',
        detail:
          'the authorization as technician on entity paris was revoked: refresh the token to work under another one',
      });
      // the token identity signs after the revocation, under the authorization left
      expect(refusal(list, { issuedAtMs: before, pid: 'observer' })).toBeUndefined();
    });

    it('voids with a 401 when the user holds no authorization any more', () => {
      const list = new RevocationList([doc({ authorizationRevokedAt: revokedAt, authorizations: [] })]);
      expect(refusal(list, { issuedAtMs: before })).toEqual({
        code: 'unauthenticated',
        detail: 'every authorization of the account was revoked',
      });
    });

    it('leaves a token whose context another authorization still gives, from an ancestor when recursive', () => {
      const fromRoot = new RevocationList([
        doc({ authorizationRevokedAt: revokedAt, authorizations: [held('a2', 'technician', 'root', true)] }),
      ]);
      expect(refusal(fromRoot, { issuedAtMs: before })).toBeUndefined();
      expect(refusal(fromRoot, { issuedAtMs: before, eid: 'montmartre' })).toBeUndefined();
      const flatOnRoot = new RevocationList([
        doc({ authorizationRevokedAt: revokedAt, authorizations: [held('a2', 'technician', 'root', false)] }),
      ]);
      expect(refusal(flatOnRoot, { issuedAtMs: before })?.code).toBe('forbidden');
    });

    it('voids a recursive token that only a non-recursive authorization still backs: its scope was wider', () => {
      const list = new RevocationList([
        doc({ authorizationRevokedAt: revokedAt, authorizations: [held('a2', 'technician', 'paris', false)] }),
      ]);
      expect(refusal(list, { issuedAtMs: before, rec: true })?.code).toBe('forbidden');
      expect(refusal(list, { issuedAtMs: before, rec: false })).toBeUndefined();
    });

    it('leaves the tokens signed after it, whatever they say', () => {
      const list = new RevocationList([doc({ authorizationRevokedAt: revokedAt, authorizations: [] })]);
      expect(refusal(list, { issuedAtMs: ms('10:00:00.001') })).toBeUndefined();
    });
  });

  it('checks the account first, then the session, then the authorizations', () => {
    const list = new RevocationList([
      doc({
        accountEnded: { upTo: at('10:00:00.000'), reason: 'deactivated' },
        endedSessions: [{ sessionId: 's1', reason: 'signed-out', endedAt: at('10:00:00.000') }],
        authorizationRevokedAt: at('10:00:00.000'),
      }),
    ]);
    expect(refusal(list, { issuedAtMs: ms('09:00:00.000') })?.detail).toBe('the account was deactivated');
    expect(refusal(list, { issuedAtMs: ms('10:00:01.000') })?.detail).toBe('the session was signed out');
  });
});
