import { IdentityFixture, type FixtureUser } from '@itsm/fixtures';
import type { JsonApi, ServiceUnderTest } from '@itsm/runtime';
import { eventually, useIsolatedStack } from '@itsm/testing';
import { MongoClient, type Db } from 'mongodb';
import { bucketsOfTables } from './statistics/domain/statistic-tables';
import { allTables, type StoredTables } from './statistics/read-models/packed-documents';
import { generatedHistory } from './test-support/generated-history';
import { HistoryPublisher } from './test-support/history-publisher';
import { nonZeroBuckets } from './test-support/non-zero-buckets';
import { startReporting } from './test-support/reporting-test-app';

// The statistics over HTTP, scoped to the caller's entities, and a new version of their definition
// recomputed from the topics' beginning. Entities: root > A > A1, B beside A; 60 generated tickets,
// even ones in A, odd ones in B (see generatedHistory), half published before the service starts
// (read from the topic's beginning) and half while it runs.
const stack = useIsolatedStack();
const history = generatedHistory(60)
  .define('category.created', 'category-printers', '2025-12-01T08:00:00.000Z', {
    categoryId: 'printers',
    name: 'Matériel > Imprimantes',
    parentId: null,
    entityId: 'root',
    recursive: true,
    forIncidents: true,
    forRequests: true,
  })
  .define('sla.defined', 'sla-sla-ttr', '2025-12-01T08:00:00.000Z', {
    slaId: 'sla-ttr',
    entityId: 'root',
    recursive: true,
    name: 'Résolution 6 h 30',
    agreement: 'sla',
    kind: 'ttr',
    duration: 390,
    unit: 'minutes',
    calendarId: null,
    useEntityCalendar: false,
    levels: [],
  })
  .inTimeOrder();
/** pc-0 a Latitude, pc-1 an EliteBook, pc-2 a ZBook in the end: 20 tickets each */
const MODELS = [
  ['elitebook', 20],
  ['latitude', 20],
  ['zbook', 20],
];
const JANUARY = { period: 'month', from: '2026-01-01', to: '2026-02-01' };
let reporting: ServiceUnderTest;
let identity: IdentityFixture;
let client: MongoClient;
let db: Db;
let admin: FixtureUser; // super-admin on root
let managerA: FixtureUser; // supervisor on A and below
let requester: FixtureUser; // self-service on A: no statistic.read

const as = (user: FixtureUser): JsonApi => reporting.api(user.token);
const table = (user: FixtureUser, name: string, query: Record<string, string> = JANUARY) =>
  as(user).get(`/api/statistics/tables/${name}?${new URLSearchParams(query)}`);
const openedIn = async (user: FixtureUser, name = 'all') =>
  (await table(user, name)).body.rows.map((row: { value: string; opened: number }) => [row.value, row.opened]);
const bucketsOf = async (version: string) =>
  nonZeroBuckets(bucketsOfTables(await allTables(db.collection<StoredTables>(`reporting_v${version}_tables`))));

beforeAll(async () => {
  identity = new IdentityFixture(stack);
  const publisher = new HistoryPublisher(stack);
  await Promise.all([identity.connect(), publisher.connect()]);
  await identity.siblingTree();
  admin = await identity.user('glpi', 'super-admin');
  managerA = await identity.user('chef-a', 'supervisor', { entityId: 'A' });
  requester = await identity.user('s-a', 'self-service', { entityId: 'A' });
  await publisher.publish(history.slice(0, 300));
  reporting = await startReporting(stack, {}, { statisticsVersion: 'live' });
  await publisher.publish(history.slice(300));
  client = await MongoClient.connect(stack.mongoUrl);
  db = client.db(reporting.env.MONGO_DB);
  await eventually(async () => JSON.stringify(await openedIn(admin)) === '[["*",60]]', 60_000, 'the history folded');
  // the sla topic is consumed beside the tickets one: its deadlines may come after the tickets
  await eventually(
    async () => {
      const [row] = (await table(admin, 'all')).body.rows;
      return row?.agreements?.sla_ttr_met + row?.agreements?.sla_ttr_breached === 60;
    },
    60_000,
    'the deadlines folded',
  );
  await eventually(async () => (await table(admin, 'entity')).body.rows.length === 2, 30_000, 'entity names');
  // the calendar and pc-2's new model come last, on the sla and assets topics: their tickets resolved
  // again; each asset's stream has its own partition, so every model is awaited, not only the last
  await eventually(
    async () => JSON.stringify(await openedIn(admin, 'asset-model')) === JSON.stringify(MODELS),
    60_000,
    'the assets folded',
  );
});

afterAll(() => client?.close());

describe('statistics tables', () => {
  it('answers a month of the whole history to a super-admin', async () => {
    const { status, body } = await table(admin, 'all');
    expect(status).toBe(200);
    expect(body).toMatchObject({ version: 'live', timeZone: 'UTC', table: 'all', periods: ['2026-01-01'] });
    expect(body.rows[0]).toMatchObject({ opened: 60, solved: 60, closed: 45, reopened: 12, late: 12, backlog: 0 });
    expect(body.rows[0].agreements).toMatchObject({ sla_ttr_met: 48, sla_ttr_breached: 12 });
  });

  it('files tickets under their computers’ models, and counts business time on their SLA’s calendar', async () => {
    expect(await openedIn(admin, 'asset-model')).toEqual(MODELS);
    // the odd tickets (B) count on office hours: their solving runs past 18:00 for some of them
    const [b] = (await table(admin, 'all', { ...JANUARY, entityId: 'B' })).body.rows;
    expect(b.businessTime.timeToSolve.average).toBeLessThan(b.timeToSolve.average);
  });

  it('shows a manager only the tickets of his entities, with their names', async () => {
    expect(await openedIn(managerA)).toEqual([['*', 30]]);
    const { body } = await table(managerA, 'entity');
    expect(body.rows.map((row: { value: string; label: string }) => [row.value, row.label])).toEqual([
      ['A', 'Entité A'],
    ]);
  });

  it('names categories and agreements from the events that define them, in the tables and the CSV', async () => {
    const labels = async (name: string) =>
      (await table(admin, name)).body.rows.map((row: { value: string; label: string }) => [row.value, row.label]);
    await eventually(
      async () => JSON.stringify(await labels('agreement')).includes('Résolution'),
      30_000,
      'the agreements named',
    );
    expect(await labels('agreement')).toEqual([['sla-ttr', 'Résolution 6 h 30']]);
    expect(await labels('category')).toEqual([['printers', 'Matériel > Imprimantes']]);
    const csv = await fetch(`${reporting.url}/api/statistics/tables/category/csv?${new URLSearchParams(JANUARY)}`, {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect((await csv.text()).split('\n')[1]).toMatch(/^2026-01-01,printers,Matériel > Imprimantes,60,/);
  });

  it('refuses an entity outside the caller’s scope, and callers without statistic.read', async () => {
    const outside = await table(managerA, 'all', { ...JANUARY, entityId: 'B' });
    expect(outside.status).toBe(403);
    expect((await table(requester, 'all')).status).toBe(403);
  });

  it('names the wrong field of a bad query', async () => {
    const wrong = await table(admin, 'all', { ...JANUARY, period: 'year' });
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.body)).toContain('period');
    expect((await table(admin, 'colour')).status).toBe(400);
    const reversed = await table(admin, 'all', { ...JANUARY, from: '2026-02-01', to: '2026-01-01' });
    expect(reversed.status).toBe(400);
  });

  it('exports a table as CSV', async () => {
    const response = await fetch(
      `${reporting.url}/api/statistics/tables/technician/csv?${new URLSearchParams(JANUARY)}`,
      {
        headers: { authorization: `Bearer ${admin.token}` },
      },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const [header, ...lines] = (await response.text()).trim().split('\n');
    expect(header.startsWith('period,value,label,opened,solved')).toBe(true);
    expect(lines.map((line) => line.split(',').slice(0, 2).join(','))).toEqual([
      '2026-01-01,tech-1',
      '2026-01-01,tech-2',
    ]);
  });

  it('follows an entity moved under the manager’s entity (scope read from the tree now)', async () => {
    await identity.moveEntity('B', 'A', 'root');
    await eventually(async () => JSON.stringify(await openedIn(managerA)) === '[["*",60]]', 30_000, 'B under A');
    expect(await openedIn(managerA)).toEqual([['*', 60]]);
  });
});

describe('a new version of the statistics', () => {
  it('is recomputed from the topics’ beginning while the former one answers, and equals it', async () => {
    // Given a process with a changed definition (version "next"), checking its catch-up rarely
    const next = await startReporting(stack, { REPORTING_CATCH_UP_CHECK_MS: '600000' }, { statisticsVersion: 'next' });
    // Then the live version still answers, and the new one shows how far it has read
    expect((await table(admin, 'all')).body.version).toBe('live');
    const filling = async () => {
      const { body } = await next.api(admin.token).get('/api/statistics/versions');
      return body.versions.find((version: { version: string }) => version.version === 'next');
    };
    expect(await filling()).toMatchObject({ status: 'replaying', answering: false, progress: expect.any(Object) });
    await eventually(async () => (await filling())?.progress.percent === 100, 60_000, 'the replay');
    // And what it computed from the beginning equals what the live consumption computed
    expect(await bucketsOf('next')).toEqual(await bucketsOf('live'));
    await next.close();
    // When it runs again and checks often, it becomes the version answering, in one switch
    const again = await startReporting(stack, {}, { statisticsVersion: 'next' });
    await eventually(async () => (await table(admin, 'all')).body.version === 'next', 30_000, 'the switch');
    const { body } = await again.api(admin.token).get('/api/statistics/versions');
    expect(
      body.versions.map((v: { version: string; status: string; answering: boolean }) => [
        v.version,
        v.status,
        v.answering,
      ]),
    ).toEqual([
      ['live', 'live', false],
      ['next', 'live', true],
    ]);
  });
});
