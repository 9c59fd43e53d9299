import { IdentityFixture, type FixtureUser } from '@itsm/fixtures';
import { jsonApi } from '@itsm/runtime';
import { eventually, startPrivatePiece, useIsolatedStack, type ManagedIsolatedStack } from '@itsm/testing';
import { MongoClient, type Db } from 'mongodb';
import { startService, type ServiceProcess } from './service-process';

// Kafka stops while 20 clients create tickets, and comes back: tickets stores and publishes every
// ticket, sla's consumers resume by themselves and give each its agreement, tickets shows every
// deadline, and each read model reflects its stream's last event. On a Kafka of this file's own.
// CI runs a short outage with paced clients (sla attaches about 10 tickets/s on a shared 2-core
// machine); ITSM_KAFKA_OUTAGE_SECONDS=30 plays the issue's, clients at full speed (several minutes).
const OUTAGE_SECONDS = Number(process.env.ITSM_KAFKA_OUTAGE_SECONDS ?? 3);
const LONG_FORM = OUTAGE_SECONDS >= 20;
const CLIENTS = 20;
/** each client's pause between two creations */
const PACE_MS = LONG_FORM ? 0 : 2000;
/** load before the outage and after it */
const LOAD_AROUND_SECONDS = 3;

const shared = useIsolatedStack();
let stack: ManagedIsolatedStack;
let kafka: Awaited<ReturnType<typeof startPrivatePiece>>;
let tickets: ServiceProcess;
let sla: ServiceProcess;
let tech: FixtureUser;
let ticketsDb: Db;
let slaDb: Db;

/** The test file's slice, its topics on the private Kafka. */
function onBroker(slice: ManagedIsolatedStack, brokers: string): ManagedIsolatedStack {
  return {
    ...slice,
    kafkaBrokers: brokers,
    serviceEnv: { ...slice.serviceEnv, KAFKA_BROKERS: brokers },
    envFor: (service) => ({ ...slice.envFor(service), KAFKA_BROKERS: brokers }),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  kafka = await startPrivatePiece(shared, 'kafka');
  stack = onBroker(shared, kafka.endpoint);
  const identity = new IdentityFixture(stack);
  await identity.connect();
  await identity.entity('root', 'Entité racine', null);
  const admin = await identity.user('glpi', 'super-admin');
  tech = await identity.user('tech', 'technician');
  [tickets, sla] = await Promise.all([startService(stack, 'tickets'), startService(stack, 'sla')]);
  const mongo = await MongoClient.connect(stack.mongoUrl);
  stack.onTeardown(() => mongo.close());
  ticketsDb = mongo.db(stack.envFor('tickets').MONGO_DB);
  slaDb = mongo.db(stack.envFor('sla').MONGO_DB);

  // every ticket gets a TTO long enough never to breach here
  const define = () =>
    jsonApi(sla.url, admin.token).post('/api/slas', {
      name: 'TTO 8 h',
      agreement: 'sla',
      kind: 'tto',
      duration: 8,
      unit: 'hours',
    });
  let agreement = await define();
  // a 422 while sla has not heard of the super-admin yet
  while (agreement.status === 422) agreement = (await sleep(250), await define());
  expect(agreement.status).toBe(201);
  const rule = await jsonApi(sla.url, admin.token).post('/api/sla-rules', {
    name: 'Tous les tickets',
    slaIds: [agreement.body.slaId],
  });
  expect(rule.status).toBe(201);
  await eventually(async () => (await slaDb.collection('sla_rule_list').countDocuments()) === 1, 30_000, 'the rule');
  await eventually(async () => (await createTicket()).status === 201, 60_000, 'tickets knowing the technician');
}, 240_000);

function createTicket() {
  return jsonApi(tickets.url, tech.token).post('/api/tickets', {
    title: 'Imprimante bloquée',
    description: 'au 2e étage',
  });
}

/** One client creating tickets until told to stop; every answer that is not a 201 is kept. */
async function client(created: string[], failures: string[], running: () => boolean): Promise<void> {
  while (running()) {
    const answer = await createTicket().catch((error: Error) => ({ status: 0, body: { error: error.message } }));
    if (answer.status === 201) created.push(answer.body.ticketId);
    else failures.push(`${answer.status} ${JSON.stringify(answer.body)}`);
    await sleep(PACE_MS);
  }
}

/** The streams whose read model (in `modelDb`) is not at the stream's last event (in `eventsDb`). */
async function behind(modelDb: Db, collection: string, eventsDb: Db, streams: string[]): Promise<string[]> {
  const [docs, commits] = await Promise.all([
    modelDb
      .collection<{ _id: string; _sequence: number }>(collection)
      .find({ _id: { $in: streams } }, { projection: { _sequence: 1 } })
      .toArray(),
    eventsDb
      .collection<{ streamId: string; lastSequence: number }>('events')
      .find({ streamId: { $in: streams } }, { projection: { streamId: 1, lastSequence: 1 } })
      .toArray(),
  ]);
  const last = new Map<string, number>();
  for (const commit of commits)
    last.set(commit.streamId, Math.max(last.get(commit.streamId) ?? 0, commit.lastSequence));
  const reflected = new Map(docs.map((doc) => [doc._id, doc._sequence]));
  return streams.filter((stream) => !last.has(stream) || reflected.get(stream) !== last.get(stream));
}

it(`Kafka stopped ${OUTAGE_SECONDS} s under load: every ticket gets its agreement and every read model catches up exactly`, async () => {
  const created: string[] = [];
  const failures: string[] = [];
  let loading = true;
  const clients = Array.from({ length: CLIENTS }, () => client(created, failures, () => loading));
  await sleep(LOAD_AROUND_SECONDS * 1000);
  await kafka.stop();
  await sleep(OUTAGE_SECONDS * 1000);
  await kafka.start();
  await sleep(LOAD_AROUND_SECONDS * 1000);
  loading = false;
  await Promise.all(clients);

  // creating a ticket needs no Kafka: nothing refused, before, during or after the outage
  expect(failures).toEqual([]);
  expect(created.length).toBeGreaterThan(CLIENTS);
  // Kafka back, the groups rejoin (about 30 s), then sla attaches at its pace (5 tickets/s at worst)
  const catchUpMs = 60_000 + created.length * 200;
  const withAgreement = () =>
    slaDb.collection('ticket_sla').countDocuments({ ticketId: { $in: created }, 'agreements.0': { $exists: true } });
  await eventually(async () => (await withAgreement()) === created.length, catchUpMs, 'an agreement on every ticket');
  const withDeadline = () =>
    ticketsDb
      .collection('ticket_deadlines')
      .countDocuments({ ticketId: { $in: created }, 'slots.tto.deadline': { $type: 'string' } });
  await eventually(async () => (await withDeadline()) === created.length, catchUpMs, 'the TTO shown on every ticket');

  // each read model at its stream's last event: none missed, none ahead
  const ticketStreams = created.map((id) => `ticket-${id}`);
  const slaStreams = created.map((id) => `ticket-sla-${id}`);
  expect(await behind(ticketsDb, 'ticket_view', ticketsDb, ticketStreams)).toEqual([]);
  expect(await behind(slaDb, 'ticket_sla', slaDb, slaStreams)).toEqual([]);
  expect(await behind(ticketsDb, 'ticket_deadlines', slaDb, slaStreams)).toEqual([]);
  // nothing was given up on
  expect(await ticketsDb.collection('dead_letter_counts').countDocuments()).toBe(0);
  expect(await slaDb.collection('dead_letter_counts').countDocuments()).toBe(0);
}, 1_800_000);
