import { EventConsumer, createIdempotentProducer, ensureTopics } from '@itsm/messaging';
import { upcasterRegistry, type EventEnvelope } from '@itsm/contracts';
import { DomainError } from '@itsm/domain';
import { useIsolatedStack } from '@itsm/testing';
import { OutboxLease } from '../outbox/outbox-lease';
import { OutboxRelay } from '../outbox/outbox-relay';
import { counterTotalProjection } from '../test-support/counter-total.projection';
import { eventually, kernelHarness, readTopic, testMetadata, type KernelHarness } from '../test-support/kernel-harness';
import mongoose from 'mongoose';
import { v7 as uuidv7 } from 'uuid';
import { MongoEventStore } from '../event-store/event-store';
import type { StoredCommit } from '../event-store/stored-commit';
import { ProjectionStore } from './projection-store';

const stack = useIsolatedStack();
let kernel: KernelHarness;

beforeAll(async () => {
  kernel = await kernelHarness(stack);
});
afterAll(() => kernel.close());

const increment = (by: number) => ({ type: 'counter.incremented' as const, data: { by } });

describe('projections and consumers', () => {
  it('skips events older than or equal to what a document already reflects', async () => {
    const store = new ProjectionStore(kernel.connection, { ...counterTotalProjection, name: 'idempotence' });
    const [first, second] = await kernel.store.append('counter-idem', 0, [increment(2), increment(3)], testMetadata);
    for (const event of [first, second, first, second, second]) await store.apply(event);
    expect(await (await store.collection()).findOne({ _id: 'counter-idem' })).toEqual({
      _id: 'counter-idem',
      total: 5,
      increments: 2,
      _sequence: 2,
    });
  });

  it('applies a batch with one read and one write per stream, duplicates skipped', async () => {
    const store = new ProjectionStore(kernel.connection, { ...counterTotalProjection, name: 'batched' });
    const a = await kernel.store.append('counter-ba', 0, [increment(1), increment(2)], testMetadata);
    const b = await kernel.store.append('counter-bb', 0, [increment(10)], testMetadata);
    await store.applyBatch([a[0], b[0], a[0]]);
    await store.applyBatch([a[1], a[0], b[0], a[1]]);
    const docs = await (await store.collection()).find().sort({ _id: 1 }).toArray();
    expect(docs).toEqual([
      { _id: 'counter-ba', total: 3, increments: 2, _sequence: 2 },
      { _id: 'counter-bb', total: 10, increments: 1, _sequence: 1 },
    ]);
  });

  it('applies streams that begin in a batch together (one insert), and tells when a stream’s apply under way ended', async () => {
    const store = new ProjectionStore(kernel.connection, { ...counterTotalProjection, name: 'fresh-together' });
    const firsts = await Promise.all(
      Array.from({ length: 40 }, (_, i) => kernel.store.append(`counter-f${i}`, 0, [increment(i)], testMetadata)),
    );
    const collection = await store.collection();
    const inserts = jest.spyOn(collection, 'insertMany');
    const applying = store.applyBatch(firsts.map(([event]) => event));
    let settled = false;
    const waited = store.settled('counter-f7').then(() => (settled = true));
    expect(settled).toBe(false);
    await applying;
    await waited;
    // the first goes alone while the others gather behind it
    expect(inserts.mock.calls.length).toBeLessThanOrEqual(2);
    inserts.mockRestore();
    expect(await store.lastWritten('counter-f7')).toMatchObject({ total: 7, _sequence: 1 });
    await expect(store.settled('counter-unknown')).resolves.toBeUndefined();
    expect(await collection.countDocuments({ _id: { $regex: /^counter-f/ } })).toBe(40);
  });

  it('reads nothing for a stream given from its start whose first handled event is not its first', async () => {
    const reads: string[] = [];
    const source = {
      readStream: (streamId: string, from: number) => (reads.push(streamId), kernel.store.readStream(streamId, from)),
    };
    const store = new ProjectionStore(kernel.connection, { ...counterTotalProjection, name: 'late-first' }, source);
    const closed = { type: 'counter.closed' as const, data: {} };
    const events = await kernel.store.append('counter-late', 0, [closed, increment(4)], testMetadata);
    const collection = await store.collection();
    const finds = jest.spyOn(collection, 'findOne');
    await store.applyBatch(events);
    expect(finds).not.toHaveBeenCalled();
    finds.mockRestore();
    expect(reads).toEqual([]);
    // given alone, the second event may follow ones missed: the stream is read
    const lone = new ProjectionStore(kernel.connection, { ...counterTotalProjection, name: 'late-lone' }, source);
    await lone.applyBatch([events[1]]);
    expect(reads).toEqual(['counter-late']);
    for (const model of [store, lone]) {
      expect(await (await model.collection()).findOne({ _id: 'counter-late' })).toEqual({
        _id: 'counter-late',
        total: 4,
        increments: 1,
        _sequence: 2,
      });
    }
  });

  it('parks a poison message in <topic>.dlq with its error and goes on with later messages', async () => {
    const topic = `${kernel.topic}.poison`;
    await ensureTopics(kernel.kafka, [topic, `${topic}.dlq`], { partitions: 1 });
    const producer = createIdempotentProducer(kernel.kafka);
    await producer.connect();
    const handled: EventEnvelope[] = [];
    const consumer = new EventConsumer({
      kafka: kernel.kafka,
      groupId: `${topic}-group`,
      topics: [topic],
      upcasters: upcasterRegistry([]),
      maxAttempts: 3,
      backoffMs: 10,
      handle: async (event) => {
        if ((event.data as { by: number }).by < 0) throw new Error('negative increments are refused');
        handled.push(event);
      },
    });
    try {
      const [good, bad, later] = [1, -1, 2].map((by, i) => ({
        ...testMetadata,
        id: `event-${i}`,
        type: 'counter.incremented',
        schemaVersion: 1,
        streamId: 'counter-poison',
        sequence: i + 1,
        occurredAt: new Date().toISOString(),
        data: { by },
      }));
      await producer.send({
        topic,
        messages: [
          ...[good, bad].map((event) => ({ key: event.streamId, value: JSON.stringify(event) })),
          { key: 'counter-poison', value: '{not json' },
          { key: later.streamId, value: JSON.stringify(later) },
        ],
      });
      await consumer.start();
      await eventually(async () => handled.length === 2, 60_000, 'later messages handled');
      expect(handled.map((event) => event.id)).toEqual(['event-0', 'event-2']);

      const dlq = await readTopic(kernel.kafka, `${topic}.dlq`, 1);
      expect(dlq[0]).toEqual(expect.objectContaining({ id: 'event-1' }));
    } finally {
      await consumer.stop();
      await producer.disconnect();
    }
  });

  it('dead-letters a final domain refusal at its first attempt and retries a transient failure until it passes', async () => {
    const topic = `${kernel.topic}.kinds`;
    await ensureTopics(kernel.kafka, [topic, `${topic}.dlq`], { partitions: 1 });
    const producer = createIdempotentProducer(kernel.kafka);
    await producer.connect();
    const attempts = new Map<string, number>();
    const consumer = new EventConsumer({
      kafka: kernel.kafka,
      groupId: `${topic}-group`,
      topics: [topic],
      upcasters: upcasterRegistry([]),
      maxAttempts: 3,
      backoffMs: 10,
      handle: async (event) => {
        const count = (attempts.get(event.id) ?? 0) + 1;
        attempts.set(event.id, count);
        if (event.id === 'refused') throw new DomainError('not_found', 'no such counter');
        // more failures than maxAttempts: a dependency away is waited for, not given up on
        if (event.id === 'flaky' && count < 6) throw new DomainError('unavailable', 'the store is away');
      },
    });
    try {
      const envelope = (id: string, sequence: number) => ({
        ...testMetadata,
        id,
        type: 'counter.incremented',
        schemaVersion: 1,
        streamId: 'counter-kinds',
        sequence,
        occurredAt: new Date().toISOString(),
        data: { by: 1 },
      });
      await producer.send({
        topic,
        messages: [envelope('refused', 1), envelope('flaky', 2)].map((event) => ({
          key: event.streamId,
          value: JSON.stringify(event),
        })),
      });
      await consumer.start();
      await eventually(async () => attempts.get('flaky') === 6, 60_000, 'the transient failure retried');
      const dlq = await readTopic(kernel.kafka, `${topic}.dlq`, 1);
      expect(dlq.map((event) => event.id)).toEqual(['refused']);
      expect(Object.fromEntries(attempts)).toEqual({ refused: 1, flaky: 6 });
    } finally {
      await consumer.stop();
      await producer.disconnect();
    }
  });

  it('rebuilds a read model from the event store into a fresh collection equal to the live one', async () => {
    const { live, stop } = await projectedFromTopic(kernel.store, `${kernel.topic}.rebuild`, 'rebuilt_totals');
    try {
      for (let i = 0; i < 30; i++) {
        await kernel.store.append(`counter-r${i % 6}`, Math.floor(i / 6), [increment(i + 1)], testMetadata);
      }
      const snapshot = async () => (await live.collection()).find().sort({ _id: 1 }).toArray();
      const rebuiltStreams = async () => (await snapshot()).filter((doc) => doc._id.startsWith('counter-r'));
      await eventually(async () => (await rebuiltStreams()).filter((doc) => doc._sequence === 5).length === 6);
      const before = await snapshot();
      const liveName = (await live.collection()).collectionName;

      const rebuiltName = await live.rebuild(kernel.store);

      expect(rebuiltName).not.toBe(liveName);
      expect((await live.collection()).collectionName).toBe(rebuiltName);
      expect(await snapshot()).toEqual(before);
      // and the live consumer keeps feeding the swapped-in collection
      await kernel.store.append('counter-r0', 5, [increment(100)], testMetadata);
      await eventually(async () => (await (await live.collection()).findOne({ _id: 'counter-r0' }))?._sequence === 6);
    } finally {
      await stop();
    }
  });
  it('rebuilds from the store folding each stream in sequence order, whatever the clocks of its writers', async () => {
    const store = new MongoEventStore(kernel.connection, {
      upcasters: upcasterRegistry([]),
      eventsCollection: 'events_skewed',
    });
    await store.createIndexes();
    const now = Date.now();
    // counter-skew's second commit was written by a replica whose clock lagged 5 s: its id sorts first
    const commits = [
      counterCommit('counter-skew', 1, 1, now),
      counterCommit('counter-skew', 2, 10, now - 5_000),
      counterCommit('counter-skew', 3, 100, now + 1),
      counterCommit('counter-plain', 1, 7, now + 2),
    ];
    await store.commits.insertMany(commits);
    const projection = { ...counterTotalProjection, name: 'skewed_totals' };
    const live = new ProjectionStore(kernel.connection, projection);
    // as Kafka delivers them: each stream in sequence order
    for (const commit of [...commits].sort((a, b) => a.sequence - b.sequence)) await live.applyBatch(commit.events);
    const contents = async () => (await live.collection()).find().sort({ _id: 1 }).toArray();
    const before = await contents();
    expect(before).toEqual([
      { _id: 'counter-plain', total: 7, increments: 1, _sequence: 1 },
      { _id: 'counter-skew', total: 111, increments: 3, _sequence: 3 },
    ]);

    const progress: Array<{ done: number; total: number }> = [];
    await live.rebuild(store, { graceMs: 0, onProgress: (step) => progress.push(step) });
    expect(await contents()).toEqual(before);
    expect(progress.at(-1)).toEqual({ done: 4, total: 4 });
  });

  it('folds one stream again into the live read model; a newer document wins; a foreign model has no store', async () => {
    const store = new MongoEventStore(kernel.connection, {
      upcasters: upcasterRegistry([]),
      eventsCollection: 'events_one_stream',
    });
    await store.createIndexes();
    const now = Date.now();
    const commits = [1, 2, 3].map((sequence) => counterCommit('counter-fix', sequence, sequence * 10, now + sequence));
    await store.commits.insertMany(commits);
    const projection = { ...counterTotalProjection, name: 'fixed_totals' };
    const live = new ProjectionStore(kernel.connection, projection, store);
    for (const commit of commits) await live.applyBatch(commit.events);
    const doc = async () => (await live.collection()).findOne({ _id: 'counter-fix' } as never);
    // a document a bug left wrong
    await (await live.collection()).updateOne({ _id: 'counter-fix' } as never, { $set: { total: -1 } });

    expect(await live.rebuildStream('counter-fix')).toBe('rebuilt');
    expect(await doc()).toEqual({ _id: 'counter-fix', total: 60, increments: 3, _sequence: 3 });
    expect(await live.rebuildStream('counter-none')).toBe('no-events');
    // applied meanwhile from a later event the store of this test does not hold: kept
    await (await live.collection()).updateOne({ _id: 'counter-fix' } as never, { $set: { _sequence: 4, total: 99 } });
    expect(await live.rebuildStream('counter-fix')).toBe('newer');
    expect(await doc()).toEqual(expect.objectContaining({ total: 99, _sequence: 4 }));
    await expect(new ProjectionStore(kernel.connection, projection).rebuildStream('counter-fix')).rejects.toThrow(
      'fed by another context',
    );
  });

  it('rebuilds a read model fed by another context from its topic, from the beginning, equal to live', async () => {
    // the other context: its own store and relay, publishing to its topic
    const other = new MongoEventStore(kernel.connection, {
      upcasters: upcasterRegistry([]),
      eventsCollection: 'events_other',
    });
    await other.createIndexes();
    const topic = `${kernel.topic}.other`;
    const { live, stop } = await projectedFromTopic(other, topic, 'foreign_totals');
    const contents = async () => (await live.collection()).find().sort({ _id: 1 }).toArray();
    try {
      for (let i = 0; i < 40; i++) {
        await other.append(`counter-o${i % 8}`, Math.floor(i / 8), [increment(i + 1)], testMetadata);
      }
      await eventually(async () => (await contents()).filter((doc) => doc._sequence === 5).length === 8);
      const before = await contents();

      const rebuilt = await live.rebuildFromTopic(
        { kafka: kernel.kafka, topic, upcasters: upcasterRegistry([]), groupId: `${topic}-rebuild` },
        { graceMs: 0 },
      );

      expect((await live.collection()).collectionName).toBe(rebuilt);
      expect(await contents()).toEqual(before);
      // the live consumer feeds the swapped-in collection
      await other.append('counter-o0', 5, [increment(100)], testMetadata);
      await eventually(async () => (await (await live.collection()).findOne({ _id: 'counter-o0' }))?._sequence === 6);
    } finally {
      await stop();
    }
  });

  it('rebuilds while another replica keeps applying: after the swap both use the new collection, nothing stale', async () => {
    const projection = { ...counterTotalProjection, name: 'replicated_totals' };
    // the other replica: its own connection, its own pointer cache, as another process would have
    const otherConnection = await mongoose
      .createConnection(stack.mongoUrl, { dbName: stack.dbName, maxPoolSize: 5 })
      .asPromise();
    const rebuilder = new ProjectionStore(kernel.connection, projection, kernel.store, { pointerTtlMs: 200 });
    const other = new ProjectionStore(otherConnection, projection, kernel.store, { pointerTtlMs: 200 });
    const streams = Array.from({ length: 8 }, (_, i) => `counter-rep${i}`);
    const versions = new Map(streams.map((stream) => [stream, 0]));
    const appendAndApply = async (stream: string, by: number) => {
      const [event] = await kernel.store.append(stream, versions.get(stream)!, [increment(by)], testMetadata);
      versions.set(stream, event.sequence);
      await other.apply(event); // only the other replica sees these: its Kafka partitions
    };
    try {
      for (const stream of streams) await appendAndApply(stream, 1);
      const before = (await rebuilder.collection()).collectionName;
      let writing = true;
      const writer = (async () => {
        for (let i = 0; writing; i++) await appendAndApply(streams[i % streams.length], i + 2);
      })();
      const rebuilt = await rebuilder.rebuild(kernel.store, { graceMs: 600 });
      await new Promise((resolve) => setTimeout(resolve, 300)); // the other replica writes on after the swap
      writing = false;
      await writer;

      expect(rebuilt).not.toBe(before);
      expect((await other.collection()).collectionName).toBe(rebuilt);
      // every stream's document is the fold of its whole stream: none was left behind in the old collection
      const docs = await (await rebuilder.collection()).find({ _id: { $in: streams } } as never).toArray();
      for (const stream of streams) {
        const events = await kernel.store.readStream(stream, 1);
        const expected = events.reduce((total, event) => total + (event.data as { by: number }).by, 0);
        const doc = docs.find((candidate) => candidate._id === stream);
        expect({ stream, total: doc?.total, sequence: doc?._sequence }).toEqual({
          stream,
          total: expected,
          sequence: events.length,
        });
      }
    } finally {
      await otherConnection.close();
    }
  });
});

/** A store's events published to a topic by its relay, and a read model of them kept live from the topic. */
async function projectedFromTopic(store: MongoEventStore, topic: string, name: string) {
  await ensureTopics(kernel.kafka, [topic, `${topic}.dlq`]);
  const relay = new OutboxRelay({
    store,
    newProducer: kernel.relayProducers(`${topic}.outbox`),
    lease: new OutboxLease(kernel.connection, `outbox-${name}`, 'relay', 5_000),
    topic,
    pollMs: 50,
  });
  const live = new ProjectionStore(kernel.connection, { ...counterTotalProjection, name });
  const consumer = new EventConsumer({
    kafka: kernel.kafka,
    groupId: `${topic}-group`,
    topics: [topic],
    upcasters: upcasterRegistry([]),
    handle: (event) => live.apply(event),
    handleBatch: (events) => live.applyBatch(events),
  });
  relay.start();
  await consumer.start();
  const stop = async () => {
    await consumer.stop();
    await relay.stop();
  };
  return { live, stop };
}

/** A commit of one counter event, its id stamped at `writtenAt` by its writer's clock. */
function counterCommit(streamId: string, sequence: number, by: number, writtenAt: number): StoredCommit {
  const id = uuidv7({ msecs: writtenAt });
  const event = {
    ...testMetadata,
    id,
    type: 'counter.incremented',
    schemaVersion: 1,
    streamId,
    sequence,
    occurredAt: new Date(writtenAt).toISOString(),
    data: { by },
  };
  return { _id: id, streamId, sequence, lastSequence: sequence, chunk: 0, events: [event] };
}
