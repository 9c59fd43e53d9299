import { DomainError } from '@itsm/domain';
import { Inject, Injectable } from '@nestjs/common';
import { MONGO_CONNECTION } from '@itsm/runtime';
import type { Collection, Connection } from 'mongoose';

/** A login's credentials: kept here, never in events (the event store is shared with Kafka). */
export interface Account {
  /** the login in lower case: one account per login, whatever the case */
  _id: string;
  userId: string;
  passwordHash: string | null;
  updatedAt: Date;
}

@Injectable()
export class AccountStore {
  private readonly accounts: Collection<Account>;
  private indexed?: Promise<string>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.accounts = connection.collection<Account>('accounts');
  }

  /**
   * Claims a login for a user before the user exists: the primary key makes it unique. The same
   * user claiming it again (a retry of its registration, same Idempotency-Key) keeps its claim.
   */
  async reserve(login: string, userId: string, passwordHash: string | null): Promise<void> {
    this.indexed ??= this.accounts.createIndex({ userId: 1 }, { name: 'user' });
    await this.indexed;
    try {
      await this.accounts.insertOne({ _id: login.toLowerCase(), userId, passwordHash, updatedAt: new Date() });
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
      if ((await this.findByLogin(login))?.userId === userId) return;
      throw new DomainError('conflict', `login ${login} is already taken`);
    }
  }

  async release(login: string, userId: string): Promise<void> {
    await this.accounts.deleteOne({ _id: login.toLowerCase(), userId });
  }

  findByLogin(login: string): Promise<Account | null> {
    return this.accounts.findOne({ _id: login.toLowerCase() });
  }

  async setPassword(userId: string, passwordHash: string): Promise<void> {
    await this.accounts.updateOne({ userId }, { $set: { passwordHash, updatedAt: new Date() } });
  }

  /** GDPR erasure: the login and the password go; the user stays in history under a pseudonym. */
  async erase(userId: string): Promise<void> {
    await this.accounts.deleteOne({ userId });
  }
}
