import type { Caller } from '@itsm/domain';
import type { AccessTokenClaims } from './access-token';

export function callerFrom(claims: AccessTokenClaims, scope: readonly string[]): Caller {
  return {
    userId: claims.sub,
    login: claims.login,
    displayName: claims.name,
    profileId: claims.pid,
    rights: new Set(claims.rights),
    entityId: claims.eid,
    recursive: claims.rec,
    sessionId: claims.sid,
    scope,
  };
}
