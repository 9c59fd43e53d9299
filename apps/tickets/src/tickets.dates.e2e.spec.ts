import { eventually, useIsolatedStack } from '@itsm/testing';
import { MongoClient } from 'mongodb';
import { IdentityFixture, type FixtureUser } from '@itsm/fixtures';
import type { ApiAnswer } from '@itsm/runtime';
import { startTickets, type TicketsApi, type TicketsUnderTest } from './test-support/tickets-test-app';

// Dates over HTTP: the opening date a technician gives when recording a call afterwards (GLPI's
// "Date d'ouverture"), with its rules, and date parameters refused strictly as 400 problems.
const stack = useIsolatedStack();
let tickets: TicketsUnderTest;
let identity: IdentityFixture;
let tech: FixtureUser; // technician on root, recursive
let req: FixtureUser; // self-service requester
let ghostTech: FixtureUser; // the same technician active in an entity tickets has not heard of yet

const HOUR = 3_600_000;
const ROOT_CREATED = new Date(Date.now() - 30 * 24 * HOUR);
const BRANCH_CREATED = new Date(Date.now() - 2 * HOUR);
const as = (user: FixtureUser): TicketsApi => tickets.api(user.token);
const hoursAgo = (hours: number) => new Date(Date.now() - hours * HOUR);
/** the same instant as a Paris wall clock in winter (+01:00) */
const inParis = (instant: Date) => `${new Date(instant.getTime() + HOUR).toISOString().slice(0, 19)}+01:00`;

const call = (user: FixtureUser, fields: Record<string, unknown> = {}) =>
  as(user).post('/api/tickets', {
    title: 'Appel : messagerie bloquée',
    description: 'Appel reçu à l’accueil, saisi après coup.',
    ...fields,
  });

async function ticketCount(): Promise<number> {
  return (await as(tech).get('/api/tickets?limit=1')).body.total;
}

/** The answer is a refusal with this status, naming openedAt, and nothing was recorded. */
async function expectRefused(answer: Promise<ApiAnswer>, status: number, message: RegExp) {
  const before = await ticketCount();
  const { status: got, body } = await answer;
  expect([got, body.detail]).toEqual([status, expect.stringMatching(message)]);
  expect(await ticketCount()).toBe(before);
  return body;
}

beforeAll(async () => {
  identity = new IdentityFixture(stack);
  await identity.connect();
  tickets = await startTickets(stack);
  await identity.entity('root', 'Entité racine', null, ROOT_CREATED);
  await identity.entity('branch', 'Agence ouverte ce matin', 'root', BRANCH_CREATED);
  tech = await identity.user('tech', 'technician');
  req = await identity.user('req', 'self-service');
  ghostTech = { ...tech, token: identity.token(tech.userId, 'tech', 'technician', 'ghost', false) };
  await tickets.directoryHas(2, 2);
  const mongo = await MongoClient.connect(stack.mongoUrl);
  stack.onTeardown(() => mongo.close());
  const entities = mongo.db(tickets.env.MONGO_DB).collection('directory_entities');
  await eventually(async () => (await entities.countDocuments()) === 2, 60_000, 'the entities reached tickets');
  await new Promise((resolve) => setTimeout(resolve, 1100)); // the entity tree cache (1 s) sees branch
});

describe('the opening date of a call recorded afterwards', () => {
  it('a technician sets it: the ticket opened then, was recorded now, and its figures count from the call', async () => {
    const callAt = new Date(Math.floor(hoursAgo(1.5).getTime() / 1000) * 1000); // to the second: a clock
    const recorded = await call(tech, { requesters: [req.ref], assignees: [tech.ref], openedAt: inParis(callAt) });
    expect(recorded.status).toBe(201);
    expect(recorded.body.openedAt).toBe(callAt.toISOString());

    const ticket = (await as(tech).get(`/api/tickets/${recorded.body.ticketId}`)).body;
    expect(ticket.openedAt).toBe(callAt.toISOString());
    // assigned while recorded: taken into account 1.5 h after the call
    expect(ticket.statistics.timeToOwnSeconds).toBeGreaterThanOrEqual(5400);
    expect(Date.parse(ticket.updatedAt)).toBeGreaterThan(Date.parse(ticket.openedAt) + 5400_000 - 1);

    const around = (minutes: number) => new Date(callAt.getTime() + minutes * 60_000).toISOString();
    const listed = await as(tech).get(`/api/tickets?openedFrom=${around(-1)}&openedTo=${around(1)}`);
    expect(listed.body.items.map((item: { ticketId: string }) => item.ticketId)).toEqual([recorded.body.ticketId]);
    const requesterSees = await as(req).get(`/api/tickets/${recorded.body.ticketId}`);
    expect(requesterSees.body.openedAt).toBe(callAt.toISOString());
  });

  it('a self-service user may not set it (403), and nothing is recorded', async () => {
    await expectRefused(call(req, { openedAt: hoursAgo(1).toISOString() }), 403, /openedAt.*needs ticket\.update/);
    expect((await call(req)).status).toBe(201);
  });

  it('refuses a date in the future beyond a small clock skew, which it takes as now', async () => {
    const refused = await expectRefused(
      call(tech, { openedAt: new Date(Date.now() + HOUR).toISOString() }),
      422,
      /^openedAt .* is in the future/,
    );
    expect(refused.errors).toEqual([{ field: 'openedAt', message: refused.detail }]);

    const before = Date.now();
    const skewed = await call(tech, { openedAt: new Date(before + 60_000).toISOString() });
    expect(skewed.status).toBe(201);
    expect(Date.parse(skewed.body.openedAt)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(skewed.body.openedAt)).toBeLessThanOrEqual(Date.now());
  });

  it('refuses a date before the ticket’s entity existed, and one it cannot check yet', async () => {
    await expectRefused(
      call(tech, { entityId: 'branch', openedAt: hoursAgo(3).toISOString() }),
      422,
      new RegExp(`comes before entity branch existed \\(created ${BRANCH_CREATED.toISOString()}\\)`),
    );
    const withinBranch = await call(tech, { entityId: 'branch', openedAt: hoursAgo(1).toISOString() });
    expect([withinBranch.status, withinBranch.body.entityId]).toEqual([201, 'branch']);
    const inRoot = await call(tech, { openedAt: hoursAgo(3).toISOString() });
    expect(inRoot.status).toBe(201);

    // an entity whose creation has not reached tickets: no bound to check the date against
    await expectRefused(
      call(ghostTech, { entityId: 'ghost', openedAt: hoursAgo(0.1).toISOString() }),
      422,
      /cannot be checked yet: when entity ghost was created is not known here/,
    );
  });
});

describe('dates that are not dates', () => {
  it('are a 400 problem naming the field, on the body and in the query string', async () => {
    const cases: Array<[string, string, object | undefined, string]> = [
      ['POST', '/api/tickets', { title: 'x', description: 'y', openedAt: '2026-W01' }, 'openedAt'],
      ['POST', '/api/tickets', { title: 'x', description: 'y', openedAt: '2026-02-30T10:00:00Z' }, 'openedAt'],
      ['GET', '/api/tickets?openedFrom=2026-W01', undefined, 'openedFrom'],
      ['GET', '/api/tickets?openedFrom=20260101', undefined, 'openedFrom'],
      ['GET', '/api/tickets?openedTo=2026-01-01T10', undefined, 'openedTo'],
    ];
    for (const [method, path, body, field] of cases) {
      const answer = await fetch(`${tickets.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${tech.token}`, 'content-type': 'application/json' },
        body: body && JSON.stringify(body),
      });
      const problem = (await answer.json()) as { errors?: unknown };
      expect([path, answer.status, answer.headers.get('content-type'), problem.errors]).toEqual([
        path,
        400,
        expect.stringMatching(/^application\/problem\+json/),
        [{ field, message: expect.stringMatching(new RegExp(`^${field} must be an RFC 3339 date-time`)) }],
      ]);
    }
  });

  it('a day alone is a whole UTC day in the list', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 24 * HOUR).toISOString().slice(0, 10);
    const total = await ticketCount();
    const openedToday = (await as(tech).get(`/api/tickets?openedFrom=${today}&openedTo=${today}`)).body.total;
    const openedBefore = (await as(tech).get(`/api/tickets?openedTo=${yesterday}`)).body.total;
    // the calls dated 1.5 and 3 hours ago may fall on the day before, just after midnight
    expect(openedToday + openedBefore).toBe(total);
    expect(openedToday).toBeGreaterThan(0);
  });
});
