import type { VerifiedClaims } from './access-token';
import type { AccessRevocationDoc, AccountEndReason, SessionEndReason } from './access-revocation.projection';
import { reaches, type HeldAuthorization } from './authorization';
import type { EntityTree } from './entity-tree';

/** Why a token that verifies is refused all the same: 401 when nothing of it stands, 403 when the user may go on otherwise. */
export interface Refusal {
  code: 'unauthenticated' | 'forbidden';
  detail: string;
}

/** What the list reads of a token. */
export type TokenFacts = Pick<VerifiedClaims, 'sub' | 'sid' | 'pid' | 'eid' | 'rec' | 'issuedAtMs'>;

interface UserRevocations {
  accountEnded?: { upToMs: number; reason: AccountEndReason };
  authorizationRevokedAtMs?: number;
  authorizations: HeldAuthorization[];
  endedSessions: ReadonlyMap<string, SessionEndReason>;
}

const ACCOUNT_ENDED: Record<AccountEndReason, string> = {
  deactivated: 'the account was deactivated',
  'password-changed': 'the password changed: sign in again',
  erased: 'the account was erased',
};

const SESSION_ENDED: Record<SessionEndReason, string> = {
  'signed-out': 'the session was signed out',
  'refresh-token-reused': 'the session was revoked: one of its refresh tokens was used twice; sign in again',
};

/**
 * The revocations of the last token lifetime, in memory: which verified tokens are void before
 * they expire. Built from identity's events (the auth_access_revocations read model); pure.
 */
export class RevocationList {
  private readonly byUser: ReadonlyMap<string, UserRevocations>;

  constructor(docs: readonly AccessRevocationDoc[] = []) {
    this.byUser = new Map(docs.map((doc) => [doc.userId, revocationsOf(doc)]));
  }

  get size(): number {
    return this.byUser.size;
  }

  /** Whether a token of the user may be void; when not, no entity tree is needed. */
  concerns(userId: string): boolean {
    return this.byUser.has(userId);
  }

  refusalOf(token: TokenFacts, tree: EntityTree): Refusal | undefined {
    const user = this.byUser.get(token.sub);
    if (!user) return undefined;
    if (user.accountEnded && token.issuedAtMs <= user.accountEnded.upToMs) {
      return { code: 'unauthenticated', detail: ACCOUNT_ENDED[user.accountEnded.reason] };
    }
    const sessionEnd = user.endedSessions.get(token.sid);
    if (sessionEnd) return { code: 'unauthenticated', detail: SESSION_ENDED[sessionEnd] };
    const revokedAt = user.authorizationRevokedAtMs;
    if (revokedAt === undefined || token.issuedAtMs > revokedAt || stillHeld(user.authorizations, token, tree)) {
      return undefined;
    }
    if (user.authorizations.length === 0) {
      return { code: 'unauthenticated', detail: 'every authorization of the account was revoked' };
    }
    return {
      code: 'forbidden',
      detail: `the authorization as ${token.pid} on entity ${token.eid} was revoked: refresh the token to work under another one`,
    };
  }
}

/** A token signed before a revocation stands if an authorization still held gives its context, as wide. */
function stillHeld(authorizations: HeldAuthorization[], token: TokenFacts, tree: EntityTree): boolean {
  return authorizations.some((held) => reaches(held, tree, token.pid, token.eid) && (held.recursive || !token.rec));
}

function revocationsOf(doc: AccessRevocationDoc): UserRevocations {
  return {
    accountEnded: doc.accountEnded
      ? { upToMs: Date.parse(doc.accountEnded.upTo), reason: doc.accountEnded.reason }
      : undefined,
    authorizationRevokedAtMs: doc.authorizationRevokedAt ? Date.parse(doc.authorizationRevokedAt) : undefined,
    authorizations: doc.authorizations,
    endedSessions: new Map(doc.endedSessions.map((session) => [session.sessionId, session.reason])),
  };
}
