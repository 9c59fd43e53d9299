import { tracedEventMessage } from '@itsm/messaging';
import type { StoredCommit } from '../event-store/stored-commit';

/** A Kafka message as the relay sends it (kafkajs's `Message`, restricted to what it sets). */
export interface OutgoingMessage {
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** A commit ready to go: its messages, and what they weigh on the wire before compression. */
export interface OutgoingCommit {
  commit: StoredCommit;
  messages: OutgoingMessage[];
  bytes: number;
}

/** What Kafka's record format adds to each record (lengths, offsets, timestamps, header counts): at most this. */
const RECORD_OVERHEAD_BYTES = 64;

export function outgoingCommit(commit: StoredCommit): OutgoingCommit {
  const messages = commit.events.map((event) => tracedEventMessage(event, commit.trace ?? {}));
  return { commit, messages, bytes: messages.reduce((sum, message) => sum + messageBytes(message), 0) };
}

function messageBytes({ key, value, headers }: OutgoingMessage): number {
  let bytes = RECORD_OVERHEAD_BYTES + Buffer.byteLength(key) + Buffer.byteLength(value);
  for (const [name, header] of Object.entries(headers)) bytes += Buffer.byteLength(name) + Buffer.byteLength(header);
  return bytes;
}

/**
 * Cuts commits (in publishing order) into sends of at most `maxBytes` uncompressed, never
 * splitting a commit: a commit heavier than that goes alone (compression may still make it fit;
 * if not, the broker refuses it and the relay parks it). Uncompressed, so the bound holds for
 * any content: set below the topic's `max.message.bytes`, no send is ever refused for its size
 * unless one commit alone is too large. Order is kept: each stream's commits stay in sequence.
 */
export function byteBoundedBatches(commits: OutgoingCommit[], maxBytes: number): OutgoingCommit[][] {
  const batches: OutgoingCommit[][] = [];
  let current: OutgoingCommit[] = [];
  let weight = 0;
  for (const commit of commits) {
    if (current.length > 0 && weight + commit.bytes > maxBytes) {
      batches.push(current);
      current = [];
      weight = 0;
    }
    current.push(commit);
    weight += commit.bytes;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
