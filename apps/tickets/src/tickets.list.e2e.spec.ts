import type { TicketStatus } from '@itsm/contracts';
import { eventually, useIsolatedStack } from '@itsm/testing';
import { MongoClient } from 'mongodb';
import { IdentityFixture, type FixtureUser } from '@itsm/fixtures';
import { startTickets, type TicketsApi, type TicketsUnderTest } from './test-support/tickets-test-app';

// The ticket list: every criterion, alone and combined, the status groups of GLPI's search, the
// sorts both ways, the pages, and the home views. Fifteen tickets are brought to their status
// through the API itself; the expected answers come from the table below, not from the service.
const stack = useIsolatedStack();
let tickets: TicketsUnderTest;
let identity: IdentityFixture;

let admin: FixtureUser, tech1: FixtureUser, tech2: FixtureUser, loner: FixtureUser;
let req1: FixtureUser, req2: FixtureUser;
let support: { kind: 'group'; id: string }; // assignee group: tech2 is a member
let accounting: { kind: 'group'; id: string }; // requester group: req1 is a member
const categories: Record<'hw' | 'sw', string> = { hw: '', sw: '' };

interface Seed {
  n: number;
  title: string;
  entityId: 'root' | 'E1';
  type: 'incident' | 'request';
  /** set by hand at opening; otherwise urgency x impact through the default matrix */
  priority?: number;
  urgency?: number;
  impact?: number;
  expectedPriority: number;
  category?: 'hw' | 'sw';
  requester: 'req1' | 'req2' | 'accounting';
  assignee?: 'tech1' | 'tech2';
  supportGroup?: boolean;
  status: TicketStatus;
}

// prettier-ignore
const SEEDS: Seed[] = [
  { n: 1, title: 'Alpha printer jam', entityId: 'root', type: 'incident', priority: 2, expectedPriority: 2, category: 'hw', requester: 'req1', status: 'new' },
  { n: 2, title: 'Bravo VPN down', entityId: 'root', type: 'incident', priority: 4, expectedPriority: 4, category: 'sw', requester: 'req2', status: 'new' },
  { n: 3, title: 'Charlie new laptop', entityId: 'E1', type: 'request', priority: 3, expectedPriority: 3, category: 'hw', requester: 'req1', assignee: 'tech1', status: 'assigned' },
  { n: 4, title: 'Delta mailbox full', entityId: 'root', type: 'incident', urgency: 5, impact: 5, expectedPriority: 5, requester: 'req2', assignee: 'tech1', status: 'assigned' },
  { n: 5, title: 'Echo badge access', entityId: 'E1', type: 'request', priority: 1, expectedPriority: 1, category: 'sw', requester: 'req1', supportGroup: true, status: 'assigned' },
  { n: 6, title: 'Foxtrot server room (URGENT)', entityId: 'root', type: 'incident', priority: 6, expectedPriority: 6, category: 'hw', requester: 'req2', assignee: 'tech2', supportGroup: true, status: 'planned' },
  { n: 7, title: 'Golf screen flicker', entityId: 'root', type: 'incident', expectedPriority: 3, requester: 'req1', assignee: 'tech1', status: 'pending' },
  { n: 8, title: 'Hotel software install', entityId: 'E1', type: 'request', priority: 2, expectedPriority: 2, category: 'sw', requester: 'req2', supportGroup: true, status: 'pending' },
  { n: 9, title: 'India password reset', entityId: 'root', type: 'request', priority: 1, expectedPriority: 1, category: 'hw', requester: 'req1', assignee: 'tech1', status: 'solved' },
  { n: 10, title: 'Juliet wifi slow', entityId: 'root', type: 'incident', priority: 4, expectedPriority: 4, category: 'sw', requester: 'accounting', assignee: 'tech2', status: 'solved' },
  { n: 11, title: 'Kilo keyboard broken', entityId: 'E1', type: 'incident', priority: 3, expectedPriority: 3, category: 'hw', requester: 'req2', assignee: 'tech1', supportGroup: true, status: 'solved' },
  { n: 12, title: 'Lima printer toner', entityId: 'root', type: 'request', priority: 2, expectedPriority: 2, category: 'hw', requester: 'req1', assignee: 'tech2', status: 'closed' },
  { n: 13, title: 'Mike phone line', entityId: 'root', type: 'incident', urgency: 4, impact: 5, expectedPriority: 5, requester: 'req2', assignee: 'tech1', status: 'closed' },
  { n: 14, title: 'November backup failed', entityId: 'E1', type: 'incident', priority: 4, expectedPriority: 4, category: 'sw', requester: 'req1', supportGroup: true, status: 'closed' },
  { n: 15, title: 'Oscar monitor request', entityId: 'root', type: 'request', expectedPriority: 3, requester: 'req2', assignee: 'tech2', status: 'assigned' },
];
const ids = new Map<number, string>();
/** between the 7th and the 8th opening */
let midpoint: string;

const NOT_OLD: TicketStatus[] = ['new', 'assigned', 'planned', 'pending'];
const as = (user: FixtureUser): TicketsApi => tickets.api(user.token);
const idsWhere = (keep: (seed: Seed) => boolean) =>
  SEEDS.filter(keep)
    .map((seed) => ids.get(seed.n)!)
    .sort();
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Item {
  ticketId: string;
  title: string;
  status: TicketStatus;
  priority: number;
  openedAt: string;
  updatedAt: string;
  requesters: Array<{ kind: string; id: string; name: string }>;
  assignees: Array<{ kind: string; id: string; name: string }>;
}

async function list(user: FixtureUser, query: string) {
  const answer = await as(user).get(`/api/tickets?limit=100${query ? `&${query}` : ''}`);
  expect([query, answer.status]).toEqual([query, 200]);
  const items = answer.body.items as Item[];
  expect(answer.body.total).toBe(items.length);
  return { items, ids: items.map((item) => item.ticketId).sort() };
}

beforeAll(async () => {
  identity = new IdentityFixture(stack);
  await identity.connect();
  tickets = await startTickets(stack);
  await identity.entity('root', 'Entité racine', null);
  await identity.entity('E1', 'Agence Est', 'root');
  admin = await identity.user('glpi', 'super-admin');
  tech1 = await identity.user('tech1', 'technician', { firstName: 'Ugo', lastName: 'TECHUN' });
  tech2 = await identity.user('tech2', 'technician', { firstName: 'Théo', lastName: 'TECHDEUX' });
  loner = await identity.user('loner', 'technician');
  req1 = await identity.user('req1', 'self-service', { firstName: 'Rémi', lastName: 'UN' });
  req2 = await identity.user('req2', 'self-service', { firstName: 'Rose', lastName: 'DEUX' });
  support = (await identity.group('Support N2', [tech2.userId])) as typeof support;
  accounting = (await identity.group('Comptabilité', [req1.userId])) as typeof accounting;
  await tickets.directoryHas(6, 2);
  const mongo = await MongoClient.connect(stack.mongoUrl);
  try {
    const groups = mongo.db(stack.envFor('tickets').MONGO_DB).collection('directory_groups');
    await eventually(
      async () =>
        (await groups.countDocuments({ members: tech2.userId })) +
          (await groups.countDocuments({ members: req1.userId })) ===
        2,
      60_000,
      'groups reached tickets',
    );
  } finally {
    await mongo.close();
  }
  await pause(1100); // the entity tree cache (1 s) sees E1

  const api = as(admin);
  for (const [key, name] of [
    ['hw', 'Matériel'],
    ['sw', 'Logiciel'],
  ] as const) {
    categories[key] = (await api.post('/api/itil-categories', { name, entityId: 'root' })).body.categoryId;
  }
  const users = { req1, req2, tech1, tech2 };
  const requesterRef = (seed: Seed) => (seed.requester === 'accounting' ? accounting : users[seed.requester].ref);

  // opening: odd tickets get their assignee on the form, even ones afterwards
  for (const seed of SEEDS) {
    const opened = await api.post('/api/tickets', {
      title: seed.title,
      description: `${seed.title}.`,
      entityId: seed.entityId,
      type: seed.type,
      ...(seed.priority !== undefined && { priority: seed.priority }),
      ...(seed.urgency !== undefined && { urgency: seed.urgency, impact: seed.impact }),
      ...(seed.category && { categoryId: categories[seed.category] }),
      requesters: [requesterRef(seed)],
      ...(seed.assignee && seed.n % 2 === 1 && { assignees: [users[seed.assignee].ref] }),
    });
    expect([seed.n, opened.status]).toEqual([seed.n, 201]);
    ids.set(seed.n, opened.body.ticketId);
    if (seed.n === 7) {
      await pause(30);
      midpoint = new Date().toISOString();
      await pause(30);
    }
  }

  // then the work: assignees, plans, waits, solutions, closures
  for (const seed of SEEDS) {
    const id = ids.get(seed.n)!;
    const expectOk = async (answer: Promise<{ status: number; body: unknown }>) => {
      const { status, body } = await answer;
      if (status >= 300) throw new Error(`ticket ${seed.n}: ${status} ${JSON.stringify(body)}`);
    };
    if (seed.assignee && seed.n % 2 === 0) {
      await expectOk(api.post(`/api/tickets/${id}/actors`, { role: 'assignee', ...users[seed.assignee].ref }));
    }
    if (seed.supportGroup) await expectOk(api.post(`/api/tickets/${id}/actors`, { role: 'assignee', ...support }));
    if (seed.status === 'planned') {
      const begin = new Date(Date.now() + 86_400_000);
      await expectOk(
        api.post(`/api/tickets/${id}/tasks`, {
          content: 'intervention sur site',
          plannedBegin: begin.toISOString(),
          plannedEnd: new Date(begin.getTime() + 3_600_000).toISOString(),
        }),
      );
    }
    if (seed.status === 'pending') await expectOk(api.post(`/api/tickets/${id}/status`, { status: 'pending' }));
    if (seed.status === 'solved' || seed.n === 13 || seed.n === 14) {
      await expectOk(api.post(`/api/tickets/${id}/solution`, { content: 'fait' }));
    }
    if (seed.n === 12 || seed.n === 13) await expectOk(api.post(`/api/tickets/${id}/close`));
    if (seed.n === 14) await expectOk(as(req1).post(`/api/tickets/${id}/solution/approve`));
    const now = (await api.get(`/api/tickets/${id}`)).body;
    expect([seed.n, now.status, now.priority]).toEqual([seed.n, seed.status, seed.expectedPriority]);
  }
});

describe('criteria', () => {
  it('without criteria: every ticket in scope, by opening date, with its total', async () => {
    const answer = await as(admin).get('/api/tickets');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ total: 15, page: 1, limit: 20 });
    expect(answer.body.items.map((item: Item) => item.ticketId)).toEqual(SEEDS.map((seed) => ids.get(seed.n)));
  });

  it('each status alone', async () => {
    for (const status of ['new', 'assigned', 'planned', 'pending', 'solved', 'closed'] as const) {
      const { ids: found, items } = await list(admin, `status=${status}`);
      expect([status, found]).toEqual([status, idsWhere((seed) => seed.status === status)]);
      expect(items.every((item) => item.status === status)).toBe(true);
    }
  });

  it('the status groups of GLPI: notold, notclosed, process, old, all, and lists of them', async () => {
    const groups: Array<[string, (seed: Seed) => boolean, number]> = [
      ['notold', (seed) => NOT_OLD.includes(seed.status), 9],
      ['notclosed', (seed) => seed.status !== 'closed', 12],
      ['process', (seed) => seed.status === 'assigned' || seed.status === 'planned', 5],
      ['old', (seed) => seed.status === 'solved' || seed.status === 'closed', 6],
      ['all', () => true, 15],
      ['new,closed', (seed) => seed.status === 'new' || seed.status === 'closed', 5],
      ['old,pending', (seed) => ['solved', 'closed', 'pending'].includes(seed.status), 8],
      ['new,notold,new', (seed) => NOT_OLD.includes(seed.status), 9],
      ['process,old', (seed) => !['new', 'pending'].includes(seed.status), 11],
    ];
    for (const [status, keep, count] of groups) {
      const { ids: found } = await list(admin, `status=${status}`);
      expect([status, found]).toEqual([status, idsWhere(keep)]);
      expect([status, found.length]).toEqual([status, count]);
    }
  });

  it('type, priority, category, entity', async () => {
    for (const type of ['incident', 'request'] as const) {
      expect((await list(admin, `type=${type}`)).ids).toEqual(idsWhere((seed) => seed.type === type));
    }
    for (let priority = 1; priority <= 6; priority++) {
      const { ids: found } = await list(admin, `priority=${priority}`);
      expect([priority, found]).toEqual([priority, idsWhere((seed) => seed.expectedPriority === priority)]);
    }
    for (const key of ['hw', 'sw'] as const) {
      expect((await list(admin, `categoryId=${categories[key]}`)).ids).toEqual(
        idsWhere((seed) => seed.category === key),
      );
    }
    expect((await list(admin, 'entityId=E1')).ids).toEqual(idsWhere((seed) => seed.entityId === 'E1'));
    expect((await list(admin, 'entityId=root')).ids).toEqual(idsWhere((seed) => seed.entityId === 'root'));
  });

  it('requester, assigned user, assigned group', async () => {
    expect((await list(admin, `requesterId=${req1.userId}`)).ids).toEqual(
      idsWhere((seed) => seed.requester === 'req1'),
    );
    expect((await list(admin, `requesterId=${req2.userId}`)).ids).toEqual(
      idsWhere((seed) => seed.requester === 'req2'),
    );
    expect((await list(admin, `assigneeUserId=${tech1.userId}`)).ids).toEqual(
      idsWhere((seed) => seed.assignee === 'tech1'),
    );
    expect((await list(admin, `assigneeUserId=${tech2.userId}`)).ids).toEqual(
      idsWhere((seed) => seed.assignee === 'tech2'),
    );
    expect((await list(admin, `assigneeGroupId=${support.id}`)).ids).toEqual(idsWhere((seed) => !!seed.supportGroup));
    // a user id is not a group id, nor a requester an assignee
    expect((await list(admin, `assigneeGroupId=${tech2.userId}`)).ids).toEqual([]);
    expect((await list(admin, `assigneeUserId=${req1.userId}`)).ids).toEqual([]);
    expect((await list(admin, `requesterId=${tech1.userId}`)).ids).toEqual([]);
  });

  it('opening dates, from and to', async () => {
    const before = new Date(Date.now() - 3_600_000).toISOString();
    const after = new Date(Date.now() + 3_600_000).toISOString();
    expect((await list(admin, `openedFrom=${midpoint}`)).ids).toEqual(idsWhere((seed) => seed.n >= 8));
    expect((await list(admin, `openedTo=${midpoint}`)).ids).toEqual(idsWhere((seed) => seed.n <= 7));
    expect((await list(admin, `openedFrom=${before}&openedTo=${after}`)).ids).toHaveLength(15);
    expect((await list(admin, `openedFrom=${midpoint}&openedTo=${midpoint}`)).ids).toEqual([]);
    expect((await list(admin, `openedFrom=${after}`)).ids).toEqual([]);
    const { items } = await list(admin, `openedFrom=${midpoint}`);
    expect(items.every((item) => item.openedAt >= midpoint)).toBe(true);
  });

  it('opening dates given with a time zone offset mean the same instants', async () => {
    // the midpoint as a clock in Paris (+02:00) and in New York (-05:00) reads it
    const at = (offsetHours: number) => {
      const local = new Date(Date.parse(midpoint) + offsetHours * 3_600_000).toISOString().slice(0, 23);
      const sign = offsetHours >= 0 ? '+' : '-';
      return encodeURIComponent(`${local}${sign}${String(Math.abs(offsetHours)).padStart(2, '0')}:00`);
    };
    for (const offset of [2, -5]) {
      expect([offset, (await list(admin, `openedFrom=${at(offset)}`)).ids]).toEqual([
        offset,
        idsWhere((seed) => seed.n >= 8),
      ]);
      expect([offset, (await list(admin, `openedTo=${at(offset)}`)).ids]).toEqual([
        offset,
        idsWhere((seed) => seed.n <= 7),
      ]);
    }
    // an interval that is right once read as instants, though its texts compare the other way
    const ok = await as(admin).get(`/api/tickets?openedFrom=${at(2)}&openedTo=${at(-5)}`);
    expect(ok.status).toBe(200);
    expect(ok.body.total).toBe(0);
  });

  it('words of the title, in any case, regex characters taken literally', async () => {
    expect((await list(admin, 'q=printer')).ids).toEqual(idsWhere((seed) => [1, 12].includes(seed.n)));
    expect((await list(admin, 'q=PRINTER')).ids).toEqual(idsWhere((seed) => [1, 12].includes(seed.n)));
    expect((await list(admin, 'q=ter%20t')).ids).toEqual(idsWhere((seed) => seed.n === 12));
    expect((await list(admin, `q=${encodeURIComponent('(urgent')}`)).ids).toEqual(idsWhere((seed) => seed.n === 6));
    expect((await list(admin, `q=${encodeURIComponent('.*')}`)).ids).toEqual([]);
    expect((await list(admin, 'q=zzz')).ids).toEqual([]);
  });

  it('criteria combined', async () => {
    const cases: Array<[string, (seed: Seed) => boolean]> = [
      ['status=notold&type=incident', (seed) => NOT_OLD.includes(seed.status) && seed.type === 'incident'],
      [
        `status=notold&type=incident&entityId=root&assigneeUserId=${tech1.userId}`,
        (seed) =>
          NOT_OLD.includes(seed.status) &&
          seed.type === 'incident' &&
          seed.entityId === 'root' &&
          seed.assignee === 'tech1',
      ],
      ['status=old&priority=5', (seed) => ['solved', 'closed'].includes(seed.status) && seed.expectedPriority === 5],
      [
        `status=process&assigneeGroupId=${support.id}`,
        (seed) => ['assigned', 'planned'].includes(seed.status) && !!seed.supportGroup,
      ],
      [
        `requesterId=${req1.userId}&type=request&status=notclosed`,
        (seed) => seed.requester === 'req1' && seed.type === 'request' && seed.status !== 'closed',
      ],
      [`categoryId=${categories.hw}&entityId=E1`, (seed) => seed.category === 'hw' && seed.entityId === 'E1'],
      ['q=printer&status=closed', (seed) => seed.n === 12],
      ['q=printer&status=old&type=incident', () => false],
      [
        `openedFrom=${midpoint}&status=solved,closed&priority=4`,
        (seed) => seed.n >= 8 && ['solved', 'closed'].includes(seed.status) && seed.expectedPriority === 4,
      ],
      [
        `assigneeUserId=${tech2.userId}&assigneeGroupId=${support.id}`,
        (seed) => seed.assignee === 'tech2' && !!seed.supportGroup,
      ],
    ];
    for (const [query, keep] of cases) {
      const { ids: found } = await list(admin, query);
      expect([query, found]).toEqual([query, idsWhere(keep)]);
    }
    // a few combinations are not empty, so the cases above prove something
    expect(SEEDS.filter(cases[1][1]).length).toBeGreaterThan(0);
    expect(SEEDS.filter(cases[8][1]).length).toBeGreaterThan(0);
  });
});

describe('sorting and pages', () => {
  const compare = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

  it('sorts on each sortable field, both ways', async () => {
    for (const sort of ['openedAt', 'updatedAt', 'priority', 'status', 'title'] as const) {
      const ascending = (await list(admin, `sort=${sort}&order=asc`)).items;
      const descending = (await list(admin, `sort=${sort}&order=desc`)).items;
      expect(ascending).toHaveLength(15);
      const keysUp = ascending.map((item) => item[sort]);
      const keysDown = descending.map((item) => item[sort]);
      expect([sort, keysUp]).toEqual([sort, [...keysUp].sort(compare)]);
      expect([sort, keysDown]).toEqual([sort, [...keysUp].sort(compare).reverse()]);
    }
    const titles = [...SEEDS.map((seed) => seed.title)].sort();
    expect((await list(admin, 'sort=title')).items.map((item) => item.title)).toEqual(titles);
    expect((await list(admin, 'sort=title&order=desc')).items.map((item) => item.title)).toEqual([...titles].reverse());
    expect((await list(admin, 'sort=priority&order=desc')).items.map((item) => item.priority)).toEqual(
      SEEDS.map((seed) => seed.expectedPriority).sort((a, b) => b - a),
    );
    expect((await list(admin, 'sort=openedAt&order=desc')).items.map((item) => item.ticketId)).toEqual(
      SEEDS.map((seed) => ids.get(seed.n)).reverse(),
    );
    // the last ticket worked on (approved by its requester) comes last by update date
    const byUpdate = (await list(admin, 'sort=updatedAt')).items.map((item) => item.ticketId);
    expect(byUpdate.at(-1)).toBe(ids.get(14));
  });

  it('pages through the list with its total', async () => {
    const all = (await list(admin, 'sort=title')).items.map((item) => item.ticketId);
    const seen: string[] = [];
    for (let page = 1; page <= 4; page++) {
      const answer = await as(admin).get(`/api/tickets?sort=title&limit=4&page=${page}`);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ total: 15, page, limit: 4 });
      expect(answer.body.items).toHaveLength(page < 4 ? 4 : 3);
      seen.push(...answer.body.items.map((item: Item) => item.ticketId));
    }
    expect(seen).toEqual(all);
    const beyond = await as(admin).get('/api/tickets?sort=title&limit=4&page=5');
    expect(beyond.body).toMatchObject({ items: [], total: 15, page: 5, limit: 4 });
    const farBeyond = await as(admin).get('/api/tickets?limit=100&page=999999999');
    expect([farBeyond.status, farBeyond.body.items, farBeyond.body.total]).toEqual([200, [], 15]);

    const notOld = await as(admin).get('/api/tickets?status=notold&sort=title&order=desc&limit=2&page=5');
    expect(notOld.body.total).toBe(9);
    expect(notOld.body.items.map((item: Item) => item.title)).toEqual([
      SEEDS.filter((seed) => NOT_OLD.includes(seed.status))
        .map((seed) => seed.title)
        .sort()[0],
    ]);
  });
});

describe('home views', () => {
  it('to-approve: the solved tickets the caller requests, themselves or through a group', async () => {
    expect((await list(req1, 'view=to-approve')).ids).toEqual(idsWhere((seed) => [9, 10].includes(seed.n)));
    expect((await list(req2, 'view=to-approve')).ids).toEqual(idsWhere((seed) => seed.n === 11));
    expect((await list(tech1, 'view=to-approve')).ids).toEqual([]);
    expect((await list(admin, 'view=to-approve')).ids).toEqual([]);
    expect((await list(req1, 'view=to-approve&type=incident')).ids).toEqual(idsWhere((seed) => seed.n === 10));
  });

  it('assigned-to-me: the unsolved tickets assigned to the caller', async () => {
    expect((await list(tech1, 'view=assigned-to-me')).ids).toEqual(
      idsWhere((seed) => seed.assignee === 'tech1' && NOT_OLD.includes(seed.status)),
    );
    expect((await list(tech1, 'view=assigned-to-me')).ids).toEqual(idsWhere((seed) => [3, 4, 7].includes(seed.n)));
    expect((await list(tech2, 'view=assigned-to-me')).ids).toEqual(idsWhere((seed) => [6, 15].includes(seed.n)));
    expect((await list(loner, 'view=assigned-to-me')).ids).toEqual([]);
    expect((await list(tech1, 'view=assigned-to-me&priority=5')).ids).toEqual(idsWhere((seed) => seed.n === 4));
    expect((await list(tech1, 'view=assigned-to-me&status=old')).ids).toEqual([]);
  });

  it('my-groups: the unsolved tickets assigned to a group of the caller', async () => {
    expect((await list(tech2, 'view=my-groups')).ids).toEqual(idsWhere((seed) => [5, 6, 8].includes(seed.n)));
    expect((await list(tech1, 'view=my-groups')).ids).toEqual([]);
    expect((await list(loner, 'view=my-groups')).ids).toEqual([]);
    expect((await list(tech2, 'view=my-groups&status=pending')).ids).toEqual(idsWhere((seed) => seed.n === 8));
    expect((await list(tech2, 'view=my-groups&entityId=root')).ids).toEqual(idsWhere((seed) => seed.n === 6));
  });
});

describe('what a list item says', () => {
  it('names the requesters and assignees, users and groups', async () => {
    const { items } = await list(admin, 'sort=title');
    const item = (n: number) => items.find((candidate) => candidate.ticketId === ids.get(n))!;
    expect(item(1).requesters).toEqual([{ ...req1.ref, name: 'UN Rémi' }]);
    expect(item(1).assignees).toEqual([]);
    expect(item(10).requesters).toEqual([{ ...accounting, name: 'Comptabilité' }]);
    expect(item(6).assignees).toEqual([
      { ...tech2.ref, name: 'TECHDEUX Théo' },
      { ...support, name: 'Support N2' },
    ]);
    expect(item(4).assignees).toEqual([{ ...tech1.ref, name: 'TECHUN Ugo' }]);
    for (const each of items) {
      for (const actor of [...each.requesters, ...each.assignees]) expect(actor.name).not.toBe(actor.id);
    }
  });

  it('carries the summary fields, not the timeline nor the index', async () => {
    const { items } = await list(admin, `q=${encodeURIComponent('India')}`);
    expect(items).toHaveLength(1);
    expect(items[0]).toEqual({
      ticketId: ids.get(9),
      title: 'India password reset',
      status: 'solved',
      type: 'request',
      priority: 1,
      urgency: 3,
      impact: 3,
      categoryId: categories.hw,
      entityId: 'root',
      openedAt: expect.any(String),
      updatedAt: expect.any(String),
      solvedAt: expect.any(String),
      closedAt: null,
      validationStatus: 'none',
      requesters: [{ ...req1.ref, name: 'UN Rémi' }],
      assignees: [{ ...tech1.ref, name: 'TECHUN Ugo' }],
    });
  });
});

describe('what self-service users list', () => {
  it('only their own tickets (and their groups’), under every criterion', async () => {
    const mine = (seed: Seed) => seed.requester === 'req1' || seed.requester === 'accounting';
    expect((await list(req1, '')).ids).toEqual(idsWhere(mine));
    expect((await list(req1, 'status=old')).ids).toEqual(
      idsWhere((seed) => mine(seed) && ['solved', 'closed'].includes(seed.status)),
    );
    expect((await list(req1, `requesterId=${req2.userId}`)).ids).toEqual([]);
    expect(
      (await list(req1, `assigneeUserId=${tech1.userId}&sort=priority&order=desc`)).items.map((item) => item.ticketId),
    ).toEqual(
      SEEDS.filter((seed) => mine(seed) && seed.assignee === 'tech1')
        .sort((a, b) => b.expectedPriority - a.expectedPriority || b.n - a.n)
        .map((seed) => ids.get(seed.n)),
    );
    expect((await list(req2, '')).ids).toEqual(idsWhere((seed) => seed.requester === 'req2'));
    const page = await as(req2).get('/api/tickets?limit=2');
    expect(page.body.total).toBe(SEEDS.filter((seed) => seed.requester === 'req2').length);
  });
});
