import { IdentityFixture, type FixtureUser } from '@itsm/fixtures';
import type { ApiAnswer } from '@itsm/runtime';
import { eventually, useIsolatedStack } from '@itsm/testing';
import { MongoClient } from 'mongodb';
import { startTickets, type TicketsApi, type TicketsUnderTest } from './test-support/tickets-test-app';

// What a ticket names (requesters, observers, assignees, approvers, task technicians, its ITIL
// category) must belong to the ticket's entity tree, as GLPI requires: of the ticket's entity, or
// of an entity above it with the recursive flag; never of a sibling. Entities: root > A > A1, B beside A.
const stack = useIsolatedStack();
let tickets: TicketsUnderTest;
let identity: IdentityFixture;

let admin: FixtureUser; // super-admin on root, recursive: may name anyone anywhere, the rules still apply
let techA: FixtureUser; // authorized on A, recursive: belongs to A and A1
let techAFlat: FixtureUser; // authorized on A only: belongs to A, not to A1
let techB: FixtureUser; // authorized on B: A's sibling
let userA1: FixtureUser; // authorized on A1 only: not above A
const groups: Record<string, { kind: 'group'; id: string }> = {};
const categories: Record<string, string> = {};

const api = (): TicketsApi => tickets.api(admin.token);

/** The 422 problem's fields and messages, or the answer itself when it is something else. */
function refusedFields(answer: ApiAnswer): Array<{ field: string; message: string }> | ApiAnswer {
  if (answer.status !== 422 || answer.body?.type !== 'urn:itsm:problem:rule') return answer;
  return answer.body.errors;
}

const open = (body: Record<string, unknown>) =>
  api().post('/api/tickets', { title: 'Écran noir', description: 'Plus d’image.', ...body });

async function opened(body: Record<string, unknown>): Promise<string> {
  const answer = await open(body);
  if (answer.status !== 201) throw new Error(`expected 201, got ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.ticketId as string;
}

const ok = async (call: Promise<ApiAnswer>) => {
  const answer = await call;
  if (answer.status >= 300) throw new Error(`expected success, got ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
};

beforeAll(async () => {
  identity = new IdentityFixture(stack);
  await identity.connect();
  tickets = await startTickets(stack);
  await identity.siblingTree();
  admin = await identity.user('glpi', 'super-admin');
  techA = await identity.user('tech-a', 'technician', { entityId: 'A' });
  techAFlat = await identity.user('tech-a-flat', 'technician', { entityId: 'A', recursive: false });
  techB = await identity.user('tech-b', 'technician', { entityId: 'B' });
  userA1 = await identity.user('user-a1', 'self-service', { entityId: 'A1' });
  groups.root = (await identity.group('Support', [], 'root')) as { kind: 'group'; id: string };
  groups.rootOnly = (await identity.group('Direction', [], 'root', { recursive: false })) as typeof groups.root;
  groups.aFlat = (await identity.group('Atelier A', [], 'A', { recursive: false })) as typeof groups.root;
  groups.b = (await identity.group('Support B', [], 'B')) as typeof groups.root;
  await tickets.directoryHas(5, 4);
  const mongo = await MongoClient.connect(stack.mongoUrl);
  stack.onTeardown(() => mongo.close());
  const db = mongo.db(stack.envFor('tickets').MONGO_DB);
  await eventually(
    async () => (await db.collection('directory_groups').countDocuments()) === 4,
    60_000,
    'the groups reached tickets',
  );
  await new Promise((resolve) => setTimeout(resolve, 1100)); // the entity tree cache (1 s) sees A, A1, B
  const category = async (name: string, entityId: string, recursive: boolean) => {
    categories[name] = (await ok(api().post('/api/itil-categories', { name, entityId, recursive }))).categoryId;
  };
  await category('root shared', 'root', true);
  await category('root only', 'root', false);
  await category('A flat', 'A', false);
  await category('B hardware', 'B', true);
});

describe('a ticket names only what belongs to its entity tree', () => {
  it('opening: a sibling entity’s user, group or category is a 422 naming each field, and nothing is recorded', async () => {
    const before = (await api().get('/api/tickets?entityId=A&limit=1')).body.total;
    const answer = await open({
      entityId: 'A',
      requesters: [admin.ref, techB.ref],
      observers: [groups.b],
      assignees: [techA.ref],
      categoryId: categories['B hardware'],
    });
    expect(refusedFields(answer)).toEqual([
      {
        field: 'requesters.1.id',
        message: `user ${techB.userId} does not belong to entity A: no authorization there, nor a recursive one above it`,
      },
      {
        field: 'observers.0.id',
        message: `group ${groups.b.id} is not visible in entity A: neither of it nor recursive from an entity above it`,
      },
      {
        field: 'categoryId',
        message: `category ${categories['B hardware']} is not visible in entity A: neither of it nor recursive from an entity above it`,
      },
    ]);
    expect(answer.body.detail).toMatch(/^requesters\.1\.id: user .* does not belong to entity A/);
    expect((await api().get('/api/tickets?entityId=A&limit=1')).body.total).toBe(before);
  });

  it('on a ticket: a sibling entity’s actor, approver, task technician or category is a 422, and the ticket is unchanged', async () => {
    const id = await opened({ entityId: 'A', assignees: [techA.ref] });
    await ok(api().post(`/api/tickets/${id}/tasks`, { content: 'Diagnostic' }));
    const timeline = async () => (await api().get(`/api/tickets/${id}/timeline`)).body;
    const view = async () => (await api().get(`/api/tickets/${id}`)).body;
    const [viewBefore, timelineBefore] = [await view(), await timeline()];
    const task = (timelineBefore as Array<{ kind: string; itemId: string }>).find((item) => item.kind === 'task')!;
    const refusals = {
      observer: await api().post(`/api/tickets/${id}/actors`, { role: 'observer', ...techB.ref }),
      assignee: await api().post(`/api/tickets/${id}/actors`, { role: 'assignee', ...groups.b }),
      approver: await api().post(`/api/tickets/${id}/validations`, { approver: techB.ref, comment: 'ok ?' }),
      newTask: await api().post(`/api/tickets/${id}/tasks`, { content: 'Remplacer', technicianId: techB.userId }),
      taskChange: await api().patch(`/api/tickets/${id}/tasks/${task.itemId}`, { technicianId: techB.userId }),
      category: await api().patch(`/api/tickets/${id}`, { categoryId: categories['B hardware'] }),
    };
    const fields = Object.fromEntries(
      Object.entries(refusals).map(([what, answer]) => {
        const refused = refusedFields(answer);
        return [what, Array.isArray(refused) ? refused.map((error) => error.field) : refused];
      }),
    );
    expect(fields).toEqual({
      observer: ['id'],
      assignee: ['id'],
      approver: ['approver.id'],
      newTask: ['technicianId'],
      taskChange: ['technicianId'],
      category: ['categoryId'],
    });
    expect(await view()).toEqual(viewBefore);
    expect(await timeline()).toEqual(timelineBefore);
  });

  it('a user, group or category of an entity above with the recursive flag is accepted', async () => {
    const id = await opened({
      entityId: 'A1',
      requesters: [userA1.ref],
      observers: [groups.root],
      assignees: [techA.ref],
      categoryId: categories['root shared'],
    });
    await ok(api().post(`/api/tickets/${id}/validations`, { approver: techA.ref, comment: 'ok ?' }));
    await ok(api().post(`/api/tickets/${id}/tasks`, { content: 'Remplacer l’écran', technicianId: techA.userId }));
    const ticket = (await api().get(`/api/tickets/${id}`)).body;
    expect(ticket).toMatchObject({ entityId: 'A1', categoryId: categories['root shared'] });
    expect(ticket.actors.assignee).toEqual([expect.objectContaining({ id: techA.userId })]);
    expect(ticket.actors.observer).toEqual([expect.objectContaining({ id: groups.root.id })]);
  });

  it('from an entity above without the recursive flag, or from below, it is refused', async () => {
    const answer = await open({
      entityId: 'A1',
      requesters: [techAFlat.ref],
      observers: [groups.rootOnly, groups.aFlat],
      categoryId: categories['root only'],
    });
    expect((refusedFields(answer) as Array<{ field: string }>).map((error) => error.field)).toEqual([
      'requesters.0.id',
      'observers.0.id',
      'observers.1.id',
      'categoryId',
    ]);
    const fromBelow = await open({ entityId: 'A', requesters: [userA1.ref] });
    expect(refusedFields(fromBelow)).toEqual([
      {
        field: 'requesters.0.id',
        message: `user ${userA1.userId} does not belong to entity A: no authorization there, nor a recursive one above it`,
      },
    ]);
  });

  it('a user, group or category of the ticket’s own entity is accepted, recursive or not', async () => {
    const id = await opened({
      entityId: 'A',
      requesters: [techAFlat.ref],
      assignees: [groups.aFlat],
      categoryId: categories['A flat'],
    });
    await ok(api().post(`/api/tickets/${id}/actors`, { role: 'observer', ...techA.ref }));
    await ok(api().post(`/api/tickets/${id}/tasks`, { content: 'Câble', technicianId: techAFlat.userId }));
    const ticket = (await api().get(`/api/tickets/${id}`)).body;
    expect(ticket).toMatchObject({ entityId: 'A', categoryId: categories['A flat'], status: 'assigned' });
    expect(ticket.actors.observer).toEqual([expect.objectContaining({ id: techA.userId })]);
  });

  it('a root ticket takes what is defined on root, recursive or not', async () => {
    const id = await opened({
      entityId: 'root',
      observers: [groups.rootOnly],
      categoryId: categories['root only'],
    });
    expect((await api().get(`/api/tickets/${id}`)).body).toMatchObject({ categoryId: categories['root only'] });
  });
});
