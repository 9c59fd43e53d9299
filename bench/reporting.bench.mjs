// The reporting service's statistics (issue 17, item 5): a replay of the tickets and sla topics
// into the statistics read models, next to a consume-only baseline of the same topics in the same
// run (the platform's EventConsumer, decoding and upcasting, handling nothing), then the p99 of a
// year of monthly statistics over the tickets replayed.
//
// Environment knobs:
//   BENCH_REPORTING_EVENTS   events generated (default 1000000: about 100,000 tickets of ~10 events)
//   BENCH_REPORTING_QUERIES  monthly tables of a year asked after the replay (default 300)
//   BENCH_REPORTING_FLUSH_TICKETS  tickets changed in memory before a write (the service's REPORTING_FLUSH_TICKETS)
//   BENCH_REPORTING_CHECKPOINTS    0: the replay flushes every 30 s too, as live consumption does (the former replay)
//   BENCH_REPORTING_QUERY_TICKETS  when set, no replay: that many tickets folded in memory (the service's
//                                  pure fold), their monthly tables written, then the queries timed
//                                  (the tables a year of months reads, at a size a replay cannot reach here)
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { topicFor, upcasters } from '@itsm/contracts';
import { createIdempotentProducer, ensureTopics, EventConsumer, eventMessage } from '@itsm/messaging';
import { Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import { distribution, round } from './stats.mjs';

const require = createRequire(import.meta.url);
// the compiled classes the service itself runs
const { StatisticsStore } = require('../apps/reporting/dist/statistics/read-models/statistics.store.js');
const { StatisticsFolder } = require('../apps/reporting/dist/statistics/statistics.folder.js');
const { StatisticsQueries } = require('../apps/reporting/dist/statistics/queries/statistics.query.js');
const { PeriodCalendar } = require('../apps/reporting/dist/statistics/domain/periods.js');
const { foldBatch } = require('../apps/reporting/dist/statistics/domain/fold-batch.js');
const { ReferenceData } = require('../apps/reporting/dist/statistics/domain/reference-data.js');
const {
  documentIdOf,
  tablesTouched,
  withChanges,
} = require('../apps/reporting/dist/statistics/domain/statistic-tables.js');
const { storedTables } = require('../apps/reporting/dist/statistics/read-models/packed-documents.js');
const { packedRowOf } = require('../apps/reporting/dist/statistics/domain/table-rows.js');

const EVENTS = Number(process.env.BENCH_REPORTING_EVENTS ?? 1_000_000);
const QUERIES = Number(process.env.BENCH_REPORTING_QUERIES ?? 300);
const FLUSH_TICKETS = Number(process.env.BENCH_REPORTING_FLUSH_TICKETS ?? 10_000);
const QUERY_TICKETS = Number(process.env.BENCH_REPORTING_QUERY_TICKETS ?? 0);
const YEAR_START = Date.parse('2025-01-01T00:00:00.000Z');
const YEAR_MS = 365 * 86_400_000;
const ENTITIES = ['root', 'E1', 'E2', 'E3', 'E4'];
const TABLES = ['all', 'technician', 'group', 'category', 'entity', 'priority', 'agreement'];

export default async function reportingBench(env) {
  return QUERY_TICKETS > 0 ? queryBench(env) : replayBench(env);
}

async function replayBench(env) {
  const run = Date.now();
  const prefix = `bench-reporting-${run}.`;
  const kafka = new Kafka({ brokers: env.KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
  const topics = [topicFor('tickets', prefix), topicFor('sla', prefix)];
  await ensureTopics(kafka, topics, { partitions: 3 });
  const connection = await mongoose
    .createConnection(env.MONGO_URL, { dbName: `bench_reporting_${run}`, maxPoolSize: 20 })
    .asPromise();
  try {
    const generated = await publishHistory(kafka, topics);
    progress(`published ${generated.events} events (${generated.perSecond}/s)`);
    const baseline = await consume(kafka, topics, `${prefix}baseline`, generated.events, { fold: async () => {} });
    progress(`consume-only: ${baseline} events/s`);
    const store = new StatisticsStore(connection, 'bench');
    await store.prepare();
    const folder = new StatisticsFolder(store, new PeriodCalendar('UTC'), 50_000, FLUSH_TICKETS);
    // a version filling from the beginning, as the service's: checkpoints of FLUSH_TICKETS tickets
    folder.catchingUp = process.env.BENCH_REPORTING_CHECKPOINTS !== '0';
    const replay = await consume(kafka, topics, `${prefix}replay`, generated.events, folder);
    progress(`replay: ${replay} events/s`);
    return {
      note: 'a machine shared with other work: compare the ratio, not the absolute rates',
      events: generated.events,
      tickets: generated.tickets,
      publishedPerSecond: generated.perSecond,
      consumeOnlyEventsPerSecond: baseline,
      replayEventsPerSecond: replay,
      replayRatio: round(replay / baseline, 3),
      replayTarget: '>= 0.3x consume-only',
      flushTickets: FLUSH_TICKETS,
      tableDocuments: await store.tables.countDocuments(),
      recordSegments: await store.records.collection.countDocuments(),
      yearOfMonthlyTablesMs: await queryTimes(connection),
      queryTarget: 'p99 < 100 ms',
    };
  } finally {
    await connection.db.dropDatabase().catch(() => undefined);
    await connection.close();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.disconnect();
  }
}

const progress = (what) => console.error(`[reporting bench] ${new Date().toISOString()} ${what}`);

/** About ten events a ticket, opened through one year; returns how many and how fast they went out. */
async function publishHistory(kafka, [ticketsTopic, slaTopic]) {
  const producer = createIdempotentProducer(kafka);
  await producer.connect();
  const started = performance.now();
  const tickets = Math.max(1, Math.round(EVENTS / 10));
  let events = 0;
  let pending = { [ticketsTopic]: [], [slaTopic]: [] };
  const flush = async () => {
    await producer.sendBatch({
      acks: -1,
      topicMessages: Object.entries(pending).map(([topic, messages]) => ({ topic, messages })),
    });
    pending = { [ticketsTopic]: [], [slaTopic]: [] };
  };
  for (let i = 0; i < tickets && events < EVENTS; i++) {
    for (const envelope of ticketEvents(i, tickets)) {
      pending[envelope.type.startsWith('sla.') ? slaTopic : ticketsTopic].push(eventMessage(envelope));
      events++;
    }
    if (pending[ticketsTopic].length >= 2000) await flush();
  }
  await flush();
  await producer.disconnect();
  return { events, tickets, perSecond: round(events / ((performance.now() - started) / 1000), 1) };
}

/** One ticket's events: opened, taken, worked, sometimes paused, solved, mostly closed and rated. */
function ticketEvents(i, tickets) {
  const ticketId = `t${i}`;
  const opened = YEAR_START + Math.floor((i / tickets) * YEAR_MS);
  const entityId = ENTITIES[i % ENTITIES.length];
  const technician = `tech-${i % 20}`;
  const at = (minutes) => new Date(opened + minutes * 60_000).toISOString();
  const sequences = new Map();
  const out = [];
  const add = (streamId, type, data, minutes, schemaVersion = 1) => {
    const sequence = (sequences.get(streamId) ?? 0) + 1;
    sequences.set(streamId, sequence);
    out.push({
      id: randomUUID(),
      type,
      schemaVersion,
      streamId,
      sequence,
      entityId,
      occurredAt: at(minutes),
      actor: { kind: 'system', id: 'bench' },
      correlationId: 'bench',
      causationId: 'bench',
      data,
    });
  };
  const ticket = (type, data, minutes, version) =>
    add(`ticket-${ticketId}`, type, { ticketId, ...data }, minutes, version);
  const sla = (type, data, minutes) => add(`ticket-sla-${ticketId}`, type, { ticketId, ...data }, minutes);
  const status = (from, to, minutes) => ticket('ticket.status-changed', { from, to, reason: to }, minutes);
  ticket(
    'ticket.opened',
    {
      entityId,
      title: 'Poste lent',
      description: 'Le poste met dix minutes à démarrer.',
      type: i % 3 === 0 ? 'request' : 'incident',
      categoryId: `category-${i % 30}`,
      urgency: 3,
      impact: 3,
      priority: (i % 5) + 1,
      priorityOverridden: false,
      source: 'phone',
      location: `Salle ${i % 10}`,
      items: [{ itemType: i % 2 ? 'computer' : 'printer', itemId: `asset-${i % 500}` }],
      requesters: [{ kind: 'user', id: `user-${i % 1000}` }],
      observers: [],
      assignees: [
        { kind: 'user', id: technician },
        { kind: 'group', id: `group-${i % 8}` },
      ],
      recipientId: technician,
      openedAt: at(0),
    },
    0,
    2,
  );
  const deadline = at(8 * 60);
  sla(
    'sla.attached',
    {
      slaId: `sla-${i % 4}`,
      agreement: 'sla',
      kind: 'ttr',
      entityId,
      name: 'TTR 8 h',
      calendarId: null,
      ticketSequence: 1,
      startedAt: at(0),
      deadline,
      levels: [],
      reason: 'rule',
    },
    0,
  );
  const taken = 10 + (i % 110);
  status('new', 'assigned', taken);
  ticket(
    'ticket.followup-added',
    { followupId: `f${i}`, content: 'Je regarde.', private: false, authorId: technician },
    taken + 5,
  );
  if (i % 3 === 0) {
    status('assigned', 'pending', taken + 30);
    status('pending', 'assigned', taken + 90);
  }
  const solved = taken + 60 + (i % 600);
  status('assigned', 'solved', solved);
  sla(
    'sla.met',
    {
      slaId: `sla-${i % 4}`,
      agreement: 'sla',
      kind: 'ttr',
      ticketSequence: 2,
      deadline,
      metAt: at(solved),
      late: at(solved) > deadline,
      reason: 'solved',
    },
    solved,
  );
  if (i % 4 !== 0) {
    status('solved', 'closed', solved + 24 * 60);
    if (i % 2 === 0) {
      ticket(
        'ticket.satisfaction-recorded',
        { rating: (i % 5) + 1, comment: '', answeredBy: `user-${i % 1000}`, answeredAt: at(solved + 25 * 60) },
        solved + 25 * 60,
        2,
      );
    }
  }
  return out;
}

/**
 * Reads both topics from their beginning through a group of its own, handing batches to `handler`
 * (with `mustFlush` and `flush`: kept in memory and flushed as the service's feed does, the last
 * flush within the time); events per second.
 */
async function consume(kafka, topics, groupId, total, handler) {
  let read = 0;
  let done;
  const finished = new Promise((resolve) => (done = resolve));
  const consumer = new EventConsumer({
    kafka,
    groupId,
    topics,
    upcasters,
    partitionsConsumedConcurrently: 1,
    handle: (event) => handler.fold([event]),
    handleBatch: async (events) => {
      await handler.fold(events);
      read += events.length;
      if (read >= total) done();
    },
    ...(handler.flush && { buffering: handler }),
    onRetry: (error) => progress(`retrying: ${error.message}`),
  });
  const started = performance.now();
  await consumer.start(true);
  await finished;
  await handler.flush?.();
  const seconds = (performance.now() - started) / 1000;
  await consumer.stop();
  return round(total / seconds, 1);
}

/** The monthly tables of QUERY_TICKETS tickets, folded in memory in chunks, written, then queried. */
async function queryBench(env) {
  const run = Date.now();
  const connection = await mongoose
    .createConnection(env.MONGO_URL, { dbName: `bench_reporting_${run}`, maxPoolSize: 20 })
    .asPromise();
  try {
    const started = performance.now();
    const months = new Map();
    const calendar = new PeriodCalendar('UTC');
    const references = new ReferenceData();
    for (let first = 0; first < QUERY_TICKETS; first += 5000) {
      const events = [];
      for (let i = first; i < Math.min(QUERY_TICKETS, first + 5000); i++)
        events.push(...ticketEvents(i, QUERY_TICKETS));
      const { delta } = foldBatch(events, new Map(), calendar, references);
      for (const key of delta.keys()) if (!key.startsWith('month|')) delta.delete(key);
      for (const [id, changes] of tablesTouched(delta))
        months.set(id, withChanges(id, months.get(id) ?? null, changes));
      progress(`folded ${Math.min(QUERY_TICKETS, first + 5000)} tickets`);
    }
    const folded = performance.now();
    // as the store writes them: a month's tables each in its document
    const packedRows = (table) => new Map(table.rows.map((row) => [`${row.e}|${row.v}`, packedRowOf(row)]));
    const docs = [...months.values()].map((table) =>
      storedTables(documentIdOf(table._id), new Map([[table._id, packedRows(table)]])),
    );
    for (let at = 0; at < docs.length; at += 20)
      await connection.collection('reporting_vbench_tables').insertMany(docs.slice(at, at + 20));
    await connection
      .collection('reporting_versions')
      .insertOne({ _id: 'bench', status: 'live', firstMonth: '2025-01-01', generation: 0 });
    progress(`wrote ${docs.length} monthly tables`);
    const bytes = docs.reduce((total, doc) => total + doc.z.length(), 0);
    const times = await queryTimes(connection, true);
    return {
      note: "a machine shared with other work; tables folded in memory by the service's pure fold, not replayed",
      tickets: QUERY_TICKETS,
      foldSeconds: round((folded - started) / 1000, 1),
      monthlyTableDocuments: docs.length,
      monthlyTableMegabytesPacked: round(bytes / 2 ** 20, 1),
      monthlyTableMegabytesJson: round(
        [...months.values()].reduce((total, doc) => total + JSON.stringify(doc).length, 0) / 2 ** 20,
        1,
      ),
      ...times,
      queryTarget: 'p99 < 100 ms',
    };
  } finally {
    await connection.db.dropDatabase().catch(() => undefined);
    await connection.close();
  }
}

/**
 * A year of monthly tables by several dimensions, as the REST route computes them (without HTTP):
 * the first query of each table reads its documents (cold), the others find them in the replica's
 * memory (warm, nothing flushed meanwhile).
 */
async function queryTimes(connection, split = false) {
  const settings = { calendar: new PeriodCalendar('UTC'), queryFreshMs: 1000 };
  const versions = { answering: async () => 'bench' };
  const tree = { tree: async () => ({ descendantsOf: () => [] }) };
  const labels = { of: async () => new Map() };
  const queries = new StatisticsQueries(connection, settings, versions, tree, labels);
  const caller = { scope: ENTITIES };
  const query = { period: 'month', from: '2025-01-01', to: '2026-01-01' };
  const times = [];
  const cpu = [];
  for (let i = 0; i < QUERIES; i++) {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    await queries.table(caller, TABLES[i % TABLES.length], query);
    times.push(performance.now() - started);
    const { user, system } = process.cpuUsage(cpuBefore);
    cpu.push((user + system) / 1000);
  }
  if (!split) return distribution(times);
  return {
    yearOfMonthlyTablesMs: distribution(times),
    coldMs: distribution(times.slice(0, TABLES.length)),
    warmMs: distribution(times.slice(TABLES.length)),
    // this process's CPU time in a warm query: what the load of the other processes does not inflate
    warmCpuMs: distribution(cpu.slice(TABLES.length)),
  };
}
