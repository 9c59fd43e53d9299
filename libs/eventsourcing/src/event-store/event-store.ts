import { EventEmitter } from 'node:events';
import {
  newestVersion,
  upcast,
  type DomainEvent,
  type EventEnvelope,
  type EventMetadata,
  type UpcasterRegistry,
} from '@itsm/contracts';
import { activeTraceHeaders } from '@itsm/messaging';
import { LRUCache } from 'lru-cache';
import type { Collection, Connection } from 'mongoose';
import { v7 as uuidv7 } from 'uuid';
import { settleAppend, type AppendSettling } from './append-outcome';
import { commitOf, storedCommitOf, storedFormOf, type StoredCommitDoc } from './commit-encoding';
import { DocumentWriteError, heldIds, InsertBatcher } from './insert-batcher';
import {
  CHUNK_SIZE,
  OUTBOX_STREAM,
  PARKED_STREAM,
  chunkOf,
  commitsNamedBy,
  outboxEntriesOf,
  outboxEntryOf,
  outboxGroupEntryOf,
  type OutboxEntry,
  type OutboxGroup,
  type OutboxGroupEntry,
  type ParkedEntry,
  type ParkedReason,
  type RequestKey,
  type StoredCommit,
  type StoredSnapshot,
} from './stored-commit';
import { RequestReplayedError, VersionConflictError, isDuplicateKeyError } from './version-conflict.error';
import { concurrentUpsert } from '../concurrent-upsert';

export interface EventStoreOptions {
  upcasters: UpcasterRegistry;
  /** each append's duration and outcome (the service's metrics) */
  onAppend?(seconds: number, outcome: 'ok' | 'conflict' | 'error'): void;
  eventsCollection?: string;
  snapshotsCollection?: string;
}

const traceOf = (headers: Record<string, string>) => (headers.traceparent ? { trace: headers } : {});

/** The driver found no server to send to: the write was surely not done. */
const neverSent = (error: unknown): boolean => (error as Error | null)?.name === 'MongoServerSelectionError';

/** The oldest commits of the outbox, as the relay reads them (see MongoEventStore.pendingBatch). */
export interface PendingBatch {
  entries: OutboxEntry[];
  /** there are more commits to publish than `entries` */
  full: boolean;
  /** the group entries read, each with every commit it names (done ones too) */
  groups: OutboxGroup[];
}

/** The relay's backlog (see MongoEventStore.relayLag). */
export interface RelayLag {
  pending: number;
  parked: number;
  oldestPendingAt: Date | null;
}

/** A UUIDv7's first 48 bits are its writer's clock in milliseconds; null for an id of another shape. */
function timeOfUuidV7(id: string): Date | null {
  const hex = id.slice(0, 8) + id.slice(9, 13);
  return /^[0-9a-f]{12}$/.test(hex) && id[14] === '7' ? new Date(parseInt(hex, 16)) : null;
}

/** The commits, without the outbox entries (pending or parked) that share their collection. */
const COMMITS_ONLY = { streamId: { $nin: [OUTBOX_STREAM, PARKED_STREAM] } };

/** The MongoDB event store, and its outbox of commits not yet published (see OutboxRelay). */
export class MongoEventStore {
  /** commits as stored (large ones with their events packed: read them through `commitOf`) */
  readonly commits: Collection<StoredCommitDoc>;
  /** the same collection, seen as its outbox entries (stream OUTBOX_STREAM): of a commit, or of a group insert */
  private readonly outbox: Collection<OutboxEntry | OutboxGroupEntry>;
  private readonly migrations: Collection<{ _id: string; doneAt: Date }>;
  private readonly snapshots: Collection<StoredSnapshot>;
  private readonly appendedEvents = new EventEmitter();
  /** concurrent appends (of different streams) reach the store together, under one outbox entry an insert */
  private readonly inserts: InsertBatcher<StoredCommitDoc | OutboxGroupEntry>;
  /** an append whose answer was lost writes its commit again with an entry of its own (see settleAppend) */
  private readonly settlingInserts: InsertBatcher<StoredCommitDoc | OutboxEntry>;
  /** commits this process appended, until the relay publishes them: it then needs no read (bounded) */
  private readonly unpublished = new LRUCache<string, StoredCommit>({ max: 10_000, ttl: 60_000 });
  /**
   * commits this process is writing: their outbox entries may show before the write answers (a
   * group commit of hundreds), and the relay waits for them rather than read them
   */
  private readonly appending = new Set<string>();

  constructor(
    connection: Connection,
    private readonly options: EventStoreOptions,
  ) {
    this.commits = connection.collection<StoredCommitDoc>(options.eventsCollection ?? 'events');
    this.snapshots = connection.collection<StoredSnapshot>(options.snapshotsCollection ?? 'snapshots');
    this.outbox = connection.collection<OutboxEntry | OutboxGroupEntry>(options.eventsCollection ?? 'events');
    this.migrations = connection.collection(`${options.eventsCollection ?? 'events'}_migrations`);
    // a batch of an import's commands appends hundreds of streams at once: a few inserts, not one per hundred;
    // each insert's commits under one outbox entry, not one each (a document written, then deleted, per commit)
    this.inserts = new InsertBatcher(this.commits as Collection<StoredCommitDoc | OutboxGroupEntry>, {
      maxBatch: 500,
      lead: {
        of: (commits) => outboxGroupEntryOf(commits as StoredCommitDoc[], uuidv7()),
        narrow: (entry, landed) => this.narrowGroup(entry._id, landed as StoredCommitDoc[]),
      },
    });
    this.settlingInserts = new InsertBatcher(this.commits as Collection<StoredCommitDoc | OutboxEntry>);
  }

  async createIndexes(): Promise<void> {
    await this.commits.createIndex({ streamId: 1, sequence: 1 }, { unique: true, name: 'stream_sequence' });
    await this.commits.createIndex({ streamId: 1, chunk: 1 }, { name: 'stream_chunk' });
    await this.commits.createIndex({ requestKey: 1 }, { unique: true, sparse: true, name: 'request_key' });
  }

  /** The commit a request with this key wrote first, if any. */
  async requestCommit(key: string): Promise<StoredCommit | null> {
    const doc = await this.commits.findOne({ requestKey: key });
    return doc && commitOf(doc);
  }

  /**
   * Appends events after `expectedVersion` or throws VersionConflictError. `expectedVersion` is the
   * version the stream was loaded at (readStream / loadAggregate), 0 for a new stream: always the
   * end of a commit, which is what the unique index compares. With a `request`, the commit carries
   * its key, and throws RequestReplayedError when that request was written before.
   */
  async append(
    streamId: string,
    expectedVersion: number,
    events: DomainEvent[],
    metadata: EventMetadata,
    request?: RequestKey,
  ): Promise<EventEnvelope[]> {
    if (events.length === 0) return [];
    const started = performance.now();
    const timed = (outcome: 'ok' | 'conflict' | 'error') =>
      this.options.onAppend?.((performance.now() - started) / 1000, outcome);
    const commit = this.commitOf(streamId, expectedVersion, events, metadata, request);
    try {
      const appended = await this.write(commit, expectedVersion, request);
      timed('ok');
      return appended;
    } catch (error) {
      timed(error instanceof VersionConflictError || error instanceof RequestReplayedError ? 'conflict' : 'error');
      throw error;
    }
  }

  /** The commit of the events, in their envelopes, with the trace context of the command writing them. */
  private commitOf(
    streamId: string,
    expectedVersion: number,
    events: DomainEvent[],
    metadata: EventMetadata,
    request?: RequestKey,
  ): StoredCommit {
    const occurredAt = new Date().toISOString();
    const envelopes = events.map((event, index) => ({
      id: uuidv7(),
      type: event.type,
      schemaVersion: newestVersion(event.type, this.options.upcasters),
      streamId,
      sequence: expectedVersion + index + 1,
      entityId: metadata.entityId,
      occurredAt,
      actor: metadata.actor,
      correlationId: metadata.correlationId,
      causationId: metadata.causationId,
      data: event.data,
    }));
    return {
      _id: envelopes[0].id,
      streamId,
      sequence: envelopes[0].sequence,
      lastSequence: envelopes[envelopes.length - 1].sequence,
      chunk: chunkOf(envelopes[0].sequence),
      events: envelopes,
      ...(request && { requestKey: request.key, requestFingerprint: request.fingerprint }),
      ...traceOf(activeTraceHeaders()),
    };
  }

  private async write(commit: StoredCommit, expectedVersion: number, request?: RequestKey): Promise<EventEnvelope[]> {
    const { streamId, events: envelopes } = commit;
    // once: the stored form is chosen by its size, and the relay's copy is read back from it
    const json = JSON.stringify(envelopes);
    this.appending.add(commit._id);
    try {
      // the insert's outbox entry comes first, and names this commit unless it is refused
      await this.inserts.insert([storedCommitOf(commit, json)]);
    } catch (error) {
      if (!(error instanceof DocumentWriteError)) {
        if (neverSent(error)) throw error;
        // the answer was lost, maybe not the write: the caller must hear what happened, found out by
        // id, writing it again under an entry of its own (named twice, it may be published twice:
        // consumers deduplicate)
        if ((await settleAppend(this.settling, outboxEntryOf(commit), commit)) === 'conflict') {
          throw await this.collision(streamId, expectedVersion, request);
        }
        return this.appended(commit, json);
      }
      // refused: the group's entry no longer names it (see BatchLead)
      if (!isDuplicateKeyError(error)) throw error;
      throw await this.collision(streamId, expectedVersion, request);
    } finally {
      this.appending.delete(commit._id);
    }
    return this.appended(commit, json);
  }

  /**
   * What a commit collided with, as the index that refused it is not named (FerretDB): the same
   * request written before, or another writer at that version.
   */
  private async collision(streamId: string, expectedVersion: number, request?: RequestKey): Promise<Error> {
    const first = request && (await this.requestCommit(request.key));
    return first ? new RequestReplayedError(first) : new VersionConflictError(streamId, expectedVersion);
  }

  private appended(commit: StoredCommit, eventsJson: string): EventEnvelope[] {
    // a copy: what the caller does with the envelopes it gets back never reaches Kafka (read back
    // from their JSON, as Kafka gets them: cheaper than structuredClone)
    this.unpublished.set(commit._id, { ...commit, events: JSON.parse(eventsJson) as EventEnvelope[] });
    this.appendedEvents.emit('appended', commit.streamId);
    return commit.events;
  }

  /** The store as settling an append of unknown outcome reads and writes it: by id only. */
  private readonly settling: AppendSettling = {
    held: (ids) => heldIds(this.commits, ids),
    insert: (docs) => this.settlingInserts.insert(docs.map(storedFormOf)),
    dropEntry: async (id) => void (await this.outbox.deleteOne({ _id: id })),
  };

  /** Runs a change of the store's own format unless this store has it recorded as done. */
  async migrateOnce(name: string, migration: () => Promise<void>): Promise<void> {
    if (await this.migrations.findOne({ _id: name })) return;
    await migration();
    // replicas starting together may run it side by side and record it at once
    await concurrentUpsert(() =>
      this.migrations.updateOne({ _id: name }, { $set: { doneAt: new Date() } }, { upsert: true }),
    );
  }

  /** The oldest outbox entries, one per commit (a group entry stands for all its commits). */
  async pendingEntries(limit: number): Promise<OutboxEntry[]> {
    return (await this.pendingBatch(limit)).entries;
  }

  /**
   * The `limit` oldest commits of the outbox but those of group entries named in `done` (the
   * relay is done with them, their entry waits for the others), whether there are more (`full`),
   * and the group entries read. A group entry's commits may be cut: those left stay in it for a
   * later turn. Done commits are passed over, not counted: counted, a group entry held by one
   * commit would fill every turn with commits already published, and nothing after it would go.
   */
  async pendingBatch(limit: number, done: ReadonlySet<string> = new Set()): Promise<PendingBatch> {
    const entries: OutboxEntry[] = [];
    const groups: OutboxGroup[] = [];
    // one query, read a few entries at a time (an entry names 1 to 500 commits) and parsed one by
    // one, closed at the first commit past `limit`. MongoDB serves it from the (streamId, sequence)
    // index; FerretDB sorts the entries itself once, then hands them out batch by batch (pages of
    // their own would sort them again each: 500 entries of one commit read twice as slowly)
    const cursor = this.outbox.find({ streamId: OUTBOX_STREAM }).sort({ sequence: 1 }).batchSize(16);
    try {
      for await (const doc of cursor) {
        const named = outboxEntriesOf(doc);
        if ('packedCommits' in doc) groups.push(named[0]?.group ?? { id: doc._id, commits: [] });
        for (const entry of named) {
          if (entry.group && done.has(entry.commit.id)) continue;
          if (entries.length === limit) return { entries, groups, full: true };
          entries.push(entry);
        }
      }
    } finally {
      await cursor.close();
    }
    return { entries, groups, full: false };
  }

  /**
   * A group entry now names only the commits that landed of those it named, or goes when none
   * did (its insert stopped at a refused commit; see BatchLead).
   */
  private async narrowGroup(id: string, landed: StoredCommitDoc[]): Promise<void> {
    if (landed.length === 0) await this.outbox.deleteOne({ _id: id });
    else {
      const { packedCommits, commitCount } = outboxGroupEntryOf(landed, id);
      await this.outbox.updateOne({ _id: id }, { $set: { packedCommits, commitCount } });
    }
  }

  /**
   * How far publishing lags: commits not yet on Kafka (pending entries, parked ones included) and
   * the age of the oldest pending one (its id is a UUIDv7: its first 48 bits are its writer's clock).
   */
  async outboxLag(now = Date.now()): Promise<{ pending: number; parked: number; oldestAgeSeconds: number }> {
    const [pending, parked, oldest] = await Promise.all([
      this.pendingCommits(),
      this.outbox.countDocuments({ streamId: PARKED_STREAM as never }),
      this.outbox
        .find({ streamId: OUTBOX_STREAM }, { projection: { _id: 0, sequence: 1 } })
        .sort({ sequence: 1 })
        .limit(1)
        .next(),
    ]);
    const writtenAt = oldest ? parseInt(oldest.sequence.replace(/-/g, '').slice(0, 12), 16) : now;
    return { pending, parked, oldestAgeSeconds: Math.max(0, (now - writtenAt) / 1000) };
  }

  /**
   * The lowest pending sequence of each stream with entries, in one pass over the outbox (FerretDB
   * would read every entry for each stream asked about one by one: one pass costs the same as one).
   * Commits of group entries named in `done` are not pending: the relay is done with them, and
   * counted they would hold their stream's later commits behind a commit already published.
   */
  async lowestPendingSequences(done: ReadonlySet<string> = new Set()): Promise<Map<string, number>> {
    const docs = await this.outbox
      .find({ streamId: OUTBOX_STREAM }, { projection: { _id: 0, commit: 1, packedCommits: 1 } })
      .toArray();
    const lowest = new Map<string, number>();
    for (const doc of docs) {
      const group = 'packedCommits' in doc;
      for (const commit of commitsNamedBy(doc)) {
        if (group && done.has(commit.id)) continue;
        lowest.set(commit.streamId, Math.min(commit.sequence, lowest.get(commit.streamId) ?? commit.sequence));
      }
    }
    return lowest;
  }

  /**
   * Commits waiting in the outbox: an entry of its own counts one, a group entry its `commitCount`
   * (a small field read, not its commits parsed: the metrics ask at every scrape).
   */
  private async pendingCommits(): Promise<number> {
    const docs = await this.outbox
      .find({ streamId: OUTBOX_STREAM }, { projection: { _id: 0, commitCount: 1 } })
      .toArray();
    return docs.reduce((sum, doc) => sum + ('commitCount' in doc ? doc.commitCount : 1), 0);
  }

  /**
   * The relay is done with these entries (pending ones, or parked ones when `from` says so). A
   * commit of a group entry is not: the group entry goes whole, once the relay is done with each
   * of its commits (deleteGroups).
   */
  async deleteEntries(entries: Array<OutboxEntry | ParkedEntry>, from = entries[0]?.streamId): Promise<void> {
    const own = entries.filter((entry) => !('group' in entry && entry.group));
    if (own.length === 0) return;
    // the stream first: FerretDB hands that equality to PostgreSQL and filters the few entries by
    // id itself (for a bare `$in` it would read the whole collection); MongoDB uses `_id` either way
    await this.outbox.deleteMany({ streamId: from, _id: { $in: own.map((entry) => entry._id) } } as never);
  }

  /**
   * Deletes group entries the relay is done with. Never narrowed by the relay: only their writer
   * changes them (see narrowGroup), so that neither brings back a commit the other took out.
   */
  async deleteGroups(ids: string[]): Promise<void> {
    for (const _id of ids) await this.outbox.deleteOne({ _id });
  }

  /**
   * Sets pending entries aside (see PARKED_STREAM): their streams wait behind them. A group's
   * commit is parked as an entry of its own; the group entry still names it until it goes whole
   * (the relay skips it meanwhile).
   */
  async parkEntries(entries: OutboxEntry[], reason: ParkedReason, detail: string): Promise<void> {
    if (entries.length === 0) return;
    const parked = { reason, at: new Date(), detail };
    const own = entries.filter((entry) => !entry.group);
    if (own.length > 0) {
      await this.outbox.updateMany(
        { streamId: OUTBOX_STREAM, _id: { $in: own.map((entry) => entry._id) } },
        { $set: { streamId: PARKED_STREAM as never, parked } },
      );
    }
    const grouped = entries.filter((entry) => entry.group);
    if (grouped.length === 0) return;
    const entriesOfTheirOwn = grouped.map(({ commit }) => ({
      ...outboxEntryOf({ _id: commit.id, streamId: commit.streamId, sequence: commit.sequence }),
      streamId: PARKED_STREAM,
      parked,
    }));
    await this.outbox.insertMany(entriesOfTheirOwn as never[], { ordered: false }).catch((error: unknown) => {
      if (!isDuplicateKeyError(error)) throw error; // parked already, by a relay before this one
    });
  }

  /** The entries the relay set aside, oldest first. */
  async parkedEntries(): Promise<ParkedEntry[]> {
    const parked = this.outbox as unknown as Collection<ParkedEntry>;
    return parked.find({ streamId: PARKED_STREAM }).sort({ sequence: 1 }).toArray();
  }

  /**
   * Puts parked entries back in the outbox, all of them or those of the given commits: the relay
   * publishes them at its next turn, then their streams go on. An operator's way out once the
   * topic takes larger messages; the relay's own when a late commit has landed.
   */
  async releaseParked(commitIds?: string[]): Promise<number> {
    const which = commitIds ? { sequence: { $in: commitIds } } : {};
    const released = await this.outbox.updateMany(
      { streamId: PARKED_STREAM as never, ...which },
      {
        $set: { streamId: OUTBOX_STREAM },
        $unset: { parked: '' },
      },
    );
    return released.modifiedCount;
  }

  /** Writes entries for commits that have none (a store from before the outbox entries). */
  async addEntries(commits: Array<Pick<StoredCommit, '_id' | 'streamId' | 'sequence'>>): Promise<void> {
    if (commits.length === 0) return;
    await this.outbox.insertMany(commits.map(outboxEntryOf), { ordered: false }).catch((error: unknown) => {
      // an entry added by an earlier, interrupted run is there already
      if (!isDuplicateKeyError(error)) throw error;
    });
  }

  /** A commit this process appended and the relay has not published yet, without a read. */
  appendedCommit(id: string): StoredCommit | undefined {
    return this.unpublished.get(id);
  }

  /** Whether this process is writing the commit now (its outbox entry may already show). */
  isAppending(id: string): boolean {
    return this.appending.has(id);
  }

  /** The relay published it. */
  forgetAppended(id: string): void {
    this.unpublished.delete(id);
  }

  /** The stream's events from `fromSequence` on, upcast to their newest versions. */
  async readStream(streamId: string, fromSequence = 1): Promise<EventEnvelope[]> {
    const commits =
      fromSequence === 1
        ? (await this.commits.find({ streamId }).toArray()).map(commitOf)
        : await this.commitsFrom(streamId, fromSequence);
    commits.sort((a, b) => a.sequence - b.sequence);
    return this.flatten(commits).filter((event) => event.sequence >= fromSequence);
  }

  /**
   * The events after `version`, the end of a commit (a state remembered by a writer): one equality
   * on the commit that would come next, which finds none unless another writer appended since.
   */
  async readStreamAfter(streamId: string, version: number): Promise<EventEnvelope[]> {
    const next = await this.commits.findOne({ streamId, sequence: version + 1 }, { projection: { _id: 1 } });
    return next ? this.readStream(streamId, version + 1) : [];
  }

  /**
   * Chunk by chunk from the chunk holding `fromSequence` (a commit boundary: after a snapshot, or
   * after the state a writer remembers) to the end, most often one query. Falls back to the whole stream when `fromSequence` lies inside an older, longer commit.
   */
  private async commitsFrom(streamId: string, fromSequence: number): Promise<StoredCommit[]> {
    const found: StoredCommit[] = [];
    let lastSequence = 0;
    for (let chunk = chunkOf(fromSequence); ; chunk++) {
      const commits = (await this.commits.find({ streamId, chunk }).toArray()).map(commitOf);
      found.push(...commits);
      for (const commit of commits) lastSequence = Math.max(lastSequence, commit.lastSequence);
      // a later commit would start inside this chunk unless one reaches its last sequence: the end
      if (lastSequence < (chunk + 1) * CHUNK_SIZE) break;
    }
    const covered = found.length === 0 || found.some((commit) => commit.sequence <= fromSequence);
    return covered ? found : (await this.commits.find({ streamId }).toArray()).map(commitOf);
  }

  /**
   * Commits in id order (their writers' clocks) after `afterId`, and up to `upToId` included when
   * given: for rebuilding projections (see StoreReplay).
   */
  async readAll(afterId: string | undefined, limit: number, upToId?: string): Promise<StoredCommit[]> {
    const range = { ...(afterId && { $gt: afterId }), ...(upToId && { $lte: upToId }) };
    const filter = Object.keys(range).length > 0 ? { _id: range, ...COMMITS_ONLY } : COMMITS_ONLY;
    return (await this.commits.find(filter).sort({ _id: 1 }).limit(limit).toArray()).map(commitOf);
  }

  /** Commits up to `upToId` included: the size of a replay, for its progress. */
  countCommits(upToId: string): Promise<number> {
    return this.commits.countDocuments({ _id: { $lte: upToId }, ...COMMITS_ONLY });
  }

  /**
   * What the relay has still to publish: its pending entries, the oldest one's commit time (from
   * its UUIDv7 id, the writer's clock), and the entries it set aside.
   */
  async relayLag(): Promise<RelayLag> {
    const [pending, parked, [oldest]] = await Promise.all([
      this.pendingCommits(),
      this.outbox.countDocuments({ streamId: PARKED_STREAM as never }),
      this.pendingEntries(1),
    ]);
    return { pending, parked, oldestPendingAt: oldest ? timeOfUuidV7(oldest.commit.id) : null };
  }

  /** The newest commit's id: where a replay that must end stops, while writers go on. */
  async lastCommitId(): Promise<string | undefined> {
    return (await this.commits.find(COMMITS_ONLY).sort({ _id: -1 }).limit(1).toArray())[0]?._id;
  }

  flatten(commits: StoredCommit[]): EventEnvelope[] {
    return commits.flatMap((commit) => commit.events.map((event) => upcast(event, this.options.upcasters)));
  }

  /**
   * Rewrites a stream's stored events in place and drops its snapshots. Only for erasing personal
   * data (GDPR): events are otherwise immutable. Kafka keeps its copies until retention expires.
   */
  async redactStream(streamId: string, redact: (event: EventEnvelope) => EventEnvelope): Promise<void> {
    const commits = (await this.commits.find({ streamId }).toArray()).map(commitOf);
    for (const commit of commits) {
      await this.commits.replaceOne(
        { _id: commit._id },
        storedCommitOf({ ...commit, events: commit.events.map(redact) }),
      );
      this.forgetAppended(commit._id); // the relay reads the redacted commit, not the copy in memory
    }
    await this.snapshots.deleteMany({ streamId });
  }

  async loadSnapshot<State>(streamId: string, stateVersion: number): Promise<StoredSnapshot<State> | undefined> {
    const snapshot = await this.snapshots.findOne({ _id: streamId });
    // a snapshot of an older state shape is ignored, and replaced at the next snapshot point
    return snapshot && snapshot.stateVersion === stateVersion ? (snapshot as StoredSnapshot<State>) : undefined;
  }

  async saveSnapshot<State>(streamId: string, sequence: number, stateVersion: number, state: State): Promise<void> {
    try {
      // never let a slower writer replace a newer snapshot with an older one
      await this.snapshots.replaceOne(
        { _id: streamId, $or: [{ sequence: { $lt: sequence } }, { stateVersion: { $ne: stateVersion } }] },
        { sequence, stateVersion, state: state as unknown },
        { upsert: true },
      );
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  /** Calls `listener` after each local append (the relay's wake-up). */
  onAppended(listener: (streamId: string) => void): () => void {
    this.appendedEvents.on('appended', listener);
    return () => this.appendedEvents.off('appended', listener);
  }
}
