import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import type { CommandEnvelope } from '@itsm/contracts';
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
  const key = writeKey(request.key, ++request.writes);
  return { key, fingerprint: request.fingerprint, ...(request.likelyNew && { likelyNew: true }) };
}

/** The key of a keyed request's n-th write (from 1). */
const writeKey = (requestKey: string, write: number) => (write === 1 ? requestKey : `${requestKey}:${write}`);

/** The key of a Kafka command's n-th write (see withinKeyedCommand). */
export const commandWriteKey = (commandId: string, write: number) => writeKey(commandKey(commandId), write);

const commandKey = (commandId: string) => `command ${commandId}`;

/**
 * A new id for something a use case creates: a UUIDv7, or, within a keyed request, the same id at
 * every retry of it (the n-th id the request asks for), so that a retry names what the first made.
 */
export function newId(): string {
  const request = requests.getStore();
  if (!request) return uuidv7();
  return uuidv5(`${request.key}#${++request.ids}`, REQUEST_IDS);
}

/**
 * Runs a command received over Kafka as a keyed request: its command id is the key, so that a
 * redelivery (the consumer's, or a sender's after it resumed) writes nothing twice and makes the
 * same ids. Its answer was not found stored: the key is looked up only if the store refuses.
 */
export function withinKeyedCommand<T>(
  command: Pick<CommandEnvelope, 'commandId' | 'type' | 'schemaVersion' | 'streamId' | 'data'>,
  run: () => Promise<T>,
): Promise<T> {
  const fingerprint = commandFingerprint(command);
  return requests.run({ key: commandKey(command.commandId), fingerprint, likelyNew: true, writes: 0, ids: 0 }, run);
}

/** What a Kafka command asks, as its writes' commits keep it: a command id reused for another command differs. */
export function commandFingerprint(
  command: Pick<CommandEnvelope, 'type' | 'schemaVersion' | 'streamId' | 'data'>,
): string {
  const { type, schemaVersion, streamId, data } = command;
  return requestFingerprint([type, schemaVersion, streamId, data]);
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** What a request asks, as a hash: the same body written in another order is the same request. */
export function requestFingerprint(parts: unknown[]): string {
  return sha256(JSON.stringify(canonical(parts)));
}

/** The value with its objects' keys in order. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((key) => [key, canonical(record[key])]),
  );
}
