import { useIsolatedStack } from '@itsm/testing';
import { AssetFixture, IdentityFixture, type FixtureAsset, type FixtureUser } from '@itsm/fixtures';
import { startTickets, type TicketsUnderTest } from './test-support/tickets-test-app';

// A ticket's items are assets (glpi_items_tickets): tickets checks them against its copy of the
// assets context's events, and shows them with their names.
const stack = useIsolatedStack();
let tickets: TicketsUnderTest;
let tech: FixtureUser, blier: FixtureUser, other: FixtureUser;
let printer: FixtureAsset, computerB: FixtureAsset, trashed: FixtureAsset, othersPc: FixtureAsset;

beforeAll(async () => {
  const identity = new IdentityFixture(stack);
  const assets = new AssetFixture(stack);
  await Promise.all([identity.connect(), assets.connect()]);
  tickets = await startTickets(stack);
  await identity.siblingTree();
  tech = await identity.user('tech', 'technician');
  blier = await identity.user('S1', 'self-service', { lastName: 'BLIER', entityId: 'A', recursive: false });
  other = await identity.user('S2', 'self-service', { entityId: 'A', recursive: false });
  printer = await assets.asset('printer', 'HP LaserJet 1020 (BLIER)', { entityId: 'A', userId: blier.userId });
  othersPc = await assets.asset('computer', 'PC-S2', { entityId: 'A', userId: other.userId });
  computerB = await assets.asset('computer', 'PC-B', { entityId: 'B', userId: blier.userId });
  trashed = await assets.asset('printer', 'Old printer', { entityId: 'A', userId: blier.userId });
  await assets.trash(trashed);
  await tickets.directoryHas(3, 4);
  await tickets.assetsKnown(4, 1);
});

const item = (asset: FixtureAsset) => ({ itemType: asset.assetType, itemId: asset.assetId });
const incident = (items: object[], entityId = 'A') => ({
  title: "Problème d'impression",
  description: 'Les lignes sont décalées.',
  entityId,
  items,
});

it('links a valid asset and shows it with its name', async () => {
  const opened = await tickets.api(tech.token).post('/api/tickets', incident([item(printer)]));
  expect(opened.status).toBe(201);
  const shown = await tickets.api(tech.token).get(`/api/tickets/${opened.body.ticketId}`);
  expect(shown.body.items).toEqual([{ ...item(printer), name: 'HP LaserJet 1020 (BLIER)' }]);
});

it('refuses an asset of another entity, a trashed, an unknown or a mistyped one, naming each item', async () => {
  const refused = await tickets
    .api(tech.token)
    .post(
      '/api/tickets',
      incident([
        item(computerB),
        item(trashed),
        { itemType: 'computer', itemId: 'nope' },
        { ...item(printer), itemType: 'monitor' },
      ]),
    );
  expect(refused.status).toBe(422);
  expect(refused.body.errors).toEqual([
    {
      field: 'items.0.itemId',
      message: `asset ${computerB.assetId} is not visible in entity A: neither of it nor recursive from an entity above it`,
    },
    { field: 'items.1.itemId', message: 'asset Old printer is in the trash' },
    { field: 'items.2.itemId', message: 'unknown asset nope' },
    { field: 'items.3.itemId', message: `asset ${printer.assetId} is a printer, not a monitor` },
  ]);
  // nothing half-written
  const listed = await tickets.api(tech.token).get('/api/tickets?status=all&limit=100');
  expect(listed.body.total).toBe(1);
});

it('checks the items a PATCH links', async () => {
  const opened = await tickets.api(tech.token).post('/api/tickets', incident([]));
  const patched = await tickets
    .api(tech.token)
    .patch(`/api/tickets/${opened.body.ticketId}`, { items: [item(trashed)] });
  expect([patched.status, patched.body.errors?.[0]?.field]).toEqual([422, 'items.0.itemId']);
  const linked = await tickets
    .api(tech.token)
    .patch(`/api/tickets/${opened.body.ticketId}`, { items: [item(printer)] });
  expect(linked.status).toBe(200);
  expect(linked.body.items).toEqual([{ ...item(printer), name: 'HP LaserJet 1020 (BLIER)' }]);
});

describe('a self-service user', () => {
  it('sees "my devices": his assets of his entities, out of the trash', async () => {
    const mine = await tickets.api(blier.token).get('/api/my-devices');
    expect(mine.status).toBe(200);
    expect(mine.body.items).toEqual([{ ...item(printer), name: 'HP LaserJet 1020 (BLIER)', entityId: 'A' }]);
  });

  it('links his own device, and not someone else’s', async () => {
    const own = await tickets.api(blier.token).post('/api/tickets', incident([item(printer)]));
    expect(own.status).toBe(201);
    expect(own.body.items).toEqual([{ ...item(printer), name: 'HP LaserJet 1020 (BLIER)' }]);
    const others = await tickets.api(blier.token).post('/api/tickets', incident([item(othersPc)]));
    expect(others.status).toBe(422);
    expect(others.body.errors).toEqual([
      { field: 'items.0.itemId', message: 'asset PC-S2 is not one of your devices' },
    ]);
  });
});
