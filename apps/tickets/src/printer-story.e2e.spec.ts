import { useIsolatedStack } from '@itsm/testing';
import { IdentityFixture, type FixtureUser } from '@itsm/fixtures';
import { startTickets, type TicketsUnderTest } from './test-support/tickets-test-app';

// The seed's walkthrough: M. Blier phones about his printer; the technician records, classifies,
// works, asks for an approval, solves; M. Blier approves; the ticket is closed.
const stack = useIsolatedStack();
let tickets: TicketsUnderTest;
let identity: IdentityFixture;
let glpi: FixtureUser, tech: FixtureUser, blier: FixtureUser, normal: FixtureUser;

beforeAll(async () => {
  identity = new IdentityFixture(stack);
  await identity.connect();
  tickets = await startTickets(stack);
  await identity.entity('root', 'Entité racine', null);
  glpi = await identity.user('glpi', 'super-admin');
  tech = await identity.user('tech', 'technician');
  normal = await identity.user('normal', 'observer');
  blier = await identity.user('S1', 'self-service', { firstName: 'Bertrand', lastName: 'BLIER' });
  await tickets.directoryHas(4, 1);
});

it('follows the printer ticket from the phone call to its closure', async () => {
  const admin = tickets.api(glpi.token);
  const hardware = (await admin.post('/api/itil-categories', { name: 'Panne matérielle' })).body.categoryId;
  const asTech = tickets.api(tech.token);
  const asBlier = tickets.api(blier.token);

  // Enregistrement + Classification: recorded by the technician, for M. Blier, by phone
  const opened = await asTech.post('/api/tickets', {
    title: "Problème d'impression",
    description: "L'imprimante n'imprime plus depuis ce matin.",
    source: 'phone',
    categoryId: hardware,
    urgency: 2,
    impact: 2,
    requesters: [blier.ref],
  });
  expect(opened.status).toBe(201);
  const id = opened.body.ticketId;
  expect(opened.body).toMatchObject({ status: 'new', priority: 2, source: 'phone', categoryId: hardware });
  expect(opened.body.actors.requester).toEqual([{ ...blier.ref, name: 'BLIER Bertrand' }]);

  // Traitement: the technician takes it, works 30 minutes by remote control
  const taken = await asTech.post(`/api/tickets/${id}/actors`, { role: 'assignee', ...tech.ref });
  expect(taken.body.status).toBe('assigned');
  const worked = await asTech.post(`/api/tickets/${id}/tasks`, {
    content: 'Prise en main à distance : file d’impression débloquée',
    durationMinutes: 30,
    state: 'done',
  });
  expect(worked.body).toMatchObject({ totalDurationMinutes: 30, tasksDonePercent: 100 });

  // an approval asked of "normal", who accepts
  const asked = await asTech.post(`/api/tickets/${id}/validations`, {
    approver: normal.ref,
    comment: 'Remplacer le toner ?',
  });
  expect(asked.body.validationStatus).toBe('waiting');
  const validationId = (await asTech.get(`/api/tickets/${id}/timeline`)).body.find(
    (item: { kind: string }) => item.kind === 'validation',
  ).itemId;
  const refusedByOther = await asTech.post(`/api/tickets/${id}/validations/${validationId}/answer`, {
    decision: 'accepted',
  });
  expect(refusedByOther.status).toBe(403);
  const accepted = await tickets
    .api(normal.token)
    .post(`/api/tickets/${id}/validations/${validationId}/answer`, { decision: 'accepted', comment: 'OK' });
  expect(accepted.body.validationStatus).toBe('accepted');

  // Solution, then Validation by the requester, then Clôture
  const solved = await asTech.post(`/api/tickets/${id}/solution`, {
    content: 'File d’impression purgée, imprimante relancée.',
    solutionType: 'Intervention à distance',
  });
  expect(solved.body.status).toBe('solved');
  expect(
    (await asBlier.get('/api/tickets?view=to-approve')).body.items.map((t: { ticketId: string }) => t.ticketId),
  ).toEqual([id]);
  expect((await asTech.post(`/api/tickets/${id}/solution/approve`)).status).toBe(403);
  const approved = await asBlier.post(`/api/tickets/${id}/solution/approve`);
  expect(approved.body.status).toBe('closed');

  const timeline = (await asBlier.get(`/api/tickets/${id}/timeline`)).body;
  expect(timeline.map((item: { kind: string }) => item.kind)).toEqual(['task', 'validation', 'solution']);
  expect(timeline[2].details).toMatchObject({ status: 'accepted' });

  const final = (await asBlier.get(`/api/tickets/${id}`)).body;
  expect(final).toMatchObject({
    status: 'closed',
    totalDurationMinutes: 30,
    tasksDonePercent: 100,
    validationStatus: 'accepted',
  });
  expect(final.statistics.timeToOwnSeconds).toBeGreaterThanOrEqual(0);
  expect(final.statistics.timeToCloseSeconds).toBeGreaterThanOrEqual(final.statistics.timeToResolveSeconds);
  const rated = await asBlier.post(`/api/tickets/${id}/satisfaction`, { rating: 5, comment: 'Rapide, merci.' });
  expect(rated.body.satisfaction).toMatchObject({ rating: 5 });
});
