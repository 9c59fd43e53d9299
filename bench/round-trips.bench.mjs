// Database round trips per ticket command (issue: service kit, part 7). The built tickets service
// runs in this process with the driver's command monitor on its own connection; each command the
// driver starts on behalf of an HTTP request (AsyncLocalStorage, from an Express middleware down)
// is counted for that request, by operation and collection. What runs outside any request (outbox
// relay, Kafka consumers, list-index feed) is counted apart, as background. Requests go one at a
// time, over BENCH_ROUND_TRIP_TICKETS tickets (default 20) per command, after a warm-up lifecycle.
import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createService, MONGO_CONNECTION } from '@itsm/runtime';
import { MongoClient } from 'mongodb';
import { TICKETS_SERVICE } from '../apps/tickets/dist/tickets.app.js';
import { TicketsModule } from '../apps/tickets/dist/tickets.module.js';
import { benchServiceEnv, rsaKeys } from './bench-service.mjs';
import { round, sleep } from './stats.mjs';
import { publishIdentity, superAdminToken } from './tickets-identity.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const TICKETS = Number(process.env.BENCH_ROUND_TRIP_TICKETS ?? 20);
/** the "before" figures this run is compared with, when the file exists */
const BEFORE = path.join(here, 'results', 'round-trips.before.json');
/** background work a phase's commits cause after its last answer (relay turn, consumers, feed) */
const SETTLE_MS = 1000;

const KINDS = { find: 'read', getMore: 'read', count: 'read', aggregate: 'read', insert: 'insert' };
const kindOf = (commandName) =>
  KINDS[commandName] ?? { update: 'update', findAndModify: 'update', delete: 'delete' }[commandName] ?? 'other';

/** The ten commands, in lifecycle order: each runs once on every ticket before the next one. */
const COMMANDS = [
  { name: 'open', route: 'POST /api/tickets', send: (api) => api.post('/api/tickets', newTicket()) },
  {
    name: 'update',
    route: 'PATCH /api/tickets/:id (title and urgency)',
    send: (api, t) => api.patch(`/api/tickets/${t.id}`, { title: 'Imprimante hors service', urgency: 4 }),
  },
  {
    name: 'add actor',
    route: 'POST /api/tickets/:id/actors (assignee)',
    send: (api, t) => api.post(`/api/tickets/${t.id}/actors`, { role: 'assignee', kind: 'user', id: api.userId }),
  },
  {
    name: 'follow-up',
    route: 'POST /api/tickets/:id/followups',
    send: (api, t) => api.post(`/api/tickets/${t.id}/followups`, { content: 'Le bac 2 est vide.' }),
  },
  {
    name: 'add task',
    route: 'POST /api/tickets/:id/tasks',
    send: (api, t) => api.post(`/api/tickets/${t.id}/tasks`, { content: 'Recharger le bac', durationMinutes: 15 }),
  },
  {
    name: 'update task',
    route: 'PATCH /api/tickets/:id/tasks/:taskId',
    send: (api, t) => api.patch(`/api/tickets/${t.id}/tasks/${t.taskId}`, { state: 'done' }),
  },
  {
    name: 'status pending',
    route: 'POST /api/tickets/:id/status (pending)',
    send: (api, t) => api.post(`/api/tickets/${t.id}/status`, { status: 'pending' }),
  },
  {
    name: 'solution',
    route: 'POST /api/tickets/:id/solution',
    send: (api, t) => api.post(`/api/tickets/${t.id}/solution`, { content: 'Bac rechargé.' }),
  },
  {
    name: 'approve solution',
    route: 'POST /api/tickets/:id/solution/approve',
    send: (api, t) => api.post(`/api/tickets/${t.id}/solution/approve`),
  },
  {
    name: 'reopen',
    route: 'POST /api/tickets/:id/reopen',
    send: (api, t) => api.post(`/api/tickets/${t.id}/reopen`, { reason: 'Le bac se vide encore.' }),
  },
];

const newTicket = () => ({ title: "Problème d'impression", description: 'Le bac 2 ne prend plus.', urgency: 3 });

export default async function roundTripsBench(env) {
  const run = Date.now();
  const keys = rsaKeys();
  const serviceEnv = benchServiceEnv(env, { name: 'round-trips', run, port: 0, publicKey: keys.publicKey });
  const monitored = new URL(env.MONGO_URL);
  monitored.searchParams.set('monitorCommands', 'true');
  const counter = new RoundTripCounter();
  const app = await createService(
    TicketsModule.register({ ...serviceEnv, MONGO_URL: monitored.toString(), SERVICE_NAME: `round-trips-${run}` }),
    TICKETS_SERVICE,
  );
  app.use(counter.middleware());
  app
    .get(MONGO_CONNECTION)
    .getClient()
    .on('commandStarted', (event) => counter.started(event))
    .on('commandSucceeded', (event) => counter.succeeded(event));
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const mongo = await MongoClient.connect(env.MONGO_URL);
  try {
    const userId = await publishIdentity(env, serviceEnv.KAFKA_TOPIC_PREFIX);
    const api = client(url, superAdminToken(keys, userId), userId);
    await untilOpens(api);
    await lifecycle(api, counter, 2); // warm-up: indexes, collection pointers, directory caches
    counter.takeBackground();
    counter.durations.clear();
    const measured = await lifecycle(api, counter, TICKETS);
    return { ...report(measured), meanMsByOperation: counter.meanDurations() };
  } finally {
    await app.close();
    await mongo
      .db(serviceEnv.MONGO_DB)
      .dropDatabase()
      .catch(() => undefined);
    await mongo.close();
  }
}

/** Counts the driver's commands per HTTP request, and those outside any request. */
class RoundTripCounter {
  requests = new AsyncLocalStorage();
  background = new Map();
  /** where the next request's commands are counted (requests go one at a time) */
  next = new Map();
  /** operation -> [total ms, count] of the measured requests' commands, sent one at a time: near what each costs */
  durations = new Map();
  /** request id of a measured request's command on its way -> its operation */
  inFlight = new Map();
  /** the counts of the request being measured */
  measuring = undefined;

  middleware() {
    return (request, response, next) => this.requests.run(this.next, next);
  }

  started(event) {
    const value = event.command[event.commandName];
    const collection = typeof value === 'string' ? value : (event.command.collection ?? '-');
    const key = `${event.commandName} ${collection}`;
    const counts = this.requests.getStore() ?? this.background;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (counts === this.measuring) this.inFlight.set(event.requestId, key);
  }

  succeeded(event) {
    const key = this.inFlight.get(event.requestId);
    if (!key) return;
    this.inFlight.delete(event.requestId);
    const [ms, count] = this.durations.get(key) ?? [0, 0];
    this.durations.set(key, [ms + event.duration, count + 1]);
  }

  meanDurations() {
    const sorted = [...this.durations].sort(([a], [b]) => a.localeCompare(b));
    return Object.fromEntries(sorted.map(([key, [ms, count]]) => [key, round(ms / count)]));
  }

  /** Sends one request and returns the commands it started. */
  async measure(send) {
    const counts = new Map();
    this.next = counts;
    this.measuring = counts;
    const answer = await send();
    this.next = new Map();
    return { answer, counts };
  }

  takeBackground() {
    const taken = this.background;
    this.background = new Map();
    return taken;
  }
}

/** Runs the ten commands over `count` tickets; per command the summed counts and the statuses. */
async function lifecycle(api, counter, count) {
  const tickets = Array.from({ length: count }, () => ({}));
  const measured = [];
  for (const command of COMMANDS) {
    const request = new Map();
    const statuses = {};
    for (const ticket of tickets) {
      const { answer, counts } = await counter.measure(() => command.send(api, ticket));
      statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
      if (command.name === 'open') ticket.id = answer.body.ticketId;
      if (command.name === 'add task') ticket.taskId = await lastTaskId(api, ticket.id);
      for (const [key, n] of counts) request.set(key, (request.get(key) ?? 0) + n);
    }
    await sleep(SETTLE_MS);
    measured.push({ ...command, request, background: counter.takeBackground(), statuses, count });
  }
  return measured;
}

async function lastTaskId(api, ticketId) {
  const timeline = (await api.get(`/api/tickets/${ticketId}/timeline`)).body;
  return timeline.filter((item) => item.kind === 'task').at(-1).itemId;
}

function report(measured) {
  const before = fs.existsSync(BEFORE) ? JSON.parse(fs.readFileSync(BEFORE, 'utf8')) : undefined;
  const commands = measured.map(({ name, route, request, background, statuses, count }) => ({
    command: name,
    route,
    statuses,
    roundTrips: perRequest(request, count),
    byKind: byKind(request, count),
    byOperation: byOperation(request, count),
    background: { roundTrips: perRequest(background, count), byOperation: byOperation(background, count) },
  }));
  return {
    counted:
      'mean MongoDB commands (driver commandStarted events) started on behalf of one HTTP request, sequential requests on a warm service; background: commands outside any request during the phase and 1 s after, per request',
    ticketsPerCommand: TICKETS,
    commands,
    ...(before && { comparedWith: comparison(before, commands) }),
  };
}

const total = (counts) => [...counts.values()].reduce((sum, n) => sum + n, 0);
const perRequest = (counts, count) => round(total(counts) / count);

function byKind(counts, count) {
  const kinds = {};
  for (const [key, n] of counts) {
    const kind = kindOf(key.split(' ')[0]);
    kinds[kind] = (kinds[kind] ?? 0) + n;
  }
  return Object.fromEntries(Object.entries(kinds).map(([kind, n]) => [kind, round(n / count)]));
}

function byOperation(counts, count) {
  const sorted = [...counts].sort(([a], [b]) => a.localeCompare(b));
  return Object.fromEntries(sorted.map(([key, n]) => [key, round(n / count)]));
}

/** command -> round trips before -> after, by kind, against the stored "before" run. */
function comparison(before, commands) {
  const old = new Map(before.commands.map((entry) => [entry.command, entry]));
  return commands.map(({ command, roundTrips, byKind: kinds }) => ({
    command,
    before: old.get(command)?.roundTrips ?? null,
    after: roundTrips,
    beforeByKind: old.get(command)?.byKind ?? null,
    afterByKind: kinds,
  }));
}

function client(url, token, userId) {
  const call = async (method, route, body) => {
    const response = await fetch(`${url}${route}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  return {
    userId,
    get: (route) => call('GET', route),
    post: (route, body) => call('POST', route, body),
    patch: (route, body) => call('PATCH', route, body),
  };
}

/** Ready once the service has heard of the bench user (a ticket can be opened). */
async function untilOpens(api) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if ((await api.post('/api/tickets', newTicket()).catch(() => ({ status: 0 }))).status === 201) return;
    await sleep(300);
  }
  throw new Error('the tickets service did not open a ticket within 120 s');
}
