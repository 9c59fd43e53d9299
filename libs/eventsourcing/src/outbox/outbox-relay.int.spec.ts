import { createIdempotentProducer, ensureTopics } from '@itsm/messaging';
import { useIsolatedStack } from '@itsm/testing';
import type { Producer } from 'kafkajs';
import { v7 as uuidv7 } from 'uuid';
import { ProjectionStore } from '../projections/projection-store';
import { counterTotalProjection } from '../test-support/counter-total.projection';
import { kernelHarness, readTopic, testMetadata, type KernelHarness } from '../test-support/kernel-harness';
import { OutboxLease } from './outbox-lease';
import { OutboxRelay } from './outbox-relay';

const stack = useIsolatedStack();
let kernel: KernelHarness;
let producers: Producer[] = [];

beforeEach(async () => {
  kernel = await kernelHarness(stack);
  await kernel.connection.db!.dropDatabase(); // each test starts from an empty outbox
  await kernel.store.createIndexes();
});
afterEach(async () => {
  await Promise.all(producers.map((producer) => producer.disconnect()));
  producers = [];
  await kernel.close();
});

async function relay(
  owner: string,
  options: Partial<ConstructorParameters<typeof OutboxRelay>[0]> = {},
  topic?: string,
) {
  if (topic) await ensureTopics(kernel.kafka, [topic]);
  const producer = createIdempotentProducer(kernel.kafka);
  await producer.connect();
  producers.push(producer);
  const lease = new OutboxLease(kernel.connection, 'outbox', owner, 1_000);
  return new OutboxRelay({
    store: kernel.store,
    producer,
    lease,
    topic: topic ?? kernel.topic,
    pollMs: 50,
    ...options,
  });
}

// The size: 1,000 streams x 20 events. On FerretDB 1.24 over 2 cores it takes about
// 3.5 minutes (measured alone); ITSM_ORDER_TEST_STREAMS makes it smaller while working on the relay.
const STREAMS = Number(process.env.ITSM_ORDER_TEST_STREAMS ?? 1000);
const increment = (by: number) => ({ type: 'counter.incremented' as const, data: { by } });

describe('outbox relay', () => {
  it('replaces a producer refused again and again, then publishes', async () => {
    const topic = `${kernel.topic}.refused`;
    await kernel.store.append('counter-r', 0, [increment(1)], testMetadata);
    const refused = createIdempotentProducer(kernel.kafka);
    await refused.connect();
    await refused.disconnect(); // a real producer that refuses every send from now on
    let replacements = 0;
    const relaying = await relay(
      'relay-r',
      {
        producer: refused,
        recreateAfterFailures: 3,
        newProducer: async () => {
          replacements++;
          const fresh = createIdempotentProducer(kernel.kafka);
          await fresh.connect();
          producers.push(fresh);
          return fresh;
        },
      },
      topic,
    );
    for (let turn = 1; turn <= 3; turn++) await expect(relaying.publishOnce()).rejects.toThrow(/disconnected/);
    expect(replacements).toBe(1);
    expect(await relaying.publishOnce()).toBe(1);
    expect((await readTopic(kernel.kafka, topic, 1)).map((event) => event.streamId)).toEqual(['counter-r']);
  });

  it('publishes again after a crash between publish and mark; the read model stays exact', async () => {
    const topic = `${kernel.topic}.crash`;
    await kernel.store.append('counter-a', 0, [increment(1), increment(2)], testMetadata);
    await kernel.store.append('counter-b', 0, [increment(10)], testMetadata);

    const crashing = await relay('relay-1', { beforeMark: () => Promise.reject(new Error('killed')) }, topic);
    await expect(crashing.publishOnce()).rejects.toThrow('killed');
    expect(await kernel.store.pendingEntries(10)).toHaveLength(2);

    // the lease of the dead relay expires, a second one takes over and publishes everything again
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const survivor = await relay('relay-2', {}, topic);
    expect(await survivor.publishOnce()).toBe(2);
    expect(await kernel.store.pendingEntries(10)).toHaveLength(0);

    const messages = await readTopic(kernel.kafka, topic, 6);
    expect(messages).toHaveLength(6); // 3 events, each twice: at least once, duplicates allowed

    const readModel = new ProjectionStore(kernel.connection, counterTotalProjection);
    for (const message of messages) await readModel.apply(message);
    const totals = await (await readModel.collection()).find().sort({ _id: 1 }).toArray();
    expect(totals).toEqual([
      { _id: 'counter-a', total: 3, increments: 2, _sequence: 2 },
      { _id: 'counter-b', total: 10, increments: 1, _sequence: 1 },
    ]);
  });

  it(
    `keeps per-stream order for ${STREAMS} streams x 20 events with two relays taking turns`,
    async () => {
      const topic = `${kernel.topic}.order`;
      const relays = [await relay('relay-1', {}, topic), await relay('relay-2', {}, topic)];
      relays.forEach((r) => r.start());
      const streams = Array.from({ length: STREAMS }, (_, i) => `counter-${i}`);
      for (let round = 0; round < 20; round++) {
        for (let from = 0; from < streams.length; from += 50) {
          const slice = streams.slice(from, from + 50);
          await Promise.all(
            slice.map((streamId) => kernel.store.append(streamId, round, [increment(round + 1)], testMetadata)),
          );
        }
        if (round === 10) {
          await relays[0].stop(); // the first owner leaves mid-way; the other takes the lease over
          relays[0].start();
        }
      }
      // duplicates are allowed (a relay handing over may publish a batch twice): read until every last event came
      const lastEvents = new Set<string>();
      const messages = await readTopic(
        kernel.kafka,
        topic,
        (received) => {
          const event = received[received.length - 1];
          if (event.sequence === 20) lastEvents.add(event.streamId);
          return lastEvents.size === STREAMS;
        },
        STREAMS * 500,
      );
      await Promise.all(relays.map((r) => r.stop()));

      const seen = new Map<string, number>();
      const outOfOrder: string[] = [];
      for (const message of messages) {
        const last = seen.get(message.streamId) ?? 0;
        if (message.sequence > last + 1) outOfOrder.push(`${message.streamId}: ${message.sequence} after ${last}`);
        seen.set(message.streamId, Math.max(last, message.sequence));
      }
      expect(outOfOrder).toEqual([]);
      expect(seen.size).toBe(STREAMS);
      expect([...seen.values()].every((sequence) => sequence === 20)).toBe(true);
      expect(await kernel.store.pendingEntries(10)).toHaveLength(0);
    },
    STREAMS * 600,
  );

  it('drops an entry whose append lost the version race, or whose commit never came, publishing nothing for it', async () => {
    const topic = `${kernel.topic}.orphans`;
    // the loser of a race for counter-a's first event: its entry was written, its commit refused
    await kernel.store.addEntries([{ _id: uuidv7(), streamId: 'counter-a', sequence: 1 }]);
    await kernel.store.append('counter-a', 0, [increment(1)], testMetadata);
    // a writer that died between its two writes; its id says two minutes ago, which counts for nothing
    await kernel.store.addEntries([
      { _id: uuidv7({ msecs: Date.now() - 120_000 }), streamId: 'counter-b', sequence: 1 },
    ]);

    const relayed = await relay('relay-1', { orphanAfterMs: 300 }, topic);
    expect(await relayed.publishOnce()).toBe(1);
    // counter-b's entry waits from when this relay first saw it without its commit
    expect((await kernel.store.pendingEntries(10)).map((entry) => entry.commit.streamId)).toEqual(['counter-b']);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await relayed.publishOnce()).toBe(0);
    expect(await kernel.store.pendingEntries(10)).toHaveLength(0);
    const messages = await readTopic(kernel.kafka, topic, 1);
    expect(messages.map(({ streamId, sequence }) => ({ streamId, sequence }))).toEqual([
      { streamId: 'counter-a', sequence: 1 },
    ]);
  });

  it('holds a stream whose entry is there before its commit, and publishes it once the commit lands', async () => {
    const topic = `${kernel.topic}.early`;
    const early = { _id: uuidv7(), streamId: 'counter-c', sequence: 1 };
    await kernel.store.addEntries([early]);
    const relayed = await relay('relay-1', {}, topic);
    expect(await relayed.publishOnce()).toBe(0);
    expect(await kernel.store.pendingEntries(10)).toHaveLength(1);

    // the commit lands (written by another process: this relay has no copy of it)
    const event = { ...testMetadata, id: early._id, type: 'counter.incremented', schemaVersion: 1 };
    const envelope = {
      ...event,
      streamId: 'counter-c',
      sequence: 1,
      occurredAt: new Date().toISOString(),
      data: { by: 4 },
    };
    await kernel.store.commits.insertOne({ ...early, lastSequence: 1, chunk: 0, events: [envelope] });
    expect(await relayed.publishOnce()).toBe(1);
    expect(await kernel.store.pendingEntries(10)).toHaveLength(0);
    const [message] = await readTopic(kernel.kafka, topic, 1);
    expect(message).toMatchObject({ streamId: 'counter-c', sequence: 1, data: { by: 4 } });
  });

  it('gives its entry back to a commit that lands while its entry is dropped as an orphan', async () => {
    const topic = `${kernel.topic}.late`;
    const id = uuidv7();
    await kernel.store.addEntries([{ _id: id, streamId: 'counter-e', sequence: 1 }]);
    const relayed = await relay('relay-1', { orphanAfterMs: -1 }, topic); // any wait is too long
    const findOne = kernel.store.commits.findOne.bind(kernel.store.commits);
    let lookups = 0;
    // the commit lands just after the relay found its place in the stream empty
    jest.spyOn(kernel.store.commits, 'findOne').mockImplementation((async (...args: Parameters<typeof findOne>) => {
      const found = await findOne(...args);
      if (++lookups === 2) await kernel.store.commits.insertOne(legacyShaped(id, 'counter-e', 7));
      return found;
    }) as never);
    expect(await relayed.publishOnce()).toBe(0);
    jest.restoreAllMocks();
    expect((await kernel.store.pendingEntries(10)).map((entry) => entry.commit.id)).toEqual([id]);
    expect(await relayed.publishOnce()).toBe(1);
    const [message] = await readTopic(kernel.kafka, topic, 1);
    expect(message).toMatchObject({ streamId: 'counter-e', data: { by: 7 } });
  });

  it('publishes a stream redacted before its turn as redacted, not the copy it appended', async () => {
    const topic = `${kernel.topic}.redacted`;
    const appended = await kernel.store.append('counter-f', 0, [increment(42)], testMetadata);
    appended[0].data = { by: -1 }; // what the writer does with its envelopes never reaches Kafka either
    await kernel.store.redactStream('counter-f', (event) => ({ ...event, data: { by: 0 } }));
    expect(await (await relay('relay-1', {}, topic)).publishOnce()).toBe(1);
    const [message] = await readTopic(kernel.kafka, topic, 1);
    expect(message).toMatchObject({ streamId: 'counter-f', data: { by: 0 } });
  });

  it('adopts the unpublished commits of a store written before the outbox collection, once', async () => {
    const topic = `${kernel.topic}.legacy`;
    const id = uuidv7();
    const envelope = {
      ...testMetadata,
      id,
      type: 'counter.incremented',
      schemaVersion: 1,
      streamId: 'counter-d',
      sequence: 1,
      occurredAt: new Date().toISOString(),
      data: { by: 2 },
    };
    const legacy = { _id: id, streamId: 'counter-d', sequence: 1, lastSequence: 1, chunk: 0, events: [envelope] };
    await kernel.store.commits.insertOne({ ...legacy, published: false });

    const relayed = await relay('relay-1', {}, topic);
    expect(await relayed.publishOnce()).toBe(1);
    expect(await kernel.store.commits.findOne({ _id: id })).toEqual(legacy); // the flag is gone
    const [message] = await readTopic(kernel.kafka, topic, 1);
    expect(message).toMatchObject({ streamId: 'counter-d', data: { by: 2 } });

    // recorded as done: a flag written afterwards (by nothing of ours) is not looked for again
    await kernel.store.commits.updateOne({ _id: id }, { $set: { published: false } });
    await relayed.stop();
    expect(await (await relay('relay-2', {}, topic)).publishOnce()).toBe(0);
  });

  it('lets a single relay hold the lease at a time', async () => {
    const first = new OutboxLease(kernel.connection, 'outbox', 'one', 5_000);
    const second = new OutboxLease(kernel.connection, 'outbox', 'two', 5_000);
    expect(await first.acquire()).toBe(true);
    expect(await second.acquire()).toBe(false);
    expect(await first.acquire()).toBe(true); // renewal
    await first.release();
    expect(await second.acquire()).toBe(true);
  });
});

/** A commit as a writer stores it, events and all. */
function legacyShaped(id: string, streamId: string, by: number) {
  const envelope = {
    ...testMetadata,
    id,
    type: 'counter.incremented',
    schemaVersion: 1,
    streamId,
    sequence: 1,
    occurredAt: new Date().toISOString(),
    data: { by },
  };
  return { _id: id, streamId, sequence: 1, lastSequence: 1, chunk: 0, events: [envelope] };
}
