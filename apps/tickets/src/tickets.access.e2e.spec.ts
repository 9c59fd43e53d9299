import { type Right } from '@itsm/domain';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { AccessTokenIssuer } from '@itsm/auth';
import { eventually, useIsolatedStack } from '@itsm/testing';
import { MongoClient, type Db } from 'mongodb';
import { IdentityFixture, PROFILE_RIGHTS, type FixtureUser } from '@itsm/fixtures';
import { DIRECTORY_CACHE_MS } from './directory/ticket-directory';
import { startTickets, type TicketsApi, type TicketsUnderTest } from './test-support/tickets-test-app';

// Entity isolation and self-service visibility, route by route. The entities: root > A > A1, and
// B beside A. Each caller is refused what lies outside its scope (404: the ticket does not exist
// for them) or outside its rights (403), and a refused request changes nothing.
const stack = useIsolatedStack();
let tickets: TicketsUnderTest;
let identity: IdentityFixture;
let mongo: MongoClient;
let db: Db;

let admin: FixtureUser; // super-admin on root, recursive: sees everything
let techA: FixtureUser; // technician on A, recursive: A and A1
let techAFlat: FixtureUser; // technician on A, not recursive: A only
let techB: FixtureUser; // technician on B
let adminB: FixtureUser; // every right, but on B only
let selfA: FixtureUser; // S-a: self-service, scope A (recursive)
let selfB: FixtureUser; // S-b: self-service, scope root (recursive)
let groupOfSelfA: { kind: 'group'; id: string };

interface Target {
  id: string;
  taskId: string;
  validationId: string;
  requesterId: string;
}
let tA: Target; // in A, requested by S-a
let tA1: Target; // in A1, requested by S-b, observed by S-a
let tA2: Target; // in A, requested by S-b only
let tB: Target; // in B, requested by S-b
let tG: Target; // in A, requested by S-a's group
const categories: Record<string, string> = {};

const as = (user: FixtureUser): TicketsApi => tickets.api(user.token);
const rightsOf = (user: FixtureUser, profile: keyof typeof PROFILE_RIGHTS) => ({
  user,
  rights: new Set<string>(PROFILE_RIGHTS[profile]),
});
const idsOf = (answer: { body: { items: Array<{ ticketId: string }> } }) =>
  answer.body.items.map((item) => item.ticketId).sort();

/** What a super-admin sees of the ticket: its view and its whole timeline. */
async function snapshot(id: string) {
  const api = as(admin);
  const [view, timeline] = await Promise.all([api.get(`/api/tickets/${id}`), api.get(`/api/tickets/${id}/timeline`)]);
  expect(view.status).toBe(200);
  return { view: view.body, timeline: timeline.body };
}

/** A ticket opened by the super-admin, with a private follow-up, a task and an approval asked. */
async function seedTicket(title: string, entityId: string, requesters: object[], observers: object[] = []) {
  const api = as(admin);
  const opened = await api.post('/api/tickets', { title, description: `${title}.`, entityId, requesters, observers });
  expect(opened.status).toBe(201);
  const id = opened.body.ticketId as string;
  expect((await api.post(`/api/tickets/${id}/followups`, { content: 'public note', private: false })).status).toBe(201);
  expect((await api.post(`/api/tickets/${id}/followups`, { content: 'secret note', private: true })).status).toBe(201);
  expect((await api.post(`/api/tickets/${id}/tasks`, { content: 'secret task', private: true })).status).toBe(201);
  expect((await api.post(`/api/tickets/${id}/validations`, { approver: admin.ref, comment: 'ok?' })).status).toBe(201);
  const timeline = (await api.get(`/api/tickets/${id}/timeline`)).body as Array<{ kind: string; itemId: string }>;
  return {
    id,
    taskId: timeline.find((item) => item.kind === 'task')!.itemId,
    validationId: timeline.find((item) => item.kind === 'validation')!.itemId,
    requesterId: (requesters[0] as { id: string }).id,
  };
}

beforeAll(async () => {
  identity = new IdentityFixture(stack);
  await identity.connect();
  tickets = await startTickets(stack);
  mongo = await MongoClient.connect(stack.mongoUrl);
  stack.onTeardown(() => mongo.close());
  db = mongo.db(stack.envFor('tickets').MONGO_DB);

  await identity.siblingTree();
  admin = await identity.user('glpi', 'super-admin');
  techA = await identity.user('tech-a', 'technician', { entityId: 'A' });
  techAFlat = await identity.user('tech-a-flat', 'technician', { entityId: 'A', recursive: false });
  techB = await identity.user('tech-b', 'technician', { entityId: 'B' });
  adminB = await identity.user('admin-b', 'super-admin', { entityId: 'B' });
  selfA = await identity.user('s-a', 'self-service', { entityId: 'A', firstName: 'Sophie', lastName: 'ALPHA' });
  selfB = await identity.user('s-b', 'self-service', { firstName: 'Sacha', lastName: 'BRAVO' });
  groupOfSelfA = (await identity.group('Compta A', [selfA.userId], 'A')) as { kind: 'group'; id: string };
  await tickets.directoryHas(7, 4);
  await eventually(
    async () => (await db.collection('directory_groups').countDocuments({ members: selfA.userId })) === 1,
    60_000,
    'the group reached tickets',
  );
  await new Promise((resolve) => setTimeout(resolve, 1100)); // the entity tree cache (1 s) sees A, A1, B

  tA = await seedTicket('A: imprimante', 'A', [selfA.ref]);
  tA1 = await seedTicket('A1: écran', 'A1', [selfB.ref], [selfA.ref]);
  tA2 = await seedTicket('A: clavier', 'A', [selfB.ref]);
  tB = await seedTicket('B: réseau', 'B', [selfB.ref]);
  tG = await seedTicket('A: logiciel compta', 'A', [groupOfSelfA]);

  const api = as(admin);
  const category = async (name: string, entityId: string, recursive = true) => {
    const created = await api.post('/api/itil-categories', { name, entityId, recursive });
    expect(created.status).toBe(201);
    categories[name] = created.body.categoryId;
  };
  await category('root shared', 'root');
  await category('root only', 'root', false);
  await category('A hardware', 'A');
  await category('A1 hardware', 'A1');
  await category('B hardware', 'B');
});

// Every route of the ticket controller, with a valid body, and the rights checked before the
// ticket is looked up (the guard's @RequireRights, and the handlers' checks that precede it).
interface Route {
  name: string;
  call(api: TicketsApi, target: Target, me: FixtureUser): Promise<{ status: number; body: unknown }>;
  /** passes the checks made before the ticket is looked up */
  allowedBefore(rights: ReadonlySet<string>): boolean;
}
const always = () => true;
const needs =
  (...anyOf: Right[]) =>
  (rights: ReadonlySet<string>) =>
    anyOf.some((right) => rights.has(right));
const TICKET_ROUTES: Route[] = [
  { name: 'GET /:id', call: (api, t) => api.get(`/api/tickets/${t.id}`), allowedBefore: always },
  { name: 'GET /:id/timeline', call: (api, t) => api.get(`/api/tickets/${t.id}/timeline`), allowedBefore: always },
  {
    name: 'PATCH /:id',
    call: (api, t) => api.patch(`/api/tickets/${t.id}`, { title: 'Hijacked', urgency: 5 }),
    allowedBefore: needs('ticket.update'),
  },
  {
    name: 'POST /:id/actors (take it)',
    call: (api, t, me) => api.post(`/api/tickets/${t.id}/actors`, { role: 'assignee', ...me.ref }),
    allowedBefore: needs('ticket.steal', 'ticket.assign'),
  },
  {
    name: 'POST /:id/actors (observe)',
    call: (api, t, me) => api.post(`/api/tickets/${t.id}/actors`, { role: 'observer', ...me.ref }),
    allowedBefore: needs('ticket.update'),
  },
  {
    name: 'DELETE /:id/actors/:role/:kind/:actorId',
    call: (api, t) => api.delete(`/api/tickets/${t.id}/actors/requester/user/${t.requesterId}`),
    allowedBefore: needs('ticket.update'),
  },
  {
    name: 'POST /:id/followups',
    call: (api, t) => api.post(`/api/tickets/${t.id}/followups`, { content: 'intrusion' }),
    allowedBefore: always,
  },
  {
    name: 'POST /:id/tasks',
    call: (api, t) => api.post(`/api/tickets/${t.id}/tasks`, { content: 'intrusion', durationMinutes: 5 }),
    allowedBefore: needs('ticket.update'),
  },
  {
    name: 'PATCH /:id/tasks/:taskId',
    call: (api, t) => api.patch(`/api/tickets/${t.id}/tasks/${t.taskId}`, { state: 'done', content: 'changed' }),
    allowedBefore: needs('ticket.update'),
  },
  {
    name: 'POST /:id/validations',
    call: (api, t, me) => api.post(`/api/tickets/${t.id}/validations`, { approver: me.ref }),
    allowedBefore: needs('ticket.update'),
  },
  {
    name: 'POST /:id/validations/:validationId/answer',
    call: (api, t) =>
      api.post(`/api/tickets/${t.id}/validations/${t.validationId}/answer`, { decision: 'refused', comment: 'no' }),
    allowedBefore: needs('ticket.validate'),
  },
  {
    name: 'POST /:id/solution',
    call: (api, t) => api.post(`/api/tickets/${t.id}/solution`, { content: 'solved by an outsider' }),
    allowedBefore: needs('ticket.solve'),
  },
  {
    name: 'POST /:id/solution/approve',
    call: (api, t) => api.post(`/api/tickets/${t.id}/solution/approve`),
    allowedBefore: needs('ticket.read-own'),
  },
  {
    name: 'POST /:id/solution/refuse',
    call: (api, t) => api.post(`/api/tickets/${t.id}/solution/refuse`, { reason: 'no' }),
    allowedBefore: needs('ticket.read-own'),
  },
  {
    name: 'POST /:id/status',
    call: (api, t) => api.post(`/api/tickets/${t.id}/status`, { status: 'pending' }),
    allowedBefore: needs('ticket.update'),
  },
  {
    name: 'POST /:id/close',
    call: (api, t) => api.post(`/api/tickets/${t.id}/close`),
    allowedBefore: needs('ticket.close'),
  },
  {
    name: 'POST /:id/reopen',
    call: (api, t) => api.post(`/api/tickets/${t.id}/reopen`, { reason: 'again' }),
    allowedBefore: needs('ticket.reopen'),
  },
  {
    name: 'POST /:id/documents',
    call: (api, t) =>
      api.post(`/api/tickets/${t.id}/documents`, { name: 'x.png', mimeType: 'image/png', sizeBytes: 10 }),
    allowedBefore: always,
  },
  {
    name: 'POST /:id/satisfaction',
    call: (api, t) => api.post(`/api/tickets/${t.id}/satisfaction`, { rating: 1 }),
    allowedBefore: needs('ticket.read-own'),
  },
];

/**
 * Every route against a ticket the caller must not see: 404 once past the rights checks, 403
 * before them; never a 2xx; and the ticket as a super-admin sees it is exactly as before.
 */
async function expectInvisible(caller: { user: FixtureUser; rights: ReadonlySet<string> }, target: Target) {
  const before = await snapshot(target.id);
  const wrong: string[] = [];
  for (const route of TICKET_ROUTES) {
    const expected = route.allowedBefore(caller.rights) ? 404 : 403;
    const answer = await route.call(as(caller.user), target, caller.user);
    const message = (answer.body as { detail?: unknown } | undefined)?.detail;
    if (answer.status !== expected || !message) {
      wrong.push(`${route.name}: expected ${expected}, got ${answer.status} ${JSON.stringify(answer.body)}`);
    }
  }
  expect(wrong).toEqual([]);
  expect(await snapshot(target.id)).toEqual(before);
}

describe('entity isolation', () => {
  it('B callers get 404 on every route of the tickets of A and A1, and nothing changes', async () => {
    for (const target of [tA, tA1, tG]) {
      await expectInvisible(rightsOf(adminB, 'super-admin'), target);
      await expectInvisible(rightsOf(techB, 'technician'), target);
    }
  });

  it('B callers do not see A in lists, even when they ask for A', async () => {
    for (const user of [techB, adminB]) {
      expect(idsOf(await as(user).get('/api/tickets'))).toEqual([tB.id]);
      const asked = await as(user).get('/api/tickets?entityId=A&status=all');
      expect(asked.status).toBe(200);
      expect(asked.body).toMatchObject({ items: [], total: 0 });
    }
  });

  it('the non-recursive A technician sees A but cannot see or act on the ticket of A1', async () => {
    expect((await as(techAFlat).get(`/api/tickets/${tA.id}`)).status).toBe(200);
    expect(idsOf(await as(techAFlat).get('/api/tickets'))).toEqual([tA.id, tA2.id, tG.id].sort());
    expect((await as(techAFlat).get('/api/tickets?entityId=A1')).body.total).toBe(0);
    await expectInvisible(rightsOf(techAFlat, 'technician'), tA1);
  });

  it('the recursive A technician sees A and A1, not B', async () => {
    expect((await as(techA).get(`/api/tickets/${tA1.id}`)).status).toBe(200);
    expect(idsOf(await as(techA).get('/api/tickets'))).toEqual([tA.id, tA1.id, tA2.id, tG.id].sort());
    await expectInvisible(rightsOf(techA, 'technician'), tB);
  });

  it('opening a ticket in an entity outside the scope is refused (403) and records nothing', async () => {
    const attempts: Array<[FixtureUser, string]> = [
      [techB, 'A'],
      [adminB, 'A1'],
      [techAFlat, 'A1'],
      [techA, 'B'],
      [techA, 'root'],
      [selfA, 'B'],
      [techA, 'no-such-entity'],
    ];
    for (const [user, entityId] of attempts) {
      const answer = await as(user).post('/api/tickets', { title: 'outside', description: '', entityId });
      expect([user.login, entityId, answer.status]).toEqual([user.login, entityId, 403]);
      expect(answer.body.detail).toMatch(/outside your scope/);
    }
    expect((await as(admin).get('/api/tickets?q=outside')).body.total).toBe(0);
  });

  it('ITIL categories: each caller lists those of its scope and the shared ones above it', async () => {
    const names = async (user: FixtureUser) => {
      const answer = await as(user).get('/api/itil-categories?limit=100');
      expect(answer.status).toBe(200);
      return answer.body.items.map((item: { name: string }) => item.name).sort();
    };
    expect(await names(techB)).toEqual(['B hardware', 'root shared']);
    expect(await names(adminB)).toEqual(['B hardware', 'root shared']);
    expect(await names(techAFlat)).toEqual(['A hardware', 'root shared']);
    expect(await names(techA)).toEqual(['A hardware', 'A1 hardware', 'root shared']);
    expect(await names(admin)).toEqual(['A hardware', 'A1 hardware', 'B hardware', 'root only', 'root shared']);
    expect((await as(techB).get('/api/itil-categories?name=hardware')).body.total).toBe(1);
  });

  it('ITIL categories: creating outside the scope, under an invisible parent or without the right is refused', async () => {
    const count = async () => (await as(admin).get('/api/itil-categories?limit=100')).body.total;
    const before = await count();
    const outside = await as(adminB).post('/api/itil-categories', { name: 'x', entityId: 'A' });
    expect(outside.status).toBe(403);
    expect(outside.body.detail).toMatch(/outside your scope/);
    const hiddenParent = await as(adminB).post('/api/itil-categories', {
      name: 'x',
      parentId: categories['A hardware'],
    });
    expect(hiddenParent.status).toBe(422);
    expect(hiddenParent.body.detail).toMatch(/unknown parent/);
    const noRight = await as(techA).post('/api/itil-categories', { name: 'x' });
    expect(noRight.status).toBe(403);
    expect(noRight.body.detail).toMatch(/category\.write/);
    expect((await as(selfA).post('/api/itil-categories', { name: 'x' })).status).toBe(403);
    expect(await count()).toBe(before);
  });

  it('a category of A cannot be used on a ticket by a B technician', async () => {
    const opened = await as(techB).post('/api/tickets', {
      title: 'B with A category',
      description: '',
      categoryId: categories['A hardware'],
    });
    expect(opened.status).toBe(422);
    expect(opened.body.detail).toMatch(/^categoryId: category .* is not visible in entity B/);
    const before = await snapshot(tB.id);
    const patched = await as(techB).patch(`/api/tickets/${tB.id}`, { categoryId: categories['A1 hardware'] });
    expect(patched.status).toBe(422);
    expect(await snapshot(tB.id)).toEqual(before);
    const shared = await as(techB).patch(`/api/tickets/${tB.id}`, { categoryId: categories['root shared'] });
    expect(shared.status).toBe(200);
    expect(shared.body.categoryId).toBe(categories['root shared']);
  });
});

describe('self-service visibility', () => {
  it('lists only the tickets they request or observe, themselves or through their groups', async () => {
    const mine = await as(selfA).get('/api/tickets');
    expect(mine.status).toBe(200);
    expect(idsOf(mine)).toEqual([tA.id, tA1.id, tG.id].sort());
    expect(mine.body.total).toBe(3);
    expect(idsOf(await as(selfB).get('/api/tickets'))).toEqual([tA1.id, tA2.id, tB.id].sort());
    // criteria never widen what they see
    expect(
      (await as(selfA).get(`/api/tickets?requesterId=${selfB.userId}`)).body.items.map(
        (item: { ticketId: string }) => item.ticketId,
      ),
    ).toEqual([tA1.id]);
    expect((await as(selfA).get('/api/tickets?entityId=B')).body.total).toBe(0);
  });

  it('reads their own tickets and gets 404 on the others', async () => {
    for (const target of [tA, tA1, tG]) expect((await as(selfA).get(`/api/tickets/${target.id}`)).status).toBe(200);
    for (const target of [tA2, tB]) {
      const answer = await as(selfA).get(`/api/tickets/${target.id}`);
      expect(answer.status).toBe(404);
      expect((await as(selfA).get(`/api/tickets/${target.id}/timeline`)).status).toBe(404);
    }
  });

  it('cannot act on a ticket of someone else (404 or 403 on every route), nothing changes', async () => {
    await expectInvisible(rightsOf(selfA, 'self-service'), tA2);
    await expectInvisible(rightsOf(selfA, 'self-service'), tB);
  });

  it('does not see private follow-ups and tasks in the timeline', async () => {
    const full = (await as(admin).get(`/api/tickets/${tA.id}/timeline`)).body as Array<{ private: boolean }>;
    expect(full.filter((item) => item.private)).toHaveLength(2);
    for (const target of [tA, tA1, tG]) {
      const seen = (await as(selfA).get(`/api/tickets/${target.id}/timeline`)).body as Array<{
        kind: string;
        private: boolean;
        content: string;
      }>;
      expect(seen.map((item) => [item.kind, item.content])).toEqual([
        ['followup', 'public note'],
        ['validation', 'ok?'],
      ]);
    }
  });

  it('writes public follow-ups on their ticket, never private ones', async () => {
    const refused = await as(selfA).post(`/api/tickets/${tA.id}/followups`, { content: 'psst', private: true });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toMatch(/private/);
    const written = await as(selfA).post(`/api/tickets/${tA.id}/followups`, { content: 'any news?' });
    expect(written.status).toBe(201);
    const timeline = (await as(admin).get(`/api/tickets/${tA.id}/timeline`)).body as Array<{
      content: string;
      private: boolean;
      authorId: string;
      authorName: string;
    }>;
    expect(timeline.filter((item) => item.content === 'psst')).toEqual([]);
    expect(timeline.find((item) => item.content === 'any news?')).toMatchObject({
      private: false,
      authorId: selfA.userId,
      authorName: 'ALPHA Sophie',
    });
  });

  it('cannot assign, add tasks, solve, close, reopen, edit or change the status of their own ticket', async () => {
    const before = await snapshot(tA.id);
    const api = as(selfA);
    const attempts = {
      takeIt: await api.post(`/api/tickets/${tA.id}/actors`, { role: 'assignee', ...selfA.ref }),
      assignTech: await api.post(`/api/tickets/${tA.id}/actors`, { role: 'assignee', ...techA.ref }),
      addObserver: await api.post(`/api/tickets/${tA.id}/actors`, { role: 'observer', ...selfB.ref }),
      removeRequester: await api.delete(`/api/tickets/${tA.id}/actors/requester/user/${selfA.userId}`),
      task: await api.post(`/api/tickets/${tA.id}/tasks`, { content: 'I did it myself' }),
      updateTask: await api.patch(`/api/tickets/${tA.id}/tasks/${tA.taskId}`, { state: 'done' }),
      validation: await api.post(`/api/tickets/${tA.id}/validations`, { approver: selfA.ref }),
      answer: await api.post(`/api/tickets/${tA.id}/validations/${tA.validationId}/answer`, { decision: 'accepted' }),
      solve: await api.post(`/api/tickets/${tA.id}/solution`, { content: 'done' }),
      close: await api.post(`/api/tickets/${tA.id}/close`),
      reopen: await api.post(`/api/tickets/${tA.id}/reopen`, { reason: 'again' }),
      edit: await api.patch(`/api/tickets/${tA.id}`, { title: 'mine now' }),
      pending: await api.post(`/api/tickets/${tA.id}/status`, { status: 'pending' }),
    };
    const statuses = Object.fromEntries(Object.entries(attempts).map(([name, answer]) => [name, answer.status]));
    expect(statuses).toEqual(Object.fromEntries(Object.keys(attempts).map((name) => [name, 403])));
    for (const answer of Object.values(attempts)) expect(answer.body.detail).toEqual(expect.any(String));
    expect(await snapshot(tA.id)).toEqual(before);
  });

  it('cannot record a ticket for someone else, assign it, or set its priority (403); for themselves, yes', async () => {
    const api = as(selfA);
    const base = { title: 'self-service ticket', description: 'my mouse' };
    const refused = [
      await api.post('/api/tickets', { ...base, requesters: [selfB.ref] }),
      await api.post('/api/tickets', { ...base, requesters: [selfA.ref, selfB.ref] }),
      await api.post('/api/tickets', { ...base, requesters: [groupOfSelfA] }),
      await api.post('/api/tickets', { ...base, observers: [techA.ref] }),
      await api.post('/api/tickets', { ...base, assignees: [techA.ref] }),
      await api.post('/api/tickets', { ...base, assignees: [selfA.ref] }),
      await api.post('/api/tickets', { ...base, priority: 6 }),
    ];
    expect(refused.map((answer) => answer.status)).toEqual(refused.map(() => 403));
    expect((await as(admin).get('/api/tickets?q=self-service ticket')).body.total).toBe(0);

    const own = await api.post('/api/tickets', base);
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({ entityId: 'A', status: 'new' });
    expect(own.body.actors.requester).toEqual([{ ...selfA.ref, name: 'ALPHA Sophie' }]);
  });
});

describe('identity changes', () => {
  it('a user deactivated in identity is refused as an actor soon after, however recently looked up', async () => {
    const leaving = await identity.user('depart', 'self-service');
    await tickets.directoryHas(8, 4);
    const api = as(admin);
    const naming = () =>
      api.post('/api/tickets', { title: 'pour un partant', description: '', requesters: [leaving.ref] });
    expect((await naming()).status).toBe(201); // looked up: the replica's directory cache holds the user now

    await identity.deactivate(leaving);
    const startedAt = Date.now();
    await eventually(
      async () => (await db.collection('directory_users').findOne({ userId: leaving.userId }))?.active === false,
      60_000,
      'the deactivation reached tickets',
    );
    const readModelAt = Date.now();
    let refused = await naming();
    while (refused.status === 201 && Date.now() - readModelAt < 10_000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      refused = await naming();
    }
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toMatch(/depart is deactivated/);
    // the cache adds at most its lifetime to what Kafka takes
    expect(Date.now() - readModelAt).toBeLessThan(DIRECTORY_CACHE_MS + 1_000);
    expect(readModelAt).toBeGreaterThanOrEqual(startedAt);
  });
});

describe('authentication and rights', () => {
  const someId = '0190d6a4-0000-7000-8000-000000000000';
  const everyRoute = (api: TicketsApi) => [
    api.get('/api/tickets'),
    api.post('/api/tickets', { title: 't', description: '' }),
    ...TICKET_ROUTES.map((route) =>
      route.call(api, { id: someId, taskId: someId, validationId: someId, requesterId: someId }, admin),
    ),
    api.get('/api/itil-categories'),
    api.post('/api/itil-categories', { name: 'x' }),
  ];

  it('answers 401 on every route without a token, with a bad one, or one signed by another key', async () => {
    const foreign = new AccessTokenIssuer({
      privateKey: generateKeyPairSync('rsa', {
        modulusLength: 2048,
        publicKeyEncoding: { type: 'spki', format: 'pem' },
        privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      }).privateKey,
    }).issue({
      sub: admin.userId,
      login: 'glpi',
      name: 'glpi',
      pid: 'super-admin',
      rights: [...PROFILE_RIGHTS['super-admin']],
      eid: 'root',
      rec: true,
      sid: randomUUID(),
    }).token;
    for (const api of [tickets.api(), tickets.api('not-a-jwt'), tickets.api(foreign)]) {
      const answers = await Promise.all(everyRoute(api));
      expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 401));
    }
    expect((await as(admin).get(`/api/tickets/${tA.id}/timeline`)).body).toEqual((await snapshot(tA.id)).timeline);
  });

  it('a user without ticket.read-own gets 403 on the list and on a ticket', async () => {
    const issuer = new AccessTokenIssuer({ privateKey: stack.serviceEnv.JWT_PRIVATE_KEY });
    const token = issuer.issue({
      sub: selfA.userId,
      login: 's-a',
      name: 's-a',
      pid: 'no-read',
      rights: ['ticket.create'],
      eid: 'A',
      rec: true,
      sid: randomUUID(),
    }).token;
    const api = tickets.api(token);
    const list = await api.get('/api/tickets');
    expect(list.status).toBe(403);
    expect(list.body.detail).toMatch(/read-own/);
    expect((await api.get(`/api/tickets/${tA.id}`)).status).toBe(403);
    expect((await api.get(`/api/tickets/${tA.id}/timeline`)).status).toBe(403);
    expect((await api.post(`/api/tickets/${tA.id}/followups`, { content: 'x' })).status).toBe(403);
    expect((await api.post(`/api/tickets/${tA.id}/satisfaction`, { rating: 1 })).status).toBe(403);
  });

  it('a user who may create but not read back what they record gets 201 and the ticket id, once', async () => {
    const issuer = new AccessTokenIssuer({ privateKey: stack.serviceEnv.JWT_PRIVATE_KEY });
    const token = (rights: Right[]) =>
      issuer.issue({
        sub: selfA.userId,
        login: 's-a',
        name: 's-a',
        pid: 'custom',
        rights,
        eid: 'A',
        rec: true,
        sid: randomUUID(),
      }).token;
    const createOnly = await tickets.api(token(['ticket.create'])).post('/api/tickets', {
      title: 'create only',
      description: '',
    });
    expect(createOnly.status).toBe(201);
    expect(createOnly.body).toEqual({ ticketId: expect.any(String) });
    // read-own and update, without read-all: recording for someone else is allowed, reading it is not
    const forOthers = await tickets
      .api(token(['ticket.create', 'ticket.read-own', 'ticket.update']))
      .post('/api/tickets', { title: 'for someone else', description: '', requesters: [selfB.ref] });
    expect(forOthers.status).toBe(201);
    expect(forOthers.body).toEqual({ ticketId: expect.any(String) });
    for (const [answer, title] of [
      [createOnly, 'create only'],
      [forOthers, 'for someone else'],
    ] as const) {
      const recorded = await as(admin).get(`/api/tickets?q=${encodeURIComponent(title)}`);
      expect(recorded.body.items.map((item: { ticketId: string }) => item.ticketId)).toEqual([answer.body.ticketId]);
    }
  });
});

describe('bad input is a 400 with a message, never a 500', () => {
  const valid = { title: 'valid', description: 'valid' };

  it('on opening a ticket', async () => {
    const api = as(admin);
    const bodies: unknown[] = [
      { ...valid, title: 42 },
      { ...valid, title: '' },
      { ...valid, title: 'x'.repeat(256) },
      { title: 'no description' },
      { ...valid, urgency: 9 },
      { ...valid, urgency: '3' },
      { ...valid, impact: 0 },
      { ...valid, urgency: 2.5 },
      { ...valid, priority: 7 },
      { ...valid, type: 'problem' },
      { ...valid, source: 'pigeon' },
      { ...valid, unknown: true },
      { ...valid, status: 'closed' },
      { ...valid, entityId: { $ne: null } },
      { ...valid, entityId: '../root' },
      { ...valid, categoryId: 'x'.repeat(65) },
      { ...valid, requesters: 'me' },
      { ...valid, requesters: [{ kind: 'robot', id: 'r2d2' }] },
      { ...valid, requesters: [{ kind: 'user', id: '$where' }] },
      { ...valid, requesters: [{ kind: 'user' }] },
      { ...valid, requesters: [{ kind: 'user', id: techA.userId, extra: 1 }] },
      { ...valid, requesters: Array.from({ length: 21 }, () => techA.ref) },
      { ...valid, requesters: [null] },
      { ...valid, observers: [null] },
      { ...valid, assignees: [[]] },
      { ...valid, requesters: [[]] },
      { ...valid, observers: [[{ kind: 'user', id: techA.userId }]] },
      { ...valid, items: [[]] },
      { ...valid, items: [null] },
      { ...valid, items: [{ itemType: 'printer' }] },
      { ...valid, location: 5 },
      '{"title": "broken",',
      'not json at all',
      '[]',
      '"a string"',
      'null',
      '42',
    ];
    const wrong: string[] = [];
    for (const body of bodies) {
      const answer = await api.post('/api/tickets', body);
      const message = answer.body?.detail;
      if (answer.status !== 400 || !message || (Array.isArray(message) && message.length === 0)) {
        wrong.push(`${JSON.stringify(body)} -> ${answer.status} ${JSON.stringify(answer.body)}`);
      }
    }
    expect(wrong).toEqual([]);
    expect((await as(admin).get('/api/tickets?q=valid')).body.total).toBe(0);
  });

  it('on the other ticket routes', async () => {
    const api = as(admin);
    const id = tA2.id;
    const calls: Array<[string, () => Promise<{ status: number; body: { detail?: unknown } }>]> = [
      ['PATCH urgency 9', () => api.patch(`/api/tickets/${id}`, { urgency: 9 })],
      ['PATCH priority 0', () => api.patch(`/api/tickets/${id}`, { priority: 0 })],
      ['PATCH status', () => api.patch(`/api/tickets/${id}`, { status: 'closed' })],
      ['PATCH empty title', () => api.patch(`/api/tickets/${id}`, { title: '' })],
      ['PATCH blank title', () => api.patch(`/api/tickets/${id}`, { title: '   ' })],
      ['PATCH title type', () => api.patch(`/api/tickets/${id}`, { title: ['a'] })],
      ['PATCH malformed', () => api.patch(`/api/tickets/${id}`, '{"title":')],
      ['PATCH items nested', () => api.patch(`/api/tickets/${id}`, { items: [[]] })],
      ['PATCH items null', () => api.patch(`/api/tickets/${id}`, { items: [null] })],
      ['PATCH location', () => api.patch(`/api/tickets/${id}`, { location: 5 })],
      ['actors role', () => api.post(`/api/tickets/${id}/actors`, { role: 'boss', ...techA.ref })],
      ['actors kind', () => api.post(`/api/tickets/${id}/actors`, { role: 'observer', kind: 'robot', id: 'x' })],
      ['actors id', () => api.post(`/api/tickets/${id}/actors`, { role: 'observer', kind: 'user', id: 'a b' })],
      ['delete role', () => api.delete(`/api/tickets/${id}/actors/boss/user/${selfB.userId}`)],
      ['delete kind', () => api.delete(`/api/tickets/${id}/actors/requester/robot/${selfB.userId}`)],
      ['delete id', () => api.delete(`/api/tickets/${id}/actors/requester/user/a%20b`)],
      ['followup empty', () => api.post(`/api/tickets/${id}/followups`, { content: '' })],
      ['followup private', () => api.post(`/api/tickets/${id}/followups`, { content: 'x', private: 'yes' })],
      ['followup unknown', () => api.post(`/api/tickets/${id}/followups`, { content: 'x', author: 'me' })],
      ['task duration', () => api.post(`/api/tickets/${id}/tasks`, { content: 'x', durationMinutes: -5 })],
      ['task state', () => api.post(`/api/tickets/${id}/tasks`, { content: 'x', state: 'doing' })],
      ['task date', () => api.post(`/api/tickets/${id}/tasks`, { content: 'x', plannedBegin: 'tomorrow' })],
      [
        'task week date',
        () => api.post(`/api/tickets/${id}/tasks`, { content: 'x', plannedBegin: '2026-W01', plannedEnd: iso(1) }),
      ],
      [
        'task basic date',
        () => api.post(`/api/tickets/${id}/tasks`, { content: 'x', plannedBegin: iso(0), plannedEnd: '20260101' }),
      ],
      [
        'task date without minutes',
        () =>
          api.patch(`/api/tickets/${id}/tasks/${tA2.taskId}`, { plannedBegin: '2026-01-01T10', plannedEnd: iso(1) }),
      ],
      ['task half planned', () => api.post(`/api/tickets/${id}/tasks`, { content: 'x', plannedBegin: iso(0) })],
      [
        'task ends before it begins',
        () => api.post(`/api/tickets/${id}/tasks`, { content: 'x', plannedBegin: iso(2), plannedEnd: iso(1) }),
      ],
      ['task update', () => api.patch(`/api/tickets/${id}/tasks/${tA2.taskId}`, { durationMinutes: 'long' })],
      ['task blank', () => api.patch(`/api/tickets/${id}/tasks/${tA2.taskId}`, { content: ' ' })],
      ['task id', () => api.patch(`/api/tickets/${id}/tasks/not*an*id`, { state: 'done' })],
      ['validation approver', () => api.post(`/api/tickets/${id}/validations`, { approver: 'glpi' })],
      ['validation missing', () => api.post(`/api/tickets/${id}/validations`, {})],
      ['validation null', () => api.post(`/api/tickets/${id}/validations`, { approver: null })],
      ['validation array', () => api.post(`/api/tickets/${id}/validations`, { approver: [] })],
      ['followup null', () => api.post(`/api/tickets/${id}/followups`, { content: null })],
      ['task technician', () => api.post(`/api/tickets/${id}/tasks`, { content: 'x', technicianId: 'a b' })],
      [
        'answer decision',
        () => api.post(`/api/tickets/${id}/validations/${tA2.validationId}/answer`, { decision: 'maybe' }),
      ],
      ['answer id', () => api.post(`/api/tickets/${id}/validations/$ne/answer`, { decision: 'accepted' })],
      ['solution empty', () => api.post(`/api/tickets/${id}/solution`, { content: '' })],
      ['solution blank', () => api.post(`/api/tickets/${id}/solution`, { content: '   ' })],
      ['refuse no reason', () => api.post(`/api/tickets/${id}/solution/refuse`, {})],
      ['status closed', () => api.post(`/api/tickets/${id}/status`, { status: 'closed' })],
      ['status missing', () => api.post(`/api/tickets/${id}/status`, {})],
      ['reopen no reason', () => api.post(`/api/tickets/${id}/reopen`, {})],
      ['document type', () => api.post(`/api/tickets/${id}/documents`, { name: 'a', mimeType: 'png', sizeBytes: 1 })],
      ['document size', () => api.post(`/api/tickets/${id}/documents`, { name: 'a', mimeType: 'a/b', sizeBytes: -1 })],
      ['satisfaction 6', () => api.post(`/api/tickets/${id}/satisfaction`, { rating: 6 })],
      ['satisfaction text', () => api.post(`/api/tickets/${id}/satisfaction`, { rating: 'great' })],
      ['path id spaces', () => api.get('/api/tickets/not%20an%20id')],
      ['path id operator', () => api.get('/api/tickets/$where')],
      ['path id too long', () => api.get(`/api/tickets/${'a'.repeat(65)}`)],
      ['path id dots', () => api.get('/api/tickets/..%2F..%2Fetc')],
      ['path id timeline', () => api.get('/api/tickets/%7B%7D/timeline')],
      ['path id close', () => api.post('/api/tickets/a.b/close')],
    ];
    const before = await snapshot(id);
    const wrong: string[] = [];
    for (const [name, call] of calls) {
      const answer = await call();
      const message = answer.body?.detail;
      if (answer.status !== 400 || !message || (Array.isArray(message) && message.length === 0)) {
        wrong.push(`${name} -> ${answer.status} ${JSON.stringify(answer.body)}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await snapshot(id)).toEqual(before);
  });

  it('on the list queries of tickets and categories', async () => {
    const api = as(admin);
    const queries = [
      '/api/tickets?limit=1000',
      '/api/tickets?limit=0',
      '/api/tickets?limit=abc',
      '/api/tickets?page=0',
      '/api/tickets?page=-1',
      '/api/tickets?status=bogus',
      '/api/tickets?status=new,,closed',
      '/api/tickets?status[$ne]=closed',
      '/api/tickets?sort=__proto__',
      '/api/tickets?sort=constructor',
      '/api/tickets?sort=timeline',
      '/api/tickets?order=up',
      '/api/tickets?type=problem',
      '/api/tickets?priority=7',
      '/api/tickets?priority=high',
      '/api/tickets?categoryId=$gt',
      '/api/tickets?requesterId[$ne]=x',
      '/api/tickets?assigneeUserId=a%20b',
      '/api/tickets?assigneeGroupId=*',
      '/api/tickets?entityId=..',
      '/api/tickets?openedFrom=yesterday',
      '/api/tickets?openedTo=2024-13-45',
      // ISO 8601 forms Date.parse cannot read (they answered 500), a day that does not exist
      '/api/tickets?openedFrom=2026-W01',
      '/api/tickets?openedFrom=20260101',
      '/api/tickets?openedFrom=2026-01-01T10',
      '/api/tickets?openedTo=2026-01-01T10:00',
      '/api/tickets?openedTo=2026-02-30',
      '/api/tickets?openedFrom=2026-01-01T10:00:00',
      '/api/tickets?openedFrom=2026-01-01&openedFrom=2026-01-02',
      `/api/tickets?openedFrom=${iso(1)}&openedTo=${iso(0)}`,
      `/api/tickets?q=${'x'.repeat(256)}`,
      '/api/tickets?view=everything',
      '/api/tickets?foo=bar',
      '/api/tickets?__proto__[admin]=1',
      '/api/itil-categories?limit=1000',
      '/api/itil-categories?page=0',
      '/api/itil-categories?order=sideways',
      '/api/itil-categories?sort=name',
      `/api/itil-categories?name=${'x'.repeat(256)}`,
    ];
    const wrong: string[] = [];
    for (const query of queries) {
      const answer = await api.get(query);
      const message = answer.body?.detail;
      if (answer.status !== 400 || !message) wrong.push(`${query} -> ${answer.status} ${JSON.stringify(answer.body)}`);
    }
    expect(wrong).toEqual([]);
    // the regex characters of q are taken literally
    expect((await api.get('/api/tickets?q=.*')).body.total).toBe(0);
    expect((await api.get('/api/tickets?q=%5B')).status).toBe(200);
  });

  it('on creating a category', async () => {
    const api = as(admin);
    const bodies: unknown[] = [
      {},
      { name: '' },
      { name: 7 },
      { name: 'x', recursive: 'yes' },
      { name: 'x', forIncidents: 1 },
      { name: 'x', parentId: '../x' },
      { name: 'x', entityId: { $gt: '' } },
      { name: 'x', color: 'red' },
      '{"name":',
    ];
    const wrong: string[] = [];
    for (const body of bodies) {
      const answer = await api.post('/api/itil-categories', body);
      if (answer.status !== 400 || !answer.body?.detail) {
        wrong.push(`${JSON.stringify(body)} -> ${answer.status} ${JSON.stringify(answer.body)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('the seed’s simplified interface', () => {
  it('lets a requester set the urgency of their ticket, never its impact nor its priority (403, nothing written)', async () => {
    const api = as(selfB);
    const ticket = { title: 'Trackball 7Q bloquée', description: 'La boule ne répond plus.' };
    for (const field of [{ impact: 5 }, { priority: 5 }]) {
      const refused = await api.post('/api/tickets', { ...ticket, urgency: 2, ...field });
      expect([refused.status, refused.body.code]).toEqual([403, 'forbidden']);
    }
    expect((await api.get('/api/tickets?q=Trackball')).body.total).toBe(0);
    const opened = await api.post('/api/tickets', { ...ticket, urgency: 2 });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ urgency: 2, impact: 3 });
  });
});

describe('a client retrying a creation', () => {
  it('gets the first ticket again with the same Idempotency-Key, even concurrently, never a second one', async () => {
    const send = (key: string) =>
      fetch(`${tickets.url}/api/tickets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${selfA.token}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify({ title: 'Écran noir Z9', description: 'Plus d’image depuis la coupure.' }),
      }).then(async (response) => ({
        status: response.status,
        body: (await response.json()) as { ticketId?: string; code?: string },
      }));
    const answers = await Promise.all([send('retry-z9'), send('retry-z9'), send('retry-z9')]);
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((answer) => answer.body.ticketId)).size).toBe(1);
    expect((await as(selfA).get('/api/tickets?q=Z9')).body.total).toBe(1);
    // another key is another ticket; a key no one could have typed is refused
    expect((await send('retry-z9-bis')).body.ticketId).not.toBe(answers[0].body.ticketId);
    const refused = await send('bad key');
    expect([refused.status, refused.body.code]).toEqual([400, 'invalid']);
  });

  it('answers a retried follow-up, task or validation with the first answer, and writes it once', async () => {
    const api = as(techA);
    const keyed = (key: string) => ({ 'idempotency-key': key });
    const itemsOf = async (kind: string) =>
      ((await api.get(`/api/tickets/${tA.id}/timeline`)).body as Array<{ kind: string; content?: string }>).filter(
        (item) => item.kind === kind,
      );
    for (const [route, body, kind] of [
      ['followups', { content: 'Relance Y7 : redémarrez le poste.' }, 'followup'],
      ['tasks', { content: 'Tâche Y7 : changer le câble.', private: true }, 'task'],
      ['validations', { approver: admin.ref, comment: 'Validation Y7 ?' }, 'validation'],
    ] as const) {
      const before = (await itemsOf(kind)).length;
      const first = await api.post(`/api/tickets/${tA.id}/${route}`, body, keyed(`y7-${route}`));
      const again = await api.post(`/api/tickets/${tA.id}/${route}`, body, keyed(`y7-${route}`));
      expect([first.status, again.status]).toEqual([201, 201]);
      expect(again.body).toEqual(first.body);
      expect((await itemsOf(kind)).length).toBe(before + 1);
      // the same key for another request: refused, nothing written
      const other = await api.post(
        `/api/tickets/${tA.id}/${route}`,
        { ...body, content: 'autre' },
        keyed(`y7-${route}`),
      );
      expect([other.status, other.body.code, other.body.errors]).toEqual([
        422,
        'rule',
        [{ field: 'Idempotency-Key', message: expect.stringMatching(/used for another request/) }],
      ]);
      expect((await itemsOf(kind)).length).toBe(before + 1);
    }
  });

  it('never writes twice when the first answer was lost (written, never answered), nor for concurrent retries', async () => {
    const api = as(techA);
    const body = { content: 'Relance X4 : le technicien passe demain.' };
    const followups = async () =>
      ((await api.get(`/api/tickets/${tA.id}/timeline`)).body as Array<{ kind: string; content?: string }>).filter(
        (item) => item.content === body.content,
      );
    const first = await api.post(`/api/tickets/${tA.id}/followups`, body, { 'idempotency-key': 'x4-lost' });
    expect(first.status).toBe(201);
    // sent again as recorded, and said so
    const replayed = await fetch(`${tickets.url}/api/tickets/${tA.id}/followups`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${techA.token}`,
        'content-type': 'application/json',
        'idempotency-key': 'x4-lost',
      },
      body: JSON.stringify(body),
    });
    expect([replayed.status, replayed.headers.get('idempotent-replayed')]).toEqual([201, 'true']);
    expect(await replayed.json()).toEqual(first.body);
    // as if the first attempt had been cut after its write: its recorded answer is gone
    await db.collection('idempotent_answers').deleteMany({});
    const retried = await api.post(`/api/tickets/${tA.id}/followups`, body, { 'idempotency-key': 'x4-lost' });
    expect(retried.status).toBe(201);
    expect(retried.body).toEqual(first.body);
    expect(await followups()).toHaveLength(1);
    const concurrent = await Promise.all(
      [1, 2, 3].map(() =>
        api.post(`/api/tickets/${tA.id}/followups`, { content: 'Relance X5' }, { 'idempotency-key': 'x5-concurrent' }),
      ),
    );
    expect(concurrent.map((answer) => answer.status)).toEqual([201, 201, 201]);
    const timeline = (await api.get(`/api/tickets/${tA.id}/timeline`)).body as Array<{ content?: string }>;
    expect(timeline.filter((item) => item.content === 'Relance X5')).toHaveLength(1);
  });

  it('keeps one caller’s keys apart from another’s: the same key is another request', async () => {
    const category = { name: 'Catégorie W2', recursive: true };
    const [mine, theirs] = await Promise.all([
      as(admin).post('/api/itil-categories', category, { 'idempotency-key': 'w2' }),
      as(adminB).post('/api/itil-categories', category, { 'idempotency-key': 'w2' }),
    ]);
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(mine.body.categoryId).not.toBe(theirs.body.categoryId);
    const again = await as(admin).post('/api/itil-categories', category, { 'idempotency-key': 'w2' });
    expect(again.body).toEqual(mine.body);
  });
});

function iso(daysFromNow: number): string {
  return new Date(Date.now() + daysFromNow * 86_400_000).toISOString();
}
