import { IdentityFixture, type FixtureUser } from '@itsm/fixtures';
import type { ApiAnswer, JsonApi } from '@itsm/runtime';
import { eventually, useIsolatedStack } from '@itsm/testing';
import { MongoClient } from 'mongodb';
import { created, slaHas, startSla, type SlaUnderTest } from './test-support/sla-test-app';
import { TicketFixture } from './test-support/ticket-fixture';

// The sla REST API on the real stack, one service instance for the whole file. Entities:
// root > A > A1, and B beside A. Identity and tickets are played as events on Kafka.
const stack = useIsolatedStack();
let sla: SlaUnderTest;
let identity: IdentityFixture;
let tickets: TicketFixture;

let admin: FixtureUser; // super-admin on root, recursive: every entity
let adminA: FixtureUser; // super-admin on A (and A1)
let adminA1: FixtureUser; // super-admin on A1 only: A and root are above it
let adminB: FixtureUser; // super-admin on B, A's sibling
let selfService: FixtureUser;
let technician: FixtureUser;
/** GLPI's hotliner: central interface, no SLA right */
let hotliner: FixtureUser;
let techGroupId: string;

const as = (user: FixtureUser): JsonApi => sla.api(user.token);

/** A calendar as the seed has it: "du lundi au vendredi de 8 h à 17 h", Europe/Paris, with Christmas. */
const businessHours = (overrides: Record<string, unknown> = {}) => ({
  name: 'Heures ouvrées',
  timeZone: 'Europe/Paris',
  openingHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '17:00' })),
  holidays: [{ name: 'Noël', start: '2026-12-25', end: '2026-12-25', yearly: true }],
  ...overrides,
});
const agreementBody = (overrides: Record<string, unknown> = {}) => ({
  name: 'TTR 8 h',
  agreement: 'sla',
  kind: 'ttr',
  duration: 8,
  unit: 'hours',
  ...overrides,
});

async function clearAnswers(): Promise<void> {
  const client = await MongoClient.connect(stack.mongoUrl);
  try {
    await client.db(sla.env.MONGO_DB).collection('idempotent_answers').deleteMany({});
  } finally {
    await client.close();
  }
}

/** Status and message (the problem's detail) of a refusal; validation failures list their messages. */
function refusal(answer: ApiAnswer): { status: number; message: string } {
  const message = (answer.body as { detail?: string } | undefined)?.detail ?? '';
  return { status: answer.status, message };
}

const idsOf = (answer: ApiAnswer, field: string): string[] =>
  (answer.body.items as Array<Record<string, string>>).map((item) => item[field]);

const calendarIn = async (user: FixtureUser, name: string, extra: Record<string, unknown> = {}) =>
  created(await as(user).post('/api/calendars', businessHours({ name, ...extra }))).calendarId as string;
const agreementIn = async (user: FixtureUser, name: string, extra: Record<string, unknown> = {}) =>
  created(await as(user).post('/api/slas', agreementBody({ name, ...extra }))).slaId as string;
const ruleIn = async (user: FixtureUser, name: string, slaIds: string[], extra: Record<string, unknown> = {}) =>
  created(await as(user).post('/api/sla-rules', { name, slaIds, ...extra })).ruleId as string;

beforeAll(async () => {
  identity = new IdentityFixture(stack);
  tickets = new TicketFixture(stack);
  await Promise.all([identity.connect(), tickets.connect()]);
  await identity.siblingTree();
  admin = await identity.user('glpi', 'super-admin');
  adminA = await identity.user('admin-a', 'super-admin', { entityId: 'A', recursive: true });
  adminA1 = await identity.user('admin-a1', 'super-admin', { entityId: 'A1', recursive: true });
  adminB = await identity.user('admin-b', 'super-admin', { entityId: 'B', recursive: true });
  selfService = await identity.user('post-only', 'self-service');
  technician = await identity.user('tech', 'technician', { emails: ['tech@example.org'] });
  hotliner = await identity.user('hotline', 'hotliner');
  techGroupId = (await identity.group('Techniciens', [technician.userId])).id;
  sla = await startSla(stack);
  await Promise.all([
    slaHas(stack, 'auth_entity_tree', 4),
    slaHas(stack, 'directory_users', 6),
    slaHas(stack, 'directory_groups', 1),
  ]);
}, 60_000);

describe('calendars', () => {
  it('are created in the caller’s entity, recursive by default, and read back as created', async () => {
    const answer = await as(admin).post('/api/calendars', businessHours({ name: '  Heures ouvrées Paris ' }));
    const calendar = created(answer);
    expect(calendar).toEqual({
      calendarId: expect.any(String),
      entityId: 'root',
      recursive: true,
      ...businessHours({ name: 'Heures ouvrées Paris' }),
    });
    const read = await as(admin).get(`/api/calendars/${calendar.calendarId}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(calendar);
  });

  it('PUT replaces the whole definition; the entity and recursion stay', async () => {
    const calendarId = await calendarIn(adminA, 'Astreinte', { recursive: false });
    const weekends = {
      name: 'Astreinte week-end',
      timeZone: 'America/Montreal',
      openingHours: [
        { weekday: 6, start: '00:00', end: '24:00' },
        { weekday: 7, start: '00:00', end: '24:00' },
      ],
      holidays: [],
    };
    const replaced = await as(adminA).put(`/api/calendars/${calendarId}`, weekends);
    expect(replaced.status).toBe(200);
    expect(replaced.body).toEqual({ calendarId, entityId: 'A', recursive: false, ...weekends });
    expect((await as(adminA).get(`/api/calendars/${calendarId}`)).body).toEqual(replaced.body);
  });

  it('are listed by name, page by page, with the total', async () => {
    for (const name of ['Liste cal 3', 'Liste cal 1', 'Liste cal 2']) await calendarIn(admin, name);
    const first = await as(admin).get('/api/calendars?name=liste%20CAL&limit=2');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ total: 3, page: 1, limit: 2 });
    expect(first.body.items.map((calendar: { name: string }) => calendar.name)).toEqual(['Liste cal 1', 'Liste cal 2']);
    const second = await as(admin).get('/api/calendars?name=liste%20cal&limit=2&page=2');
    expect(second.body.items.map((calendar: { name: string }) => calendar.name)).toEqual(['Liste cal 3']);
    const backwards = await as(admin).get('/api/calendars?name=liste%20cal&order=desc&limit=1');
    expect(backwards.body).toMatchObject({ total: 3, items: [{ name: 'Liste cal 3' }] });
    // the filter is text, not a pattern
    expect((await as(admin).get('/api/calendars?name=.*')).body.total).toBe(0);
  });
});

describe('a client retrying a creation (Idempotency-Key)', () => {
  const keyed = (key: string) => ({ 'idempotency-key': key });

  it('gets the first calendar, agreement and rule again, never a second one, even when the first answer was lost', async () => {
    const calendar = businessHours({ name: 'Calendrier K3' });
    const first = await as(admin).post('/api/calendars', calendar, keyed('k3-calendar'));
    const again = await as(admin).post('/api/calendars', calendar, keyed('k3-calendar'));
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body).toEqual(first.body);
    const agreement = agreementBody({ name: 'TTR K3', calendarId: first.body.calendarId });
    const agreements = await Promise.all([1, 2, 3].map(() => as(admin).post('/api/slas', agreement, keyed('k3-sla'))));
    expect(agreements.map((answer) => answer.status)).toEqual([201, 201, 201]);
    expect(new Set(agreements.map((answer) => answer.body.slaId)).size).toBe(1);
    const rule = { name: 'Règle K3', slaIds: [agreements[0].body.slaId] };
    const ruleFirst = await as(admin).post('/api/sla-rules', rule, keyed('k3-rule'));
    // as if the first attempt had been cut after its write: its recorded answer is gone
    await slaHas(stack, 'idempotent_answers', 3);
    await clearAnswers();
    const ruleLost = await as(admin).post('/api/sla-rules', rule, keyed('k3-rule'));
    expect([ruleLost.status, ruleLost.body]).toEqual([201, ruleFirst.body]);
    for (const [path, name] of [
      ['/api/calendars', 'Calendrier K3'],
      ['/api/slas', 'TTR K3'],
      ['/api/sla-rules', 'Règle K3'],
    ]) {
      const items = (await as(admin).get(`${path}?limit=100`)).body.items as Array<{ name: string }>;
      expect(items.filter((item) => item.name === name)).toHaveLength(1);
    }
    // the key with another request: 422, nothing written
    const other = await as(admin).post('/api/calendars', { ...calendar, name: 'Autre K3' }, keyed('k3-calendar'));
    expect([other.status, other.body.code]).toEqual([422, 'rule']);
    expect((await as(admin).get('/api/calendars?name=Autre%20K3')).body.total).toBe(0);
  });
});

describe('SLAs and OLAs', () => {
  it('are created with their levels in order, the breach at the deadline added when not given', async () => {
    const calendarId = await calendarIn(admin, 'Heures ouvrées SLA');
    const answer = await as(admin).post(
      '/api/slas',
      agreementBody({
        name: 'TTR incidents 8 h ouvrées',
        calendarId,
        levels: [
          { name: 'Escalade', offsetMinutes: 60, actions: [{ type: 'notify-group', groupId: techGroupId }] },
          { name: 'Alerte 30 min', offsetMinutes: -30, actions: [{ type: 'notify-assignees' }] },
        ],
      }),
    );
    const agreement = created(answer);
    expect(agreement).toEqual({
      slaId: expect.any(String),
      entityId: 'root',
      recursive: true,
      name: 'TTR incidents 8 h ouvrées',
      agreement: 'sla',
      kind: 'ttr',
      duration: 8,
      unit: 'hours',
      calendarId,
      useEntityCalendar: false,
      levels: [
        {
          levelId: expect.any(String),
          name: 'Alerte 30 min',
          offsetMinutes: -30,
          actions: [{ type: 'notify-assignees' }],
        },
        { levelId: 'deadline', name: 'Deadline', offsetMinutes: 0, actions: [] },
        {
          levelId: expect.any(String),
          name: 'Escalade',
          offsetMinutes: 60,
          actions: [{ type: 'notify-group', groupId: techGroupId }],
        },
      ],
    });
    expect((await as(admin).get(`/api/slas/${agreement.slaId}`)).body).toEqual(agreement);
  });

  it('keep a breach level given at 0 instead of adding one; 24/7 without a calendar', async () => {
    const breach = { name: 'Dépassement', offsetMinutes: 0, actions: [{ type: 'raise-priority' }] };
    const agreement = created(
      await as(admin).post('/api/slas', agreementBody({ name: 'TTO 1 h', kind: 'tto', duration: 1, levels: [breach] })),
    );
    expect(agreement).toMatchObject({ calendarId: null, levels: [{ ...breach, levelId: expect.any(String) }] });
    expect(agreement.levels).toHaveLength(1);
  });

  it('are listed by name, agreement and kind, with the total', async () => {
    await agreementIn(admin, 'Liste OLA TTO', { agreement: 'ola', kind: 'tto' });
    await agreementIn(admin, 'Liste SLA TTO', { kind: 'tto' });
    await agreementIn(admin, 'Liste SLA TTR', { kind: 'ttr' });
    const names = async (query: string) => {
      const answer = await as(admin).get(`/api/slas?name=liste&${query}`);
      expect(answer.status).toBe(200);
      expect(answer.body.total).toBe(answer.body.items.length);
      return answer.body.items.map((item: { name: string }) => item.name);
    };
    expect(await names('agreement=sla')).toEqual(['Liste SLA TTO', 'Liste SLA TTR']);
    expect(await names('kind=tto')).toEqual(['Liste OLA TTO', 'Liste SLA TTO']);
    expect(await names('agreement=ola&kind=tto')).toEqual(['Liste OLA TTO']);
    expect(await names('agreement=ola&kind=ttr')).toEqual([]);
    const paged = await as(admin).get('/api/slas?name=liste&limit=1&page=3');
    expect(paged.body).toMatchObject({ total: 3, page: 3, items: [{ name: 'Liste SLA TTR' }] });
  });
});

describe('changing an SLA or a rule (PUT)', () => {
  it("replaces an agreement's terms and levels, keeps its type, kind and entity, and refuses another kind naming it", async () => {
    const slaId = await agreementIn(admin, 'TTR à revoir');
    const terms = agreementBody({
      name: 'TTR revu 4 h',
      duration: 4,
      levels: [{ name: 'Alerte', offsetMinutes: -15, actions: [{ type: 'notify-assignees' }] }],
    });
    const answer = await as(admin).put(`/api/slas/${slaId}`, terms);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      slaId,
      entityId: 'root',
      name: 'TTR revu 4 h',
      kind: 'ttr',
      duration: 4,
      levels: [{ name: 'Alerte', offsetMinutes: -15 }, { levelId: 'deadline' }],
    });
    expect((await as(admin).get(`/api/slas/${slaId}`)).body).toEqual(answer.body);
    const otherKind = await as(admin).put(`/api/slas/${slaId}`, { ...terms, kind: 'tto' });
    expect(otherKind.status).toBe(422);
    expect(otherKind.body.errors).toEqual([{ field: 'kind', message: expect.stringContaining('cannot change') }]);
    expect((await as(admin).put(`/api/slas/${slaId}`, { ...terms, entityId: 'A' })).status).toBe(400);
  });

  it("replaces a rule's name, rank, criteria and agreements, checked as at its definition", async () => {
    const tto = await agreementIn(admin, 'TTO règle revue', { kind: 'tto' });
    const ttr = await agreementIn(admin, 'TTR règle revue');
    const other = await agreementIn(admin, 'Autre TTR règle revue');
    const ruleId = await ruleIn(admin, 'Règle à revoir', [tto]);
    const changed = { name: 'Règle revue', rank: 7, criteria: { priorities: [5, 6] }, slaIds: [tto, ttr] };
    const answer = await as(admin).put(`/api/sla-rules/${ruleId}`, changed);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      ruleId,
      entityId: 'root',
      recursive: true,
      name: 'Règle revue',
      rank: 7,
      criteria: { types: [], categoryIds: [], priorities: [5, 6] },
      // in the order the read model finds them, as at a definition
      slaIds: expect.arrayContaining([tto, ttr]),
    });
    expect(answer.body.slaIds).toHaveLength(2);
    const twoTtr = await as(admin).put(`/api/sla-rules/${ruleId}`, { ...changed, slaIds: [ttr, other] });
    expect(refusal(twoTtr)).toEqual({ status: 422, message: 'a rule gives at most one SLA TTR' });
    expect((await as(admin).get(`/api/sla-rules/${ruleId}`)).body.slaIds).toEqual(answer.body.slaIds);
  });

  it('an admin below sees a recursive definition from above but may not change it; an unknown one is a 404', async () => {
    const slaId = await agreementIn(admin, 'TTR racine partagé');
    const ruleId = await ruleIn(admin, 'Règle racine partagée', [slaId]);
    const slaChange = await as(adminA1).put(`/api/slas/${slaId}`, agreementBody({ name: 'Pris par A1' }));
    expect(refusal(slaChange)).toEqual({ status: 403, message: 'entity root is outside your scope' });
    const ruleChange = await as(adminA1).put(`/api/sla-rules/${ruleId}`, { name: 'Pris par A1', slaIds: [slaId] });
    expect(refusal(ruleChange)).toEqual({ status: 403, message: 'entity root is outside your scope' });
    expect((await as(admin).get(`/api/slas/${slaId}`)).body.name).toBe('TTR racine partagé');
    const unknown = '01a2266a-0000-7000-8000-000000000000';
    expect((await as(admin).put(`/api/slas/${unknown}`, agreementBody())).status).toBe(404);
    expect((await as(admin).put(`/api/sla-rules/${unknown}`, { name: 'x', slaIds: [slaId] })).status).toBe(404);
  });
});

describe('rules', () => {
  it('are created with rank 100 by default, criteria without repeats, and read back', async () => {
    const slaId = await agreementIn(admin, 'TTR règle');
    const answer = await as(admin).post('/api/sla-rules', {
      name: ' Incidents matériels ',
      criteria: { types: ['incident', 'incident'], categoryIds: ['hardware'] },
      slaIds: [slaId, slaId],
    });
    const rule = created(answer);
    expect(rule).toEqual({
      ruleId: expect.any(String),
      entityId: 'root',
      recursive: true,
      name: 'Incidents matériels',
      rank: 100,
      criteria: { types: ['incident'], categoryIds: ['hardware'], priorities: [] },
      slaIds: [slaId],
    });
    expect((await as(admin).get(`/api/sla-rules/${rule.ruleId}`)).body).toEqual(rule);
  });

  it('are listed by rank, page by page, with the total', async () => {
    const before = (await as(admin).get('/api/sla-rules')).body.total as number;
    const slaId = await agreementIn(admin, 'TTR rangs');
    for (const rank of [900_003, 900_001, 900_002]) await ruleIn(admin, `Rang ${rank}`, [slaId], { rank });
    const last = await as(admin).get('/api/sla-rules?order=desc&limit=2');
    expect(last.body).toMatchObject({ total: before + 3, limit: 2 });
    expect(last.body.items.map((rule: { rank: number }) => rule.rank)).toEqual([900_003, 900_002]);
    const next = await as(admin).get('/api/sla-rules?order=desc&limit=2&page=2');
    expect(next.body.items[0].rank).toBe(900_001);
  });
});

describe('entity scope', () => {
  let rootShared: string, rootOwn: string, aShared: string, aOwn: string;
  let aSla: string, aRule: string;

  beforeAll(async () => {
    rootShared = await calendarIn(admin, 'Portée racine partagée');
    rootOwn = await calendarIn(admin, 'Portée racine seule', { recursive: false });
    aShared = await calendarIn(adminA, 'Portée A partagée');
    aOwn = await calendarIn(adminA, 'Portée A seule', { recursive: false });
    aSla = await agreementIn(adminA, 'Portée TTR A', { calendarId: aShared });
    aRule = await ruleIn(adminA, 'Portée règle A', [aSla]);
  });

  const visibleCalendars = async (user: FixtureUser) =>
    idsOf(await as(user).get('/api/calendars?name=port'), 'calendarId');

  it('an admin of a sibling entity neither reads nor lists another entity’s definitions', async () => {
    for (const path of [`/api/calendars/${aShared}`, `/api/calendars/${aOwn}`, `/api/slas/${aSla}`]) {
      expect(refusal(await as(adminB).get(path))).toEqual({ status: 404, message: expect.stringMatching(/unknown/) });
    }
    expect((await as(adminB).get(`/api/sla-rules/${aRule}`)).status).toBe(404);
    expect(await visibleCalendars(adminB)).toEqual([rootShared]);
    expect(idsOf(await as(adminB).get('/api/slas?name=port'), 'slaId')).toEqual([]);
    expect(idsOf(await as(adminB).get('/api/sla-rules?limit=100'), 'ruleId')).not.toContain(aRule);
  });

  it('an admin of a sibling entity writes nothing there, and nothing changes', async () => {
    const replaced = await as(adminB).put(`/api/calendars/${aShared}`, businessHours({ name: 'Pris par B' }));
    expect(replaced.status).toBe(404);
    expect((await as(adminB).post('/api/calendars', businessHours({ entityId: 'A' }))).status).toBe(403);
    expect((await as(adminB).post('/api/slas', agreementBody({ entityId: 'A' }))).status).toBe(403);
    expect((await as(adminB).post('/api/sla-rules', { name: 'x', slaIds: [aSla], entityId: 'A' })).status).toBe(403);
    // nor uses A's definitions in its own
    expect(refusal(await as(adminB).post('/api/slas', agreementBody({ calendarId: aShared })))).toEqual({
      status: 422,
      message: `unknown calendar ${aShared} for entity B`,
    });
    expect(refusal(await as(adminB).post('/api/sla-rules', { name: 'x', slaIds: [aSla] }))).toEqual({
      status: 422,
      message: `unknown SLA ${aSla} for entity B`,
    });
    expect((await as(adminA).get(`/api/calendars/${aShared}`)).body.name).toBe('Portée A partagée');
  });

  it('an admin sees the recursive definitions of the entities above, but may not change them', async () => {
    expect((await as(adminB).get(`/api/calendars/${rootShared}`)).status).toBe(200);
    expect((await as(adminB).get(`/api/calendars/${rootOwn}`)).status).toBe(404);
    expect((await as(adminA1).get(`/api/calendars/${aShared}`)).status).toBe(200);
    expect((await as(adminA1).get(`/api/calendars/${aOwn}`)).status).toBe(404);
    expect((await visibleCalendars(adminA1)).sort()).toEqual([rootShared, aShared].sort());
    expect((await as(adminA1).get(`/api/slas/${aSla}`)).status).toBe(200);
    expect((await as(adminA1).get(`/api/sla-rules/${aRule}`)).status).toBe(200);

    const replaced = await as(adminB).put(`/api/calendars/${rootShared}`, businessHours({ name: 'Pris par B' }));
    expect(refusal(replaced)).toEqual({ status: 403, message: 'entity root is outside your scope' });
    expect((await as(admin).get(`/api/calendars/${rootShared}`)).body.name).toBe('Portée racine partagée');
    // and builds on them: A1's rule may give A's recursive SLA
    expect((await as(adminA1).post('/api/sla-rules', { name: 'Règle A1', slaIds: [aSla] })).status).toBe(201);
  });

  it('the root admin sees the definitions of every entity below', async () => {
    expect((await visibleCalendars(admin)).sort()).toEqual([rootShared, rootOwn, aShared, aOwn].sort());
    expect((await as(admin).get(`/api/sla-rules/${aRule}`)).status).toBe(200);
  });
});

describe('rights', () => {
  const known = { calendarId: '', slaId: '', ruleId: '' };
  // rights are checked before anything is looked up: a made-up ticket does as well as a real one
  const ticketPath = '/api/tickets/01a2266a-0000-7000-8000-000000000000/sla';
  const refused = { name: 'Refusé' };
  const routes: Array<[string, (api: JsonApi) => Promise<ApiAnswer>]> = [
    ['GET /api/calendars', (api) => api.get('/api/calendars')],
    ['GET /api/calendars/:id', (api) => api.get(`/api/calendars/${known.calendarId}`)],
    ['POST /api/calendars', (api) => api.post('/api/calendars', businessHours(refused))],
    ['PUT /api/calendars/:id', (api) => api.put(`/api/calendars/${known.calendarId}`, businessHours(refused))],
    ['GET /api/slas', (api) => api.get('/api/slas')],
    ['GET /api/slas/:id', (api) => api.get(`/api/slas/${known.slaId}`)],
    ['POST /api/slas', (api) => api.post('/api/slas', agreementBody(refused))],
    ['PUT /api/slas/:id', (api) => api.put(`/api/slas/${known.slaId}`, agreementBody(refused))],
    ['GET /api/sla-rules', (api) => api.get('/api/sla-rules')],
    ['GET /api/sla-rules/:id', (api) => api.get(`/api/sla-rules/${known.ruleId}`)],
    ['POST /api/sla-rules', (api) => api.post('/api/sla-rules', { ...refused, slaIds: [known.slaId] })],
    [
      'PUT /api/sla-rules/:id',
      (api) => api.put(`/api/sla-rules/${known.ruleId}`, { ...refused, slaIds: [known.slaId] }),
    ],
    ['PUT /api/tickets/:id/sla', (api) => api.put(ticketPath, { slaId: known.slaId })],
  ];
  // a ticket's deadlines are read under the ticket's own rights (sla.access.e2e.spec.ts)
  const readingTicket: typeof routes = [['GET /api/tickets/:id/sla', (api) => api.get(ticketPath)]];

  beforeAll(async () => {
    known.calendarId = await calendarIn(admin, 'Droits');
    known.slaId = await agreementIn(admin, 'Droits TTR');
    known.ruleId = await ruleIn(admin, 'Droits', [known.slaId]);
  });

  it.each(routes)('%s: a self-service user is refused (403)', async (_route, call) => {
    expect(refusal(await call(as(selfService)))).toEqual({
      status: 403,
      message: expect.stringMatching(/^missing right sla\.(read|write)$/),
    });
  });

  it.each(routes)('%s: a hotliner, without SLA rights, is refused (403)', async (_route, call) => {
    expect((await call(as(hotliner))).status).toBe(403);
  });

  it.each([...routes, ...readingTicket])('%s: no token, or a forged one, is a 401', async (_route, call) => {
    expect((await call(sla.api())).status).toBe(401);
    expect((await call(sla.api('not.a.token'))).status).toBe(401);
  });

  it('refused requests changed nothing', async () => {
    expect((await as(admin).get('/api/calendars?name=refus')).body.total).toBe(0);
    expect((await as(admin).get(`/api/calendars/${known.calendarId}`)).body.name).toBe('Droits');
    expect((await as(admin).get('/api/slas?name=refus')).body.total).toBe(0);
    expect((await as(admin).get(`/api/slas/${known.slaId}`)).body.name).toBe('Droits TTR');
    const rules = (await as(admin).get('/api/sla-rules?limit=100')).body.items as Array<{ name: string }>;
    expect(rules.map((rule) => rule.name)).not.toContain('Refusé');
  });
});

describe('dead letters (the runtime’s operator routes, here on sla)', () => {
  it('the super-admin reads each consumer group’s dead letters and parked streams: none here', async () => {
    const answer = await as(admin).get('/api/dead-letters');
    expect(answer).toMatchObject({ status: 200, body: { deadLetters: [], parked: [] } });
  });

  it('a replay names a group of this service and a parked stream, else 404; a bad body is a 400 naming the field', async () => {
    const unknownGroup = await as(admin).post('/api/dead-letters/replay', { group: 'nope', key: 'ticket-1' });
    expect(unknownGroup.status).toBe(404);
    const group = `${sla.env.KAFKA_TOPIC_PREFIX}${sla.env.SERVICE_NAME}.ticket-deadlines`;
    const notParked = await as(admin).post('/api/dead-letters/replay', { group, key: 'ticket-1' });
    expect(notParked).toMatchObject({ status: 404, body: { detail: `no parked stream ticket-1 in ${group}` } });
    const bad = await as(admin).post('/api/dead-letters/replay', { group, key: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'key' })]);
  });

  it('an Admin (every right but the entity tree, profiles and the platform) or a technician is refused (403)', async () => {
    const entityAdmin = await identity.user('admin-ops', 'admin');
    for (const user of [entityAdmin, technician]) {
      expect(refusal(await as(user).get('/api/dead-letters'))).toEqual({
        status: 403,
        message: 'missing right platform.operate',
      });
      expect((await as(user).post('/api/dead-letters/replay', { group: 'g', key: 'k' })).status).toBe(403);
    }
  });
});

describe('bad input is a 400 or 422 naming the field, never a 500', () => {
  let calendarId: string;
  let ttrA: string, ttrB: string;

  beforeAll(async () => {
    calendarId = await calendarIn(admin, 'Entrées');
    ttrA = await agreementIn(admin, 'Entrées TTR A');
    ttrB = await agreementIn(admin, 'Entrées TTR B');
  });

  const nested = (hours: Record<string, unknown>) => businessHours({ openingHours: [hours] });
  const monday = { weekday: 1, start: '08:00', end: '17:00' };
  const level = (actions: unknown[], extra: Record<string, unknown> = {}) =>
    agreementBody({ levels: [{ name: 'Alerte', offsetMinutes: -30, actions, ...extra }] });

  const cases: Array<[string, () => Promise<ApiAnswer>, number, RegExp]> = [
    // calendars
    [
      'an unknown field',
      () => as(admin).post('/api/calendars', businessHours({ color: 'blue' })),
      400,
      /property color should not exist/,
    ],
    [
      'a name of the wrong type',
      () => as(admin).post('/api/calendars', businessHours({ name: 42 })),
      400,
      /name must be a string/,
    ],
    [
      'opening hours that are no list',
      () => as(admin).post('/api/calendars', businessHours({ openingHours: 'en semaine' })),
      400,
      /openingHours must be an array/,
    ],
    [
      'a weekday given as text',
      () => as(admin).post('/api/calendars', nested({ ...monday, weekday: '1' })),
      400,
      /openingHours\.0\.weekday must be an integer/,
    ],
    [
      'weekday 8',
      () => as(admin).post('/api/calendars', nested({ ...monday, weekday: 8 })),
      400,
      /openingHours\.0\.weekday must not be greater than 7/,
    ],
    [
      'an opening at 25:00',
      () => as(admin).post('/api/calendars', nested({ ...monday, start: '25:00' })),
      400,
      /openingHours\.0\.start must be HH:mm/,
    ],
    [
      'an opening at 24:00 (only an end may be)',
      () => as(admin).post('/api/calendars', nested({ ...monday, start: '24:00' })),
      422,
      /^opening range Monday 24:00-17:00: start "24:00" is not a time of day/,
    ],
    [
      'an opening range that is null',
      () => as(admin).post('/api/calendars', businessHours({ openingHours: [null] })),
      400,
      /openingHours\.each value in nested property openingHours must be either object or array/,
    ],
    [
      'an unknown field inside an opening range',
      () => as(admin).post('/api/calendars', nested({ ...monday, lunch: true })),
      400,
      /openingHours\.0\.property lunch should not exist/,
    ],
    [
      'a range ending before it starts (a calendar rule)',
      () => as(admin).post('/api/calendars', nested({ weekday: 1, start: '17:00', end: '08:00' })),
      422,
      /^opening range Monday 17:00-08:00 ends before it starts$/,
    ],
    [
      'an unknown time zone',
      () => as(admin).post('/api/calendars', businessHours({ timeZone: 'Mars/Olympus_Mons' })),
      422,
      /time zone "Mars\/Olympus_Mons" is unknown/,
    ],
    [
      'a holiday on February 30th',
      () =>
        as(admin).post(
          '/api/calendars',
          businessHours({ holidays: [{ name: 'Jamais', start: '2026-02-30', end: '2026-02-30', yearly: false }] }),
        ),
      400,
      /^holidays\.0\.start must be a calendar day YYYY-MM-DD, such as 2026-01-31; holidays\.0\.end must be/,
    ],
    [
      'a holiday given as a week date, or in basic format',
      () =>
        as(admin).post(
          '/api/calendars',
          businessHours({ holidays: [{ name: 'Noël', start: '2026-W52', end: '20261225', yearly: false }] }),
        ),
      400,
      /^holidays\.0\.start must be a calendar day YYYY-MM-DD.*; holidays\.0\.end must be a calendar day/,
    ],
    [
      'recursive given as text',
      () => as(admin).post('/api/calendars', businessHours({ recursive: 'yes' })),
      400,
      /recursive must be a boolean/,
    ],
    [
      'an entity id that is no id',
      () => as(admin).post('/api/calendars', businessHours({ entityId: { $ne: null } })),
      400,
      /entityId must be/,
    ],
    [
      'a PUT on an unknown calendar',
      () => as(admin).put('/api/calendars/no-such-calendar', businessHours()),
      404,
      /^unknown calendar no-such-calendar$/,
    ],
    [
      'a PUT that tries to move the calendar to another entity',
      () => as(admin).put(`/api/calendars/${calendarId}`, businessHours({ entityId: 'B' })),
      400,
      /property entityId should not exist/,
    ],
    ['a body that is a list', () => as(admin).post('/api/calendars', [businessHours()]), 400, /name must be a string/],
    ['a body that is no JSON', () => as(admin).post('/api/calendars', '{"name": '), 400, /JSON/],
    // SLAs
    [
      'a duration given as text',
      () => as(admin).post('/api/slas', agreementBody({ duration: '8' })),
      400,
      /duration must be an integer/,
    ],
    ['an unknown kind', () => as(admin).post('/api/slas', agreementBody({ kind: 'tta' })), 400, /kind must be one of/],
    [
      'notify-group without a group',
      () => as(admin).post('/api/slas', level([{ type: 'notify-group' }])),
      400,
      /levels\.0\.actions\.0\.groupId must be/,
    ],
    [
      'an unknown group',
      () => as(admin).post('/api/slas', level([{ type: 'notify-group', groupId: 'no-such-group' }])),
      422,
      /^levels\.0\.actions\.0\.groupId: unknown group no-such-group$/,
    ],
    [
      'a group that is no id, on an action needing none',
      () => as(admin).post('/api/slas', level([{ type: 'notify-assignees', groupId: { $where: 'sleep(100)' } }])),
      400,
      /levels\.0\.actions\.0\.groupId must be/,
    ],
    [
      'a blank name',
      () => as(admin).post('/api/slas', agreementBody({ name: '   ' })),
      422,
      /^the agreement needs a name$/,
    ],
    [
      'an unknown calendar',
      () => as(admin).post('/api/slas', agreementBody({ calendarId: 'no-such-calendar' })),
      422,
      /^unknown calendar no-such-calendar for entity root$/,
    ],
    [
      'a level offset that is no whole minute',
      () => as(admin).post('/api/slas', level([], { offsetMinutes: 1.5 })),
      400,
      /levels\.0\.offsetMinutes must be an integer/,
    ],
    [
      'two levels at the same offset',
      () =>
        as(admin).post(
          '/api/slas',
          agreementBody({
            levels: [
              { name: 'A', offsetMinutes: -30, actions: [] },
              { name: 'B', offsetMinutes: -30, actions: [] },
            ],
          }),
        ),
      422,
      /^two levels run at -30 minutes$/,
    ],
    [
      'a warning before the clock starts',
      () =>
        as(admin).post(
          '/api/slas',
          agreementBody({ duration: 1, levels: [{ name: 'Trop tôt', offsetMinutes: -61, actions: [] }] }),
        ),
      422,
      /^level Trop tôt runs before the clock starts$/,
    ],
    [
      'a duration over a year',
      () => as(admin).post('/api/slas', agreementBody({ duration: 400, unit: 'days' })),
      422,
      /^duration must not exceed a year$/,
    ],
    // rules
    [
      'a rule giving two SLA TTR',
      () => as(admin).post('/api/sla-rules', { name: 'Deux TTR', slaIds: [ttrA, ttrB] }),
      422,
      /^a rule gives at most one SLA TTR$/,
    ],
    [
      'a rule giving an unknown SLA',
      () => as(admin).post('/api/sla-rules', { name: 'Inconnu', slaIds: ['no-such-sla'] }),
      422,
      /^unknown SLA no-such-sla for entity root$/,
    ],
    [
      'a rule with a blank name',
      () => as(admin).post('/api/sla-rules', { name: '   ', slaIds: [ttrA] }),
      422,
      /^the rule needs a name$/,
    ],
    [
      'a rule giving an SLA id that is an operator',
      () => as(admin).post('/api/sla-rules', { name: 'Injection', slaIds: [{ $ne: null }] }),
      400,
      /^slaIds must be ids$/,
    ],
    [
      'a rule giving nothing',
      () => as(admin).post('/api/sla-rules', { name: 'Rien', slaIds: [] }),
      400,
      /slaIds must contain at least 1 elements/,
    ],
    [
      'a priority out of range',
      () => as(admin).post('/api/sla-rules', { name: 'P7', slaIds: [ttrA], criteria: { priorities: [7] } }),
      400,
      /criteria\.each value in priorities must not be greater than 6/,
    ],
    [
      'criteria that are no object',
      () => as(admin).post('/api/sla-rules', { name: 'Tout', slaIds: [ttrA], criteria: 'all' }),
      400,
      /^nested property criteria must be either object or array$/,
    ],
    // ids in the path, and queries
    ['a calendar id with a dot', () => as(admin).get('/api/calendars/a.b'), 400, /^id must be 1 to 64 letters/],
    ['an SLA id that is an operator', () => as(admin).get('/api/slas/%24where'), 400, /^id must be 1 to 64 letters/],
    ['a rule id of 65 characters', () => as(admin).get(`/api/sla-rules/${'r'.repeat(65)}`), 400, /^id must be/],
    [
      'a PUT on a calendar id with a space',
      () => as(admin).put('/api/calendars/a%20b', businessHours()),
      400,
      /^id must be/,
    ],
    ['a ticket id climbing the path', () => as(admin).get('/api/tickets/..%2F..%2Fetc/sla'), 400, /^id must be/],
    [
      'a page size over 100',
      () => as(admin).get('/api/calendars?limit=1000'),
      400,
      /limit must not be greater than 100/,
    ],
    ['page 0', () => as(admin).get('/api/slas?page=0'), 400, /page must not be less than 1/],
    ['an unknown kind filter', () => as(admin).get('/api/slas?kind=tta'), 400, /kind must be one of/],
    ['a name filter given twice', () => as(admin).get('/api/calendars?name=a&name=b'), 400, /name must be a string/],
    [
      'an operator in a filter',
      () => as(admin).get('/api/calendars?name[$ne]=x'),
      400,
      /^property name\[\$ne\] should not exist$/,
    ],
    [
      'an unknown filter',
      () => as(admin).get('/api/sla-rules?entityId=root'),
      400,
      /property entityId should not exist/,
    ],
    // a ticket's deadlines
    [
      'a PUT on the deadlines of an unknown ticket',
      () => as(admin).put('/api/tickets/no-such-ticket/sla', { slaId: ttrA }),
      404,
      /^unknown ticket no-such-ticket$/,
    ],
    [
      'a PUT with an SLA id that is an operator',
      () => as(admin).put('/api/tickets/no-such-ticket/sla', { slaId: { $ne: null } }),
      400,
      /slaId must be a string/,
    ],
    ['a PUT without an SLA', () => as(admin).put('/api/tickets/no-such-ticket/sla', {}), 400, /slaId must be/],
  ];

  it.each(cases)('%s', async (_case, call, status, message) => {
    const answer = await call();
    expect(refusal(answer)).toEqual({ status, message: expect.stringMatching(message) });
  });
});

describe('calendars with public holidays, and bounded ones', () => {
  /** Problem+json of a refusal: status, and the fields its errors name. */
  const fieldsOf = (answer: ApiAnswer) => ({
    status: answer.status,
    fields: ((answer.body.errors ?? []) as Array<{ field: string }>).map(({ field }) => field),
  });

  it('take France’s public holidays: a deadline on Ascension eve skips the movable feast', async () => {
    const calendar = created(
      await as(admin).post(
        '/api/calendars',
        businessHours({ name: 'Jours fériés FR', holidays: [], publicHolidays: { country: 'FR' } }),
      ),
    );
    expect(calendar).toMatchObject({ name: 'Jours fériés FR', publicHolidays: { country: 'FR' } });
    expect((await as(admin).get(`/api/calendars/${calendar.calendarId}`)).body).toEqual(calendar);
    const ttr = await agreementIn(admin, 'TTR 2 h fériés', { duration: 2, calendarId: calendar.calendarId });
    // a rule's creation answers from the read model the ticket will be matched against
    await ruleIn(admin, 'Fériés', [ttr], { rank: 3, criteria: { categoryIds: ['public-holidays'] } });

    // Wednesday 5 May 2027, 16:00 in Paris: one hour that day, Thursday 6 May is Ascension
    const ticketId = await tickets.open(new Date('2027-05-05T14:00:00Z'), {
      categoryId: 'public-holidays',
      requester: selfService.ref,
    });
    const deadline = async () => {
      const answer = await as(admin).get(`/api/tickets/${ticketId}/sla`);
      return answer.status === 200 ? (answer.body.agreements[0]?.deadline as string | undefined) : undefined;
    };
    await eventually(async () => (await deadline()) !== undefined, 30_000, 'the deadline on the ticket');
    expect(await deadline()).toBe('2027-05-07T07:00:00.000Z');
  });

  it('a region of the country is kept; an unknown country or region is refused, naming the field', async () => {
    const moselle = businessHours({ name: 'Moselle', publicHolidays: { country: 'FR', region: '57' } });
    expect(created(await as(admin).post('/api/calendars', moselle)).publicHolidays).toEqual({
      country: 'FR',
      region: '57',
    });
    const unknownCountry = businessHours({ publicHolidays: { country: 'ZZ' } });
    expect(fieldsOf(await as(admin).post('/api/calendars', unknownCountry))).toEqual({
      status: 422,
      fields: ['publicHolidays.country'],
    });
    const unknownRegion = businessHours({ publicHolidays: { country: 'FR', region: 'BY' } });
    expect(fieldsOf(await as(admin).post('/api/calendars', unknownRegion))).toEqual({
      status: 422,
      fields: ['publicHolidays.region'],
    });
    const lowerCase = businessHours({ publicHolidays: { country: 'fr' } });
    expect(refusal(await as(admin).post('/api/calendars', lowerCase))).toEqual({
      status: 400,
      message: expect.stringMatching(/publicHolidays\.country must be an ISO 3166-1 alpha-2 code/),
    });
  });

  it('a calendar open one minute a week is refused, naming openingHours', async () => {
    const oneMinute = businessHours({
      name: 'Une minute',
      openingHours: [{ weekday: 1, start: '08:00', end: '08:01' }],
    });
    const answer = await as(admin).post('/api/calendars', oneMinute);
    expect(fieldsOf(answer)).toEqual({ status: 422, fields: ['openingHours'] });
    expect(refusal(answer).message).toBe('the calendar opens 1 minute a week: it must open at least 60 minutes a week');
  });

  it('an agreement that would end beyond the horizon is refused, naming duration, and so is a calendar change that would make it', async () => {
    const anHour = [{ weekday: 6, start: '09:00', end: '10:00' }];
    const saturdays = created(
      await as(admin).post('/api/calendars', businessHours({ name: 'Samedis', openingHours: anHour })),
    );
    const year = { duration: 366 * 24, unit: 'hours', calendarId: saturdays.calendarId };
    const refused = await as(admin).post('/api/slas', agreementBody({ name: 'TTR un an', ...year }));
    expect(fieldsOf(refused)).toEqual({ status: 422, fields: ['duration'] });
    expect(refusal(refused).message).toMatch(
      /would end more than 3660 days after its start, beyond the deadline horizon/,
    );

    const office = await calendarIn(admin, 'Bureaux longs');
    await agreementIn(admin, 'TTR un an ouvré', { ...year, calendarId: office });
    const shrunk = await as(admin).put(
      `/api/calendars/${office}`,
      businessHours({ name: 'Bureaux longs', openingHours: anHour }),
    );
    expect(fieldsOf(shrunk)).toEqual({ status: 422, fields: ['openingHours'] });
    expect(refusal(shrunk).message).toMatch(/^agreement "TTR un an ouvré" \(8784 hours\) on calendar "Bureaux longs"/);
    expect((await as(admin).get(`/api/calendars/${office}`)).body.openingHours).toHaveLength(5);
  });
});

interface TicketAgreement {
  slaId: string;
  kind: 'tto' | 'ttr';
  state: 'running' | 'paused' | 'met';
  explicit: boolean;
}

describe('a ticket’s deadlines set by hand', () => {
  let ticketId: string;
  let explicitTtr: string, ruleTtr: string, networkTtr: string, networkTto: string;

  /** The ticket's agreement of that kind; none while sla has not heard of the ticket (a 404 until then). */
  const slotOf = async (kind: 'tto' | 'ttr'): Promise<TicketAgreement | undefined> => {
    const answer = await as(admin).get(`/api/tickets/${ticketId}/sla`);
    if (answer.status !== 200) return undefined;
    return (answer.body.agreements as TicketAgreement[]).find((agreement) => agreement.kind === kind);
  };

  beforeAll(async () => {
    ruleTtr = await agreementIn(admin, 'Tickets TTR imprimantes');
    explicitTtr = await agreementIn(admin, 'Tickets TTR à la main', { duration: 2 });
    networkTtr = await agreementIn(admin, 'Tickets TTR réseau');
    networkTto = await agreementIn(admin, 'Tickets TTO réseau', { kind: 'tto', duration: 1 });
    await ruleIn(admin, 'Imprimantes', [ruleTtr], { rank: 1, criteria: { categoryIds: ['printers'] } });
    await ruleIn(admin, 'Réseau', [networkTtr, networkTto], { rank: 2, criteria: { categoryIds: ['network'] } });
    ticketId = await tickets.open(new Date(), {
      entityId: 'A',
      categoryId: 'printers',
      requester: selfService.ref,
      title: 'Imprimante HS',
    });
    await eventually(async () => (await slotOf('ttr'))?.slaId === ruleTtr, 30_000, 'the rule’s TTR on the ticket');
  }, 60_000);

  it('a valid SLA set on the ticket replaces the rule’s and is marked explicit', async () => {
    const answer = await as(admin).put(`/api/tickets/${ticketId}/sla`, { slaId: explicitTtr });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ ticketId, entityId: 'A', status: 'new' });
    expect(answer.body.agreements).toEqual([
      expect.objectContaining({ slaId: explicitTtr, kind: 'ttr', state: 'running', explicit: true }),
    ]);
    expect((await as(admin).get(`/api/tickets/${ticketId}/sla`)).body.agreements).toEqual(answer.body.agreements);
  });

  it('a later reclassification adds the new rule’s TTO but leaves the explicit TTR alone', async () => {
    await tickets.reclassify(ticketId, new Date(), { categoryId: 'network' });
    await eventually(async () => (await slotOf('tto'))?.slaId === networkTto, 30_000, 'the reclassification');
    expect(await slotOf('ttr')).toMatchObject({ slaId: explicitTtr, explicit: true, state: 'running' });
    expect(await slotOf('tto')).toMatchObject({ explicit: false, state: 'running' });
  });

  it('a technician’s follow-up meets the TTO; the requester’s did not', async () => {
    const asked = new Date();
    const answered = new Date(asked.getTime() + 2000);
    await tickets.followup(ticketId, selfService.userId, asked, 'Toujours en panne.');
    await tickets.followup(ticketId, technician.userId, answered, 'Je passe dans 10 minutes.');
    await eventually(async () => (await slotOf('tto'))?.state === 'met', 30_000, 'the TTO met by the follow-up');
    expect(await slotOf('tto')).toMatchObject({ metAt: answered.toISOString(), late: false });
    expect(await slotOf('ttr')).toMatchObject({ state: 'running' });
  });

  it('an SLA that does not apply to the ticket’s entity is refused (422)', async () => {
    const bSla = await agreementIn(adminB, 'TTR de B');
    expect(refusal(await as(admin).put(`/api/tickets/${ticketId}/sla`, { slaId: bSla }))).toEqual({
      status: 422,
      message: `SLA ${bSla} does not apply to this ticket’s entity`,
    });
  });

  it('an admin of a sibling entity neither reads nor sets the ticket’s deadlines (404)', async () => {
    expect((await as(adminB).get(`/api/tickets/${ticketId}/sla`)).status).toBe(404);
    expect((await as(adminB).put(`/api/tickets/${ticketId}/sla`, { slaId: explicitTtr })).status).toBe(404);
    expect((await as(adminA1).get(`/api/tickets/${ticketId}/sla`)).status).toBe(404);
    expect((await as(adminA).get(`/api/tickets/${ticketId}/sla`)).status).toBe(200);
  });
});

describe('deleting an SLA or a rule', () => {
  let tto: string, ttr: string, ruleId: string, firstTicket: string;

  const agreementsOf = async (ticketId: string): Promise<TicketAgreement[]> => {
    const answer = await as(admin).get(`/api/tickets/${ticketId}/sla`);
    return answer.status === 200 ? (answer.body.agreements as TicketAgreement[]) : [];
  };
  const openInA = (title: string) =>
    tickets.open(new Date(), { entityId: 'A', categoryId: 'to-delete', requester: selfService.ref, title });

  beforeAll(async () => {
    tto = await agreementIn(admin, 'TTO supprimé plus tard', { kind: 'tto', duration: 1 });
    ttr = await agreementIn(admin, 'TTR supprimé', { duration: 8 });
    ruleId = await ruleIn(admin, 'Règle à supprimer', [tto, ttr], { rank: 0, criteria: { categoryIds: ['to-delete'] } });
    firstTicket = await openInA('Avant la suppression');
    await eventually(async () => (await agreementsOf(firstTicket)).length === 2, 30_000, 'both agreements given');
  }, 60_000);

  it('is refused without sla.write (403), or on a definition of an entity above (403), and changes nothing', async () => {
    expect((await as(hotliner).delete(`/api/slas/${ttr}`)).status).toBe(403);
    expect(refusal(await as(adminA1).delete(`/api/slas/${ttr}`))).toEqual({
      status: 403,
      message: 'entity root is outside your scope',
    });
    expect((await as(adminA1).delete(`/api/sla-rules/${ruleId}`)).status).toBe(403);
    expect((await as(adminB).delete(`/api/sla-rules/${ruleId}`)).status).toBe(403);
    expect((await as(admin).get(`/api/slas/${ttr}`)).status).toBe(200);
    expect((await as(admin).get(`/api/sla-rules/${ruleId}`)).status).toBe(200);
  });

  it('an agreement deleted is no longer listed, offered to a rule or a ticket, nor given by its rule; given deadlines stay', async () => {
    expect((await as(admin).delete(`/api/slas/${ttr}`)).status).toBe(204);
    expect((await as(admin).get(`/api/slas/${ttr}`)).status).toBe(404);
    expect(idsOf(await as(admin).get('/api/slas?limit=100&name=supprim'), 'slaId')).toEqual([tto]);
    expect((await as(admin).delete(`/api/slas/${ttr}`)).status).toBe(404);
    expect(refusal(await as(admin).put(`/api/sla-rules/${ruleId}`, { name: 'Encore', slaIds: [ttr] }))).toEqual({
      status: 422,
      message: `unknown SLA ${ttr} for entity root`,
    });
    expect((await as(admin).put(`/api/tickets/${firstTicket}/sla`, { slaId: ttr })).status).toBe(422);
    expect((await agreementsOf(firstTicket)).map(({ slaId, state }) => [slaId, state]).sort()).toEqual(
      [
        [tto, 'running'],
        [ttr, 'running'],
      ].sort(),
    );
    const later = await openInA('Après la suppression');
    await eventually(async () => (await agreementsOf(later)).length > 0, 30_000, 'the rule’s TTO on the new ticket');
    expect((await agreementsOf(later)).map(({ slaId }) => slaId)).toEqual([tto]);
  });

  it('a rule deleted is gone: later tickets no longer follow it', async () => {
    expect((await as(admin).delete(`/api/sla-rules/${ruleId}`)).status).toBe(204);
    expect((await as(admin).get(`/api/sla-rules/${ruleId}`)).status).toBe(404);
    expect((await as(admin).delete(`/api/sla-rules/${ruleId}`)).status).toBe(404);
    expect((await as(admin).put(`/api/sla-rules/${ruleId}`, { name: 'Revenue', slaIds: [tto] })).status).toBe(404);
    expect((await agreementsOf(firstTicket)).length).toBe(2);
  });
});
