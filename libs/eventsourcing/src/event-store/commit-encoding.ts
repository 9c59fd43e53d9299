import type { EventEnvelope } from '@itsm/contracts';
import type { OutboxEntry, OutboxGroupEntry, StoredCommit } from './stored-commit';

/**
 * A commit whose events weigh more than this (as JSON) is stored with them as one JSON string.
 * FerretDB 1.24 turns a document into PostgreSQL JSONB value by value (each with its type), so a
 * large event's thousands of values are what a write and a read of it cost: an agent's first
 * inventory (1,000 packages, ~130 KB) took 42 to 53 ms to insert and 97 ms to read structured,
 * 5 to 6 ms and 14 ms as a string. Small commits keep their events as documents, as readable in
 * the database as ever. Nothing queries inside `events`: the store reads commits by stream,
 * sequence, chunk and id.
 */
export const PACKED_EVENTS_FROM_BYTES = 16 * 1024;

/** A commit as stored: its events as documents, or (large ones) as one JSON string. */
export type StoredCommitDoc = StoredCommit | (Omit<StoredCommit, 'events'> & { packedEvents: string });

/** What goes into the events collection for a commit. */
export function storedCommitOf(commit: StoredCommit, json = JSON.stringify(commit.events)): StoredCommitDoc {
  if (json.length < PACKED_EVENTS_FROM_BYTES) return commit;
  const { events: _events, ...rest } = commit;
  return { ...rest, packedEvents: json };
}

/** What goes into the events collection for a commit or an outbox entry (as it is). */
export const storedFormOf = <Entry extends OutboxEntry | OutboxGroupEntry>(
  doc: StoredCommit | Entry,
): StoredCommitDoc | Entry => ('events' in doc ? storedCommitOf(doc) : doc);

/** A stored commit with its events as documents, whichever way it was stored. */
export function commitOf(doc: StoredCommitDoc): StoredCommit {
  if (!('packedEvents' in doc)) return doc;
  const { packedEvents, ...commit } = doc;
  return { ...commit, events: JSON.parse(packedEvents) as EventEnvelope[] };
}
