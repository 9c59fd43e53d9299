import type { UserSessionEnded } from '@itsm/contracts';
import { defineProjection } from '@itsm/eventsourcing';
import { MAX_ACCESS_TOKEN_TTL_SECONDS } from './access-token';
import type { HeldAuthorization } from './authorization';

export type SessionEndReason = UserSessionEnded['data']['reason'];
export type AccountEndReason = 'deactivated' | 'password-changed' | 'erased';

export interface EndedSession {
  sessionId: string;
  reason: SessionEndReason;
  /** ISO instant */
  endedAt: string;
}

/**
 * What voids a user's access tokens before they expire; one document per user (its stream).
 * The guard's revocation list is read from it; no personal data, only ids and instants.
 */
export interface AccessRevocationDoc {
  userId: string;
  /** held now: a token signed before `authorizationRevokedAt` stands only on one of these */
  authorizations: HeldAuthorization[];
  /** every token signed up to `upTo` is void: the user was deactivated, changed password, was erased */
  accountEnded: { upTo: string; reason: AccountEndReason } | null;
  authorizationRevokedAt: string | null;
  /** sessions ended within the longest token lifetime before the last one: their tokens are void */
  endedSessions: EndedSession[];
  /** the latest revocation of any kind: the reader loads only documents where it is recent enough to matter */
  lastRevokedAt: string | null;
}

const fresh = (userId: string): AccessRevocationDoc => ({
  userId,
  authorizations: [],
  accountEnded: null,
  authorizationRevokedAt: null,
  endedSessions: [],
  lastRevokedAt: null,
});

const endAccount =
  (reason: AccountEndReason) =>
  (current: AccessRevocationDoc | null, event: { occurredAt: string; data: { userId: string } }) => ({
    ...(current ?? fresh(event.data.userId)),
    accountEnded: { upTo: event.occurredAt, reason },
    lastRevokedAt: event.occurredAt,
  });

/** Sessions that ended longer ago than any access token lives concern no token any more. */
function stillRelevant(sessions: EndedSession[], now: string): EndedSession[] {
  const since = Date.parse(now) - MAX_ACCESS_TOKEN_TTL_SECONDS * 1000;
  return sessions.filter((session) => Date.parse(session.endedAt) >= since);
}

export const accessRevocationProjection = defineProjection<AccessRevocationDoc>({
  name: 'auth_access_revocations',
  indexes: [{ keys: { lastRevokedAt: 1 } }],
  handlers: {
    'user.authorization-granted': (current, { data: { userId, authorizationId, profileId, entityId, recursive } }) => {
      const doc = current ?? fresh(userId);
      const others = doc.authorizations.filter((held) => held.authorizationId !== authorizationId);
      return { ...doc, authorizations: [...others, { authorizationId, profileId, entityId, recursive }] };
    },
    'user.authorization-revoked': (current, { occurredAt, data: { userId, authorizationId } }) => {
      const doc = current ?? fresh(userId);
      const authorizations = doc.authorizations.filter((held) => held.authorizationId !== authorizationId);
      return { ...doc, authorizations, authorizationRevokedAt: occurredAt, lastRevokedAt: occurredAt };
    },
    'user.deactivated': endAccount('deactivated'),
    'user.password-changed': endAccount('password-changed'),
    'user.erased': endAccount('erased'),
    'user.session-ended': (current, { occurredAt, data: { userId, sessionId, reason } }) => {
      const doc = current ?? fresh(userId);
      const endedSessions = [
        ...stillRelevant(doc.endedSessions, occurredAt),
        { sessionId, reason, endedAt: occurredAt },
      ];
      return { ...doc, endedSessions, lastRevokedAt: occurredAt };
    },
  },
});
