import { randomBytes } from 'node:crypto';
import { ensureTopics } from '@itsm/messaging';
import { useIsolatedStack } from '@itsm/testing';
import { ConfigResourceTypes } from 'kafkajs';
import { v7 as uuidv7 } from 'uuid';
import { outboxGroupEntryOf, type OutboxEntry, type ParkedReason } from '../event-store/stored-commit';
import { ProjectionStore } from '../projections/projection-store';
import { counterTotalProjection } from '../test-support/counter-total.projection';
import { kernelHarness, readTopic, testMetadata, type KernelHarness } from '../test-support/kernel-harness';
import { OutboxLease } from './outbox-lease';
import { OutboxRelay, type OutboxRelayOptions } from './outbox-relay';

const stack = useIsolatedStack();
let kernel: KernelHarness;

beforeEach(async () => {
  kernel = await kernelHarness(stack);
  await kernel.connection.db!.dropDatabase(); // each test starts from an empty outbox
  await kernel.store.createIndexes();
});
afterEach(() => kernel.close());

/** A relay of the test's outbox: relays of one topic share its lease (1 s) and its transactional id. */
async function relay(owner: string, options: Partial<OutboxRelayOptions> = {}, topic = kernel.topic) {
  if (topic !== kernel.topic) await ensureTopics(kernel.kafka, [topic]);
  return new OutboxRelay({
    store: kernel.store,
    newProducer: kernel.relayProducers(`${topic}.outbox`),
    lease: new OutboxLease(kernel.connection, 'outbox', owner, 1_000),
    topic,
    pollMs: 50,
    ...options,
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// The size: 1,000 streams x 20 events. On FerretDB 1.24 over 2 cores it takes about
// 3.5 minutes (measured alone); ITSM_ORDER_TEST_STREAMS makes it smaller while working on the relay.
const STREAMS = Number(process.env.ITSM_ORDER_TEST_STREAMS ?? 1000);
const increment = (by: number) => ({ type: 'counter.incremented' as const, data: { by } });

describe('outbox relay', () => {
  it('makes a fresh producer at the next turn after one failed, then publishes', async () => {
    const topic = `${kernel.topic}.refused`;
    await kernel.store.append('counter-r', 0, [increment(1)], testMetadata);
    const fresh = kernel.relayProducers(`${topic}.outbox`);
    let made = 0;
    const relaying = await relay(
      'relay-r',
      {
        newProducer: async () => {
          const producer = await fresh();
          if (++made === 1) await producer.disconnect(); // a real producer that refuses every send
          return producer;
        },
      },
      topic,
    );
    // a disconnected producer fails on its connection, or (by timing) finding its transaction coordinator
    await expect(relaying.publishOnce()).rejects.toThrow(/connection|coordinator/i);
    expect(await relaying.publishOnce()).toBe(1);
    expect(made).toBe(2);
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
      const failures = new Set<string>();
      const onError = (error: Error) => void failures.add(error.message);
      const relays = [await relay('relay-1', { onError }, topic), await relay('relay-2', { onError }, topic)];
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
      // the only failed turns, if any: a relay whose lease passed on, fenced off
      expect([...failures].filter((message) => !/old epoch|lease passed/.test(message))).toEqual([]);
      expect(seen.size).toBe(STREAMS);
      expect([...seen.values()].every((sequence) => sequence === 20)).toBe(true);
      expect(await kernel.store.pendingEntries(10)).toHaveLength(0);
    },
    STREAMS * 600,
  );

  it('drops an entry whose place in its stream another commit took, publishing nothing for it', async () => {
    const topic = `${kernel.topic}.orphans`;
    // the loser of a race for counter-a's first event: its entry was written, its commit refused
    await kernel.store.addEntries([{ _id: uuidv7(), streamId: 'counter-a', sequence: 1 }]);
    await kernel.store.append('counter-a', 0, [increment(1)], testMetadata);

    expect(await (await relay('relay-1', {}, topic)).publishOnce()).toBe(1);
    expect(await kernel.store.pendingEntries(10)).toHaveLength(0);
    const messages = await readTopic(kernel.kafka, topic, 1);
    expect(messages.map(({ streamId, sequence }) => ({ streamId, sequence }))).toEqual([
      { streamId: 'counter-a', sequence: 1 },
    ]);
  });

  it('never drops an entry on time alone: a commit landing long after its entry is published', async () => {
    const topic = `${kernel.topic}.late`;
    // a writer whose entry landed, and whose commit is slow to follow; its id says two minutes ago
    const late = { _id: uuidv7({ msecs: Date.now() - 120_000 }), streamId: 'counter-late', sequence: 1 };
    await kernel.store.addEntries([late]);
    await kernel.store.append('counter-other', 0, [increment(1)], testMetadata);
    const parked: string[] = [];
    const relayed = await relay(
      'relay-1',
      {
        parkAfterMs: 0,
        recheckParkedMs: 0,
        onParked: (entry, reason) => parked.push(`${entry.commit.streamId} ${reason}`),
      },
      topic,
    );
    expect(await relayed.publishOnce()).toBe(1); // the other stream goes on
    await sleep(5);
    expect(await relayed.publishOnce()).toBe(0);
    // set aside, out of the batches, but kept
    expect(parked).toEqual(['counter-late no-commit-yet']);
    expect((await kernel.store.parkedEntries()).map((entry) => entry.commit.id)).toEqual([late._id]);
    expect(await kernel.store.pendingEntries(10)).toHaveLength(0);

    // the commit lands, long after (written by another process: this relay has no copy of it)
    await kernel.store.commits.insertOne(legacyShaped(late._id, 'counter-late', 7));
    expect(await relayed.publishOnce()).toBe(1);
    expect(await kernel.store.parkedEntries()).toHaveLength(0);
    const messages = await readTopic(kernel.kafka, topic, 2);
    expect(messages.map(({ streamId, data }) => `${streamId} ${JSON.stringify(data)}`).sort()).toEqual([
      'counter-late {"by":7}',
      'counter-other {"by":1}',
    ]);
  });

  it('splits a batch of many large events into sends the topic takes, in order', async () => {
    const topic = `${kernel.topic}.large`;
    // 40 events of ~60 KB that do not compress (random): 2.4 MB, where the topic takes 1 MB a batch
    for (let i = 0; i < 40; i++) {
      const stream = `counter-large${i % 4}`;
      await kernel.store.append(stream, Math.floor(i / 4), [noted(i, 45_000)], testMetadata);
    }
    const sends: number[] = [];
    const relayed = await relay('relay-1', { beforeSend: async (commits) => void sends.push(commits.length) }, topic);
    expect(await relayed.publishOnce()).toBe(40);
    expect(sends.length).toBeGreaterThanOrEqual(3);
    expect(sends.reduce((sum, count) => sum + count, 0)).toBe(40);

    const messages = await readTopic(kernel.kafka, topic, 40);
    for (let s = 0; s < 4; s++) {
      const sequences = messages
        .filter((event) => event.streamId === `counter-large${s}`)
        .map((event) => event.sequence);
      expect(sequences).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    }
  });

  it('parks a commit too large for the topic, reports it, publishes the other streams, and sends it once released', async () => {
    const topic = `${kernel.topic}.toolarge`;
    const admin = kernel.kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({
        topics: [{ topic, numPartitions: 1, configEntries: [{ name: 'max.message.bytes', value: '100000' }] }],
        waitForLeaders: true,
      });
      await kernel.store.append('counter-big', 0, [noted(1, 150_000)], testMetadata); // ~200 KB, incompressible
      await kernel.store.append('counter-big', 1, [increment(2)], testMetadata); // waits behind it
      await kernel.store.append('counter-a', 0, [increment(3)], testMetadata);
      await kernel.store.append('counter-b', 0, [increment(4)], testMetadata);
      const reports: Array<{ entry: OutboxEntry; reason: ParkedReason }> = [];
      const relayed = await relay(
        'relay-1',
        { maxBatchBytes: 80_000, onParked: (entry, reason) => reports.push({ entry, reason }) },
        topic,
      );

      expect(await relayed.publishOnce()).toBe(2);
      expect(reports.map(({ entry, reason }) => [entry.commit.streamId, entry.commit.sequence, reason])).toEqual([
        ['counter-big', 1, 'too-large'],
      ]);
      const [parked] = await kernel.store.parkedEntries();
      expect(parked).toMatchObject({
        commit: { streamId: 'counter-big', sequence: 1 },
        parked: { reason: 'too-large' },
      });
      expect(await relayed.publishOnce()).toBe(0); // not retried for ever, and its stream waits
      expect((await kernel.store.pendingEntries(10)).map((entry) => entry.commit.sequence)).toEqual([2]);

      // an operator lets the topic take larger messages, and puts the entry back
      await admin.alterConfigs({
        validateOnly: false,
        resources: [
          {
            type: ConfigResourceTypes.TOPIC,
            name: topic,
            configEntries: [{ name: 'max.message.bytes', value: '1000000' }],
          },
        ],
      });
      expect(await kernel.store.releaseParked()).toBe(1);
      expect(await relayed.publishOnce()).toBe(2);
      const messages = await readTopic(kernel.kafka, topic, 4);
      expect(messages.map(({ streamId, sequence }) => `${streamId} #${sequence}`)).toEqual([
        'counter-a #1',
        'counter-b #1',
        'counter-big #1',
        'counter-big #2',
      ]);
    } finally {
      await admin.disconnect();
    }
  });

  it('writes one entry for the commits of a group insert; the relay skips those it published, and deletes it once done with all', async () => {
    const topic = `${kernel.topic}.group`;
    const admin = kernel.kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({
        topics: [{ topic, numPartitions: 1, configEntries: [{ name: 'max.message.bytes', value: '100000' }] }],
        waitForLeaders: true,
      });
      const relayed = await relay('relay-1', { maxBatchBytes: 80_000, onParked: () => {} }, topic);
      // a commit too large for the topic, parked alone: its stream waits behind it
      await kernel.store.append('counter-held', 0, [noted(1, 150_000)], testMetadata);
      expect(await relayed.publishOnce()).toBe(0);
      // the first append goes at once; the three asked meanwhile meet in the next insert, under one entry
      const first = kernel.store.append('counter-first', 0, [increment(1)], testMetadata);
      await Promise.all([
        first,
        kernel.store.append('counter-held', 1, [increment(2)], testMetadata),
        kernel.store.append('counter-x', 0, [increment(3)], testMetadata),
        kernel.store.append('counter-y', 0, [increment(4)], testMetadata),
      ]);
      const groups = () =>
        kernel.connection
          .db!.collection('events')
          .find({ streamId: '~outbox', packedCommits: { $exists: true } })
          .toArray();
      const named = async () =>
        (await groups()).map((group) =>
          (JSON.parse(group.packedCommits as string) as Array<{ streamId: string }>).map((c) => c.streamId),
        );
      expect(await named()).toEqual([['counter-first'], ['counter-held', 'counter-x', 'counter-y']]);

      // held behind its parked commit, counter-held #2 waits; the others go, and are not sent again
      // while the entry waits for it (the relay never rewrites an entry: only its writer narrows it)
      expect(await relayed.publishOnce()).toBe(3);
      expect(await named()).toEqual([['counter-held', 'counter-x', 'counter-y']]);
      expect(await relayed.publishOnce()).toBe(0);

      // the topic takes it once an operator says so: the stream goes on, in order, and the entry goes
      await admin.alterConfigs({
        validateOnly: false,
        resources: [
          {
            type: ConfigResourceTypes.TOPIC,
            name: topic,
            configEntries: [{ name: 'max.message.bytes', value: '1000000' }],
          },
        ],
      });
      expect(await kernel.store.releaseParked()).toBe(1);
      expect(await relayed.publishOnce()).toBe(2);
      expect(await groups()).toEqual([]);
      expect(await kernel.store.pendingEntries(10)).toEqual([]);
      const messages = await readTopic(kernel.kafka, topic, 5);
      expect(messages.map(({ streamId, sequence }) => `${streamId} #${sequence}`).sort()).toEqual([
        'counter-first #1',
        'counter-held #1',
        'counter-held #2',
        'counter-x #1',
        'counter-y #1',
      ]);
      const held = messages.filter((event) => event.streamId === 'counter-held').map((event) => event.sequence);
      expect(held).toEqual([1, 2]);
    } finally {
      await admin.disconnect();
    }
  });

  it('narrows a group entry to the commits that landed: a commit refused in its insert (a lost version race) is not named', async () => {
    await kernel.store.append('counter-race', 0, [increment(1)], testMetadata);
    const first = kernel.store.append('counter-first', 0, [increment(1)], testMetadata);
    const outcomes = await Promise.allSettled([
      first,
      kernel.store.append('counter-a', 0, [increment(2)], testMetadata),
      kernel.store.append('counter-race', 0, [increment(3)], testMetadata), // its version is taken
      kernel.store.append('counter-b', 0, [increment(4)], testMetadata),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    const pending = (await kernel.store.pendingEntries(10)).map(
      ({ commit }) => `${commit.streamId} #${commit.sequence}`,
    );
    expect(pending.sort()).toEqual(['counter-a #1', 'counter-b #1', 'counter-first #1', 'counter-race #1']);
    // each entry counts the commits it names, narrowed with them (what the lag metrics sum)
    const groups = await kernel.connection
      .db!.collection('events')
      .find({ streamId: '~outbox', packedCommits: { $exists: true } })
      .toArray();
    expect(groups.map((group) => group.commitCount)).toEqual(
      groups.map((group) => (JSON.parse(group.packedCommits as string) as unknown[]).length),
    );
    expect((await kernel.store.outboxLag()).pending).toBe(4);
    const relayed = await relay('relay-1');
    expect(await relayed.publishOnce()).toBe(4);
    expect(await kernel.store.pendingEntries(10)).toEqual([]);
    expect(await kernel.connection.db!.collection('events').countDocuments({ streamId: '~outbox' })).toBe(0);
  });

  it('goes on past a group entry one held commit keeps: the commits it is done with fill no turn', async () => {
    const topic = `${kernel.topic}.stall`;
    // counter-p #1's entry is there, its commit not yet: counter-p waits behind it
    const early = { _id: uuidv7(), streamId: 'counter-p', sequence: 1 };
    await kernel.store.addEntries([early]);
    // the first append goes at once; those asked meanwhile meet in the next insert, under one entry
    const together = async (appends: Array<[string, number]>) => {
      const [first, ...rest] = appends.map(([streamId, version]) =>
        kernel.store.append(streamId, version, [increment(version + 1)], testMetadata),
      );
      await Promise.all([first, ...rest]);
    };
    await together([
      ['counter-first', 0],
      ['counter-p', 1],
      ['counter-x', 0],
      ['counter-y', 0],
    ]);
    await together([
      ['counter-next', 0],
      ['counter-a', 0],
      ['counter-b', 0],
      ['counter-c', 0],
      ['counter-d', 0],
    ]);
    const named = (
      await kernel.connection
        .db!.collection('events')
        .find({ streamId: '~outbox', packedCommits: { $exists: true } })
        .sort({ sequence: 1 })
        .toArray()
    ).map((group) => (JSON.parse(group.packedCommits as string) as Array<{ streamId: string }>).map((c) => c.streamId));
    expect(named).toEqual([
      ['counter-first'],
      ['counter-p', 'counter-x', 'counter-y'],
      ['counter-next'],
      ['counter-a', 'counter-b', 'counter-c', 'counter-d'],
    ]);

    // four commits a turn: counter-p's two wait in every one, the published ones are passed over
    const relayed = await relay('relay-1', { batchSize: 4 }, topic);
    let published = 0;
    for (let turn = 0; turn < 8; turn++) published += await relayed.publishOnce();
    expect(published).toBe(8);
    const waiting = (await kernel.store.pendingEntries(10)).map(
      ({ commit }) => `${commit.streamId} #${commit.sequence}`,
    );
    // what is left: counter-p #1's entry, and the group entry that waits for counter-p #2 (it names
    // the two published with it, passed over by this relay, sent again only by one taking over)
    expect(waiting).toEqual(['counter-p #1', 'counter-p #2', 'counter-x #1', 'counter-y #1']);

    // its commit lands: the stream goes, in order, and the last entries with it
    await kernel.store.commits.insertOne(legacyShaped(early._id, 'counter-p', 1));
    expect(await relayed.publishOnce()).toBe(2);
    expect(await kernel.store.pendingEntries(10)).toEqual([]);
    const messages = await readTopic(kernel.kafka, topic, 10);
    expect(messages.filter((event) => event.streamId === 'counter-p').map((event) => event.sequence)).toEqual([1, 2]);
  });

  it('keeps its lease through a turn longer than the lease: no other relay takes over meanwhile', async () => {
    const topic = `${kernel.topic}.longturn`;
    await kernel.store.append('counter-l', 0, [increment(1)], testMetadata);
    const other = await relay('relay-other', {}, topic);
    let othersTurn: number | undefined;
    const slow = await relay(
      'relay-slow',
      {
        beforeSend: async () => {
          await sleep(1_500); // more than the 1 s lease: renewed meanwhile
          othersTurn = await other.publishOnce();
        },
      },
      topic,
    );
    expect(await slow.publishOnce()).toBe(1);
    expect(othersTurn).toBe(0);
    expect((await readTopic(kernel.kafka, topic, 1)).map((event) => event.streamId)).toEqual(['counter-l']);
  });

  it('lets no relay whose lease was taken publish: its late send is refused, the stream stays in order', async () => {
    const topic = `${kernel.topic}.fenced`;
    await kernel.store.append('counter-f', 0, [increment(1)], testMetadata);
    let successor: Promise<number> | undefined;
    const stale = await relay(
      'relay-stale',
      {
        // its lease would be renewed in a minute: nothing in the relay notices that it is lost
        lease: new OutboxLease(kernel.connection, 'outbox', 'relay-stale', 60_000),
        // a send so slow that the lease runs out (cut off from the database, the relay could not
        // renew it) and another relay takes over and publishes newer events
        beforeSend: async () => {
          await kernel.connection.collection('outbox_leases').updateOne({ _id: 'outbox' } as never, {
            $set: { expiresAt: new Date(0) },
          });
          const taking = await relay('relay-new', {}, topic);
          successor = (async () => {
            const first = await taking.publishOnce();
            await kernel.store.append('counter-f', 1, [increment(2)], testMetadata);
            return first + (await taking.publishOnce());
          })();
          await successor;
        },
      },
      topic,
    );
    await expect(stale.publishOnce()).rejects.toThrow(/epoch|fenced/i);
    expect(await successor).toBe(2);

    // a third event: had the stale relay's copy of #1 landed, it would come before it, after #2
    const successorAgain = await relay('relay-new', {}, topic);
    await kernel.store.append('counter-f', 2, [increment(3)], testMetadata);
    expect(await successorAgain.publishOnce()).toBe(1);
    const messages = await readTopic(kernel.kafka, topic, (received) => received.some((event) => event.sequence === 3));
    expect(messages.map((event) => event.sequence)).toEqual([1, 2, 3]);
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

  it('renews its lease once in a third of its lifetime, not at every turn', async () => {
    const lease = new OutboxLease(kernel.connection, 'outbox-renewals', 'one', 600_000);
    const expiry = async () =>
      (await kernel.connection.collection('outbox_leases').findOne({ _id: 'outbox-renewals' } as never))?.expiresAt;
    expect(await lease.acquire()).toBe(true);
    const taken = await expiry();
    expect(await lease.acquire()).toBe(true);
    expect(await expiry()).toEqual(taken);
  });
});

describe('the outbox, as the relay reads it', () => {
  /** Group entries as their writer stores them, naming commits (of their own streams) that need not exist. */
  async function groupEntries(...groups: string[][]) {
    const written = groups.map((streams) =>
      outboxGroupEntryOf(
        streams.map((name) => {
          const [streamId, sequence] = name.split('#');
          return { _id: uuidv7(), streamId, sequence: Number(sequence) };
        }),
        uuidv7(),
      ),
    );
    await kernel.connection.db!.collection('events').insertMany(written as never[]);
    return written.map((entry) => (JSON.parse(entry.packedCommits) as Array<{ id: string }>).map((c) => c.id));
  }
  const names = (entries: OutboxEntry[]) => entries.map(({ commit }) => `${commit.streamId}#${commit.sequence}`);

  it('counts only the commits the relay is not done with, and says full only when more of those remain', async () => {
    const [[a1, b1]] = await groupEntries(['a#1', 'b#1', 'c#1'], ['d#1', 'e#1']);
    const done = new Set([a1, b1]);
    const batch = await kernel.store.pendingBatch(2, done);
    expect({ entries: names(batch.entries), full: batch.full }).toEqual({ entries: ['c#1', 'd#1'], full: true });
    const all = await kernel.store.pendingBatch(3, done);
    expect({ entries: names(all.entries), full: all.full }).toEqual({ entries: ['c#1', 'd#1', 'e#1'], full: false });
    // the group entries read, every commit named (the relay deletes one once done with all)
    expect(all.groups.map((group) => group.commits.length)).toEqual([3, 2]);
  });

  it('leaves the commits the relay is done with out of the lowest pending sequences', async () => {
    const [[s1]] = await groupEntries(['s#1', 't#1'], ['s#2']);
    const lowest = await kernel.store.lowestPendingSequences(new Set([s1]));
    expect(Object.fromEntries(lowest)).toEqual({ s: 2, t: 1 });
  });

  it('reads no entry past the commits a batch needs, and counts commits for the lag without parsing entries', async () => {
    await groupEntries(['a#1', 'b#1', 'c#1']);
    // a later entry that cannot be parsed: it is read as far as the query's page, never parsed
    await kernel.connection.db!.collection('events').insertOne({
      ...outboxGroupEntryOf(
        [
          { _id: uuidv7(), streamId: 'z', sequence: 1 },
          { _id: uuidv7(), streamId: 'y', sequence: 1 },
        ],
        uuidv7(),
      ),
      packedCommits: 'not parsed',
    } as never);
    await kernel.store.addEntries([{ _id: uuidv7(), streamId: 'x', sequence: 1 }]);
    const batch = await kernel.store.pendingBatch(2);
    expect({ entries: names(batch.entries), full: batch.full }).toEqual({ entries: ['a#1', 'b#1'], full: true });
    expect((await kernel.store.outboxLag()).pending).toBe(6);
    expect((await kernel.store.relayLag()).pending).toBe(6);
  });
});

/** An event carrying `bytes` of random text: what no compression makes smaller. */
function noted(by: number, bytes: number) {
  return { type: 'counter.incremented' as const, data: { by, note: randomBytes(bytes).toString('base64') } };
}

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
