// Does sla keep up with ticket creations (issue 13, item 4)? The real tickets service, on the sla
// service's topic prefix, takes POST /api/tickets at concurrency 32 for a while; sla attaches its
// agreement to each ticket from the ticket.opened events. Both share the machine, as in production
// on a small node. The baseline is the creation rate measured in the same run: sla keeps up when it
// attaches at least as fast (ratio >= 1), i.e. it has caught up when the load ends.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { benchServiceEnv, stopService } from './bench-service.mjs';
import { distribution, round, sleep } from './stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const SECONDS = Number(process.env.BENCH_SLA_KEEP_UP_SECONDS ?? 20);
const PORT = Number(process.env.BENCH_SLA_TICKETS_PORT ?? 3904);
/** how long sla may take to catch up after the load before the bench gives up */
const CATCH_UP_LIMIT_MS = 10 * 60_000;

/**
 * `slaEnv`: the sla service's environment (its topic prefix is shared with tickets); `slaDb`: its
 * database, where its `sla.attached` events are counted.
 */
export async function keepingUp(env, slaEnv, slaDb, mongo, token, publicKey) {
  const ticketsEnv = {
    ...benchServiceEnv(env, { name: 'sla-tickets', run: Date.now(), port: PORT, publicKey }),
    KAFKA_TOPIC_PREFIX: slaEnv.KAFKA_TOPIC_PREFIX,
  };
  // what sla attached before the tickets service existed (the tickets the bench published itself)
  const attachedBaseline = await attachedCount(slaDb);
  const tickets = spawn(process.execPath, [path.join(here, '../apps/tickets/dist/main.js')], {
    env: ticketsEnv,
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${PORT}`;
  const ticketsDb = mongo.db(ticketsEnv.MONGO_DB);
  try {
    await untilCreating(url, token);
    const opened = await openedCount(ticketsDb);
    await untilAttached(slaDb, attachedBaseline + opened); // the warm-up creations
    const before = { attached: attachedBaseline + opened, opened };
    const loadStart = new Date().toISOString();
    const load = await autocannon({
      url: `${url}/api/tickets`,
      connections: 32,
      duration: SECONDS,
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Imprimante en panne', description: 'Bac 2 vide', urgency: 3, impact: 3 }),
    });
    const created = (await openedCount(ticketsDb)) - before.opened;
    await untilAttached(slaDb, before.attached + created);
    // the times each service stored: polling the counts (collection scans here) would time the polling
    const openedAt = await eventTimes(ticketsDb, 'ticket.opened', loadStart);
    const attachedAt = await eventTimes(slaDb, 'sla.attached', loadStart);
    const byCreation = [...openedAt].sort(([, a], [, b]) => a - b);
    const lags = byCreation.map(([ticketId, at]) => attachedAt.get(ticketId) - at);
    const quarter = Math.floor(lags.length / 4);
    const createdPerSecond = rate(openedAt);
    const attachedPerSecond = rate(attachedAt);
    return {
      concurrency: 32,
      seconds: SECONDS,
      created,
      createdPerSecond: round(createdPerSecond, 1),
      errors: load.errors + load.non2xx,
      attachedPerSecond: round(attachedPerSecond, 1),
      ratioToCreations: round(attachedPerSecond / createdPerSecond, 2),
      attachLagMs: distribution(lags),
      // a backlog would show as a lag growing from the first tickets to the last
      attachLagMsFirstQuarter: distribution(lags.slice(0, quarter)),
      attachLagMsLastQuarter: distribution(lags.slice(-quarter)),
      lastAttachedAfterLastCreatedMs: Math.max(...attachedAt.values()) - Math.max(...openedAt.values()),
      measured:
        'rates from the stored events: ticket.opened (tickets) and sla.attached (sla) of the tickets created during the ' +
        'load, count / (last - first); lag: sla.attached occurredAt - ticket.opened occurredAt per ticket',
    };
  } finally {
    await stopService(tickets);
    await ticketsDb.dropDatabase().catch(() => undefined);
  }
}

/** The tickets service answers and knows the bench user (the first creation succeeds). */
async function untilCreating(url, token) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const status = await fetch(`${url}/api/tickets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'warm-up', description: 'warm-up', urgency: 3, impact: 3 }),
    }).then(
      (answer) => answer.status,
      () => 0,
    );
    if (status === 201) return;
    await sleep(300);
  }
  throw new Error('the tickets service did not create a ticket within 120 s');
}

/** ticketId -> occurredAt (ms) of each event of `type` stored from `since` on. */
async function eventTimes(db, type, since) {
  const commits = await db
    .collection('events')
    .find(
      { 'events.type': type },
      { projection: { 'events.type': 1, 'events.occurredAt': 1, 'events.data.ticketId': 1 } },
    )
    .toArray();
  const times = new Map();
  for (const event of commits.flatMap((commit) => commit.events)) {
    if (event.type !== type || event.occurredAt < since || times.has(event.data.ticketId)) continue;
    times.set(event.data.ticketId, Date.parse(event.occurredAt));
  }
  return times;
}

/** Events per second between the first and the last. */
function rate(times) {
  const all = [...times.values()];
  return all.length / ((Math.max(...all) - Math.min(...all)) / 1000);
}

const countEvents = (db, type) => db.collection('events').countDocuments({ 'events.type': type });
const attachedCount = (db) => countEvents(db, 'sla.attached');
const openedCount = (db) => countEvents(db, 'ticket.opened');

async function untilAttached(slaDb, count) {
  const deadline = Date.now() + CATCH_UP_LIMIT_MS;
  while ((await attachedCount(slaDb)) < count) {
    if (Date.now() > deadline) throw new Error(`sla attached fewer than ${count} agreements in time`);
    await sleep(100);
  }
}
