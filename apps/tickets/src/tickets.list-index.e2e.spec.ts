import type { INestApplication } from '@nestjs/common';
import type { TicketStatus } from '@itsm/contracts';
import { IdentityFixture, type FixtureUser } from '@itsm/fixtures';
import { eventually, stackKafka, useIsolatedStack } from '@itsm/testing';
import { MongoClient, type Collection, type Document } from 'mongodb';
import type { TicketCaller } from './ticket/access/ticket-access';
import { fanOutPage } from '@itsm/runtime';
import { TicketListIndex } from './ticket/queries/list-index/ticket-list-index';
import { TicketListIndexFeed } from './ticket/queries/list-index/ticket-list-index.feed';
import { fanOutPlan, ListTicketsQuery } from './ticket/queries/list-tickets.query';
import { startTickets, ticketsApi, type TicketsUnderTest } from './test-support/tickets-test-app';

// The simple lists answered from each replica's in-memory index must be the read model's own
// answers (fanOutPage, straight on the collection): for documents that were there before the
// service started (the load), for the writer's own commands at once, and on a second replica
// through its consumer group of its own, deleted when that replica stops.
const stack = useIsolatedStack();
const STATUSES: TicketStatus[] = ['new', 'assigned', 'planned', 'pending', 'solved', 'closed'];
const ENTITIES = ['root', 'E1', 'E2'];
const PRELOADED = 400;

let identity: IdentityFixture;
let admin: FixtureUser;
let tech: FixtureUser;
let replicaA: TicketsUnderTest;
let mongo: MongoClient;
let ticketView: Collection<{ _id: string } & Document>;

const serviceEnv = (): Record<string, string> => ({
  SERVICE_NAME: `tickets-${stack.dbName}`,
  ...stack.envFor('tickets'),
});
const indexOf = (app: INestApplication) => app.get(TicketListIndex);

/** The read model's documents, as the projection writes them; every date differs (no tie at a cut). */
function documents(count: number, people: FixtureUser[]) {
  const start = Date.parse('2026-01-01T00:00:00Z');
  return Array.from({ length: count }, (_, i) => {
    const ticketId = `0190aaaa-0000-7000-8000-${String(i).padStart(12, '0')}`;
    const openedAt = new Date(start + ((i * 7919) % count) * 60_000).toISOString();
    const updatedAt =
      i % 3 === 0 ? openedAt : new Date(start + (count + ((i * 104_729) % count)) * 60_000).toISOString();
    return {
      _id: `ticket-${ticketId}`,
      _sequence: 1 + (i % 4),
      ticketId,
      entityId: ENTITIES[i % 3],
      title: `Ticket ${i}`,
      description: '',
      type: i % 5 < 3 ? 'incident' : 'request',
      categoryId: i % 4 === 0 ? null : `cat-${i % 3}`,
      urgency: 1 + (i % 5),
      impact: 1 + (i % 3),
      priority: 1 + (i % 6),
      priorityOverridden: false,
      source: 'helpdesk',
      location: null,
      items: [],
      recipientId: 'seed',
      status: STATUSES[(i * 5) % 6],
      actors: {
        requester: [people[i % 2].ref],
        observer: [],
        assignee: i % 3 === 0 ? [] : [people[(i + 1) % 2].ref, { kind: 'group', id: `group-${i % 4}` }],
      },
      actorIndex: [],
      openedAt,
      updatedAt,
      takenIntoAccountAt: null,
      solvedAt: i % 6 === 4 ? updatedAt : null,
      closedAt: i % 6 === 5 ? updatedAt : null,
      pendingSince: null,
      waitingSeconds: 0,
      timeline: [],
      totalDurationMinutes: 0,
      tasksDonePercent: null,
      validationStatus: (['none', 'waiting', 'accepted', 'refused'] as const)[i % 4],
      satisfaction: null,
    };
  });
}

const QUERIES: Array<Partial<ListTicketsQuery>> = [
  {},
  { status: 'notold', entityId: 'E1', order: 'desc' },
  { status: 'old', sort: 'updatedAt', order: 'desc', limit: 7, page: 3 },
  { type: 'incident', priority: 3, status: 'all' },
  { categoryId: 'cat-1', status: 'notclosed', order: 'desc', limit: 100 },
  { status: 'process', entityId: 'E2', sort: 'updatedAt', page: 2, limit: 5 },
  { status: 'new,closed', entityId: 'root', order: 'desc', limit: 50 },
  { sort: 'updatedAt', order: 'desc', limit: 100, page: 2 },
  { status: 'pending', page: 999 },
];

const urlOf = (query: Partial<ListTicketsQuery>) =>
  `/api/tickets?${new URLSearchParams(Object.entries(query).map(([key, value]): [string, string] => [key, String(value)]))}`;

/** What `ask` answers while the index declines: the read model's own answer. */
async function declining<Answer>(index: TicketListIndex, ask: () => Promise<Answer>): Promise<Answer> {
  index.markStale();
  try {
    return await ask();
  } finally {
    index.markReady();
  }
}

/**
 * The API's answer on a replica next to fanOutPage's for the same plan, and next to the whole
 * answer the read model gives (the index told to decline meanwhile); the index must have answered.
 */
async function compare(app: INestApplication, url: string, query: Partial<ListTicketsQuery>) {
  const index = indexOf(app);
  const page = jest.spyOn(index, 'page');
  try {
    const answer = await ticketsApi(url, admin.token).get(urlOf(query));
    expect([query, answer.status]).toEqual([query, 200]);
    expect(page.mock.results.at(-1)?.value).toBeDefined();
    const fromReadModel = await declining(index, () => ticketsApi(url, admin.token).get(urlOf(query)));
    expect(page.mock.results.at(-1)?.value).toBeUndefined();
    expect([query, answer.body]).toEqual([query, fromReadModel.body]);
    const caller = { rights: new Set(['ticket.read-all']), scope: ENTITIES, groupIds: [] } as unknown as TicketCaller;
    const plan = fanOutPlan(Object.assign(new ListTicketsQuery(), query), caller)!;
    const expected = await fanOutPage(ticketView, plan);
    const summary = (item: Document) => [item.ticketId, item.status, item.entityId, item.openedAt, item.updatedAt];
    expect([query, answer.body.total, answer.body.items.map(summary)]).toEqual([
      query,
      expected.total,
      expected.items.map(summary),
    ]);
    return answer.body;
  } finally {
    page.mockRestore();
  }
}

/** The newest ticket of a status in E2 on a replica, as its list index answers it. */
async function newest(app: INestApplication, url: string, status: TicketStatus) {
  const page = jest.spyOn(indexOf(app), 'page');
  try {
    const answer = await ticketsApi(url, admin.token).get(
      `/api/tickets?status=${status}&entityId=E2&order=desc&limit=1`,
    );
    expect(page.mock.results.at(-1)?.value).toBeDefined();
    return answer.body.items[0]?.ticketId;
  } finally {
    page.mockRestore();
  }
}

beforeAll(async () => {
  identity = new IdentityFixture(stack);
  await identity.connect();
  await identity.entity('root', 'Entité racine', null);
  await identity.entity('E1', 'Agence Est', 'root');
  await identity.entity('E2', 'Agence Ouest', 'root');
  admin = await identity.user('glpi', 'super-admin');
  tech = await identity.user('tech', 'technician');
  mongo = await MongoClient.connect(stack.mongoUrl);
  ticketView = mongo.db(serviceEnv().MONGO_DB).collection<{ _id: string } & Document>('ticket_view');
  // there before the service starts: only the load can bring them into the index
  await ticketView.insertMany(documents(PRELOADED, [admin, tech]));
  replicaA = await startTickets(stack);
  await replicaA.directoryHas(2, 3);
  await new Promise((resolve) => setTimeout(resolve, 1100)); // the entity tree cache (1 s) sees E1, E2
  await eventually(async () => indexOf(replicaA.app).ready, 60_000, 'replica A’s list index ready');
});

afterAll(() => mongo?.close());

it('loads the read model at start and answers as the read model does', async () => {
  expect(indexOf(replicaA.app).size).toBe(PRELOADED);
  for (const query of QUERIES) await compare(replicaA.app, replicaA.url, query);
  const deep = await compare(replicaA.app, replicaA.url, { status: 'pending', page: 999 });
  expect(deep.items).toEqual([]);
  expect(deep.total).toBeGreaterThan(0);
});

it('shows the writer’s own new ticket and its new status at once', async () => {
  const api = replicaA.api(admin.token);
  const opened = await api.post('/api/tickets', { title: 'Écran noir', description: 'x', entityId: 'E2' });
  expect(opened.status).toBe(201);
  const ticketId = opened.body.ticketId;
  expect(await newest(replicaA.app, replicaA.url, 'new')).toBe(ticketId);
  expect((await api.post(`/api/tickets/${ticketId}/actors`, { role: 'assignee', ...tech.ref })).status).toBe(200);
  expect(await newest(replicaA.app, replicaA.url, 'assigned')).toBe(ticketId);
  expect(await newest(replicaA.app, replicaA.url, 'new')).not.toBe(ticketId);
  for (const query of QUERIES) await compare(replicaA.app, replicaA.url, query);
});

it('keeps a second replica up to date through its own consumer group, deleted when it stops', async () => {
  const { app: replicaB, url: urlB, close: closeReplicaB } = await startTickets(stack);
  await eventually(async () => indexOf(replicaB).ready, 60_000, 'replica B’s list index ready');
  const groupB = replicaB.get(TicketListIndexFeed).groupId!;
  expect(groupB).not.toBe(replicaA.app.get(TicketListIndexFeed).groupId);

  // written on A: B learns it from Kafka, not from its own commands
  const opened = await replicaA
    .api(admin.token)
    .post('/api/tickets', { title: 'VPN', description: 'x', entityId: 'E2' });
  expect(opened.status).toBe(201);
  await eventually(
    async () => (await newest(replicaB, urlB, 'new')) === opened.body.ticketId,
    30_000,
    'B lists the ticket',
  );
  const changed = await replicaA
    .api(admin.token)
    .post(`/api/tickets/${opened.body.ticketId}/actors`, { role: 'assignee', ...tech.ref });
  expect(changed.status).toBe(200);
  await eventually(
    async () => (await newest(replicaB, urlB, 'assigned')) === opened.body.ticketId,
    30_000,
    'B sees it assigned',
  );
  for (const query of QUERIES) await compare(replicaB, urlB, query);

  const kafka = stackKafka(stack);
  const kafkaAdmin = kafka.admin();
  await kafkaAdmin.connect();
  try {
    const groups = async () => (await kafkaAdmin.listGroups()).groups.map((group) => group.groupId);
    expect(await groups()).toContain(groupB);
    await closeReplicaB();
    expect(await groups()).not.toContain(groupB);
    expect(await groups()).toContain(replicaA.app.get(TicketListIndexFeed).groupId);
  } finally {
    await kafkaAdmin.disconnect();
  }
});
