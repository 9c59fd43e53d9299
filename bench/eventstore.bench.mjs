// The event store against a raw driver on the same server, in the same run (issue: event-sourcing kernel).
import { upcasterRegistry } from '@itsm/contracts';
import { MongoEventStore, OutboxLease, OutboxRelay, ProjectionStore, loadAggregate } from '@itsm/eventsourcing';
import { EventConsumer, createTransactionalProducer, ensureTopics } from '@itsm/messaging';
import { Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import { percentile, round, sleep, throughput } from './stats.mjs';

const OPS = Number(process.env.BENCH_OPS ?? 2000);
const metadata = {
  entityId: 'root',
  actor: { kind: 'system', id: 'bench' },
  correlationId: 'bench',
  causationId: 'bench',
};
const incremented = (by) => ({ type: 'counter.incremented', data: { by } });
const counter = {
  stateVersion: 1,
  initialState: () => ({ total: 0 }),
  evolve: (state, event) => ({ total: state.total + event.data.by }),
  decide: () => [],
};

export default async function eventstoreBench(env) {
  const dbName = `bench_eventstore_${Date.now()}`;
  const connection = await mongoose.createConnection(env.MONGO_URL, { dbName, maxPoolSize: 20 }).asPromise();
  const store = new MongoEventStore(connection, { upcasters: upcasterRegistry([]) });
  await store.createIndexes();
  try {
    return {
      append: await appendThroughput(connection, store),
      load10k: await loadTimes(store),
      latencyAt20PerSecond: await latencies(env, connection, store, 20, 10),
      latencyAt200PerSecond: await latencies(env, connection, store, 200, Number(process.env.BENCH_SECONDS ?? 15)),
    };
  } finally {
    await connection.db.dropDatabase();
    await connection.close();
  }
}

async function appendThroughput(connection, store) {
  const raw = connection.db.collection('raw_inserts');
  await raw.createIndex({ streamId: 1, sequence: 1 }, { unique: true });
  const results = {};
  for (const concurrency of [1, 16]) {
    const versions = new Map();
    const ours = await throughput(OPS, concurrency, async (_, worker) => {
      const streamId = `append-${concurrency}-${worker}`;
      const version = versions.get(streamId) ?? 0;
      await store.append(streamId, version, [incremented(1)], metadata);
      versions.set(streamId, version + 1);
    });
    const rawRate = await throughput(OPS, concurrency, async (i, worker) => {
      // the same document shape, written by the bare driver
      await raw.insertOne({
        streamId: `raw-${concurrency}-${worker}`,
        sequence: i,
        events: [{ ...metadata, type: 'counter.incremented', data: { by: 1 } }],
      });
    });
    results[`concurrency${concurrency}`] = {
      eventsPerSecond: ours,
      rawInsertOnePerSecond: rawRate,
      ratio: round(ours / rawRate),
    };
  }
  return results;
}

async function loadTimes(store) {
  const streamId = 'load-10k';
  const commits = Array.from({ length: 10_000 }, (_, i) => ({
    _id: `load-${String(i).padStart(6, '0')}`,
    streamId,
    sequence: i + 1,
    lastSequence: i + 1,
    chunk: Math.floor(i / 100),
    events: [
      {
        id: `e${i}`,
        type: 'counter.incremented',
        schemaVersion: 1,
        streamId,
        sequence: i + 1,
        occurredAt: new Date().toISOString(),
        ...metadata,
        data: { by: 1 },
      },
    ],
  }));
  for (let i = 0; i < commits.length; i += 1000) await store.commits.insertMany(commits.slice(i, i + 1000));
  const time = async (decider) => {
    const samples = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      const { state } = await loadAggregate(store, decider, streamId);
      samples.push(performance.now() - started);
      if (state.total !== 10_000) throw new Error(`loaded ${state.total} instead of 10000`);
    }
    return percentile(samples, 50);
  };
  const withoutSnapshotMs = await time(counter);
  // as handleCommand leaves it: a snapshot at 10,000 (a multiple of snapshotEvery)
  await store.saveSnapshot(streamId, 10_000, counter.stateVersion, { total: 10_000 });
  const withSnapshotMs = await time(counter);
  return { events: 10_000, withoutSnapshotMs, withSnapshotMs };
}

async function latencies(env, connection, _, perSecond, seconds) {
  // a fresh outbox: the throughput phase left thousands of outbox entries behind
  const store = new MongoEventStore(connection, {
    upcasters: upcasterRegistry([]),
    eventsCollection: `events_latency_${perSecond}`,
    snapshotsCollection: `snapshots_latency_${perSecond}`,
  });
  await store.createIndexes();
  const kafka = new Kafka({ brokers: env.KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING, clientId: 'bench' });
  const topic = `bench-${Date.now()}-${perSecond}.itsm.bench.events`;
  await ensureTopics(kafka, [topic, `${topic}.dlq`]);
  const relay = new OutboxRelay({
    store,
    newProducer: async () => {
      const producer = createTransactionalProducer(kafka, `${topic}.outbox`);
      await producer.connect();
      return producer;
    },
    topic,
    lease: new OutboxLease(connection, 'bench', 'bench', 10_000),
  });
  const projection = new ProjectionStore(connection, {
    name: `bench_totals_${perSecond}`,
    handles: new Set(['counter.incremented']),
    apply: (current, event) => ({ total: (current?.total ?? 0) + event.data.by }),
  });
  const appendedAt = new Map();
  const toKafka = [];
  const toProjection = [];
  const kafkaReader = new EventConsumer({
    kafka,
    groupId: `${topic}-reader`,
    topics: [topic],
    upcasters: upcasterRegistry([]),
    handle: async (event) => {
      const at = appendedAt.get(`${event.streamId}:${event.sequence}`);
      if (at) toKafka.push(performance.now() - at);
    },
  });
  const projector = new EventConsumer({
    kafka,
    groupId: `${topic}-projection`,
    topics: [topic],
    upcasters: upcasterRegistry([]),
    handle: (event) => projection.apply(event),
    handleBatch: async (events) => {
      await projection.applyBatch(events);
      const now = performance.now();
      for (const event of events) {
        const at = appendedAt.get(`${event.streamId}:${event.sequence}`);
        if (at) toProjection.push(now - at);
      }
    },
  });
  relay.start();
  await Promise.all([kafkaReader.start(), projector.start()]);
  await sleep(3000); // let both groups settle before measuring
  const total = seconds * perSecond;
  const started = performance.now();
  const versions = new Map();
  const pending = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / perSecond; // a steady rate
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const streamId = `latency-${perSecond}-${i % 500}`;
    const version = versions.get(streamId) ?? 0;
    versions.set(streamId, version + 1);
    appendedAt.set(`${streamId}:${version + 1}`, performance.now());
    pending.push(store.append(streamId, version, [incremented(1)], metadata));
  }
  await Promise.all(pending);
  const achievedPerSecond = round(total / ((performance.now() - started) / 1000), 1);
  const deadline = Date.now() + 60_000;
  while ((toKafka.length < total || toProjection.length < total) && Date.now() < deadline) await sleep(100);
  await Promise.all([kafkaReader.stop(), projector.stop(), relay.stop()]);
  return {
    commands: total,
    achievedCommandsPerSecond: achievedPerSecond,
    appendToKafkaMs: { p50: percentile(toKafka, 50), p99: percentile(toKafka, 99), received: toKafka.length },
    appendToProjectionMs: {
      p50: percentile(toProjection, 50),
      p99: percentile(toProjection, 99),
      applied: toProjection.length,
    },
  };
}
