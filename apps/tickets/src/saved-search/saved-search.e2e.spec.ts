import { useIsolatedStack } from '@itsm/testing';
import { IdentityFixture, type FixtureUser } from '@itsm/fixtures';
import { startTickets, type TicketsUnderTest } from '../test-support/tickets-test-app';

// The ticket list's saved searches (GLPI's bookmarks): private, or shared in an entity.
const stack = useIsolatedStack();
let tickets: TicketsUnderTest;
let techA: FixtureUser, techA1: FixtureUser, techB: FixtureUser, blier: FixtureUser;

beforeAll(async () => {
  const identity = new IdentityFixture(stack);
  await identity.connect();
  tickets = await startTickets(stack);
  await identity.siblingTree();
  techA = await identity.user('tech-a', 'technician', { entityId: 'A' });
  techA1 = await identity.user('tech-a1', 'technician', { entityId: 'A1' });
  techB = await identity.user('tech-b', 'technician', { entityId: 'B' });
  blier = await identity.user('S1', 'self-service', { entityId: 'A' });
  await tickets.directoryHas(4, 4);
});

const names = async (user: FixtureUser) =>
  ((await tickets.api(user.token).get('/api/saved-searches')).body.items as Array<{ name: string }>).map(
    (search) => search.name,
  );

it('keeps a private search for its owner and shares another in the entity and below', async () => {
  const mine = await tickets
    .api(techA.token)
    .post('/api/saved-searches', { name: 'Mes pannes', query: '?status=notold' });
  expect(mine.status).toBe(201);
  expect(mine.body).toMatchObject({ name: 'Mes pannes', query: 'status=notold', shared: false, entityId: 'A' });
  await tickets
    .api(techA.token)
    .post('/api/saved-searches', { name: 'Non clos de A', query: 'status=notclosed', shared: true, recursive: true });

  expect(await names(techA)).toEqual(['Mes pannes', 'Non clos de A']);
  expect(await names(techA1)).toEqual(['Non clos de A']);
  expect(await names(techB)).toEqual([]);
});

it('lets only the owner remove a search, and refuses bad input and self-service users', async () => {
  const shared = await tickets
    .api(techA.token)
    .post('/api/saved-searches', { name: 'Partagée', query: 'status=all', shared: true, recursive: true });
  const path = `/api/saved-searches/${shared.body.searchId}`;
  expect((await tickets.api(techA1.token).delete(path)).status).toBe(403);
  expect((await tickets.api(techB.token).delete(path)).status).toBe(404);
  expect((await tickets.api(techA.token).delete(path)).status).toBe(204);
  expect(await names(techA1)).not.toContain('Partagée');

  const bad = await tickets.api(techA.token).post('/api/saved-searches', { name: '', query: 'a', owner: 'x' });
  expect(bad.status).toBe(400);
  expect((await tickets.api(blier.token).get('/api/saved-searches')).status).toBe(403);
});
