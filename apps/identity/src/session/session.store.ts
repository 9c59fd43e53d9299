import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { MONGO_CONNECTION } from '@itsm/runtime';
import type { Collection, Connection } from 'mongoose';

/** The context a session signs its access tokens with: the active profile and entity. */
export interface SessionContext {
  profileId: string;
  entityId: string;
  recursive: boolean;
}

export interface Session extends SessionContext {
  _id: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

/** Only the SHA-256 of a refresh token is stored: the token itself has 256 random bits. */
interface RefreshToken {
  _id: string;
  sessionId: string;
  usedAt: Date | null;
  expiresAt: Date;
}

export type RotationResult =
  | { ok: true; session: Session; refreshToken: string }
  | { ok: false; reason: 'unknown' | 'expired' | 'revoked' }
  /** the session, while still open: the caller ends it (someone else holds a copy of the token) */
  | { ok: false; reason: 'reused'; openSession: Session | null };

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/** Sessions with rotating refresh tokens; a reused (stolen) token tells its whole session must end. */
@Injectable()
export class SessionStore {
  private readonly sessions: Collection<Session>;
  private readonly tokens: Collection<RefreshToken>;
  private indexed?: Promise<unknown>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.sessions = connection.collection<Session>('sessions');
    this.tokens = connection.collection<RefreshToken>('refresh_tokens');
  }

  async open(
    userId: string,
    context: SessionContext,
    ttlDays: number,
  ): Promise<{ session: Session; refreshToken: string }> {
    this.indexed ??= this.sessions.createIndex({ userId: 1 }, { name: 'user' });
    await this.indexed;
    const now = new Date();
    const session: Session = {
      _id: randomUUID(),
      userId,
      ...context,
      createdAt: now,
      expiresAt: new Date(now.getTime() + ttlDays * 86_400_000),
      revokedAt: null,
    };
    await this.sessions.insertOne(session);
    return { session, refreshToken: await this.issueToken(session) };
  }

  /** Spends a refresh token once and hands out its successor. */
  async rotate(refreshToken: string): Promise<RotationResult> {
    const hash = digest(refreshToken);
    const spent = await this.tokens.findOneAndUpdate(
      { _id: hash, usedAt: null },
      { $set: { usedAt: new Date() } },
      { returnDocument: 'before' },
    );
    if (!spent) {
      const known = await this.tokens.findOne({ _id: hash });
      if (!known) return { ok: false, reason: 'unknown' };
      // a second use means someone else holds a copy
      return { ok: false, reason: 'reused', openSession: await this.find(known.sessionId) };
    }
    const session = await this.sessions.findOne({ _id: spent.sessionId });
    if (!session || session.revokedAt) return { ok: false, reason: 'revoked' };
    if (spent.expiresAt.getTime() < Date.now()) return { ok: false, reason: 'expired' };
    return { ok: true, session, refreshToken: await this.issueToken(session) };
  }

  find(sessionId: string): Promise<Session | null> {
    return this.sessions.findOne({ _id: sessionId, revokedAt: null });
  }

  async switchContext(sessionId: string, context: SessionContext): Promise<void> {
    await this.sessions.updateOne({ _id: sessionId }, { $set: context });
  }

  async revoke(sessionId: string): Promise<void> {
    await this.sessions.updateOne({ _id: sessionId, revokedAt: null }, { $set: { revokedAt: new Date() } });
  }

  /** After a password change, a deactivation or an erasure: every device signs in again. */
  async revokeAllOf(userId: string): Promise<void> {
    await this.sessions.updateMany({ userId, revokedAt: null }, { $set: { revokedAt: new Date() } });
  }

  async sessionOfToken(refreshToken: string): Promise<string | undefined> {
    return (await this.tokens.findOne({ _id: digest(refreshToken) }))?.sessionId;
  }

  private async issueToken(session: Session): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.tokens.insertOne({
      _id: digest(token),
      sessionId: session._id,
      usedAt: null,
      expiresAt: session.expiresAt,
    });
    return token;
  }
}
