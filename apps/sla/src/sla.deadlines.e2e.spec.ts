import { createHmac } from 'node:crypto';
import type { EventEnvelope } from '@itsm/contracts';
import { IdentityFixture, type FixtureUser } from '@itsm/fixtures';
import { eventually, startSmtpSink, startWebhookSink, useIsolatedStack } from '@itsm/testing';
import Redis from 'ioredis';
import { MongoClient, type Db } from 'mongodb';
import { addBusinessTime } from '@itsm/domain';
import { slaHas, startSla, type SlaUnderTest } from './test-support/sla-test-app';
import { TicketFixture } from './test-support/ticket-fixture';

// The sla service on the real stack, with deadlines of seconds: tickets are opened "a minute ago"
// against one-minute agreements. Ticket and identity events are played on Kafka as their services
// publish them; mails go to a real SMTP listener, webhooks to a real HTTP one.
const stack = useIsolatedStack();
const SECRET = 'webhook-secret-for-tests';
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let webhook: Awaited<ReturnType<typeof startWebhookSink>>;
let identity: IdentityFixture;
let tickets: TicketFixture;
let mongo: MongoClient;
let db: Db;
let env: Record<string, string>;
let sla: SlaUnderTest;
let admin: FixtureUser, tech: FixtureUser, requester: FixtureUser;
let techGroupId: string;

const secondsFromNow = (seconds: number) => new Date(Date.now() + seconds * 1000);
/** opened so that a one-minute agreement ends `seconds` from now */
const openedFor = (seconds: number) => secondsFromNow(seconds - 60);

async function ok(answer: Promise<{ status: number; body: unknown }>) {
  const { status, body } = await answer;
  if (status >= 300) throw new Error(`${status} ${JSON.stringify(body)}`);
  return body as Record<string, unknown>;
}

interface Deadlines {
  agreements: Array<{
    kind: string;
    state: string;
    startedAt: string;
    deadline: string;
    breached: boolean;
    waitingSeconds: number;
  }>;
}

/** The ticket's deadlines; none while sla has not heard of the ticket yet (a 404 until then). */
async function deadlinesOf(ticketId: string): Promise<Deadlines> {
  const answer = await sla.api(admin.token).get(`/api/tickets/${ticketId}/sla`);
  if (answer.status === 404) return { agreements: [] };
  return (await ok(Promise.resolve(answer))) as unknown as Deadlines;
}

/** The sla events of a ticket as stored, in order. */
async function slaEventsOf(ticketId: string): Promise<EventEnvelope[]> {
  const commits = await db
    .collection<{ sequence: number; events: EventEnvelope[] }>('events')
    .find({ streamId: `ticket-sla-${ticketId}` })
    .toArray();
  return commits.sort((a, b) => a.sequence - b.sequence).flatMap((commit) => commit.events);
}

const breachesOf = async (ticketId: string) =>
  (await slaEventsOf(ticketId)).filter((event) => event.type === 'sla.breached');

async function agreementGivenToIncidents(name: string, kind: 'tto' | 'ttr', rank: number, category: string) {
  const agreement = await ok(
    sla.api(admin.token).post('/api/slas', {
      name,
      agreement: 'sla',
      kind,
      duration: 1,
      unit: 'minutes',
      levels: [{ name: 'Dépassement', offsetMinutes: 0, actions: [{ type: 'notify-group', groupId: techGroupId }] }],
    }),
  );
  await ok(
    sla.api(admin.token).post('/api/sla-rules', {
      name: `${name} rule`,
      rank,
      criteria: { categoryIds: [category] },
      slaIds: [agreement.slaId],
    }),
  );
  await slaHas(stack, 'sla_rule_list', rank);
}

beforeAll(async () => {
  smtp = await startSmtpSink();
  webhook = await startWebhookSink();
  stack.onTeardown(() => smtp.close());
  stack.onTeardown(() => webhook.close());
  identity = new IdentityFixture(stack);
  tickets = new TicketFixture(stack);
  await Promise.all([identity.connect(), tickets.connect()]);
  mongo = await MongoClient.connect(stack.mongoUrl);
  stack.onTeardown(() => mongo.close());
  db = mongo.db(stack.envFor('sla').MONGO_DB);
  env = { SMTP_URL: smtp.url, SLA_WEBHOOK_URL: webhook.url, SLA_WEBHOOK_SECRET: SECRET };

  await identity.entity('root', 'Entité racine', null);
  admin = await identity.user('glpi', 'super-admin');
  tech = await identity.user('tech', 'technician', { emails: ['tech@example.org'] });
  requester = await identity.user('S1', 'self-service', { lastName: 'BLIER', firstName: 'Bertrand' });
  techGroupId = (await identity.group('Techniciens', [tech.userId])).id;
  sla = await startSla(stack, env);
  await slaHas(stack, 'directory_users', 3);
  await slaHas(stack, 'directory_groups', 1);
  await slaHas(stack, 'auth_entity_tree', 1);
  // one rule per scenario, told apart by category
  await agreementGivenToIncidents('TTO 1 min', 'tto', 1, 'tto-breach');
  await agreementGivenToIncidents('TTR 1 min', 'ttr', 2, 'ttr-pause');
  await agreementGivenToIncidents('TTO 1 min (restart)', 'tto', 3, 'restart');
  await agreementGivenToIncidents('TTO 1 min (replicas)', 'tto', 4, 'replicas');
}, 120_000);

it('a TTO breaches: the event, the mail to the group, the signed webhook, the ticket’s flag', async () => {
  const ticketId = await tickets.open(openedFor(3), {
    categoryId: 'tto-breach',
    requester: requester.ref,
    title: 'Imprimante HS',
  });
  await eventually(async () => (await breachesOf(ticketId)).length === 1, 30_000, 'the breach');

  const [breach] = await breachesOf(ticketId);
  expect(breach.data).toMatchObject({ ticketId, kind: 'tto', agreement: 'sla', name: 'TTO 1 min', offsetMinutes: 0 });
  // the deadlines follow from the ticket's opening: its flow, and its id as their cause
  const [opened] = tickets.eventsOf(ticketId);
  const [attached] = await slaEventsOf(ticketId);
  expect(attached).toMatchObject({ correlationId: opened.correlationId, causationId: opened.id });
  // emitted when due, not before (timers re-check the ticket when they fire)
  expect(Date.parse(breach.occurredAt)).toBeGreaterThanOrEqual(Date.parse((breach.data as { dueAt: string }).dueAt));
  // and how late, in the service's metrics
  const measured = (metrics: string) =>
    metrics
      .split('\n')
      .some((line) => /^itsm_sla_level_lateness_seconds_count\{.*kind="tto".*level="breach".*\} [1-9]/.test(line));
  await eventually(async () => measured(await (await fetch(`${sla.url}/metrics`)).text()), 10_000, 'the lateness');

  const mail = await smtp.waitFor((candidate) => candidate.subject.includes('Imprimante HS'), 20_000);
  expect(mail.to).toContain('tech@example.org');
  expect(mail.subject).toBe('[ITSM] TTO deadline breached: Imprimante HS');

  const hook = await webhook.waitFor((request) => request.rawBody.includes(breach.id), 20_000);
  const timestamp = hook.headers['x-itsm-timestamp'] as string;
  const expected = createHmac('sha256', SECRET).update(`${timestamp}.${hook.rawBody}`).digest('hex');
  expect(hook.headers['x-itsm-signature']).toBe(`sha256=${expected}`);

  const { agreements } = await deadlinesOf(ticketId);
  expect(agreements).toEqual([expect.objectContaining({ kind: 'tto', state: 'running', breached: true })]);
  await eventually(
    async () => (await db.collection('notification_deliveries').countDocuments({ status: 'delivered' })) >= 2,
    20_000,
    'the deliveries recorded',
  );
});

it('a pending ticket’s TTR stops, then moves out by the paused time; no breach meanwhile', async () => {
  const openedAt = openedFor(4);
  const ticketId = await tickets.open(openedAt, { categoryId: 'ttr-pause', requester: requester.ref });
  await eventually(async () => (await deadlinesOf(ticketId)).agreements.length === 1, 20_000, 'the TTR');
  const { deadline } = (await deadlinesOf(ticketId)).agreements[0];
  expect(Date.parse(deadline)).toBe(openedAt.getTime() + 60_000);

  const pausedAt = new Date();
  await tickets.assign(ticketId, tech.ref, pausedAt);
  await tickets.status(ticketId, 'assigned', 'pending', pausedAt);
  await eventually(async () => (await deadlinesOf(ticketId)).agreements[0].state === 'paused', 20_000, 'the pause');
  await new Promise((resolve) => setTimeout(resolve, 6000)); // past the first deadline
  expect(await breachesOf(ticketId)).toHaveLength(0);

  await tickets.status(ticketId, 'pending', 'assigned', new Date(pausedAt.getTime() + 30_000));
  await eventually(async () => (await deadlinesOf(ticketId)).agreements[0].state === 'running', 20_000, 'the resume');
  const resumed = (await deadlinesOf(ticketId)).agreements[0];
  expect(Date.parse(resumed.deadline)).toBe(Date.parse(deadline) + 30_000);
  expect(resumed.waitingSeconds).toBe(30);
});

it('Redis flushed and the service restarted: the breach is still emitted, once', async () => {
  const ticketId = await tickets.open(openedFor(8), {
    categoryId: 'restart',
    requester: requester.ref,
    title: 'Redis perdu',
  });
  await eventually(async () => (await deadlinesOf(ticketId)).agreements.length === 1, 20_000, 'the TTO');
  await sla.close();
  const redis = new Redis(stack.redisUrl);
  const keys = await redis.keys(`${stack.serviceEnv.REDIS_KEY_PREFIX}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();

  sla = await startSla(stack, env);
  await eventually(async () => (await breachesOf(ticketId)).length === 1, 30_000, 'the breach after the restart');
  await smtp.waitFor((mail) => mail.subject.includes('Redis perdu'), 20_000);
  await new Promise((resolve) => setTimeout(resolve, 3000));
  expect(await breachesOf(ticketId)).toHaveLength(1);
  expect(smtp.messages.filter((mail) => mail.subject.includes('Redis perdu'))).toHaveLength(1);
});

it('two replicas: each timer fires once, one mail', async () => {
  const replica = await startSla(stack, env);
  const ticketId = await tickets.open(openedFor(6), {
    categoryId: 'replicas',
    requester: requester.ref,
    title: 'Deux répliques',
  });
  await eventually(async () => (await breachesOf(ticketId)).length === 1, 30_000, 'the breach');
  await smtp.waitFor((mail) => mail.subject.includes('Deux répliques'), 20_000);
  await new Promise((resolve) => setTimeout(resolve, 3000));
  expect(await breachesOf(ticketId)).toHaveLength(1);
  expect(smtp.messages.filter((mail) => mail.subject.includes('Deux répliques'))).toHaveLength(1);
  await replica.close();
});

it('an SLA on the entity calendar runs on the calendar the ticket’s entity inherits', async () => {
  const mondayMornings = {
    name: 'Lundi 8 h-9 h',
    timeZone: 'Europe/Paris',
    openingHours: [{ weekday: 1, start: '08:00', end: '09:00' }],
    holidays: [],
  };
  const calendar = await ok(sla.api(admin.token).post('/api/calendars', mondayMornings));
  await identity.entity('site', 'Site de Lyon', 'root');
  await identity.entitySettings('root', 'never', 0, calendar.calendarId as string);
  await eventually(
    async () =>
      (await db.collection('directory_entities').countDocuments({ 'settings.calendarId': calendar.calendarId })) === 1,
    20_000,
    'the root’s calendar setting',
  );
  await slaHas(stack, 'directory_entities', 2);
  // rules apply down the entity tree: the tree must know the new entity (read with a 1 s cache)
  await slaHas(stack, 'auth_entity_tree', 2);
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const agreement = await ok(
    sla.api(admin.token).post('/api/slas', {
      name: 'TTO 10 min ouvrées',
      agreement: 'sla',
      kind: 'tto',
      duration: 10,
      unit: 'minutes',
      useEntityCalendar: true,
    }),
  );
  expect(agreement).toMatchObject({ calendarId: null, useEntityCalendar: true });
  await ok(
    sla.api(admin.token).post('/api/sla-rules', {
      name: 'entity calendar rule',
      rank: 5,
      criteria: { categoryIds: ['entity-calendar'] },
      slaIds: [agreement.slaId],
    }),
  );

  const openedAt = new Date();
  const ticketId = await tickets.open(openedAt, {
    entityId: 'site',
    categoryId: 'entity-calendar',
    requester: requester.ref,
  });
  await eventually(async () => (await deadlinesOf(ticketId)).agreements.length === 1, 20_000, 'the TTO');
  const expected = addBusinessTime(mondayMornings, openedAt, 10 * 60_000).toISOString();
  expect((await deadlinesOf(ticketId)).agreements[0]).toMatchObject({ kind: 'tto', deadline: expected });
});

it('a call recorded afterwards: its clocks start at the call, not when it was typed in', async () => {
  const terms = { agreement: 'sla', unit: 'hours', levels: [] };
  const tto = await ok(sla.api(admin.token).post('/api/slas', { ...terms, name: 'TTO 1 h', kind: 'tto', duration: 1 }));
  const ttr = await ok(sla.api(admin.token).post('/api/slas', { ...terms, name: 'TTR 4 h', kind: 'ttr', duration: 4 }));
  await ok(
    sla.api(admin.token).post('/api/sla-rules', {
      name: 'phone calls',
      rank: 6,
      criteria: { categoryIds: ['phone-call'] },
      slaIds: [tto.slaId, ttr.slaId],
    }),
  );
  await slaHas(stack, 'sla_rule_list', 6);

  const call = new Date(Date.now() - 90 * 60_000);
  const ticketId = await tickets.open(call, {
    categoryId: 'phone-call',
    requester: requester.ref,
    recordedAt: new Date(),
  });
  await eventually(async () => (await deadlinesOf(ticketId)).agreements.length === 2, 20_000, 'the TTO and TTR');
  const { agreements } = await deadlinesOf(ticketId);
  const hoursAfterCall = (hours: number) => new Date(call.getTime() + hours * 3_600_000).toISOString();
  expect(agreements.map(({ kind, startedAt, deadline }) => ({ kind, startedAt, deadline }))).toEqual(
    expect.arrayContaining([
      { kind: 'tto', startedAt: call.toISOString(), deadline: hoursAfterCall(1) },
      { kind: 'ttr', startedAt: call.toISOString(), deadline: hoursAfterCall(4) },
    ]),
  );
  // the hour to own it was over before it was typed in: the TTO breaches at once
  await eventually(async () => (await breachesOf(ticketId)).length === 1, 20_000, 'the TTO breach');
  expect((await breachesOf(ticketId))[0].data).toMatchObject({ kind: 'tto', dueAt: hoursAfterCall(1) });
});
