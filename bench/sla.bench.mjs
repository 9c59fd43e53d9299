// The sla service's deadline timers (issue 6, item 8): scheduling throughput and Redis memory of
// 100,000 pending level timers, then how late breaches are stored while those timers wait, each
// next to a bare BullMQ / ioredis baseline measured on the same machine in the same run.
//
// Environment knobs:
//   BENCH_SLA_TIMERS        pending timers scheduled, each way (default 100000)
//   BENCH_SLA_BATCH         timers per LevelTimers.schedule / addBulk / pipeline call (default 1000)
//   BENCH_SLA_TICKETS       tickets opened on Kafka whose TTO breaches are timed (default 300)
//   BENCH_SLA_OPEN_SECONDS  the tickets are opened at a steady rate over this many seconds (default 30)
//   BENCH_SLA_LEAD_SECONDS  each ticket's deadline falls this long after it is opened (default 30), so
//                           deadlines spread over [lead, lead + open] seconds from the start
//   BENCH_SLA_CONCURRENCY   SLA_TIMER_CONCURRENCY of the service and of the bare worker (default 8, the service's)
//   BENCH_SLA_PORT          HTTP port of the spawned service (default 3903)
//   BENCH_SLA_KEEP_UP_SECONDS  seconds of ticket creations at concurrency 32 sla must keep up with (default 20)
//   BENCH_SLA_PARTS         comma-separated parts to run: keeping-up, timers (default both)
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { topicFor } from '@itsm/contracts';
import { createIdempotentProducer, ensureTopics } from '@itsm/messaging';
import { Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { v7 as uuidv7 } from 'uuid';
import { benchServiceEnv, rsaKeys, stopService } from './bench-service.mjs';
import { keepingUp } from './sla-keeping-up.mjs';
import { distribution, round, sleep } from './stats.mjs';
import { superAdminToken } from './tickets-identity.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
// the compiled class the service itself uses (CommonJS), so the bench schedules exactly as it does
const { LevelTimers } = createRequire(import.meta.url)('../apps/sla/dist/tracking/timers/level-timers.js');

const TIMERS = Number(process.env.BENCH_SLA_TIMERS ?? 100_000);
const BATCH = Number(process.env.BENCH_SLA_BATCH ?? 1000);
const TICKETS = Number(process.env.BENCH_SLA_TICKETS ?? 300);
const OPEN_MS = Number(process.env.BENCH_SLA_OPEN_SECONDS ?? 30) * 1000;
const LEAD_MS = Number(process.env.BENCH_SLA_LEAD_SECONDS ?? 30) * 1000;
const CONCURRENCY = Number(process.env.BENCH_SLA_CONCURRENCY ?? 8);
const PORT = Number(process.env.BENCH_SLA_PORT ?? 3903);
const PARTS = (process.env.BENCH_SLA_PARTS ?? 'keeping-up,timers').split(',');
const QUEUE = 'sla-level-timers'; // LevelTimers' queue name, and its jobs' name
const DAY = 86_400_000;
// LevelTimers' job options, given to the raw baseline too so both store the same jobs
const JOB_OPTIONS = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 500 },
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600 },
};

export default async function slaBench(env) {
  const run = Date.now();
  const keys = rsaKeys();
  const serviceEnv = benchServiceEnv(env, {
    name: 'sla',
    run,
    port: PORT,
    publicKey: keys.publicKey,
    extra: { SLA_TIMER_CONCURRENCY: String(CONCURRENCY) },
  });
  // the baselines' own prefix: same Redis, never the service's keys
  const rawPrefix = `bench-sla-raw-${run}:`;
  const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
  const mongo = await MongoClient.connect(env.MONGO_URL);
  const db = mongo.db(serviceEnv.MONGO_DB);
  const kafka = new Kafka({ brokers: env.KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING, clientId: 'bench-sla' });
  const service = startService(serviceEnv);
  const url = `http://127.0.0.1:${PORT}`;
  try {
    const startedAt = performance.now();
    const userId = await publishIdentity(kafka, serviceEnv.KAFKA_TOPIC_PREFIX);
    const token = superAdminToken(keys, userId);
    await until(service, () => ready(url), 120_000, 'the sla service to answer /health/ready');
    await until(
      service,
      async () => (await db.collection('auth_entity_tree').countDocuments()) >= 1,
      60_000,
      'the entity tree',
    );
    const agreement = await ok(
      post(url, token, '/api/slas', {
        name: 'Bench TTO 1 min',
        agreement: 'sla',
        kind: 'tto',
        duration: 1,
        unit: 'minutes',
        // no actions: the breach itself is timed, not mail delivery
        levels: [{ name: 'Dépassement', offsetMinutes: 0, actions: [] }],
      }),
    );
    await ok(post(url, token, '/api/sla-rules', { name: 'Bench: every ticket', rank: 1, slaIds: [agreement.slaId] }));
    await until(service, async () => (await db.collection('sla_rule_list').countDocuments()) >= 1, 60_000, 'the rule');

    const tickets = new TicketPublisher(kafka, serviceEnv.KAFKA_TOPIC_PREFIX, userId);
    await tickets.connect();
    // one ticket already overdue: the whole path (Kafka -> attach -> timer -> breach) works and is warm
    const warmUp = await tickets.open(new Date(Date.now() - 2 * 60_000));
    await until(service, async () => (await breachCount(db)) >= 1, 90_000, 'the warm-up breach');
    const setupSeconds = round((performance.now() - startedAt) / 1000, 1);

    // the timers first: the breaches of the tickets created to keep up with would count as theirs
    const timers = PARTS.includes('timers')
      ? await timersAndLateness(env, redis, db, tickets, serviceEnv.REDIS_KEY_PREFIX, rawPrefix, warmUp, service)
      : undefined;
    const keptUp = PARTS.includes('keeping-up')
      ? await keepingUp(env, serviceEnv, db, mongo, token, keys.publicKey)
      : undefined;
    await tickets.disconnect();
    return {
      config: {
        timers: TIMERS,
        batch: BATCH,
        tickets: TICKETS,
        deadlinesSpreadSeconds: [LEAD_MS / 1000, (LEAD_MS + OPEN_MS) / 1000],
        openedPerSecond: round(TICKETS / (OPEN_MS / 1000), 1),
        timerConcurrency: CONCURRENCY,
        setupSeconds,
      },
      keepingUpWithCreations: keptUp,
      ...timers,
    };
  } finally {
    await stopService(service);
    await deleteByPrefix(redis, serviceEnv.REDIS_KEY_PREFIX).catch(() => undefined);
    await deleteByPrefix(redis, rawPrefix).catch(() => undefined);
    await db.dropDatabase().catch(() => undefined);
    await deleteTopics(kafka, serviceEnv.KAFKA_TOPIC_PREFIX).catch(() => undefined);
    await mongo.close();
    redis.disconnect();
  }
}

/** Parts 1 to 3: the timers' scheduling, memory and lateness. */
async function timersAndLateness(env, redis, db, tickets, servicePrefix, rawPrefix, warmUp, service) {
  const scheduling = await schedulingAndMemory(env, redis, servicePrefix, rawPrefix);
  const baseline = await bareWorkerLateness(env, rawPrefix);
  // the baseline's 100k leave before the service is timed: only the service's 100k wait meanwhile
  await deleteByPrefix(redis, rawPrefix);
  const lateness = await serviceLateness(redis, db, tickets, servicePrefix, warmUp, service);
  return {
    scheduling,
    breachLatenessMs: { ...lateness.breach, bareBullmqWorker: baseline, targetP99Ms: 1000 },
    attachMs: lateness.attach,
  };
}

// ---------------------------------------------------------------------------------------------
// 1 and 2: scheduling throughput and memory per pending timer

/** `count` level timers due in a day (none fires during the bench), spread over 1,000 s. */
function fakeTimers(count, from) {
  const slaId = randomUUID();
  const levelId = randomUUID();
  return Array.from({ length: count }, (_, i) => {
    const ticketId = randomUUID();
    return {
      jobId: `${ticketId}.${slaId}.${levelId}`,
      ticketId,
      slaId,
      levelId,
      dueAt: new Date(from + DAY + (i % 100_000) * 10).toISOString(),
    };
  });
}

const usedMemory = async (redis) => Number(/used_memory:(\d+)/.exec(await redis.info('memory'))[1]);

/** Times `write(batch)` over all timers in batches; bytes of Redis memory they took. */
async function measured(redis, timers, write) {
  const before = await usedMemory(redis);
  const started = performance.now();
  for (let from = 0; from < timers.length; from += BATCH) await write(timers.slice(from, from + BATCH));
  const seconds = (performance.now() - started) / 1000;
  const after = await usedMemory(redis);
  return {
    timersPerSecond: round(timers.length / seconds, 1),
    seconds: round(seconds, 2),
    bytesPerTimer: round((after - before) / timers.length, 1),
  };
}

async function schedulingAndMemory(env, redis, servicePrefix, rawPrefix) {
  const start = Date.now();
  // ours: the service's class, into the prefix the running service reads its timers from
  const timers = new LevelTimers({ redisUrl: env.REDIS_URL, keyPrefix: servicePrefix });
  const ours = await measured(redis, fakeTimers(TIMERS, start), (batch) => timers.schedule(batch));
  const pending = await timers.count();
  await timers.close();
  if (pending < TIMERS) throw new Error(`LevelTimers holds ${pending} jobs after scheduling ${TIMERS}`);

  // baseline: BullMQ's own bulk insert (one MULTI per batch) of the same jobs, same options
  const connection = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue(QUEUE, { connection, prefix: `${rawPrefix}bull` });
  const addBulk = await measured(redis, fakeTimers(TIMERS, start), (batch) =>
    queue.addBulk(
      batch.map((timer) => ({
        name: QUEUE,
        data: timer,
        opts: { ...JOB_OPTIONS, jobId: timer.jobId, delay: Math.max(0, Date.parse(timer.dueAt) - Date.now()) },
      })),
    ),
  );
  await queue.close();
  connection.disconnect();

  // floor: one sorted-set entry per timer (job id by due time, no payload), pipelined
  const zset = `${rawPrefix}zset`;
  const zadd = await measured(redis, fakeTimers(TIMERS, start), (batch) => {
    const pipeline = redis.pipeline();
    for (const timer of batch) pipeline.zadd(zset, Date.parse(timer.dueAt), timer.jobId);
    return pipeline.exec();
  });
  await redis.unlink(zset);

  return {
    timers: TIMERS,
    levelTimersSchedule: ours,
    rawBullmqAddBulk: addBulk,
    rawIoredisZaddPipeline: zadd,
    ratioToAddBulk: round(ours.timersPerSecond / addBulk.timersPerSecond),
    memoryRatioToAddBulk: round(ours.bytesPerTimer / addBulk.bytesPerTimer),
  };
}

// ---------------------------------------------------------------------------------------------
// 3: lateness

/** When ticket i is opened and when its deadline falls: a steady rate, each due LEAD_MS later. */
const timeline = (t0) =>
  Array.from({ length: TICKETS }, (_, i) => {
    const openAt = t0 + Math.round((i * OPEN_MS) / TICKETS);
    return { openAt, dueAt: openAt + LEAD_MS };
  });

/**
 * A bare BullMQ worker (no-op processor, same concurrency) on the baseline prefix, where the
 * addBulk 100k still wait; jobs added one by one at the tickets' rate and with their spread.
 */
async function bareWorkerLateness(env, rawPrefix) {
  const connection = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
  const workerConnection = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue(QUEUE, { connection, prefix: `${rawPrefix}bull` });
  const late = [];
  const worker = new Worker(
    QUEUE,
    async (job) => {
      if (job.data.bench) late.push(job.processedOn - (job.timestamp + (job.opts.delay ?? 0)));
    },
    { connection: workerConnection, prefix: `${rawPrefix}bull`, concurrency: CONCURRENCY },
  );
  await worker.waitUntilReady();
  const plan = timeline(Date.now() + 1000);
  const adds = [];
  for (const [i, { openAt, dueAt }] of plan.entries()) {
    await sleepUntil(openAt);
    adds.push(
      queue.add(
        QUEUE,
        { bench: true, i },
        { ...JOB_OPTIONS, jobId: `bare-${i}`, delay: Math.max(0, dueAt - Date.now()) },
      ),
    );
  }
  await Promise.all(adds);
  const deadline = plan.at(-1).dueAt + 60_000;
  while (late.length < TICKETS && Date.now() < deadline) await sleep(200);
  await worker.close();
  await queue.close();
  connection.disconnect();
  workerConnection.disconnect();
  return { ...distribution(late), expected: TICKETS, measured: 'processedOn - (timestamp + delay)' };
}

/**
 * Tickets opened through the real path (ticket.opened on Kafka) while the 100k wait in the
 * service's prefix; every sla.attached / sla.breached is read back from the service's event store.
 */
async function serviceLateness(redis, db, tickets, servicePrefix, warmUp, service) {
  const phaseStart = Date.now();
  const plan = timeline(phaseStart + 1000);
  const publishedAt = new Map();
  const sends = [];
  for (const { openAt, dueAt } of plan) {
    await sleepUntil(openAt);
    // opened a minute before its deadline: the one-minute TTO ends LEAD_MS from now
    const ticketId = uuidv7();
    publishedAt.set(ticketId, Date.now());
    sends.push(tickets.open(new Date(dueAt - 60_000), ticketId));
  }
  await Promise.all(sends);
  const expected = TICKETS + 1; // and the warm-up's
  const deadline = plan.at(-1).dueAt + 120_000;
  while ((await breachCount(db)) < expected && Date.now() < deadline) {
    if (service.exitCode !== null) throw new Error(`the sla service exited (${service.exitCode}):\n${service.tail()}`);
    await sleep(2000);
  }

  const commits = await db
    .collection('events')
    .find({ 'events.type': { $in: ['sla.attached', 'sla.breached'] } })
    .toArray();
  const attachedAt = new Map();
  const breaches = new Map();
  for (const event of commits.flatMap((commit) => commit.events)) {
    const ticketId = event.data.ticketId;
    if (!publishedAt.has(ticketId) || ticketId === warmUp) continue;
    if (event.type === 'sla.attached' && !attachedAt.has(ticketId))
      attachedAt.set(ticketId, Date.parse(event.occurredAt));
    if (event.type === 'sla.breached') breaches.set(ticketId, [...(breaches.get(ticketId) ?? []), event]);
  }
  const late = [];
  for (const [, events] of breaches) late.push(Date.parse(events[0].occurredAt) - Date.parse(events[0].data.dueAt));
  const attach = [...attachedAt].map(([ticketId, at]) => at - publishedAt.get(ticketId));

  // where the lateness goes: BullMQ's own events stream says when each job became active
  const activeAt = new Map();
  for (const [id, fields] of await redis.xrange(`${servicePrefix}bull:${QUEUE}:events`, `${phaseStart}-0`, '+')) {
    const entry = Object.fromEntries(fields.flatMap((value, i) => (i % 2 ? [] : [[value, fields[i + 1]]])));
    if (entry.event === 'active' && !activeAt.has(entry.jobId)) activeAt.set(entry.jobId, Number(id.split('-')[0]));
  }
  const dueToActive = [];
  const activeToStored = [];
  for (const [ticketId, [event]] of breaches) {
    const active = activeAt.get(`${ticketId}.${event.data.slaId}.${event.data.levelId}`);
    if (active === undefined) continue;
    dueToActive.push(active - Date.parse(event.data.dueAt));
    activeToStored.push(Date.parse(event.occurredAt) - active);
  }
  return {
    breach: {
      ...distribution(late),
      expected: TICKETS,
      duplicates: [...breaches.values()].filter((events) => events.length > 1).length,
      measured: 'sla.breached occurredAt - data.dueAt',
      pendingTimersMeanwhile: TIMERS,
      breakdown: {
        dueToJobActive: distribution(dueToActive),
        jobActiveToBreachStored: distribution(activeToStored),
      },
    },
    attach: {
      ...distribution(attach),
      measured: 'sla.attached occurredAt - just before ticket.opened was sent to Kafka',
    },
  };
}

const breachCount = (db) => db.collection('events').countDocuments({ 'events.type': 'sla.breached' });

// ---------------------------------------------------------------------------------------------
// the service, identity and tickets as sla sees them

function startService(serviceEnv) {
  const child = spawn(process.execPath, [path.join(here, '../apps/sla/dist/main.js')], {
    env: serviceEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // its last lines, to say why when it does not come up
  const lines = [];
  const keep = (chunk) => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - 40));
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.tail = () => lines.join('\n');
  return child;
}

/** What the service learns from identity: the root entity and the bench user. */
async function publishIdentity(kafka, prefix) {
  const topic = topicFor('identity', prefix);
  await ensureTopics(kafka, [topic, `${topic}.dlq`]);
  const producer = createIdempotentProducer(kafka);
  await producer.connect();
  const userId = uuidv7();
  await producer.send({
    topic,
    acks: -1,
    messages: [
      envelope('entity-root', 'root', 1, new Date(), 'entity.created', {
        entityId: 'root',
        name: 'Entité racine',
        parentId: null,
        settings: { autoCloseMode: 'never', autoCloseDelayDays: 0, calendarId: null },
      }),
      envelope(`user-${userId}`, 'root', 1, new Date(), 'user.registered', {
        userId,
        login: 'bench',
        firstName: '',
        lastName: 'bench',
        emails: [],
        phone: null,
        location: null,
        active: true,
        defaultEntityId: 'root',
        defaultProfileId: 'super-admin',
      }),
    ],
  });
  await producer.disconnect();
  return userId;
}

/** The tickets service as sla sees it: ticket.opened envelopes on its topic (as TicketFixture plays them). */
class TicketPublisher {
  constructor(kafka, prefix, requesterId) {
    this.kafka = kafka;
    this.topic = topicFor('tickets', prefix);
    this.producer = createIdempotentProducer(kafka);
    this.requester = { kind: 'user', id: requesterId };
  }

  async connect() {
    await ensureTopics(this.kafka, [this.topic, `${this.topic}.dlq`]);
    await this.producer.connect();
  }

  disconnect() {
    return this.producer.disconnect();
  }

  async open(openedAt, ticketId = uuidv7()) {
    await this.producer.send({
      topic: this.topic,
      acks: -1,
      messages: [
        envelope(`ticket-${ticketId}`, 'root', 1, openedAt, 'ticket.opened', {
          ticketId,
          entityId: 'root',
          title: 'Poste lent',
          description: 'Le poste met dix minutes à démarrer.',
          type: 'incident',
          categoryId: null,
          urgency: 3,
          impact: 3,
          priority: 3,
          priorityOverridden: false,
          source: 'phone',
          location: null,
          items: [],
          requesters: [this.requester],
          observers: [],
          assignees: [],
          recipientId: this.requester.id,
        }),
      ],
    });
    return ticketId;
  }
}

function envelope(streamId, entityId, sequence, occurredAt, type, data) {
  return {
    key: streamId,
    value: JSON.stringify({
      id: uuidv7(),
      type,
      schemaVersion: 1,
      streamId,
      sequence,
      entityId,
      occurredAt: occurredAt.toISOString(),
      actor: { kind: 'system', id: 'bench' },
      correlationId: randomUUID(),
      causationId: randomUUID(),
      data,
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// helpers

async function ready(url) {
  const answer = await fetch(`${url}/health/ready`).catch(() => null);
  return answer?.status === 200;
}

async function post(url, token, route, body) {
  const response = await fetch(`${url}${route}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

async function ok(answer) {
  const { status, body } = await answer;
  if (status >= 300) throw new Error(`${status} ${JSON.stringify(body)}`);
  return body;
}

/** Polls `check` until it holds; fails early, with its last lines, if the service exits. */
async function until(service, check, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (service.exitCode !== null) throw new Error(`the sla service exited (${service.exitCode}):\n${service.tail()}`);
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline)
      throw new Error(`waited ${timeoutMs / 1000} s for ${what}; service said:\n${service.tail()}`);
    await sleep(250);
  }
}

async function sleepUntil(at) {
  const wait = at - Date.now();
  if (wait > 0) await sleep(wait);
}

/** SCAN + UNLINK by prefix, in batches: Redis may be shared with tests, so never FLUSHALL. */
async function deleteByPrefix(redis, prefix) {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (found.length > 0) deleted += await redis.unlink(...found);
  } while (cursor !== '0');
  return deleted;
}

async function deleteTopics(kafka, prefix) {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}
