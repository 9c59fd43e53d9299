import { isDuplicateKeyError } from './event-store/version-conflict.error';

/**
 * Runs an upsert (or a bulk of upserts) keyed by `_id` alone, and once more when it collided with
 * a concurrent insert of the same key. MongoDB 4.2+ retries such an upsert itself; FerretDB 1.24
 * does not: of two writers upserting a new key at once, the second gets E11000 (duplicate key).
 * Its retry finds the document there and updates it. A refused upsert applied nothing, so its
 * retry applies it once; a bulk is run whole again, so its writes must be idempotent. Not for
 * upserts whose filter has a condition besides the key: there a duplicate key means the condition
 * failed. (FerretDB also runs an update as a read then a write: concurrent `$inc`s of one
 * document may be lost, with or without this.)
 */
export async function concurrentUpsert<Result>(upsert: () => Promise<Result>): Promise<Result> {
  try {
    return await upsert();
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    return upsert();
  }
}
