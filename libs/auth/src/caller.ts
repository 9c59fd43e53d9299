import type { AccessTokenClaims } from './access-token';
import type { Right } from './rights';

/** Who is calling, as a route sees it: the verified token plus the entities it reaches. */
export interface Caller {
  userId: string;
  login: string;
  displayName: string;
  profileId: string;
  rights: ReadonlySet<string>;
  entityId: string;
  recursive: boolean;
  sessionId: string;
  /** entity ids the caller may see */
  scope: readonly string[];
}

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

export function can(caller: Pick<Caller, 'rights'>, right: Right): boolean {
  return caller.rights.has(right);
}

export function inScope(caller: Pick<Caller, 'scope'>, entityId: string): boolean {
  return caller.scope.includes(entityId);
}
