import { IdentityFixture, type FixtureUser } from '@itsm/fixtures';
import type { JsonApi } from '@itsm/runtime';
import { eventually, useIsolatedStack } from '@itsm/testing';
import { created, slaHas, startSla, type SlaUnderTest } from './test-support/sla-test-app';
import { TicketFixture } from './test-support/ticket-fixture';

// A ticket's deadlines follow the ticket's own rules (tickets' `seesTicket`): with ticket.read-own
// only one's own tickets, and only their agreement's TTO and TTR. Escalation levels name only groups
// of the agreement's entity tree. Entities: root > A > A1, and B beside A; identity and tickets are
// played as events on Kafka.
const stack = useIsolatedStack();
let sla: SlaUnderTest;
let identity: IdentityFixture;
let tickets: TicketFixture;

let admin: FixtureUser; // super-admin on root
let requester: FixtureUser; // self-service on A: requests the ticket
let watcher: FixtureUser; // self-service on A: observes it
let member: FixtureUser; // self-service on A: a member of the group that requests the second ticket
let stranger: FixtureUser; // self-service on A: on no ticket
let technician: FixtureUser; // the service desk: read-all, update, sla.read
let hotliner: FixtureUser; // read-all and update, but no sla.read
const groups: Record<string, string> = {};

let slaTtr: string;
let olaTto: string;
let requested: string; // in A: requested by `requester`, observed by `watcher`
let groupRequested: string; // in A: requested by the group `member` belongs to

const as = (user: FixtureUser): JsonApi => sla.api(user.token);
const deadlines = (user: FixtureUser, ticketId: string) => as(user).get(`/api/tickets/${ticketId}/sla`);

const agreement = (name: string, extra: Record<string, unknown>) =>
  as(admin).post('/api/slas', { name, agreement: 'sla', kind: 'ttr', duration: 8, unit: 'hours', ...extra });
const levelNotifying = (groupId: string, type = 'notify-group') => [
  { name: 'Alerte', offsetMinutes: -30, actions: [{ type, groupId }] },
];

beforeAll(async () => {
  identity = new IdentityFixture(stack);
  tickets = new TicketFixture(stack);
  await Promise.all([identity.connect(), tickets.connect()]);
  await identity.siblingTree();
  admin = await identity.user('glpi', 'super-admin');
  requester = await identity.user('s-a', 'self-service', { entityId: 'A' });
  watcher = await identity.user('s-w', 'self-service', { entityId: 'A' });
  member = await identity.user('s-m', 'self-service', { entityId: 'A' });
  stranger = await identity.user('s-x', 'self-service', { entityId: 'A' });
  technician = await identity.user('tech', 'technician');
  hotliner = await identity.user('hotline', 'hotliner');
  groups.compta = (await identity.group('Compta A', [member.userId], 'A')).id;
  groups.support = (await identity.group('Support', [technician.userId], 'root')).id;
  groups.rootOnly = (await identity.group('Direction', [], 'root', { recursive: false })).id;
  groups.aFlat = (await identity.group('Atelier A', [], 'A', { recursive: false })).id;
  groups.b = (await identity.group('Support B', [], 'B')).id;
  sla = await startSla(stack);
  await Promise.all([
    slaHas(stack, 'auth_entity_tree', 4),
    slaHas(stack, 'directory_users', 7),
    slaHas(stack, 'directory_groups', 5),
  ]);
  await new Promise((resolve) => setTimeout(resolve, 1100)); // the entity tree cache (1 s) sees A, A1, B

  slaTtr = created(await agreement('TTR 8 h', { levels: levelNotifying(groups.support), entityId: 'root' })).slaId;
  olaTto = created(
    await agreement('TTO interne 30 min', { agreement: 'ola', kind: 'tto', duration: 30, unit: 'minutes' }),
  ).slaId;
  created(
    await as(admin).post('/api/sla-rules', {
      name: 'Lecture',
      rank: 1,
      criteria: { categoryIds: ['lecture'] },
      slaIds: [slaTtr, olaTto],
    }),
  );
  const openedAt = new Date();
  requested = await tickets.open(openedAt, { entityId: 'A', categoryId: 'lecture', requester: requester.ref });
  await tickets.actor(requested, 'ticket.actor-added', 'observer', watcher.ref, openedAt);
  groupRequested = await tickets.open(openedAt, {
    entityId: 'A',
    categoryId: 'lecture',
    requester: { kind: 'group', id: groups.compta },
  });
  for (const ticketId of [requested, groupRequested]) {
    await eventually(
      async () => (await deadlines(admin, ticketId)).body?.agreements?.length === 2,
      30_000,
      'the rule’s agreements on the ticket',
    );
  }
}, 90_000);

describe('a ticket’s deadlines, under the ticket’s own rights', () => {
  it('a self-service requester reads their ticket’s TTR, never the OLA, the levels nor how it was chosen', async () => {
    const answer = await deadlines(requester, requested);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ ticketId: requested, entityId: 'A', status: 'new' });
    expect(answer.body.agreements).toEqual([
      {
        slaId: slaTtr,
        name: 'TTR 8 h',
        agreement: 'sla',
        kind: 'ttr',
        state: 'running',
        startedAt: expect.any(String),
        deadline: expect.any(String),
        paused: false,
        waitingSeconds: 0,
        breached: false,
        metAt: null,
        late: false,
      },
    ]);
  });

  it('an observer reads it too, and a member of a requesting group reads that ticket', async () => {
    const observed = await deadlines(watcher, requested);
    expect(observed.status).toBe(200);
    expect(observed.body.agreements.map((one: { slaId: string }) => one.slaId)).toEqual([slaTtr]);
    const throughGroup = await deadlines(member, groupRequested);
    expect(throughGroup.status).toBe(200);
    expect(throughGroup.body.agreements.map((one: { slaId: string }) => one.slaId)).toEqual([slaTtr]);
  });

  it('a self-service user gets 404 on a ticket that is not theirs, as on an unknown one', async () => {
    const unknown = '01a2266a-0000-7000-8000-000000000000';
    for (const [user, ticketId] of [
      [stranger, requested],
      [member, requested],
      [requester, groupRequested],
      [stranger, unknown],
    ] as const) {
      const answer = await deadlines(user, ticketId);
      expect({ status: answer.status, detail: answer.body.detail }).toEqual({
        status: 404,
        detail: `unknown ticket ${ticketId}`,
      });
    }
  });

  it('a requester taken off the ticket no longer reads it', async () => {
    const ticketId = await tickets.open(new Date(), { entityId: 'A', requester: stranger.ref });
    await eventually(async () => (await deadlines(stranger, ticketId)).status === 200, 30_000, 'the ticket in sla');
    await tickets.actor(ticketId, 'ticket.actor-added', 'requester', requester.ref, new Date());
    await tickets.actor(ticketId, 'ticket.actor-removed', 'requester', stranger.ref, new Date());
    await eventually(async () => (await deadlines(stranger, ticketId)).status === 404, 30_000, 'the removal in sla');
    expect((await deadlines(requester, ticketId)).status).toBe(200);
  });

  it('the service desk sees everything: the OLA, the escalation levels and when each is due, how each was chosen', async () => {
    const answer = await deadlines(technician, requested);
    expect(answer.status).toBe(200);
    const byKind = Object.fromEntries(
      (answer.body.agreements as Array<{ agreement: string; levels: unknown[] }>).map((one) => [one.agreement, one]),
    );
    expect(byKind.ola).toMatchObject({ slaId: olaTto, kind: 'tto', explicit: false });
    expect(byKind.sla).toMatchObject({ slaId: slaTtr, explicit: false });
    expect(byKind.sla.levels).toEqual([
      expect.objectContaining({ name: 'Alerte', offsetMinutes: -30, dueAt: expect.any(String), done: false }),
      expect.objectContaining({ name: 'Deadline', offsetMinutes: 0, done: false }),
    ]);
  });

  it('without sla.read, even a hotliner who sees every ticket gets the requester’s view', async () => {
    const answer = await deadlines(hotliner, requested);
    expect(answer.status).toBe(200);
    expect(answer.body.agreements).toEqual([expect.not.objectContaining({ levels: expect.anything() })]);
    expect(answer.body.agreements[0]).toMatchObject({ slaId: slaTtr });
  });

  it('a self-service requester may not set an agreement on their ticket (403), and nothing changes', async () => {
    const answer = await as(requester).put(`/api/tickets/${requested}/sla`, { slaId: olaTto });
    expect({ status: answer.status, detail: answer.body.detail }).toEqual({
      status: 403,
      detail: 'missing right sla.read',
    });
    expect((await deadlines(technician, requested)).body.agreements).toHaveLength(2);
  });
});

describe('escalation levels name only groups of the agreement’s entity tree', () => {
  const named = async (name: string) => (await as(admin).get(`/api/slas?name=${encodeURIComponent(name)}`)).body.total;

  it('a group of a sibling entity is refused (422 naming the field), and nothing is recorded', async () => {
    const answer = await agreement('Escalade vers B', {
      entityId: 'A',
      levels: [
        { name: 'Alerte', offsetMinutes: -30, actions: [{ type: 'notify-assignees' }] },
        {
          name: 'Escalade',
          offsetMinutes: 60,
          actions: [{ type: 'raise-priority' }, { type: 'assign-group', groupId: groups.b }],
        },
      ],
    });
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({
      type: 'urn:itsm:problem:rule',
      errors: [
        {
          field: 'levels.1.actions.1.groupId',
          message: `group ${groups.b} is not visible in entity A: neither of it nor recursive from an entity above it`,
        },
      ],
    });
    expect(await named('Escalade vers B')).toBe(0);
  });

  it('a recursive group of an entity above is accepted, for a recursive agreement too', async () => {
    const slaId = created(
      await agreement('Escalade vers le support', {
        entityId: 'A',
        levels: levelNotifying(groups.support, 'assign-group'),
      }),
    ).slaId;
    const read = await as(admin).get(`/api/slas/${slaId}`);
    expect(read.body).toMatchObject({ entityId: 'A', recursive: true });
    expect(read.body.levels).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actions: [{ type: 'assign-group', groupId: groups.support }] }),
      ]),
    );
  });

  it('a group above that is not recursive is refused', async () => {
    const answer = await agreement('Escalade vers la direction', {
      entityId: 'A',
      levels: levelNotifying(groups.rootOnly),
    });
    expect(answer.status).toBe(422);
    expect(answer.body.errors).toEqual([
      expect.objectContaining({
        field: 'levels.0.actions.0.groupId',
        message: expect.stringMatching(/not visible in entity A/),
      }),
    ]);
  });

  it('a group of the agreement’s own entity is accepted; not recursive, it serves only a non-recursive agreement', async () => {
    const own = await agreement('Escalade atelier', {
      entityId: 'A',
      recursive: false,
      levels: levelNotifying(groups.aFlat),
    });
    expect(own.status).toBe(201);
    const recursive = await agreement('Escalade atelier partout', {
      entityId: 'A',
      levels: levelNotifying(groups.aFlat),
    });
    expect(recursive.status).toBe(422);
    expect(recursive.body.errors).toEqual([
      {
        field: 'levels.0.actions.0.groupId',
        message:
          'group Atelier A is not recursive, so not visible in the entities below A that the recursive agreement serves',
      },
    ]);
    expect(await named('Escalade atelier partout')).toBe(0);
  });
});
