import type { EventEnvelope } from '@itsm/contracts';
import { IdentityFixture, type FixtureUser } from '@itsm/fixtures';
import { eventually, startPrivatePiece, useIsolatedStack } from '@itsm/testing';
import Redis from 'ioredis';
import { MongoClient, type Db } from 'mongodb';
import { slaHas, startSla, type SlaUnderTest } from './test-support/sla-test-app';
import { TicketFixture } from './test-support/ticket-fixture';

// Redis loses its data (FLUSHALL) while sla runs, with deadlines pending: sla notices within
// seconds and puts the timers back from its read model, so every breach still fires, without a
// restart. On a Redis of this file's own: the shared one is never flushed.
const stack = useIsolatedStack();
const TICKETS = 5;
let redis: Redis;
let db: Db;
let sla: SlaUnderTest;
let admin: FixtureUser;
let requester: FixtureUser;
let tickets: TicketFixture;

/** opened so that a one-minute agreement ends `seconds` from now */
const openedFor = (seconds: number) => new Date(Date.now() + (seconds - 60) * 1000);

async function breachedTickets(ticketIds: string[]): Promise<number> {
  const commits = await db
    .collection<{ events: EventEnvelope[] }>('events')
    .find({ streamId: { $in: ticketIds.map((id) => `ticket-sla-${id}`) } })
    .toArray();
  const breached = commits.flatMap((commit) => commit.events).filter((event) => event.type === 'sla.breached');
  return new Set(breached.map((event) => event.streamId)).size;
}

beforeAll(async () => {
  const privateRedis = await startPrivatePiece(stack, 'redis');
  redis = new Redis(privateRedis.endpoint);
  stack.onTeardown(async () => redis.disconnect());
  const identity = new IdentityFixture(stack);
  tickets = new TicketFixture(stack);
  await Promise.all([identity.connect(), tickets.connect()]);
  const mongo = await MongoClient.connect(stack.mongoUrl);
  stack.onTeardown(() => mongo.close());
  db = mongo.db(stack.envFor('sla').MONGO_DB);
  await identity.entity('root', 'Entité racine', null);
  admin = await identity.user('glpi', 'super-admin');
  requester = await identity.user('S1', 'self-service');
  // error level: the loss is reported at warn, expected here
  sla = await startSla(stack, { REDIS_URL: privateRedis.endpoint, SLA_REDIS_CHECK_MS: '500', LOG_LEVEL: 'error' });
  await slaHas(stack, 'directory_users', 2);
  await slaHas(stack, 'auth_entity_tree', 1);
  const agreement = await sla.api(admin.token).post('/api/slas', {
    name: 'TTO 1 min',
    agreement: 'sla',
    kind: 'tto',
    duration: 1,
    unit: 'minutes',
    levels: [{ name: 'Dépassement', offsetMinutes: 0, actions: [] }],
  });
  expect(agreement.status).toBe(201);
  const rule = await sla.api(admin.token).post('/api/sla-rules', {
    name: 'Incidents',
    criteria: { categoryIds: ['flushed'] },
    slaIds: [agreement.body.slaId],
  });
  expect(rule.status).toBe(201);
  await slaHas(stack, 'sla_rule_list', 1);
}, 120_000);

it('Redis flushed while sla runs: the timers are put back within seconds and every breach fires', async () => {
  const ticketIds: string[] = [];
  for (let i = 0; i < TICKETS; i++) {
    ticketIds.push(await tickets.open(openedFor(30), { categoryId: 'flushed', requester: requester.ref }));
  }
  await slaHas(stack, 'ticket_sla', TICKETS);
  await eventually(async () => (await redis.dbsize()) > TICKETS, 20_000, 'the timers in Redis');

  // the flush comes before any deadline: none may have fired yet
  expect(await breachedTickets(ticketIds)).toBe(0);
  await redis.flushall();
  await eventually(
    async () => (await redis.keys('*sla:timers-kept')).length === 1,
    10_000,
    'the loss noticed and the timers put back',
  );
  await eventually(async () => (await breachedTickets(ticketIds)) === TICKETS, 60_000, 'every breach');
  expect(await breachedTickets(ticketIds)).toBe(TICKETS);
});
