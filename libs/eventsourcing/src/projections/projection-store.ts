import type { EventEnvelope } from '@itsm/contracts';
import type { Collection, Connection } from 'mongoose';
import type { MongoEventStore } from '../event-store/event-store';
import { concurrentUpsert } from '../concurrent-upsert';
import { isDuplicateKeyError } from '../event-store/version-conflict.error';
import { inLanes } from '../in-lanes';
import { KeyedQueue } from '../keyed-queue';
import { ApplyGate } from './apply-gate';
import { applyAll, CollectionWriters, handledStreams, type HandledStream, type StreamSource } from './fold-into';
import type { ProjectedFields, Projection } from './projection';
import type { ProgressListener, Replay } from './replay';
import { StoreReplay, type StoreReplayOptions } from './store-replay';
import { TopicReplay, type TopicSource } from './topic-replay';

/**
 * streams applied at once when they begin in the batch (no read, one insert each, gathered by the
 * group commit); bounded, as each is read when its document turns out to be there already
 */
const FRESH_LANES = 256;

interface Pointer {
  _id: string;
  collection: string;
}

export interface ProjectionStoreOptions {
  /**
   * How long a process trusts the collection pointer it read. Another replica's rebuild swaps the
   * pointer; every process sees the swap within this time (default 1 s).
   */
  pointerTtlMs?: number;
}

/**
 * Keeps one projection's read model: applies events idempotently, and rebuilds it from the event
 * store or from its topic into a fresh collection that is swapped in while the service keeps answering.
 */
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
  /** the streams whose applies are under way in this process, each to when they end (see settled) */
  private readonly applying = new Map<string, Promise<void>>();

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

  /** The event types the projection has a handler for: the others change nothing. */
  get handles(): ReadonlySet<string> {
    return this.projection.handles;
  }

  /** Applies an event unless the document already reflects it (same or later sequence). */
  apply(event: EventEnvelope): Promise<void> {
    if (!this.projection.handles.has(event.type)) return Promise.resolve();
    const stream = { events: [event], fromStart: event.sequence === 1 };
    return this.gate
      .shared(async () => this.applyStream(await this.collection(), stream))
      .finally(() => this.applied++);
  }

  /** Applies a batch: per stream one read and one write, streams side by side. */
  applyBatch(events: EventEnvelope[]): Promise<void> {
    const streams = handledStreams(this.projection, events);
    if (streams.length === 0) return Promise.resolve();
    // streams that begin here need no read: all at once, their inserts meet in one group commit
    const [fresh, known] = partition(streams, (stream) => stream.fromStart);
    const applying = this.gate.shared(async () => {
      const collection = await this.collection();
      await Promise.all([
        inLanes(fresh, (stream) => this.applyStream(collection, stream), FRESH_LANES),
        inLanes(known, (stream) => this.applyStream(collection, stream)),
      ]);
    });
    const done = applying.finally(() => this.applied++);
    this.underWay(streams, done);
    return done;
  }

  /** Notes the streams being applied now, from the call on (before the gate and the collection's pointer). */
  private underWay(streams: HandledStream[], applying: Promise<void>): void {
    const settled = applying.catch(() => undefined);
    const ids = streams.map(({ events }) => events[0].streamId);
    for (const streamId of ids) this.applying.set(streamId, settled);
    void settled.then(() => {
      for (const streamId of ids) if (this.applying.get(streamId) === settled) this.applying.delete(streamId);
    });
  }

  /**
   * Once this process's applies of the stream under way have ended (at once when none is): a
   * reader of the stream's events then finds the document in lastWritten rather than reading it.
   */
  settled(streamId: string): Promise<void> {
    return this.applying.get(streamId) ?? Promise.resolve();
  }

  private applyStream(
    collection: Collection<Doc & ProjectedFields>,
    { events, fromStart }: HandledStream,
  ): Promise<void> {
    return this.streams.run(events[0].streamId, () =>
      applyAll(collection, this.projection, events, this.source, this.writers, fromStart),
    );
  }

  /**
   * Folds one stream again from its first event into the live read model (a document a fixed bug
   * left wrong), for a read model of the service's own events: its context's store is read. An
   * event applied meanwhile wins (the write is conditional on the sequence). A replica that wrote
   * the document last folds its next event onto its own copy: rebuild a stream at rest, or restart.
   */
  async rebuildStream(streamId: string): Promise<'rebuilt' | 'deleted' | 'newer' | 'no-events'> {
    if (!this.source) throw new Error(`${this.projection.name} is fed by another context: rebuild it whole`);
    const events = (await this.source.readStream(streamId, 1)).filter((event) =>
      this.projection.handles.has(event.type),
    );
    const last = events.at(-1);
    if (!last) return 'no-events';
    const doc = events.reduce<Doc | null>((current, event) => this.projection.apply(current, event), null);
    const collection = await this.collection();
    const notNewer = { _id: streamId, _sequence: { $lte: last.sequence } } as never;
    if (doc === null) {
      await collection.deleteOne(notNewer);
      return 'deleted';
    }
    try {
      await collection.replaceOne(notNewer, { ...doc, _id: streamId, _sequence: last.sequence } as never, {
        upsert: true,
      });
      return 'rebuilt';
    } catch (error) {
      if (isDuplicateKeyError(error)) return 'newer'; // a later event landed first
      throw error;
    }
  }

  /**
   * Rebuilds the read model from its context's event store (see StoreReplay): for the read models
   * of a service's own events.
   */
  rebuild(store: MongoEventStore, options: StoreReplayOptions & { graceMs?: number } = {}): Promise<string> {
    return this.rebuildFrom((target) => new StoreReplay(store, target, this.projection, options), options.graceMs);
  }

  /**
   * Rebuilds the read model from its topic, from the beginning (see TopicReplay): for the read
   * models of other contexts' events, whose store this service cannot read.
   */
  rebuildFromTopic(
    source: TopicSource,
    options: { graceMs?: number; onProgress?: ProgressListener } = {},
  ): Promise<string> {
    return this.rebuildFrom(
      (target) => new TopicReplay(source, target, this.projection, options.onProgress),
      options.graceMs,
    );
  }

  /**
   * Replays the source into a new collection, catches up, swaps it in, then drops the old one.
   * Other replicas keep applying to the old collection until they see the new pointer (within
   * `pointerTtlMs`): after a grace period longer than that, what came meanwhile is replayed once
   * more into the new collection (applies are idempotent), and only then is the old one dropped.
   * `graceMs` defaults to three pointer lifetimes.
   */
  private async rebuildFrom(
    replayInto: (target: Collection<Doc & ProjectedFields>) => Replay,
    graceMs = 3 * this.pointerTtlMs,
  ): Promise<string> {
    const target = this.connection.collection<Doc & ProjectedFields>(`${this.projection.name}__${Date.now()}`);
    await createIndexes(target, this.projection);
    const replay = replayInto(target);
    let swapped = false;
    try {
      await replay.catchUp();
      const previous = await this.collection();
      await this.gate.exclusive(async () => {
        // this process's applies wait on the lock: none is written between this catch-up and the swap
        await replay.catchUp();
        await concurrentUpsert(() =>
          this.pointers.replaceOne(
            { _id: this.projection.name },
            { collection: target.collectionName },
            { upsert: true },
          ),
        );
        this.pointer = { name: Promise.resolve(target.collectionName), readAt: Date.now() };
        swapped = true;
      });
      await new Promise((resolve) => setTimeout(resolve, graceMs));
      await replay.catchUp();
      await previous.drop().catch(() => undefined);
      return target.collectionName;
    } finally {
      await replay.close();
      if (!swapped) await target.drop().catch(() => undefined); // a failed rebuild leaves the live model as it was
    }
  }
}

async function createIndexes<Doc extends object>(
  collection: Collection<Doc & ProjectedFields>,
  projection: Projection<Doc>,
): Promise<void> {
  for (const index of projection.indexes ?? []) await collection.createIndex(index.keys, index.options ?? {});
}

function partition<Item>(items: Item[], test: (item: Item) => boolean): [Item[], Item[]] {
  const passed: Item[] = [];
  const failed: Item[] = [];
  for (const item of items) (test(item) ? passed : failed).push(item);
  return [passed, failed];
}
