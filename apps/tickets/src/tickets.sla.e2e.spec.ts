import type { EventEnvelope } from '@itsm/contracts';
import { eventually, useIsolatedStack } from '@itsm/testing';
import { MongoClient, type Db } from 'mongodb';
import { IdentityFixture, type FixtureUser } from '@itsm/fixtures';
import { SlaFixture, type TicketAgreement } from './test-support/sla-fixture';
import { startTickets, type TicketsApi, type TicketsUnderTest } from './test-support/tickets-test-app';

// What tickets makes of the sla context's events (itsm.sla.events): the deadlines and breaches on
// the ticket's detail, the breach criteria of the list (scoped like every list), and the levels
// that raise the priority or assign a group, applied once however often Kafka delivers them.
const stack = useIsolatedStack();
let tickets: TicketsUnderTest;
let identity: IdentityFixture;
let sla: SlaFixture;
let db: Db;

let admin: FixtureUser; // super-admin on root
let techE1: FixtureUser; // technician on E1 only
let req1: FixtureUser, req2: FixtureUser; // self-service requesters
let n2: { kind: 'group'; id: string }, n3: { kind: 'group'; id: string };
let eastDesk: { kind: 'group'; id: string }; // a group of E1: serves no ticket of root

/** tA: SLA TTO met, SLA TTR breached, OLA TTR running; tB: SLA TTR warned; tC (E1): OLA TTO breached; tN: none */
let tA: string, tB: string, tC: string, tN: string;
const at = (minutesFromNow: number) => new Date(Date.now() + minutesFromNow * 60_000).toISOString();
const as = (user: FixtureUser): TicketsApi => tickets.api(user.token);

async function open(title: string, requester: FixtureUser, entityId = 'root'): Promise<string> {
  const opened = await as(admin).post('/api/tickets', {
    title,
    description: `${title}.`,
    entityId,
    requesters: [requester.ref],
  });
  expect(opened.status).toBe(201);
  return opened.body.ticketId;
}

async function detail(id: string) {
  const answer = await as(admin).get(`/api/tickets/${id}`);
  expect(answer.status).toBe(200);
  return answer.body;
}

async function listed(user: FixtureUser, query: string): Promise<string[]> {
  const answer = await as(user).get(`/api/tickets?limit=100&${query}`);
  expect([query, answer.status]).toEqual([query, 200]);
  expect(answer.body.total).toBe(answer.body.items.length);
  return answer.body.items.map((item: { ticketId: string }) => item.ticketId).sort();
}

const agreement = (
  ticketId: string,
  slaId: string,
  kind: 'tto' | 'ttr',
  type: 'sla' | 'ola' = 'sla',
  entityId = 'root',
): TicketAgreement => ({
  ticketId,
  entityId,
  slaId,
  agreement: type,
  kind,
  name: `${type.toUpperCase()} ${kind.toUpperCase()} ${slaId}`,
  deadline: at(kind === 'tto' ? 60 : 240),
});

beforeAll(async () => {
  identity = new IdentityFixture(stack);
  sla = new SlaFixture(stack);
  await Promise.all([identity.connect(), sla.connect()]);
  tickets = await startTickets(stack);
  const mongo = await MongoClient.connect(stack.mongoUrl);
  stack.onTeardown(() => mongo.close());
  db = mongo.db(stack.envFor('tickets').MONGO_DB);

  await identity.entity('root', 'Entité racine', null);
  await identity.entity('E1', 'Agence Est', 'root');
  admin = await identity.user('glpi', 'super-admin');
  techE1 = await identity.user('tech-e1', 'technician', { entityId: 'E1', recursive: false });
  req1 = await identity.user('req1', 'self-service');
  req2 = await identity.user('req2', 'self-service');
  n2 = (await identity.group('Support N2', [])) as typeof n2;
  n3 = (await identity.group('Support N3', [])) as typeof n3;
  eastDesk = (await identity.group('Support Est', [], 'E1')) as typeof eastDesk;
  await tickets.directoryHas(4, 2);
  await eventually(
    async () => (await db.collection('directory_groups').countDocuments()) === 3,
    60_000,
    'groups reached tickets',
  );
  await new Promise((resolve) => setTimeout(resolve, 1100)); // the entity tree cache (1 s) sees E1

  [tA, tB, tC, tN] = [
    await open('Messagerie en panne', req1),
    await open('Imprimante lente', req1),
    await open('VPN agence', req2, 'E1'),
    await open('Souris', req1),
  ];
  const ttoA = agreement(tA, 'tto-1h', 'tto');
  const ttrA = agreement(tA, 'ttr-4h', 'ttr');
  const olaA = agreement(tA, 'ola-ttr-2h', 'ttr', 'ola');
  const ttrB = agreement(tB, 'ttr-4h', 'ttr');
  const olaC = agreement(tC, 'ola-tto-30m', 'tto', 'ola', 'E1');
  for (const on of [ttoA, ttrA, olaA, ttrB, olaC]) await sla.attach(on);
  await sla.met(ttoA, at(0));
  await sla.level(ttrA, 0);
  await sla.level(ttrB, -30);
  await sla.level(olaC, 0);
  await eventually(
    async () =>
      (await db.collection('ticket_deadlines').countDocuments({ breachIndex: { $exists: true } })) === 3 &&
      (await db.collection('ticket_deadlines').countDocuments({ 'slots.tto.state': 'met' })) === 1 &&
      (await db.collection('ticket_deadlines').countDocuments({ 'slots.ttr.lastLevel.offsetMinutes': -30 })) === 1 &&
      (await db.collection('ticket_deadlines').countDocuments({ breachIndex: 'ola:tto' })) === 1 &&
      (await db.collection('ticket_deadlines').countDocuments({ breachIndex: 'sla:ttr' })) === 1,
    60_000,
    'the sla events reached tickets',
  );
});

describe('the ticket detail', () => {
  it('shows TTO, TTR, TTO interne and TTR interne with their deadlines and breach flags', async () => {
    const { sla: deadlines } = await detail(tA);
    expect(Object.keys(deadlines).sort()).toEqual(['internalTto', 'internalTtr', 'tto', 'ttr']);
    expect(deadlines.tto).toMatchObject({
      label: 'TTO',
      slaId: 'tto-1h',
      name: 'SLA TTO tto-1h',
      state: 'met',
      met: true,
      late: false,
      breached: false,
    });
    expect(deadlines.ttr).toMatchObject({
      label: 'TTR',
      slaId: 'ttr-4h',
      deadline: expect.any(String),
      state: 'breached',
      breached: true,
      breachedAt: deadlines.ttr.deadline,
      met: false,
      lastLevel: { name: 'Échéance dépassée', offsetMinutes: 0 },
    });
    expect(deadlines.internalTtr).toMatchObject({ label: 'TTR interne', state: 'running', breached: false });
    expect(deadlines.internalTto).toBeNull();
    expect((await detail(tC)).sla.internalTto).toMatchObject({ label: 'TTO interne', breached: true });
    expect((await detail(tB)).sla.ttr).toMatchObject({
      state: 'running',
      breached: false,
      lastLevel: { offsetMinutes: -30 },
    });
  });

  it('shows a requester their agreement’s deadlines, never the internal ones nor the escalation levels', async () => {
    const answer = await as(req1).get(`/api/tickets/${tA}`);
    expect(answer.status).toBe(200);
    const deadlines = answer.body.sla;
    expect(deadlines.ttr).toMatchObject({ label: 'TTR', slaId: 'ttr-4h', breached: true, lastLevel: null });
    expect(deadlines.tto).toMatchObject({ label: 'TTO', state: 'met', lastLevel: null });
    expect([deadlines.internalTto, deadlines.internalTtr]).toEqual([null, null]);
  });

  it('shows four empty slots for a ticket without agreement', async () => {
    expect((await detail(tN)).sla).toEqual({ tto: null, ttr: null, internalTto: null, internalTtr: null });
  });
});

describe('the breach criteria of the list', () => {
  it('find the tickets breached on the agreement and kind asked, and no others', async () => {
    const cases: Array<[string, string[]]> = [
      ['slaBreached=ttr', [tA]],
      ['slaBreached=any', [tA]],
      ['slaBreached=tto', []],
      ['olaBreached=tto', [tC]],
      ['olaBreached=any', [tC]],
      ['olaBreached=ttr', []],
      ['slaBreached=any&olaBreached=any', []],
      ['slaBreached=ttr&status=new', [tA]],
      ['slaBreached=ttr&status=old', []],
      ['olaBreached=any&entityId=E1', [tC]],
      ['slaBreached=ttr&q=messagerie&sort=priority&order=desc', [tA]],
    ];
    for (const [query, expected] of cases)
      expect([query, await listed(admin, query)]).toEqual([query, expected.sort()]);
    expect(await listed(admin, 'status=all')).toHaveLength(4);
  });

  it('stay within what the caller may see', async () => {
    expect(await listed(techE1, 'olaBreached=any')).toEqual([tC]);
    expect(await listed(techE1, 'slaBreached=any')).toEqual([]);
    expect(await listed(req1, 'slaBreached=ttr')).toEqual([tA]);
    expect(await listed(req1, 'olaBreached=tto')).toEqual([]);
    expect(await listed(req2, 'olaBreached=tto')).toEqual([tC]);
    expect(await listed(req2, 'slaBreached=any')).toEqual([]);
  });

  it('refuse values they do not know (400)', async () => {
    for (const query of ['slaBreached=yes', 'olaBreached=TTR', 'slaBreached=tto,ttr']) {
      const answer = await as(admin).get(`/api/tickets?${query}`);
      expect([query, answer.status]).toEqual([query, 400]);
    }
  });
});

describe('escalations', () => {
  it('raise the priority once and assign a group once, however often the level is delivered', async () => {
    const tD = await open('Serveur de fichiers', req1);
    expect(await detail(tD)).toMatchObject({ status: 'new', priority: 3, priorityOverridden: false });
    const ttrD = agreement(tD, 'ttr-4h', 'ttr');
    await sla.attach(ttrD);
    const breach: EventEnvelope = await sla.level(ttrD, 0, [
      { type: 'notify-assignees' },
      { type: 'raise-priority' },
      { type: 'assign-group', groupId: n2.id },
    ]);
    await eventually(async () => (await detail(tD)).priority === 4, 60_000, 'the first escalation applied');
    expect(await detail(tD)).toMatchObject({
      status: 'assigned',
      priority: 4,
      priorityOverridden: true,
      actors: { assignee: [{ ...n2, name: 'Support N2' }] },
    });

    await sla.redeliver(breach);
    await sla.redeliver(breach);
    // a later level of the same stream: once it is applied, the redeliveries before it were handled
    const later = await sla.level(ttrD, 60, [
      { type: 'assign-group', groupId: n2.id },
      { type: 'assign-group', groupId: n3.id },
    ]);
    await eventually(
      async () => (await detail(tD)).actors.assignee.length === 2,
      60_000,
      'the second escalation applied',
    );

    const after = await detail(tD);
    expect(after).toMatchObject({ status: 'assigned', priority: 4 });
    expect(after.actors.assignee).toEqual([
      { ...n2, name: 'Support N2' },
      { ...n3, name: 'Support N3' },
    ]);
    expect(after.sla.ttr).toMatchObject({ breached: true, lastLevel: { offsetMinutes: 60 } });

    const timeline = (await as(admin).get(`/api/tickets/${tD}/timeline`)).body as Array<Record<string, unknown>>;
    expect(timeline.filter((item) => item.kind === 'escalation')).toEqual([
      expect.objectContaining({
        itemId: breach.id,
        private: true,
        content: 'Échéance dépassée',
        details: expect.objectContaining({ trigger: 'breached', priority: { from: 3, to: 4 }, groupsAdded: [n2.id] }),
      }),
      expect.objectContaining({
        itemId: later.id,
        details: expect.objectContaining({ trigger: 'escalated', priority: null, groupsAdded: [n3.id] }),
      }),
    ]);
    // private: the requester does not see them
    const own = (await as(req1).get(`/api/tickets/${tD}/timeline`)).body as Array<{ kind: string }>;
    expect(own.some((item) => item.kind === 'escalation')).toBe(false);

    const commits = await db
      .collection<{ sequence: number; events: Array<{ type: string; actor: { kind: string; id: string } }> }>('events')
      .find({ streamId: `ticket-${tD}` })
      .toArray();
    const stored = commits.sort((a, b) => a.sequence - b.sequence).flatMap((commit) => commit.events);
    expect(stored.map((event) => event.type)).toEqual([
      'ticket.opened',
      'ticket.escalated',
      'ticket.reclassified',
      'ticket.actor-added',
      'ticket.status-changed',
      'ticket.escalated',
      'ticket.actor-added',
    ]);
    expect(stored.at(-1)!.actor).toEqual({ kind: 'system', id: 'tickets.sla-escalation' });
  });

  it('assign only the groups that serve the ticket’s entity: one of another entity is left out', async () => {
    const tE = await open('Climatisation', req1);
    const ttrE = agreement(tE, 'ttr-4h', 'ttr');
    await sla.attach(ttrE);
    const breach = await sla.level(ttrE, 0, [
      { type: 'assign-group', groupId: eastDesk.id },
      { type: 'assign-group', groupId: n2.id },
    ]);
    await eventually(async () => (await detail(tE)).actors.assignee.length > 0, 60_000, 'the escalation applied');
    expect((await detail(tE)).actors.assignee).toEqual([{ ...n2, name: 'Support N2' }]);
    const timeline = (await as(admin).get(`/api/tickets/${tE}/timeline`)).body as Array<Record<string, unknown>>;
    expect(timeline.filter((item) => item.kind === 'escalation')).toEqual([
      expect.objectContaining({ itemId: breach.id, details: expect.objectContaining({ groupsAdded: [n2.id] }) }),
    ]);
  });
});
