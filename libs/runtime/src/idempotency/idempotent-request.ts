import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestKey } from '@itsm/eventsourcing';
import { v5 as uuidv5, v7 as uuidv7 } from 'uuid';

/** The ids a keyed request makes are derived from its key, in this namespace. */
const REQUEST_IDS = '5b0c3f52-8a57-4c1e-9d2b-6f1e0c7a9e41';

interface IdempotentRequest extends RequestKey {
  writes: number;
  ids: number;
}

const requests = new AsyncLocalStorage<IdempotentRequest>();

/**
 * Runs a request that came with an Idempotency-Key (`key`: the caller's key, made the caller's
 * own): what it writes carries the key, and the ids it makes are the same at every retry.
 */
export function withinIdempotentRequest<T>(request: RequestKey, run: () => Promise<T>): Promise<T> {
  return requests.run({ ...request, writes: 0, ids: 0 }, run);
}

/**
 * The key of the request's next write, in the order the use case writes: the first write is the
 * request's own key, so that a retry finds it before deciding anything again.
 */
export function nextRequestKey(): RequestKey | undefined {
  const request = requests.getStore();
  if (!request) return undefined;
  const write = ++request.writes;
  return { key: write === 1 ? request.key : `${request.key}:${write}`, fingerprint: request.fingerprint };
}

/**
 * A new id for something a use case creates: a UUIDv7, or, within a keyed request, the same id at
 * every retry of it (the n-th id the request asks for), so that a retry names what the first made.
 */
export function newId(): string {
  const request = requests.getStore();
  if (!request) return uuidv7();
  return uuidv5(`${request.key}#${++request.ids}`, REQUEST_IDS);
}
