import type { EventEnvelope } from '@itsm/contracts';
import type { Collection } from 'mongoose';
import { eventsByStream } from '../by-stream';
import { InsertBatcher } from '../event-store/insert-batcher';
import { isDuplicateKeyError } from '../event-store/version-conflict.error';
import type { ProjectedFields, Projection } from './projection';

/** Where a projection reads a stream it is behind on (the MongoEventStore fits). */
export interface StreamSource {
  readStream(streamId: string, fromSequence: number): Promise<EventEnvelope[]>;
}

/** The events the projection handles, per stream, in the order given. */
export function handledByStream(
  projection: Pick<Projection<object>, 'handles'>,
  events: EventEnvelope[],
): EventEnvelope[][] {
  return eventsByStream(events, (event) => projection.handles.has(event.type));
}

/** One stream's events a projection handles, and whether the batch holds the stream from its start. */
export interface HandledStream {
  events: EventEnvelope[];
  /**
   * the batch holds the stream's events from its first one, one after the other, up to the last
   * handled: no event before them can be missing, even where the first handled one is not the
   * stream's first (a computer's operating system set by the commit that created it)
   */
  fromStart: boolean;
}

/** The streams of a batch the projection handles events of (see HandledStream). */
export function handledStreams(
  projection: Pick<Projection<object>, 'handles'>,
  events: EventEnvelope[],
): HandledStream[] {
  return eventsByStream(events).flatMap((stream) => {
    const handled = stream.filter((event) => projection.handles.has(event.type));
    if (handled.length === 0) return [];
    const last = handled.at(-1)!.sequence;
    const fromStart = stream.every((event, i) => event.sequence > last || event.sequence === i + 1);
    return [{ events: handled, fromStart }];
  });
}

/**
 * Folds one stream's events (in sequence order) into its document: one read, one conditional
 * write. The write only lands if the document is still at the sequence that was read, so two
 * appliers of one stream (the writer inline, the Kafka consumer) never move it backwards.
 */
export async function applyAll<Doc extends object>(
  collection: Collection<Doc & ProjectedFields>,
  projection: Projection<Doc>,
  events: EventEnvelope[],
  source?: StreamSource,
  writers?: CollectionWriters<Doc>,
  fromStart = events[0].sequence === 1,
): Promise<void> {
  const writer = writers?.of(collection);
  const tryApply = (fresh: boolean) =>
    tryApplyAll(collection, projection, { events, fromStart }, source, writer, fresh);
  for (let fresh = true; !(await tryApply(fresh)); fresh = false) {
    // another applier wrote the document meanwhile: fold again from what it wrote
  }
}

/**
 * The stored document; none is read for a stream given from its start on a first try: its
 * document cannot be older than its events, and if another applier wrote it already the insert
 * fails and the next try reads it.
 */
async function firstOrStored<Doc extends object>(
  collection: Collection<Doc & ProjectedFields>,
  { events, fromStart }: HandledStream,
  fresh: boolean,
): Promise<(Doc & ProjectedFields) | null> {
  if (fresh && fromStart) return null;
  return (await collection.findOne({ _id: events[0].streamId } as never)) as (Doc & ProjectedFields) | null;
}

async function tryApplyAll<Doc extends object>(
  collection: Collection<Doc & ProjectedFields>,
  projection: Projection<Doc>,
  stream: HandledStream,
  source?: StreamSource,
  writer?: CollectionWriter<Doc>,
  fresh = true,
): Promise<boolean> {
  const given = stream.events;
  const streamId = given[0].streamId;
  const cache = writer?.copies;
  // a cached copy may be stale (another replica wrote since): the conditional write then fails
  // and the loop above reads the document again
  const cached = cache?.get(streamId);
  // what this process wrote already reflects these events (the Kafka consumer after the writer's
  // inline apply): nothing to do, not even a copy
  if (cached && given.every((event) => event.sequence <= cached._sequence)) return true;
  const stored = cached
    ? structuredClone(cached) // a projection may change what it is given: the cache keeps its own copy
    : await firstOrStored(collection, stream, fresh);
  const storedSequence = stored?._sequence ?? 0;
  const firstNew = given.find((event) => event.sequence > storedSequence);
  // a stream given from its start misses nothing: the events between are ones it does not handle
  const gap = source && !stream.fromStart && firstNew && firstNew.sequence > storedSequence + 1;
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

export interface CollectionWriter<Doc extends object> {
  /** bounded: the most recently written documents, oldest forgotten first */
  copies: BoundedMap<Doc & ProjectedFields>;
  /** first documents of streams, inserted together when they come together */
  inserts: InsertBatcher<Doc & ProjectedFields>;
}

export class CollectionWriters<Doc extends object> {
  private readonly byCollection = new Map<string, CollectionWriter<Doc>>();

  constructor(private readonly capacity = 10_000) {}

  of(collection: Collection<Doc & ProjectedFields>): CollectionWriter<Doc> {
    let writer = this.byCollection.get(collection.collectionName);
    if (!writer) {
      // a rebuild swapped the collection: the old one's copies are of no use any more
      this.byCollection.clear();
      writer = { copies: new BoundedMap(this.capacity), inserts: new InsertBatcher(collection, { maxBatch: 500 }) };
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

function withoutProjectedFields<Doc extends object>(stored: Doc & ProjectedFields): Doc {
  const { _id, _sequence, ...doc } = stored;
  return doc as unknown as Doc;
}
