import type { EventEnvelope } from '@itsm/contracts';

/**
 * One append = one document, so a multi-event command is written atomically without
 * transactions (FerretDB has none). The unique index on (streamId, sequence) is the
 * optimistic-concurrency check: two appends after the same version collide on it.
 */
export interface StoredCommit {
  /** the first event's id (UUIDv7): the outbox order */
  _id: string;
  streamId: string;
  /** sequence of the first event of the commit */
  sequence: number;
  lastSequence: number;
  /** floor((sequence - 1) / CHUNK_SIZE): lets a load after a snapshot ask by equality, which FerretDB pushes down */
  chunk: number;
  events: EventEnvelope[];
  /**
   * The request whose first write this commit is, when it came with an idempotency key: unique
   * (a sparse index), so that the request is written once whatever its retries (see RequestKey).
   * Absent otherwise: never null, which the unique index would count as a value.
   */
  requestKey?: string;
  /** what the request asked (a hash of its method, path and body): a retry must ask the same */
  requestFingerprint?: string;
  /**
   * The W3C trace context (`traceparent`, `tracestate`) of the command that wrote the commit, when
   * it was traced: the relay sends it as the headers of the commit's messages, so that consumers
   * continue the trace. Absent when tracing is off.
   */
  trace?: Record<string, string>;
  /**
   * The outbox flag of stores written before the outbox had its own collection: the relay turns
   * the commits still `false` into outbox entries once (see OutboxRelay), new commits have none.
   */
  published?: boolean;
}

/**
 * A request that may come again (a client's retry with the same Idempotency-Key): its n-th write
 * carries a key of its own, derived from the caller and the client's key, and the request's
 * fingerprint. A retry finds the first write by its key and is answered from it.
 */
export interface RequestKey {
  key: string;
  fingerprint: string;
  /**
   * The request is most likely new (a command whose answer was not found): its key is not looked
   * up before deciding, only once the store or the decision refuses it. The unique index on the
   * key still makes its write happen once.
   */
  likelyNew?: boolean;
}

/** The reserved stream of outbox entries, in the events collection (no aggregate's id starts with `~`). */
export const OUTBOX_STREAM = '~outbox' as const;

/** Where a commit not yet on Kafka is, as its outbox entry names it. */
export interface OutboxCommit {
  id: string;
  streamId: string;
  sequence: number;
}

/**
 * A commit not yet on Kafka, as the relay works on it. Stored either as an entry of its own (one
 * append, or a store from before group entries) or as one of the commits an OutboxGroupEntry
 * names (`group`). An entry is written in the events collection by the same ordered insert as its
 * commit, just before it: a commit never exists without one, and an append stays one round trip.
 * Deleted once the relay has published the commit. An entry whose commit can never come (another
 * commit holds its place in the stream: a lost version race) is dropped by the relay; one whose
 * commit is only late is never dropped (see ParkedReason).
 */
export interface OutboxEntry {
  /** `<commit id>.outbox`: just after its commit in id order (of a group's commit: not stored) */
  _id: string;
  streamId: typeof OUTBOX_STREAM;
  /** the commit's id: unique among entries under the (streamId, sequence) index, and their order */
  sequence: string;
  commit: OutboxCommit;
  /** the group entry naming this commit, when it is one of a group insert's */
  group?: OutboxGroup;
}

/**
 * One entry for all the commits of a group insert (the event store's group commit writes hundreds
 * of appends in one ordered insert): one document to write and one to delete per insert rather
 * than per commit. It comes first in the insert, so it lands whenever any of its commits does; a
 * commit refused in the insert is taken out of it before its writer hears so (see BatchLead). The
 * relay never changes it: it skips the commits it is done with, and deletes the entry once it is
 * done with all (so that the writer's narrowing and the relay never undo each other's changes).
 */
export interface OutboxGroupEntry {
  /** `<uuidv7>.outbox-group` */
  _id: string;
  streamId: typeof OUTBOX_STREAM;
  /** `<first commit's id>.<uuidv7>`: in commit order among entries, and unique under the (streamId, sequence) index */
  sequence: string;
  /**
   * The commits (OutboxCommit[]) as one JSON string: FerretDB 1.24 converts a document value by
   * value, and hundreds of commits as documents cost 4 to 5 times more to insert, read and delete
   * (5 to 8 ms against 1.3 to 2 ms for 300). Nothing queries inside it.
   */
  packedCommits: string;
  /**
   * How many commits `packedCommits` names: what the lag metrics sum without parsing every
   * entry (kept by its writer when it narrows the entry)
   */
  commitCount: number;
}

/** A group entry as read by the relay: the commits it names. */
export interface OutboxGroup {
  id: string;
  commits: readonly OutboxCommit[];
}

/**
 * Entries the relay set aside, in the same collection: they no longer fill its batches, and their
 * streams wait behind them (a stream is published in order or not at all). Operators read them
 * there (`{streamId: '~outbox-parked'}`) and put them back with `MongoEventStore.releaseParked`.
 */
export const PARKED_STREAM = '~outbox-parked' as const;

/**
 * Why an entry was parked: its commit is larger than the topic takes (it waits for an operator to
 * raise the topic's `max.message.bytes`), or its commit had not landed after a long wait (the relay
 * looks again now and then, and puts the entry back when its commit lands).
 */
export type ParkedReason = 'too-large' | 'no-commit-yet';

export interface ParkedEntry extends Omit<OutboxEntry, 'streamId' | 'group'> {
  streamId: typeof PARKED_STREAM;
  parked: { reason: ParkedReason; at: Date; detail: string };
}

/** The form a group entry stores its commits in (see OutboxGroupEntry). */
export const packedCommitsOf = (commits: OutboxCommit[]): string => JSON.stringify(commits);

export const outboxGroupEntryOf = (
  commits: Array<Pick<StoredCommit, '_id' | 'streamId' | 'sequence'>>,
  id: string,
): OutboxGroupEntry => ({
  _id: `${id}.outbox-group`,
  streamId: OUTBOX_STREAM,
  sequence: `${commits[0]?._id ?? ''}.${id}`,
  packedCommits: packedCommitsOf(
    commits.map((commit) => ({ id: commit._id, streamId: commit.streamId, sequence: commit.sequence })),
  ),
  commitCount: commits.length,
});

/** The commits an entry read from the outbox names: its own, or a group entry's. */
export const commitsNamedBy = (doc: Pick<OutboxEntry, 'commit'> | Pick<OutboxGroupEntry, 'packedCommits'>) =>
  'packedCommits' in doc ? (JSON.parse(doc.packedCommits) as OutboxCommit[]) : [doc.commit];

/** The commits an entry read from the outbox stands for: itself, or one per commit of a group entry. */
export function outboxEntriesOf(doc: OutboxEntry | OutboxGroupEntry): OutboxEntry[] {
  if (!('packedCommits' in doc)) return [doc];
  const group: OutboxGroup = { id: doc._id, commits: commitsNamedBy(doc) };
  return group.commits.map((commit) => ({
    _id: `${commit.id}.outbox`,
    streamId: OUTBOX_STREAM,
    sequence: commit.id,
    commit,
    group,
  }));
}

export const outboxEntryOf = (commit: Pick<StoredCommit, '_id' | 'streamId' | 'sequence'>): OutboxEntry => ({
  _id: `${commit._id}.outbox`,
  streamId: OUTBOX_STREAM,
  sequence: commit._id,
  commit: { id: commit._id, streamId: commit.streamId, sequence: commit.sequence },
});

export const CHUNK_SIZE = 100;
export const chunkOf = (sequence: number): number => Math.floor((sequence - 1) / CHUNK_SIZE);

export interface StoredSnapshot<State = unknown> {
  _id: string;
  sequence: number;
  stateVersion: number;
  state: State;
}
