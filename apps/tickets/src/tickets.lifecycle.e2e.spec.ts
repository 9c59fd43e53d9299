import { AccessTokenVerifier, callerFrom } from '@itsm/auth';
import { eventually, useIsolatedStack } from '@itsm/testing';
import { CommandBus } from '@nestjs/cqrs';
import { MongoClient, type Db } from 'mongodb';
import { IdentityFixture, type FixtureUser } from '@itsm/fixtures';
import { startTickets, type TicketsApi, type TicketsUnderTest } from './test-support/tickets-test-app';
import { AutoCloseJob } from './ticket/auto-close/auto-close.job';
import { RecordSatisfactionCommand } from './ticket/use-cases/record-satisfaction/record-satisfaction.handler';

// The lifecycle beyond the happy path: waiting, refused solutions, reopening, what may not
// happen (409), planning, the entities' auto-close, reclassification, satisfaction; then two
// technicians writing on one ticket at once, where no write may be lost.
const stack = useIsolatedStack();
let tickets: TicketsUnderTest;
let identity: IdentityFixture;
let mongo: MongoClient;
let db: Db;

let admin: FixtureUser, tech: FixtureUser, tech2: FixtureUser;
let req: FixtureUser; // the requester of every ticket here (self-service)
let watcher: FixtureUser; // self-service, observer of some tickets
let stranger: FixtureUser; // self-service, on no ticket
const crowd: FixtureUser[] = []; // added as observers all at once

const as = (user: FixtureUser): TicketsApi => tickets.api(user.token);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const iso = (hoursFromNow: number) => new Date(Date.now() + hoursFromNow * 3_600_000).toISOString();

interface TimelineItem {
  kind: string;
  itemId: string;
  content: string;
  authorId: string;
  private: boolean;
  details: Record<string, unknown>;
}

/** A ticket recorded by the technician for the requester; assigned to the technician unless told. */
async function open(fields: Record<string, unknown> = {}, { assigned = true } = {}): Promise<string> {
  const answer = await as(tech).post('/api/tickets', {
    title: 'Poste lent',
    description: 'Le poste met dix minutes à démarrer.',
    requesters: [req.ref],
    ...(assigned && { assignees: [tech.ref] }),
    ...fields,
  });
  expect(answer.status).toBe(201);
  return answer.body.ticketId;
}

async function view(id: string) {
  const answer = await as(admin).get(`/api/tickets/${id}`);
  expect(answer.status).toBe(200);
  return answer.body;
}

async function timeline(id: string): Promise<TimelineItem[]> {
  return (await as(admin).get(`/api/tickets/${id}/timeline`)).body;
}

/** The ticket's stream as stored: every event of every commit, in stored order. */
async function storedEvents(id: string): Promise<Array<{ type: string; sequence: number }>> {
  const commits = await db
    .collection<{ sequence: number; events: Array<{ type: string; sequence: number }> }>('events')
    .find({ streamId: `ticket-${id}` })
    .toArray();
  return commits.sort((a, b) => a.sequence - b.sequence).flatMap((commit) => commit.events);
}

async function ok(answer: Promise<{ status: number; body: unknown }>) {
  const { status, body } = await answer;
  if (status >= 300) throw new Error(`${status} ${JSON.stringify(body)}`);
  return body as Record<string, unknown> & { status: string };
}

async function solvedAndClosed(fields: Record<string, unknown> = {}): Promise<string> {
  const id = await open(fields);
  await ok(as(tech).post(`/api/tickets/${id}/solution`, { content: 'Disque remplacé.' }));
  expect((await ok(as(req).post(`/api/tickets/${id}/solution/approve`))).status).toBe('closed');
  return id;
}

/** The answer has this status and message, and the ticket's stream did not move. */
async function expectRefused(
  id: string,
  call: () => Promise<{ status: number; body: { detail?: string } }>,
  status: number,
  message: RegExp,
) {
  const before = await storedEvents(id);
  const answer = await call();
  const said = [answer.body.detail ?? ''].flat().join('; ');
  expect([answer.status, said]).toEqual([status, expect.stringMatching(message)]);
  expect(await storedEvents(id)).toEqual(before);
}

beforeAll(async () => {
  identity = new IdentityFixture(stack);
  await identity.connect();
  tickets = await startTickets(stack);
  mongo = await MongoClient.connect(stack.mongoUrl);
  stack.onTeardown(() => mongo.close());
  db = mongo.db(stack.envFor('tickets').MONGO_DB);

  await identity.entity('root', 'Entité racine', null); // never closes by itself
  await identity.entity('now', 'Clôture immédiate', 'root');
  await identity.entity('now-kid', 'Sous-entité de now', 'now'); // inherits 0 days
  await identity.entity('day', 'Clôture à 1 jour', 'root');
  await identity.entity('day-kid', 'Sous-entité de day', 'day'); // inherits 1 day
  await identity.entitySettings('now', 'days', 0);
  await identity.entitySettings('day', 'days', 1);
  admin = await identity.user('glpi', 'super-admin');
  tech = await identity.user('tech', 'technician', { firstName: 'Tom', lastName: 'TECH' });
  tech2 = await identity.user('tech2', 'technician', { firstName: 'Tina', lastName: 'TECH' });
  req = await identity.user('req', 'self-service', { firstName: 'Rémi', lastName: 'REQ' });
  watcher = await identity.user('watcher', 'self-service');
  stranger = await identity.user('stranger', 'self-service');
  for (let i = 0; i < 10; i++) crowd.push(await identity.user(`crowd-${i}`, 'self-service'));
  await tickets.directoryHas(16, 5);
  const entities = db.collection('directory_entities');
  await eventually(
    async () => (await entities.countDocuments({ 'settings.autoCloseMode': 'days' })) === 2,
    60_000,
    'auto-close settings reached tickets',
  );
  await pause(1100); // the entity tree cache (1 s) sees the sub-entities
});

describe('pending', () => {
  it('an assigned ticket waits, then goes back to processing; the wait is counted', async () => {
    const id = await open();
    expect((await ok(as(tech).post(`/api/tickets/${id}/status`, { status: 'pending' }))).status).toBe('pending');
    await expectRefused(
      id,
      () => as(tech).post(`/api/tickets/${id}/status`, { status: 'pending' }),
      409,
      /pending ticket cannot be put pending/,
    );
    await pause(1100);
    const resumed = await ok(as(tech).post(`/api/tickets/${id}/status`, { status: 'processing' }));
    expect(resumed.status).toBe('assigned');
    expect((resumed.statistics as { waitingSeconds: number }).waitingSeconds).toBeGreaterThanOrEqual(1);
    await expectRefused(
      id,
      () => as(tech).post(`/api/tickets/${id}/status`, { status: 'processing' }),
      409,
      /assigned ticket cannot resume/,
    );
  });

  it('goes back to where it was: new without assignee, planned with a planned task', async () => {
    const unassigned = await open({}, { assigned: false });
    await ok(as(tech).post(`/api/tickets/${unassigned}/status`, { status: 'pending' }));
    expect((await ok(as(tech).post(`/api/tickets/${unassigned}/status`, { status: 'processing' }))).status).toBe('new');

    const planned = await open();
    await ok(
      as(tech).post(`/api/tickets/${planned}/tasks`, { content: 'sur site', plannedBegin: iso(1), plannedEnd: iso(2) }),
    );
    expect((await view(planned)).status).toBe('planned');
    await ok(as(tech).post(`/api/tickets/${planned}/status`, { status: 'pending' }));
    expect((await ok(as(tech).post(`/api/tickets/${planned}/status`, { status: 'processing' }))).status).toBe(
      'planned',
    );
  });

  it('a self-service requester cannot change the status', async () => {
    const id = await open();
    await expectRefused(id, () => as(req).post(`/api/tickets/${id}/status`, { status: 'pending' }), 403, /update/);
  });

  it('goes back to processing when its requester answers, not when a technician writes', async () => {
    const id = await open();
    await ok(as(tech).post(`/api/tickets/${id}/status`, { status: 'pending' }));
    await ok(as(tech).post(`/api/tickets/${id}/followups`, { content: 'Pouvez-vous envoyer le numéro de série ?' }));
    expect((await view(id)).status).toBe('pending');
    await ok(as(req).post(`/api/tickets/${id}/followups`, { content: 'Le numéro est 4C-2210.' }));
    expect((await view(id)).status).toBe('assigned');
  });
});

describe('history', () => {
  it('lists every change, field by field with old and new values, who and when; private items only for technicians', async () => {
    const id = await open({ urgency: 2, impact: 2 });
    await ok(as(tech).patch(`/api/tickets/${id}`, { urgency: 4 }));
    await ok(as(tech).post(`/api/tickets/${id}/followups`, { content: 'Note interne', private: true }));
    await ok(as(tech).post(`/api/tickets/${id}/status`, { status: 'pending' }));

    type Entry = { event: string; changes: unknown[] };
    const history = (await as(admin).get(`/api/tickets/${id}/history`)).body as Entry[];
    expect(history.map((entry) => entry.event)).toEqual([
      'ticket.opened',
      'ticket.status-changed',
      'ticket.reclassified',
      'ticket.followup-added',
      'ticket.status-changed',
    ]);
    expect(history[2]).toMatchObject({
      actor: { kind: 'user', id: tech.userId },
      actorName: expect.any(String),
      at: expect.any(String),
      changes: expect.arrayContaining([
        { field: 'urgency', from: 2, to: 4 },
        { field: 'priority', from: 2, to: 3 },
      ]),
    });
    expect(history[4].changes).toEqual(expect.arrayContaining([{ field: 'status', from: 'assigned', to: 'pending' }]));

    const asRequester = (await as(req).get(`/api/tickets/${id}/history`)).body as Entry[];
    expect(asRequester.map((entry) => entry.event)).not.toContain('ticket.followup-added');
    expect((await as(stranger).get(`/api/tickets/${id}/history`)).status).toBe(404);
  });
});

describe('refused solution', () => {
  it('reopens to assigned, with the reason as a follow-up of the requester in the timeline', async () => {
    const id = await open();
    await ok(as(tech).post(`/api/tickets/${id}/solution`, { content: 'Redémarré.' }));
    await expectRefused(
      id,
      () => as(tech).post(`/api/tickets/${id}/solution/refuse`, { reason: 'x' }),
      403,
      /requester/,
    );
    await expectRefused(
      id,
      () => as(stranger).post(`/api/tickets/${id}/solution/refuse`, { reason: 'x' }),
      404,
      /no ticket/,
    );
    await expectRefused(id, () => as(req).post(`/api/tickets/${id}/solution/refuse`, { reason: '' }), 400, /reason/);
    await expectRefused(id, () => as(req).post(`/api/tickets/${id}/solution/refuse`, { reason: '   ' }), 400, /reason/);

    const refused = await as(req).post(`/api/tickets/${id}/solution/refuse`, { reason: 'Toujours aussi lent.' });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ status: 'assigned', solvedAt: null });
    const items = await timeline(id);
    expect(items.map((item) => item.kind)).toEqual(['solution', 'followup']);
    expect(items[0].details).toMatchObject({ status: 'refused', answeredBy: req.userId });
    expect(items[1]).toMatchObject({ content: 'Toujours aussi lent.', authorId: req.userId, private: false });
    // the requester sees the follow-up too
    const seen = (await as(req).get(`/api/tickets/${id}/timeline`)).body as TimelineItem[];
    expect(seen.map((item) => item.content)).toContain('Toujours aussi lent.');

    // and a new solution can be proposed and approved
    expect((await ok(as(tech).post(`/api/tickets/${id}/solution`, { content: 'Disque remplacé.' }))).status).toBe(
      'solved',
    );
    expect(
      (await as(req).get('/api/tickets?view=to-approve')).body.items.map((t: { ticketId: string }) => t.ticketId),
    ).toContain(id);
    expect((await ok(as(req).post(`/api/tickets/${id}/solution/approve`))).status).toBe('closed');
  });

  it('an observer may not approve nor refuse the solution', async () => {
    const id = await open({ observers: [watcher.ref] });
    await ok(as(tech).post(`/api/tickets/${id}/solution`, { content: 'Redémarré.' }));
    await expectRefused(id, () => as(watcher).post(`/api/tickets/${id}/solution/approve`), 403, /requester/);
    await expectRefused(
      id,
      () => as(watcher).post(`/api/tickets/${id}/solution/refuse`, { reason: 'non' }),
      403,
      /requester/,
    );
    expect((await view(id)).status).toBe('solved');
  });
});

describe('reopening a closed ticket', () => {
  it('needs ticket.reopen and a reason; the reason goes to the timeline', async () => {
    const id = await solvedAndClosed();
    await expectRefused(
      id,
      () => as(req).post(`/api/tickets/${id}/reopen`, { reason: 'encore' }),
      403,
      /ticket\.reopen/,
    );
    await expectRefused(id, () => as(tech).post(`/api/tickets/${id}/reopen`, {}), 400, /reason/);
    await expectRefused(id, () => as(tech).post(`/api/tickets/${id}/reopen`, { reason: '  ' }), 400, /reason/);

    const reopened = await as(tech).post(`/api/tickets/${id}/reopen`, { reason: 'Le problème est revenu.' });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ status: 'assigned', closedAt: null, solvedAt: null });
    expect((await timeline(id)).at(-1)).toMatchObject({
      kind: 'followup',
      content: 'Le problème est revenu.',
      authorId: tech.userId,
    });
    // the solution that closed it did not hold: refused, as GLPI marks it
    expect((await timeline(id)).filter((item) => item.kind === 'solution').at(-1)).toMatchObject({
      details: { status: 'refused' },
    });
    await expectRefused(
      id,
      () => as(tech).post(`/api/tickets/${id}/reopen`, { reason: 'encore' }),
      409,
      /only closed tickets/,
    );
  });

  it('a closed ticket without assignee reopens as new', async () => {
    const id = await open({}, { assigned: false });
    expect((await ok(as(tech).post(`/api/tickets/${id}/close`))).status).toBe('closed');
    expect((await ok(as(tech).post(`/api/tickets/${id}/reopen`, { reason: 'fermé par erreur' }))).status).toBe('new');
  });
});

describe('illegal transitions are 409 with a message, and change nothing', () => {
  it('on a closed ticket', async () => {
    const id = await solvedAndClosed();
    const api = as(tech);
    await expectRefused(
      id,
      () => api.post(`/api/tickets/${id}/solution`, { content: 'x' }),
      409,
      /closed ticket cannot take a solution/,
    );
    await expectRefused(id, () => api.post(`/api/tickets/${id}/close`), 409, /closed ticket cannot be closed again/);
    await expectRefused(
      id,
      () => api.post(`/api/tickets/${id}/status`, { status: 'pending' }),
      409,
      /closed ticket cannot be put pending/,
    );
    await expectRefused(id, () => api.post(`/api/tickets/${id}/followups`, { content: 'x' }), 409, /closed/);
    await expectRefused(id, () => api.post(`/api/tickets/${id}/tasks`, { content: 'x' }), 409, /closed/);
    await expectRefused(id, () => api.patch(`/api/tickets/${id}`, { title: 'x' }), 409, /closed/);
    await expectRefused(id, () => api.patch(`/api/tickets/${id}`, { urgency: 5 }), 409, /closed/);
    await expectRefused(
      id,
      () => api.post(`/api/tickets/${id}/actors`, { role: 'assignee', ...tech2.ref }),
      403,
      /assign/,
    );
    await expectRefused(
      id,
      () => api.post(`/api/tickets/${id}/actors`, { role: 'observer', ...watcher.ref }),
      409,
      /closed/,
    );
    await expectRefused(
      id,
      () => as(req).post(`/api/tickets/${id}/solution/approve`),
      409,
      /closed ticket cannot have its solution approved/,
    );
    await expectRefused(id, () => as(req).post(`/api/tickets/${id}/solution/refuse`, { reason: 'x' }), 409, /closed/);
    await expectRefused(
      id,
      () => api.post(`/api/tickets/${id}/documents`, { name: 'a.txt', mimeType: 'text/plain', sizeBytes: 1 }),
      409,
      /closed/,
    );
  });

  it('approving or refusing a solution that was not given', async () => {
    const id = await open();
    await expectRefused(
      id,
      () => as(req).post(`/api/tickets/${id}/solution/approve`),
      409,
      /assigned ticket cannot have its solution approved/,
    );
    await expectRefused(
      id,
      () => as(req).post(`/api/tickets/${id}/solution/refuse`, { reason: 'x' }),
      409,
      /assigned ticket cannot have its solution refused/,
    );
    expect((await view(id)).status).toBe('assigned');
  });

  it('on a solved ticket: pending, a second solution, a resume, satisfaction', async () => {
    const id = await open();
    await ok(as(tech).post(`/api/tickets/${id}/solution`, { content: 'Redémarré.' }));
    await expectRefused(
      id,
      () => as(tech).post(`/api/tickets/${id}/status`, { status: 'pending' }),
      409,
      /solved ticket cannot be put pending/,
    );
    await expectRefused(
      id,
      () => as(tech2).post(`/api/tickets/${id}/solution`, { content: 'moi aussi' }),
      409,
      /already solved/,
    );
    await expectRefused(
      id,
      () => as(tech).post(`/api/tickets/${id}/status`, { status: 'processing' }),
      409,
      /not pending/,
    );
    await expectRefused(
      id,
      () => as(req).post(`/api/tickets/${id}/satisfaction`, { rating: 5 }),
      409,
      /before it is closed/,
    );
    await expectRefused(
      id,
      () => as(tech).post(`/api/tickets/${id}/reopen`, { reason: 'x' }),
      409,
      /only closed tickets/,
    );
  });

  it('an approval answered twice', async () => {
    const id = await open();
    await ok(as(tech).post(`/api/tickets/${id}/validations`, { approver: admin.ref, comment: 'OK ?' }));
    const validationId = (await timeline(id)).find((item) => item.kind === 'validation')!.itemId;
    await ok(as(admin).post(`/api/tickets/${id}/validations/${validationId}/answer`, { decision: 'accepted' }));
    await expectRefused(
      id,
      () =>
        as(admin).post(`/api/tickets/${id}/validations/${validationId}/answer`, {
          decision: 'refused',
          comment: 'non',
        }),
      409,
      /already accepted/,
    );
  });
});

describe('planning', () => {
  it('a planned task moves an assigned ticket to planned; done, it moves it back', async () => {
    const id = await open();
    const first = await ok(
      as(tech).post(`/api/tickets/${id}/tasks`, { content: 'sur site', plannedBegin: iso(24), plannedEnd: iso(25) }),
    );
    expect(first.status).toBe('planned');
    await ok(
      as(tech).post(`/api/tickets/${id}/tasks`, { content: 'rappel', plannedBegin: iso(48), plannedEnd: iso(49) }),
    );
    const [one, two] = (await timeline(id)).filter((item) => item.kind === 'task');
    expect((await ok(as(tech).patch(`/api/tickets/${id}/tasks/${one.itemId}`, { state: 'done' }))).status).toBe(
      'planned',
    );
    const back = await ok(as(tech).patch(`/api/tickets/${id}/tasks/${two.itemId}`, { state: 'done' }));
    expect(back.status).toBe('assigned');
    expect(back).toMatchObject({ tasksDonePercent: 100 });
    // planning a task afterwards plans the ticket again; removing its dates unplans it
    const replanned = await ok(as(tech).patch(`/api/tickets/${id}/tasks/${two.itemId}`, { state: 'todo' }));
    expect(replanned.status).toBe('planned');
    const unplanned = await ok(
      as(tech).patch(`/api/tickets/${id}/tasks/${two.itemId}`, { plannedBegin: null, plannedEnd: null }),
    );
    expect(unplanned.status).toBe('assigned');
  });

  it('an unassigned ticket with a planned task stays new until it is assigned', async () => {
    const id = await open({}, { assigned: false });
    await ok(
      as(tech).post(`/api/tickets/${id}/tasks`, { content: 'sur site', plannedBegin: iso(1), plannedEnd: iso(2) }),
    );
    expect((await view(id)).status).toBe('new');
    expect((await ok(as(tech).post(`/api/tickets/${id}/actors`, { role: 'assignee', ...tech.ref }))).status).toBe(
      'planned',
    );
    const unassigned = await ok(as(tech).delete(`/api/tickets/${id}/actors/assignee/user/${tech.userId}`));
    expect(unassigned.status).toBe('new');
  });

  it('a task planned by halves, or ending before it begins, is a 400', async () => {
    const id = await open();
    await expectRefused(
      id,
      () => as(tech).post(`/api/tickets/${id}/tasks`, { content: 'x', plannedBegin: iso(1) }),
      400,
      /both plannedBegin and plannedEnd/,
    );
    await expectRefused(
      id,
      () => as(tech).post(`/api/tickets/${id}/tasks`, { content: 'x', plannedBegin: iso(2), plannedEnd: iso(1) }),
      400,
      /before plannedBegin/,
    );
    expect((await view(id)).status).toBe('assigned');
  });
});

describe('auto-close', () => {
  it('an entity closing after 0 days closes the ticket as soon as it is solved (also in its sub-entities)', async () => {
    for (const entityId of ['now', 'now-kid']) {
      const id = await open({ entityId });
      const solved = await as(tech).post(`/api/tickets/${id}/solution`, { content: 'Redémarré.' });
      expect([entityId, solved.status, solved.body.status]).toEqual([entityId, 201, 'closed']);
      expect(solved.body.closedAt).toEqual(expect.any(String));
      expect((await timeline(id)).find((item) => item.kind === 'solution')!.details).toMatchObject({
        status: 'accepted',
      });
      // closed, so the requester can answer the survey at once
      expect((await as(req).post(`/api/tickets/${id}/satisfaction`, { rating: 4 })).status).toBe(201);
    }
  });

  it('an entity closing after 1 day: the job closes solved tickets once the day has passed', async () => {
    const job = tickets.app.get(AutoCloseJob);
    const inDay = await open({ entityId: 'day' });
    const inDayKid = await open({ entityId: 'day-kid' });
    const inRoot = await open({ entityId: 'root' });
    const pendingInDay = await open({ entityId: 'day' });
    for (const id of [inDay, inDayKid, inRoot]) {
      expect((await ok(as(tech).post(`/api/tickets/${id}/solution`, { content: 'fait' }))).status).toBe('solved');
    }
    await ok(as(tech).post(`/api/tickets/${pendingInDay}/status`, { status: 'pending' }));

    expect(await job.runOnce(new Date())).toEqual([]);
    expect(await job.runOnce(new Date(Date.now() + 12 * 3_600_000))).toEqual([]);
    expect((await view(inDay)).status).toBe('solved');

    const closed = await job.runOnce(new Date(Date.now() + 2 * 86_400_000));
    expect(closed.sort()).toEqual([inDay, inDayKid].sort());
    for (const id of [inDay, inDayKid]) {
      const closedView = await view(id);
      expect(closedView.status).toBe('closed');
      expect(closedView.closedAt).toEqual(expect.any(String));
    }
    expect((await view(inRoot)).status).toBe('solved');
    expect((await view(pendingInDay)).status).toBe('pending');
    expect(await job.runOnce(new Date(Date.now() + 3 * 86_400_000))).toEqual([]);
  });
});

describe('reclassification', () => {
  it('recomputes the priority from the matrix; a priority set by hand sticks until cleared', async () => {
    const id = await open({ urgency: 1, impact: 1 });
    expect((await view(id)).priority).toBe(1);
    const api = as(tech);
    expect(await ok(api.patch(`/api/tickets/${id}`, { urgency: 5, impact: 5 }))).toMatchObject({
      urgency: 5,
      impact: 5,
      priority: 5,
    });
    expect((await ok(api.patch(`/api/tickets/${id}`, { impact: 1 }))).priority).toBe(2);
    expect(await ok(api.patch(`/api/tickets/${id}`, { priority: 6 }))).toMatchObject({
      priority: 6,
      priorityOverridden: true,
    });
    expect((await ok(api.patch(`/api/tickets/${id}`, { urgency: 3, impact: 4 }))).priority).toBe(6);
    expect((await ok(api.patch(`/api/tickets/${id}`, { type: 'request' }))).priority).toBe(6);
    expect(await ok(api.patch(`/api/tickets/${id}`, { priority: null }))).toMatchObject({
      priority: 4,
      priorityOverridden: false,
    });
    expect((await ok(api.patch(`/api/tickets/${id}`, { urgency: 2 }))).priority).toBe(3);
  });

  it('a priority set at opening sticks too', async () => {
    const id = await open({ urgency: 1, impact: 1, priority: 5 });
    expect((await view(id)).priority).toBe(5);
    expect((await ok(as(tech).patch(`/api/tickets/${id}`, { urgency: 2 }))).priority).toBe(5);
  });

  it('only technicians reclassify; a category must fit the type', async () => {
    const id = await open();
    await expectRefused(id, () => as(req).patch(`/api/tickets/${id}`, { urgency: 5 }), 403, /ticket\.update/);
    const requestsOnly = await ok(
      as(admin).post('/api/itil-categories', { name: 'Demandes seulement', forIncidents: false }),
    );
    await expectRefused(
      id,
      () => as(tech).patch(`/api/tickets/${id}`, { categoryId: requestsOnly.categoryId }),
      422,
      /not offered for incidents/,
    );
    expect(
      await ok(as(tech).patch(`/api/tickets/${id}`, { type: 'request', categoryId: requestsOnly.categoryId })),
    ).toMatchObject({
      type: 'request',
      categoryId: requestsOnly.categoryId,
    });
  });
});

describe('satisfaction', () => {
  it('only by the requester, only when closed', async () => {
    const id = await open({ observers: [watcher.ref] });
    await expectRefused(id, () => as(req).post(`/api/tickets/${id}/satisfaction`, { rating: 5 }), 409, /closed/);
    await ok(as(tech).post(`/api/tickets/${id}/solution`, { content: 'fait' }));
    await ok(as(req).post(`/api/tickets/${id}/solution/approve`));

    await expectRefused(id, () => as(tech).post(`/api/tickets/${id}/satisfaction`, { rating: 5 }), 403, /requester/);
    await expectRefused(id, () => as(watcher).post(`/api/tickets/${id}/satisfaction`, { rating: 1 }), 403, /requester/);
    await expectRefused(
      id,
      () => as(stranger).post(`/api/tickets/${id}/satisfaction`, { rating: 1 }),
      404,
      /no ticket/,
    );
    await expectRefused(id, () => as(req).post(`/api/tickets/${id}/satisfaction`, { rating: 0 }), 400, /rating/);

    const rated = await as(req).post(`/api/tickets/${id}/satisfaction`, { rating: 4, comment: 'Bien.' });
    expect(rated.status).toBe(201);
    expect(rated.body.satisfaction).toMatchObject({ rating: 4, comment: 'Bien.', changedAt: null });
    // changing it later is the requester's only
    await expectRefused(id, () => as(tech).post(`/api/tickets/${id}/satisfaction`, { rating: 1 }), 403, /requester/);
  });

  it('the requester changes the answer within 12 hours of the first one; after, a 422', async () => {
    const id = await solvedAndClosed();
    const first = await ok(as(req).post(`/api/tickets/${id}/satisfaction`, { rating: 5, comment: 'Parfait.' }));
    const answeredAt = (first.satisfaction as { at: string }).at;

    const changed = await as(req).post(`/api/tickets/${id}/satisfaction`, { rating: 2, comment: 'Ça recommence.' });
    expect(changed.status).toBe(201);
    expect(changed.body.satisfaction).toEqual({
      rating: 2,
      comment: 'Ça recommence.',
      at: answeredAt,
      changedAt: expect.any(String),
    });
    const types = (await storedEvents(id)).map((event) => event.type);
    expect(types.filter((type) => type.startsWith('ticket.satisfaction'))).toEqual([
      'ticket.satisfaction-recorded',
      'ticket.satisfaction-changed',
    ]);
    const history = (await as(admin).get(`/api/tickets/${id}/history`)).body as Array<Record<string, unknown>>;
    expect(history.at(-1)).toMatchObject({
      event: 'ticket.satisfaction-changed',
      actor: { kind: 'user', id: req.userId },
      changes: [
        {
          field: 'satisfaction',
          from: expect.objectContaining({ rating: 5, comment: 'Parfait.' }),
          to: expect.objectContaining({ rating: 2, comment: 'Ça recommence.' }),
        },
      ],
    });

    // later answers, the use case's clock set: just before the 12 hours from the first are up, and just after
    const bus = tickets.app.get(CommandBus);
    const requester = callerFrom(tickets.app.get(AccessTokenVerifier).verify(req.token), ['root']);
    const answer = (hoursAfterFirst: number, rating: number) =>
      bus.execute(
        new RecordSatisfactionCommand(
          requester,
          id,
          { rating, comment: 'Ça recommence.' },
          new Date(Date.parse(answeredAt) + hoursAfterFirst * 3_600_000),
        ),
      );
    expect((await answer(11.9, 3)).satisfaction).toMatchObject({ rating: 3, at: answeredAt });
    // a rule refusal: answered 422 over HTTP; nothing is written
    const before = await storedEvents(id);
    await expect(answer(12.1, 1)).rejects.toMatchObject({
      code: 'rule',
      message: expect.stringMatching(/can no longer be changed: it could be for 12 hours after the first answer/),
    });
    expect(await storedEvents(id)).toEqual(before);
    expect((await view(id)).satisfaction).toMatchObject({ rating: 3, at: answeredAt });
  });
});

describe('two technicians on one ticket at once', () => {
  it('loses no follow-up nor actor, answers no 500, and the stream has no gap', async () => {
    const id = await open();
    const followups = [
      ...Array.from({ length: 20 }, (_, i) => ({ by: tech, content: `tech-${i}` })),
      ...Array.from({ length: 20 }, (_, i) => ({ by: tech2, content: `tech2-${i}` })),
    ];
    const additions = crowd.map((user, i) => ({ by: i % 2 ? tech : tech2, user }));
    const [followupAnswers, additionAnswers] = await Promise.all([
      Promise.all(followups.map(({ by, content }) => as(by).post(`/api/tickets/${id}/followups`, { content }))),
      Promise.all(
        additions.map(({ by, user }) => as(by).post(`/api/tickets/${id}/actors`, { role: 'observer', ...user.ref })),
      ),
    ]);

    // every problem is listed, so one run tells the whole story
    const problems: string[] = [];
    const answers = [...followupAnswers, ...additionAnswers];
    for (const answer of answers.filter((candidate) => candidate.status >= 500)) {
      problems.push(`a ${answer.status}: ${JSON.stringify(answer.body)}`);
    }
    const refused = answers.filter((answer) => answer.status >= 300 && answer.status < 500);
    if (refused.length > 0) {
      const reasons = [...new Set(refused.map((answer) => `${answer.status} ${answer.body.detail}`))];
      problems.push(`${refused.length} of ${answers.length} writes refused: ${reasons.join(' | ')}`);
    }

    // the stream: sequences 1..N, each once
    const events = await storedEvents(id);
    const sequences = events.map((event) => event.sequence);
    if (JSON.stringify(sequences) !== JSON.stringify(sequences.map((_, i) => i + 1))) {
      problems.push(`stream sequences are not 1..${sequences.length}: ${sequences.join(',')}`);
    }
    // every accepted write is in the stream, and the read model shows every event of the stream
    const acceptedContents = followups.filter((_, i) => followupAnswers[i].status === 201).map((f) => f.content);
    const acceptedObservers = additions.filter((_, i) => additionAnswers[i].status === 200).map((a) => a.user.userId);
    const storedFollowups = events.filter((event) => event.type === 'ticket.followup-added').length;
    const storedAdditions = events.filter((event) => event.type === 'ticket.actor-added').length;
    if (storedFollowups !== acceptedContents.length || storedAdditions !== acceptedObservers.length) {
      problems.push(
        `stored ${storedFollowups} follow-ups and ${storedAdditions} actors for ${acceptedContents.length} and ${acceptedObservers.length} accepted`,
      );
    }
    // read-your-writes is the promise; the Kafka consumer gets 10 s more to catch up, in case
    let shown: string[] = [];
    let observers: string[] = [];
    const caughtUp = async () => {
      shown = (await timeline(id)).map((item) => item.content);
      observers = (await view(id)).actors.observer.map((actor: { id: string }) => actor.id);
      return acceptedContents.every((c) => shown.includes(c)) && acceptedObservers.every((o) => observers.includes(o));
    };
    await eventually(caughtUp, 10_000).catch(() => undefined);
    const lost = acceptedContents.filter((content) => !shown.includes(content));
    if (lost.length > 0) problems.push(`accepted follow-ups missing from the timeline: ${lost.join(', ')}`);
    const lostObservers = acceptedObservers.filter((userId) => !observers.includes(userId));
    if (lostObservers.length > 0) problems.push(`accepted observers missing from the ticket: ${lostObservers.length}`);
    const stored = await db.collection('ticket_view').findOne({ ticketId: id });
    if (stored?._sequence !== sequences.length) {
      problems.push(`the read model is at sequence ${stored?._sequence}, the stream at ${sequences.length}`);
    }
    expect(problems).toEqual([]);
    expect(shown.sort()).toEqual(followups.map((f) => f.content).sort());
    expect(observers.sort()).toEqual(crowd.map((user) => user.userId).sort());
  });

  it('concurrent edits of different fields both stay', async () => {
    const id = await open();
    const [title, location, task] = await Promise.all([
      as(tech).patch(`/api/tickets/${id}`, { title: 'Poste très lent' }),
      as(tech2).patch(`/api/tickets/${id}`, { location: 'Bureau 12', urgency: 4 }),
      as(tech2).post(`/api/tickets/${id}/tasks`, { content: 'diagnostic', durationMinutes: 15 }),
    ]);
    expect([title.status, location.status, task.status]).toEqual([200, 200, 201]);
    // stored: every change is in the stream
    const types = (await storedEvents(id)).map((event) => event.type);
    expect(types.filter((type) => type === 'ticket.details-changed')).toHaveLength(2);
    expect(types).toEqual(expect.arrayContaining(['ticket.reclassified', 'ticket.task-added']));
    // shown: the ticket holds every change (the Kafka consumer gets 10 s to catch up, in case)
    const expected = { title: 'Poste très lent', location: 'Bureau 12', urgency: 4, totalDurationMinutes: 15 };
    const holdsAll = async () => {
      const shown = await view(id);
      return Object.entries(expected).every(([field, value]) => shown[field] === value);
    };
    await eventually(holdsAll, 10_000).catch(() => undefined);
    expect(await view(id)).toMatchObject(expected);
  });
});
