import { DomainError } from '@itsm/domain';
import type { StoredCommit } from './stored-commit';

/** Another writer appended to the stream since it was loaded. */
export class VersionConflictError extends Error {
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
  ) {
    super(`stream ${streamId} is no longer at version ${expectedVersion}`);
    this.name = 'VersionConflictError';
  }
}

/** The request was written before (by a first attempt, or a concurrent one): here is that write. */
export class RequestReplayedError extends Error {
  constructor(readonly commit: StoredCommit) {
    super(`request ${commit.requestKey} was written before, in ${commit.streamId}`);
    this.name = 'RequestReplayedError';
  }
}

/** A client's Idempotency-Key sent again with another request (422, as the IETF draft has it). */
export function requestKeyReused(): DomainError {
  const message = 'this Idempotency-Key was used for another request; a new request needs a new key';
  return new DomainError('rule', message, { errors: [{ field: 'Idempotency-Key', message }] });
}

export const isDuplicateKeyError = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
