// The tickets service under HTTP load (issue: tickets service): creations per second at
// concurrency 1 and 32 (autocannon), and at 32 in turns with a mixed command load on the tickets
// created (follow-ups, tasks, status changes, solutions; issue: service kit, part 7),
// create-to-visible latency, and list queries over 100,000 tickets, each next to a raw baseline
// measured on the same machine in the same run. The list runs on a service restarted over the
// filled read model: its list index loads it at start.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { MongoClient } from 'mongodb';
import { benchServiceEnv, rsaKeys, stopService } from './bench-service.mjs';
import { publishIdentity, superAdminToken } from './tickets-identity.mjs';
import { rawWritePatterns } from './raw-write-patterns.mjs';
import { percentile, round, sleep } from './stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const PORT = Number(process.env.BENCH_TICKETS_PORT ?? 3902);
const LIST_SIZE = Number(process.env.BENCH_TICKETS ?? 100_000);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
/** turns of creations and mixed commands at concurrency 32 */
const TURNS = Number(process.env.BENCH_TURNS ?? 5);

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
    const { creations, mixedCommands } = await creationsBesideCommands(url, token, db);
    const rawDriverWrites = await rawWritePatterns(db, { seconds: DURATION, turns: TURNS });
    const createToVisibleMs = await createToVisible(url, token);
    const collection = await fill(db);
    // a replica starting over the filled read model (what the bench wrote bypasses the events)
    await stopService(service, 30_000);
    const restarted = performance.now();
    service = spawn(process.execPath, [path.join(here, '../apps/tickets/dist/main.js')], {
      env: { ...serviceEnv, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    // the list index feed's log once loaded and caught up ("ready: … loaded, caught up in … ms")
    const indexReady = await untilLogged(service, 'caught up in', 600_000);
    const indexReadyAfterStartMs = round(performance.now() - restarted);
    await untilListening(url);
    return {
      creations,
      mixedCommands: {
        ...mixedCommands,
        perCreation: round(mixedCommands.commandsPerSecond / creations.concurrency32.createdPerSecond, 2),
      },
      rawDriverWrites,
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
export function untilLogged(child, text, timeoutMs) {
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
export async function untilListening(url) {
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

/**
 * Creations at concurrency 1, then at 32 in turns with the mixed commands (TURNS turns of
 * DURATION / TURNS seconds each): what else loads the machine weighs on both alike.
 */
async function creationsBesideCommands(url, token, db) {
  const result = { concurrency1: await creationsAt(url, token, 1, DURATION) };
  const created = [];
  const commanded = [];
  const mixed = mixedCommands(url, token, db);
  for (let turn = 0; turn < TURNS; turn++) {
    created.push(await createLoad(url, token, 32, DURATION / TURNS));
    commanded.push(await mixed.load(DURATION / TURNS));
  }
  result.concurrency32 = {
    ...figures(created, 'createdPerSecond'),
    baselineHealthLivePerSecond: await healthLive(url, 32),
  };
  return {
    creations: result,
    mixedCommands: { concurrency: 32, ...figures(commanded, 'commandsPerSecond'), sent: mixed.sent },
  };
}

async function creationsAt(url, token, connections, seconds) {
  const created = await createLoad(url, token, connections, seconds);
  return { ...figures([created], 'createdPerSecond'), baselineHealthLivePerSecond: await healthLive(url, connections) };
}

const createLoad = (url, token, connections, seconds) =>
  autocannon({
    url: `${url}/api/tickets`,
    connections,
    duration: seconds,
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(ticketBody('Imprimante en panne')),
  });

/** The same app answering its cheapest route: what HTTP, Nest and the guard cost without the work. */
async function healthLive(url, connections) {
  const answered = await autocannon({ url: `${url}/health/live`, connections, duration: DURATION });
  return round(answered.requests.average, 1);
}

/** Rate over all turns; p50: the median turn's, p99: the worst turn's. */
function figures(turns, rateName) {
  const requests = turns.reduce((sum, turn) => sum + turn.requests.total, 0);
  const seconds = turns.reduce((sum, turn) => sum + turn.duration, 0);
  const p50s = turns.map((turn) => turn.latency.p50).sort((x, y) => x - y);
  return {
    [rateName]: round(requests / seconds, 1),
    latencyP50Ms: p50s[Math.floor(p50s.length / 2)],
    latencyP99Ms: Math.max(...turns.map((turn) => turn.latency.p99)),
    errors: turns.reduce((sum, turn) => sum + turn.errors + turn.non2xx, 0),
    ...(turns.length > 1 && { turns: turns.length }),
  };
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
 * The mixed commands, turn after turn where the last one stopped: window after window of the
 * tickets new at the first turn, each step for every ticket of the window before the next step.
 * Past the last ticket, follow-ups on solved ones. `sent` counts the commands by step.
 */
function mixedCommands(url, token, db) {
  const sent = {};
  let ids;
  let next = 0;
  const nextRequest = () => {
    const windows = Math.max(1, Math.floor(ids.length / MIXED_WINDOW));
    const pass = Math.floor(next / (MIXED_WINDOW * MIXED_STEPS.length));
    const inPass = next++ % (MIXED_WINDOW * MIXED_STEPS.length);
    const step = pass < windows ? MIXED_STEPS[Math.floor(inPass / MIXED_WINDOW)] : MIXED_STEPS[0];
    const ticketId = ids[((pass % windows) * MIXED_WINDOW + (inPass % MIXED_WINDOW)) % ids.length];
    sent[step.name] = (sent[step.name] ?? 0) + 1;
    return { method: 'POST', path: `/api/tickets/${ticketId}/${step.path}`, body: JSON.stringify(step.body) };
  };
  return {
    sent,
    async load(seconds) {
      ids ??= (
        await db
          .collection('ticket_view')
          .find({ status: 'new' }, { projection: { ticketId: 1 } })
          .toArray()
      ).map((doc) => doc.ticketId);
      return autocannon({
        url,
        connections: 32,
        duration: seconds,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        requests: [{ setupRequest: (request) => ({ ...request, ...nextRequest() }) }],
      });
    },
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

/**
 * Fills the read model up to `size` tickets (documents shaped as the projection writes them),
 * spread over `entities` (the web bench puts them all on the root entity its users see).
 */
export async function fill(db, size = LIST_SIZE, entities = Array.from({ length: 10 }, (_, i) => `entity-${i}`)) {
  const collection = db.collection('ticket_view');
  const present = await collection.countDocuments();
  const statuses = ['new', 'assigned', 'planned', 'pending', 'solved', 'closed'];
  const start = Date.parse('2026-01-01T00:00:00Z');
  for (let from = present; from < size; from += 1000) {
    const docs = Array.from({ length: Math.min(1000, size - from) }, (_, k) => {
      const i = from + k;
      const ticketId = randomUUID();
      const at = new Date(start + i * 60_000).toISOString();
      return {
        _id: `ticket-${ticketId}`,
        _sequence: 1,
        ticketId,
        entityId: entities[i % entities.length],
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
