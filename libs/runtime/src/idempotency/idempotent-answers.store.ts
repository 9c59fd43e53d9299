import { Inject, Injectable } from '@nestjs/common';
import type { Collection, Connection } from 'mongoose';
import { MONGO_CONNECTION } from '../connections/tokens';

/**
 * The first answer to a keyed request, as sent: its body as JSON text ('' for none). Only
 * successes are recorded, whose status is the route's own.
 */
export interface IdempotentAnswer {
  /** the request's key (the caller's key, made the caller's own) */
  _id: string;
  fingerprint: string;
  body: string;
  recordedAt: Date;
}

/** How long an answer is sent again as it was; after that a retry is answered from the store's state. */
export const ANSWERS_KEPT_MS = 24 * 3600_000;
const PRUNE_EVERY_MS = 3600_000;

/** The answers to keyed requests (Idempotency-Key), in the service's own database. */
@Injectable()
export class IdempotentAnswers {
  private readonly answers: Collection<IdempotentAnswer>;
  private prunedAt = 0;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.answers = connection.collection<IdempotentAnswer>('idempotent_answers');
  }

  find(key: string): Promise<IdempotentAnswer | null> {
    return this.answers.findOne({ _id: key, recordedAt: { $gte: new Date(Date.now() - ANSWERS_KEPT_MS) } });
  }

  /** The first answer recorded stays (a concurrent retry may have recorded the same one). */
  async record(answer: Omit<IdempotentAnswer, 'recordedAt'>): Promise<void> {
    const now = Date.now();
    await this.answers.insertOne({ ...answer, recordedAt: new Date(now) }).catch((error: { code?: number }) => {
      if (error.code !== 11000) throw error;
    });
    // FerretDB has no TTL index: the old answers go here, at most once an hour per replica (a
    // failed pruning is done at a later one)
    if (now - this.prunedAt > PRUNE_EVERY_MS) {
      this.prunedAt = now;
      await this.answers.deleteMany({ recordedAt: { $lt: new Date(now - ANSWERS_KEPT_MS) } }).catch(() => undefined);
    }
  }
}
