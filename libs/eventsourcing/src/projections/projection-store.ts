import type { EventEnvelope } from '@itsm/contracts';
import type { Collection, Connection } from 'mongoose';
import type { MongoEventStore } from '../event-store/event-store';
import { InsertBatcher } from '../event-store/insert-batcher';
import { KeyedQueue } from '../keyed-queue';
import { isDuplicateKeyError } from '../event-store/version-conflict.error';
import { ApplyGate } from './apply-gate';
import type { ProjectedFields, Projection } from './projection';

/** Where a projection reads a stream it is behind on (the MongoEventStore fits). */
export interface StreamSource {
  readStream(streamId: string, fromSequence: number): Promise<EventEnvelope[]>;
}

interface Pointer {
  _id: string;
  collection: string;
}

/**
 * Keeps one projection's read model: applies events idempotently, and rebuilds it from the event
 * store into a fresh collection that is swapped in while the service keeps answering.
 */
export interface ProjectionStoreOptions {
  /**
   * How long a process trusts the collection pointer it read. Another replica's rebuild swaps the
   * pointer; every process sees the swap within this time (default 1 s).
   */
  pointerTtlMs?: number;
}

export class ProjectionStore<Doc extends object> {
  private readonly pointers: Collection<Pointer>;
  private readonly gate = new ApplyGate();
  private readonly pointerTtlMs: number;
  private pointer?: { name: Promise<string>; readAt: number };
  private applied = 0;
  /** by collection: the documents this process wrote last (most applies then need no read first), and its batched inserts */
  private readonly writers = new CollectionWriters<Doc>();
  /**
   * One stream's applies in this process run one after the other (the writer's inline apply and
   * the Kafka consumer's meet often): the second finds the first's document in memory instead of
   * racing it to a refused insert and a read.
   */
  private readonly streams = new KeyedQueue();

  /**
   * `source`: the event store of the projection's own context. A writer applying its events inline
   * may find the document behind a concurrent writer's events; it then folds the stream from the
   * store instead, so no event is ever skipped. Kafka consumers deliver a stream in order and need none.
   */
  constructor(
    private readonly connection: Connection,
    private readonly projection: Projection<Doc>,
    private readonly source?: StreamSource,
    options: ProjectionStoreOptions = {},
  ) {
    this.pointers = connection.collection<Pointer>('projection_pointers');
    this.pointerTtlMs = options.pointerTtlMs ?? 1000;
  }

  get name(): string {
    return this.projection.name;
  }

  /** Counts the applies this process finished: a reader keeping what it read knows when to read again. */
  get changes(): number {
    return this.applied;
  }

  /** Creates the projection's query indexes on the live collection (rebuilds create them too). */
  async ensureIndexes(): Promise<void> {
    await createIndexes(await this.collection(), this.projection);
  }

  /** The live collection; queries and applies go through this, so every process follows a swap. */
  async collection(): Promise<Collection<Doc & ProjectedFields>> {
    if (!this.pointer || Date.now() - this.pointer.readAt > this.pointerTtlMs) {
      const name = this.pointers
        .findOne({ _id: this.projection.name })
        .then((found) => found?.collection ?? this.projection.name);
      this.pointer = { name, readAt: Date.now() };
      name.catch(() => (this.pointer = undefined)); // Mongo was down: read it again next time
    }
    return this.connection.collection<Doc & ProjectedFields>(await this.pointer.name);
  }

  /**
   * A copy of the document this process wrote last for the stream, while it still holds one.
   * Another replica may have written since: good for answering the writer's own command, or where
   * the document's `_sequence` tells whether it is recent enough.
   */
  async lastWritten(streamId: string): Promise<(Doc & ProjectedFields) | undefined> {
    const copy = this.writers.of(await this.collection()).copies.get(streamId);
    return copy && structuredClone(copy);
  }

  /** Applies an event unless the document already reflects it (same or later sequence). */
  apply(event: EventEnvelope): Promise<void> {
    if (!this.projection.handles.has(event.type)) return Promise.resolve();
    return this.gate.shared(async () => this.applyStream(await this.collection(), [event])).finally(() => this.applied++);
  }

  /** Applies a batch: per stream one read and one write, streams side by side. */
  applyBatch(events: EventEnvelope[]): Promise<void> {
    const byStream = new Map<string, EventEnvelope[]>();
    for (const event of events.filter((candidate) => this.projection.handles.has(candidate.type))) {
      byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event]);
    }
    if (byStream.size === 0) return Promise.resolve();
    const applying = this.gate.shared(async () => {
      const collection = await this.collection();
      const streams = [...byStream.values()];
      const lanes = Math.min(8, streams.length);
      await Promise.all(
        Array.from({ length: lanes }, async (_, lane) => {
          for (let i = lane; i < streams.length; i += lanes) await this.applyStream(collection, streams[i]);
        }),
      );
    });
    return applying.finally(() => this.applied++);
  }

  private applyStream(collection: Collection<Doc & ProjectedFields>, events: EventEnvelope[]): Promise<void> {
    return this.streams.run(events[0].streamId, () =>
      applyAll(collection, this.projection, events, this.source, this.writers),
    );
  }

  /**
   * Replays the whole event store into a new collection, catches up, swaps it in, then drops the
   * old one. Other replicas keep applying to the old collection until they see the new pointer
   * (within `pointerTtlMs`): after a grace period longer than that, what was appended meanwhile is
   * replayed once more into the new collection (applies are idempotent), and only then is the old
   * one dropped. `graceMs` defaults to three pointer lifetimes.
   */
  async rebuild(store: MongoEventStore, batchSize = 1000, graceMs = 3 * this.pointerTtlMs): Promise<string> {
    const target = this.connection.collection<Doc & ProjectedFields>(`${this.projection.name}__${Date.now()}`);
    await createIndexes(target, this.projection);
    let lastId = await replay(store, target, this.projection, undefined, batchSize);
    const previous = await this.collection();
    await this.gate.exclusive(async () => {
      // this process's applies wait on the lock: none is written between this catch-up and the swap
      lastId = await replay(store, target, this.projection, lastId, batchSize);
      await this.pointers.replaceOne(
        { _id: this.projection.name },
        { collection: target.collectionName },
        { upsert: true },
      );
      this.pointer = { name: Promise.resolve(target.collectionName), readAt: Date.now() };
    });
    await new Promise((resolve) => setTimeout(resolve, graceMs));
    await replay(store, target, this.projection, lastId, batchSize);
    await previous.drop().catch(() => undefined);
    return target.collectionName;
  }
}

/**
 * Folds one stream's events (in sequence order) into its document: one read, one conditional
 * write. The write only lands if the document is still at the sequence that was read, so two
 * appliers of one stream (the writer inline, the Kafka consumer) never move it backwards.
 */
async function applyAll<Doc extends object>(
  collection: Collection<Doc & ProjectedFields>,
  projection: Projection<Doc>,
  events: EventEnvelope[],
  source?: StreamSource,
  writers?: CollectionWriters<Doc>,
): Promise<void> {
  const writer = writers?.of(collection);
  for (let fresh = true; !(await tryApplyAll(collection, projection, events, source, writer, fresh)); fresh = false) {
    // another applier wrote the document meanwhile: fold again from what it wrote
  }
}

/**
 * The stored document; none is read for a stream's first event on a first try: its document
 * cannot be older than it, and if another applier wrote it already the insert fails and the
 * next try reads it.
 */
async function firstOrStored<Doc extends object>(
  collection: Collection<Doc & ProjectedFields>,
  given: EventEnvelope[],
  fresh: boolean,
): Promise<(Doc & ProjectedFields) | null> {
  if (fresh && given[0].sequence === 1) return null;
  return (await collection.findOne({ _id: given[0].streamId } as never)) as (Doc & ProjectedFields) | null;
}

async function tryApplyAll<Doc extends object>(
  collection: Collection<Doc & ProjectedFields>,
  projection: Projection<Doc>,
  given: EventEnvelope[],
  source?: StreamSource,
  writer?: CollectionWriter<Doc>,
  fresh = true,
): Promise<boolean> {
  const streamId = given[0].streamId;
  const cache = writer?.copies;
  // a cached copy may be stale (another replica wrote since): the conditional write then fails
  // and the loop above reads the document again
  const cached = cache?.get(streamId);
  const stored = cached
    ? structuredClone(cached) // a projection may change what it is given: the cache keeps its own copy
    : await firstOrStored(collection, given, fresh);
  const storedSequence = stored?._sequence ?? 0;
  const firstNew = given.find((event) => event.sequence > storedSequence);
  const gap = source && firstNew && firstNew.sequence > storedSequence + 1;
  const events = gap
    ? (await source.readStream(streamId, storedSequence + 1)).filter((event) => projection.handles.has(event.type))
    : given;
  let sequence = storedSequence;
  let doc: Doc | null = stored ? withoutProjectedFields(stored) : null;
  for (const event of events) {
    if (event.sequence <= sequence) continue; // already reflected: a duplicate or a replay
    doc = projection.apply(doc, event);
    sequence = event.sequence;
  }
  if (sequence === storedSequence) return true;
  const next = doc === null ? null : ({ ...doc, _id: streamId, _sequence: sequence } as Doc & ProjectedFields);
  const remember = (landed: boolean) => {
    if (landed && next) cache?.set(streamId, next);
    else cache?.delete(streamId);
    return landed;
  };
  if (!stored) {
    if (next === null) return true;
    try {
      await (writer ? writer.inserts.insert([next]) : collection.insertOne(next as never));
      return remember(true);
    } catch (error) {
      if (isDuplicateKeyError(error)) return remember(false);
      throw error;
    }
  }
  const current = { _id: streamId, _sequence: storedSequence } as never;
  const result =
    next === null ? await collection.deleteOne(current) : await collection.replaceOne(current, next as never);
  return remember((('matchedCount' in result ? result.matchedCount : result.deletedCount) ?? 0) > 0);
}

interface CollectionWriter<Doc extends object> {
  /** bounded: the most recently written documents, oldest forgotten first */
  copies: BoundedMap<Doc & ProjectedFields>;
  /** first documents of streams, inserted together when they come together */
  inserts: InsertBatcher<Doc & ProjectedFields>;
}

class CollectionWriters<Doc extends object> {
  private readonly byCollection = new Map<string, CollectionWriter<Doc>>();

  constructor(private readonly capacity = 10_000) {}

  of(collection: Collection<Doc & ProjectedFields>): CollectionWriter<Doc> {
    let writer = this.byCollection.get(collection.collectionName);
    if (!writer) {
      // a rebuild swapped the collection: the old one's copies are of no use any more
      this.byCollection.clear();
      writer = { copies: new BoundedMap(this.capacity), inserts: new InsertBatcher(collection) };
      this.byCollection.set(collection.collectionName, writer);
    }
    return writer;
  }
}

class BoundedMap<Value> extends Map<string, Value> {
  constructor(private readonly capacity: number) {
    super();
  }

  override set(key: string, value: Value): this {
    this.delete(key); // re-inserted last: Map keeps insertion order, so the oldest comes first
    super.set(key, value);
    if (this.size > this.capacity) this.delete(this.keys().next().value as string);
    return this;
  }
}

async function createIndexes<Doc extends object>(
  collection: Collection<Doc & ProjectedFields>,
  projection: Projection<Doc>,
): Promise<void> {
  for (const index of projection.indexes ?? []) await collection.createIndex(index.keys, index.options ?? {});
}

async function replay<Doc extends object>(
  store: MongoEventStore,
  target: Collection<Doc & ProjectedFields>,
  projection: Projection<Doc>,
  afterId: string | undefined,
  batchSize: number,
): Promise<string | undefined> {
  // writers go on while this runs: replay up to what exists now, later phases take the rest
  const head = await store.lastCommitId();
  let lastId = afterId;
  for (;;) {
    const commits = head ? await store.readAll(lastId, batchSize, head) : [];
    if (commits.length === 0) return lastId;
    for (const event of store.flatten(commits)) {
      if (projection.handles.has(event.type)) await applyAll(target, projection, [event]);
    }
    lastId = commits[commits.length - 1]._id;
  }
}

function withoutProjectedFields<Doc extends object>(stored: Doc & ProjectedFields): Doc {
  const { _id, _sequence, ...doc } = stored;
  return doc as unknown as Doc;
}
