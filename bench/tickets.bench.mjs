// The tickets service under HTTP load (issue: tickets service): creations per second at
// concurrency 1 and 32 (autocannon), a mixed command load on the tickets created (follow-ups,
// tasks, status changes, solutions, concurrency 32), create-to-visible latency, and list queries
// over 100,000 tickets, each next to a raw baseline measured on the same machine in the same run. The list
// runs on a service restarted over the filled read model: its list index loads it at start.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { MongoClient } from 'mongodb';
import { benchServiceEnv, rsaKeys, stopService } from './bench-service.mjs';
import { publishIdentity, superAdminToken } from './tickets-identity.mjs';
import { percentile, round, sleep } from './stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const PORT = Number(process.env.BENCH_TICKETS_PORT ?? 3902);
const LIST_SIZE = Number(process.env.BENCH_TICKETS ?? 100_000);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);

export default async function ticketsBench(env) {
  const run = Date.now();
  const keys = rsaKeys();
  const serviceEnv = benchServiceEnv(env, { name: 'tickets', run, port: PORT, publicKey: keys.publicKey });
  const mongo = await MongoClient.connect(env.MONGO_URL);
  let service = spawn(process.execPath, [path.join(here, '../apps/tickets/dist/main.js')], {
    env: serviceEnv,
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${PORT}`;
  try {
    const userId = await publishIdentity(env, serviceEnv.KAFKA_TOPIC_PREFIX);
    const token = superAdminToken(keys, userId);
    await untilReady(url, token);
    const db = mongo.db(serviceEnv.MONGO_DB);
    const created = await creations(url, token);
    const mixed = await mixedCommands(url, token, db);
    const createToVisibleMs = await createToVisible(url, token);
    const collection = await fill(db);
    // a replica starting over the filled read model (what the bench wrote bypasses the events)
    await stopService(service, 30_000);
    const restarted = performance.now();
    service = spawn(process.execPath, [path.join(here, '../apps/tickets/dist/main.js')], {
      env: { ...serviceEnv, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const indexReady = await untilLogged(service, 'ticket list index ready', 600_000);
    const indexReadyAfterStartMs = round(performance.now() - restarted);
    await untilListening(url);
    return {
      creations: created,
      mixedCommands: {
        ...mixed,
        perCreation: round(mixed.commandsPerSecond / created.concurrency32.createdPerSecond, 2),
      },
      createToVisibleMs,
      listQuery: {
        ...(await listQueries(url, token, collection)),
        indexReadyAfterStartMs,
        indexReadyLog: indexReady,
      },
    };
  } finally {
    service.kill('SIGTERM');
    await sleep(500);
    await mongo
      .db(serviceEnv.MONGO_DB)
      .dropDatabase()
      .catch(() => undefined);
    await mongo.close();
  }
}

/** The message of the first log line of the process that contains `text` (pino JSON lines). */
function untilLogged(child, text, timeoutMs) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the tickets service did not log "${text}" in time`)), timeoutMs);
    child.once('exit', (code) => reject(new Error(`the tickets service exited (${code})`)));
    // the interface stays open: it keeps draining the pipe, which would block the service when full
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.includes(text)) return;
      clearTimeout(timer);
      try {
        resolve(JSON.parse(line).msg ?? line);
      } catch {
        resolve(line);
      }
    });
  });
}

/** Answers HTTP (the index may be ready before the server listens). */
async function untilListening(url) {
  for (let tries = 0; tries < 600; tries++) {
    const status = await fetch(`${url}/health/live`).then(
      (answer) => answer.status,
      () => 0,
    );
    if (status === 200) return;
    await sleep(100);
  }
  throw new Error('the restarted tickets service does not answer');
}

/** Ready once it answers and has heard of the bench user (a ticket can be opened). */
async function untilReady(url, token) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const answer = await post(url, token, ticketBody('warm-up')).catch(() => ({ status: 0 }));
    if (answer.status === 201) return;
    await sleep(300);
  }
  throw new Error('the tickets service did not come up within 120 s');
}

const ticketBody = (title) => ({ title, description: 'Benchmark ticket', urgency: 3, impact: 3 });

async function post(url, token, body) {
  const response = await fetch(`${url}/api/tickets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

async function creations(url, token) {
  const load = (connections, target) =>
    autocannon({
      url: `${url}${target}`,
      connections,
      duration: DURATION,
      method: target === '/api/tickets' ? 'POST' : 'GET',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: target === '/api/tickets' ? JSON.stringify(ticketBody('Imprimante en panne')) : undefined,
    });
  const result = {};
  for (const connections of [1, 32]) {
    const created = await load(connections, '/api/tickets');
    // the same app answering its cheapest route: what HTTP, Nest and the guard cost without the work
    const baseline = await load(connections, '/health/live');
    result[`concurrency${connections}`] = {
      createdPerSecond: round(created.requests.average, 1),
      latencyP50Ms: created.latency.p50,
      latencyP99Ms: created.latency.p99,
      errors: created.errors + created.non2xx,
      baselineHealthLivePerSecond: round(baseline.requests.average, 1),
    };
  }
  return result;
}

/** What the mixed load asks of each ticket, in this order: legal from `new` on, and it ends solved. */
const MIXED_STEPS = [
  { name: 'follow-up', path: 'followups', body: { content: 'Le bac 2 est vide.' } },
  { name: 'task', path: 'tasks', body: { content: 'Recharger le bac', durationMinutes: 15 } },
  { name: 'status pending', path: 'status', body: { status: 'pending' } },
  { name: 'status processing', path: 'status', body: { status: 'processing' } },
  { name: 'follow-up', path: 'followups', body: { content: 'Bac rechargé, à surveiller.' } },
  { name: 'solution', path: 'solution', body: { content: 'Bac rechargé.' } },
];
/** tickets worked on side by side: one ticket's next step is sent this many requests after its last */
const MIXED_WINDOW = 96;

/**
 * Commands on existing tickets at concurrency 32: window after window of tickets, each step for
 * every ticket of the window before the next step. Past the last ticket, follow-ups on solved ones.
 */
async function mixedCommands(url, token, db) {
  const ids = (
    await db
      .collection('ticket_view')
      .find({ status: 'new' }, { projection: { ticketId: 1 } })
      .toArray()
  ).map((doc) => doc.ticketId);
  const windows = Math.max(1, Math.floor(ids.length / MIXED_WINDOW));
  const sent = Object.fromEntries(MIXED_STEPS.map((step) => [step.name, 0]));
  let next = 0;
  const nextRequest = () => {
    const pass = Math.floor(next / (MIXED_WINDOW * MIXED_STEPS.length));
    const inPass = next++ % (MIXED_WINDOW * MIXED_STEPS.length);
    const step = pass < windows ? MIXED_STEPS[Math.floor(inPass / MIXED_WINDOW)] : MIXED_STEPS[0];
    const ticketId = ids[((pass % windows) * MIXED_WINDOW + (inPass % MIXED_WINDOW)) % ids.length];
    sent[step.name]++;
    return { method: 'POST', path: `/api/tickets/${ticketId}/${step.path}`, body: JSON.stringify(step.body) };
  };
  const result = await autocannon({
    url,
    connections: 32,
    duration: DURATION,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    requests: [{ setupRequest: (request) => ({ ...request, ...nextRequest() }) }],
  });
  return {
    concurrency: 32,
    commandsPerSecond: round(result.requests.average, 1),
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    errors: result.errors + result.non2xx,
    sent,
    tickets: Math.min(ids.length, Math.ceil(next / MIXED_STEPS.length)),
  };
}

/** From the creation request to the ticket heading the newest-first list of new tickets. */
async function createToVisible(url, token, samples = 100) {
  const waits = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    const created = await post(url, token, ticketBody(`visible-${i}`));
    for (;;) {
      const list = await (
        await fetch(`${url}/api/tickets?status=new&entityId=root&sort=openedAt&order=desc&limit=1`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).json();
      if (list.items[0]?.ticketId === created.body.ticketId) break;
      await sleep(2);
    }
    waits.push(performance.now() - started);
  }
  return { p50: percentile(waits, 50), p99: percentile(waits, 99), samples };
}

/** Fills the read model up to LIST_SIZE tickets (documents shaped as the projection writes them). */
async function fill(db) {
  const collection = db.collection('ticket_view');
  const present = await collection.countDocuments();
  const statuses = ['new', 'assigned', 'planned', 'pending', 'solved', 'closed'];
  const entities = Array.from({ length: 10 }, (_, i) => `entity-${i}`);
  const start = Date.parse('2026-01-01T00:00:00Z');
  for (let from = present; from < LIST_SIZE; from += 1000) {
    const docs = Array.from({ length: Math.min(1000, LIST_SIZE - from) }, (_, k) => {
      const i = from + k;
      const ticketId = randomUUID();
      const at = new Date(start + i * 60_000).toISOString();
      return {
        _id: `ticket-${ticketId}`,
        _sequence: 1,
        ticketId,
        entityId: entities[i % 10],
        title: `Ticket ${i}`,
        description: '',
        type: i % 3 ? 'incident' : 'request',
        categoryId: null,
        urgency: 3,
        impact: 3,
        priority: 1 + (i % 5),
        priorityOverridden: false,
        source: 'helpdesk',
        location: null,
        items: [],
        recipientId: 'bench',
        status: statuses[i % 6],
        actors: { requester: [], observer: [], assignee: [] },
        actorIndex: [],
        openedAt: at,
        updatedAt: at,
        takenIntoAccountAt: null,
        solvedAt: null,
        closedAt: null,
        pendingSince: null,
        waitingSeconds: 0,
        timeline: [],
        totalDurationMinutes: 0,
        tasksDonePercent: null,
        validationStatus: 'none',
        satisfaction: null,
      };
    });
    await collection.insertMany(docs, { ordered: false });
  }
  return collection;
}

async function listQueries(url, token, collection, samples = 100, coldPages = 50) {
  const statuses = ['new', 'assigned', 'planned', 'pending'];
  const path = '/api/tickets?status=notold&entityId=entity-3&sort=openedAt&order=desc&limit=20';
  const timed = async (operation) => {
    const started = performance.now();
    await operation();
    return performance.now() - started;
  };
  // the bare driver, best form on this server: one equality query and count per status, merged
  const rawFanOut = () =>
    Promise.all(
      statuses.map((status) =>
        Promise.all([
          collection.find({ entityId: 'entity-3', status }).sort({ openedAt: -1 }).limit(20).toArray(),
          collection.countDocuments({ entityId: 'entity-3', status }),
        ]),
      ),
    );
  // the bare driver, the textbook form ($in, two-field sort): what MongoDB would run from its index
  const rawSingle = () =>
    Promise.all([
      collection
        .find({ entityId: 'entity-3', status: { $in: statuses } })
        .sort({ openedAt: -1, _id: -1 })
        .limit(20)
        .toArray(),
      collection.countDocuments({ entityId: 'entity-3', status: { $in: statuses } }),
    ]);
  const listOnce = async () => {
    const answer = await (await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } })).json();
    if (answer.items.length !== 20) throw new Error(`list answered ${answer.items.length} items`);
  };
  const api = [];
  const raw = [];
  for (let i = 0; i < samples; i++) {
    api.push(await timed(listOnce));
    raw.push(await timed(rawFanOut));
  }
  // the same query with nothing in between: no heavy baseline query still weighing on FerretDB
  const alone = [];
  for (let i = 0; i < samples; i++) alone.push(await timed(listOnce));
  // pages 2 to 51 of the same list, once each: tickets the service has not read yet (no cached document)
  const cold = [];
  for (let page = 2; page < 2 + coldPages; page++) {
    cold.push(
      await timed(async () => {
        const answer = await (
          await fetch(`${url}${path}&page=${page}`, { headers: { authorization: `Bearer ${token}` } })
        ).json();
        if (answer.items.length !== 20) throw new Error(`page ${page} answered ${answer.items.length} items`);
      }),
    );
  }
  const single = [];
  for (let i = 0; i < 5; i++) single.push(await timed(rawSingle));
  return {
    tickets: await collection.countDocuments(),
    query: path,
    apiP50Ms: percentile(api, 50),
    apiP99Ms: percentile(api, 99),
    rawDriverFanOutP50Ms: percentile(raw, 50),
    rawDriverFanOutP99Ms: percentile(raw, 99),
    rawDriverSingleQueryP50Ms: percentile(single, 50),
    samples,
    apiAloneP50Ms: percentile(alone, 50),
    apiAloneP99Ms: percentile(alone, 99),
    apiColdPagesP50Ms: percentile(cold, 50),
    apiColdPagesP99Ms: percentile(cold, 99),
    coldPages,
  };
}
