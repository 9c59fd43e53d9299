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
   * The outbox flag of stores written before the outbox had its own collection: the relay turns
   * the commits still `false` into outbox entries once (see OutboxRelay), new commits have none.
   */
  published?: boolean;
}

/**
 * A commit not yet on Kafka, in the outbox collection. Written before its commit, so a commit
 * never exists without one; deleted once the relay has published it. An entry whose commit never
 * came (a lost version race, a crash between the two writes) is dropped by the relay.
 */
export interface OutboxEntry {
  /** the commit's _id (UUIDv7): the outbox order */
  _id: string;
  streamId: string;
  sequence: number;
}

export const CHUNK_SIZE = 100;
export const chunkOf = (sequence: number): number => Math.floor((sequence - 1) / CHUNK_SIZE);

export interface StoredSnapshot<State = unknown> {
  _id: string;
  sequence: number;
  stateVersion: number;
  state: State;
}
