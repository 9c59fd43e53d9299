import { IdentityFixture, type FixtureUser } from '@itsm/fixtures';
import type { ApiAnswer, JsonApi } from '@itsm/runtime';
import { eventually, useIsolatedStack } from '@itsm/testing';
import { assetsHas, created, startAssets, type AssetsUnderTest } from './test-support/assets-test-app';

// Rights and entity scope on every asset route. Entities: root > A > A1, and B beside A. A
// technician of A reaches A and A1, never B; an observer reads, never writes; a hotliner cannot
// delete; a self-service user (no asset.read) sees only the devices whose user he is, read-only.
const stack = useIsolatedStack();
let assets: AssetsUnderTest;
let identity: IdentityFixture;

let admin: FixtureUser;
let techA: FixtureUser;
let techB: FixtureUser;
let observerA: FixtureUser;
let hotlinerA: FixtureUser;
let blier: FixtureUser; // self-service on A, the user of pcBlier
let other: FixtureUser; // self-service on A, user of nothing

let pcA: string;
let pcA1: string;
let pcB: string;
let pcBlier: string;
let printerRootShared: string; // recursive, in root: seen from A
let printerRootPrivate: string; // not recursive, in root: not seen from A

const as = (user: FixtureUser): JsonApi => assets.api(user.token);
const idsOf = (body: { items: Array<{ assetId: string }> }) => body.items.map((item) => item.assetId).sort();
const refusalOf = (answer: ApiAnswer) => [answer.status, (answer.body as { detail?: string }).detail];

beforeAll(async () => {
  identity = new IdentityFixture(stack);
  await identity.connect();
  await identity.siblingTree();
  admin = await identity.user('glpi', 'super-admin');
  techA = await identity.user('tech-a', 'technician', { entityId: 'A' });
  techB = await identity.user('tech-b', 'technician', { entityId: 'B' });
  observerA = await identity.user('normal-a', 'observer', { entityId: 'A' });
  hotlinerA = await identity.user('hotline-a', 'hotliner', { entityId: 'A' });
  blier = await identity.user('blier', 'self-service', { entityId: 'A' });
  other = await identity.user('other', 'self-service', { entityId: 'A' });
  assets = await startAssets(stack);
  await Promise.all([assetsHas(stack, 'auth_entity_tree', 4), assetsHas(stack, 'directory_users', 7)]);
  await new Promise((resolve) => setTimeout(resolve, 1100)); // the entity tree cache (1 s) sees A, A1, B

  pcA = created(await as(techA).post('/api/computers', { name: 'PC-A', entityId: 'A' })).assetId;
  pcA1 = created(await as(techA).post('/api/computers', { name: 'PC-A1', entityId: 'A1' })).assetId;
  pcB = created(await as(techB).post('/api/computers', { name: 'PC-B', entityId: 'B' })).assetId;
  pcBlier = created(
    await as(techA).post('/api/computers', { name: 'PC-BLIER', entityId: 'A', userId: blier.userId }),
  ).assetId;
  printerRootShared = created(
    await as(admin).post('/api/printers', { name: 'Copieur', entityId: 'root', recursive: true }),
  ).assetId;
  printerRootPrivate = created(await as(admin).post('/api/printers', { name: 'Traceur', entityId: 'root' })).assetId;
});

describe('entity isolation', () => {
  it('lists only the assets of the caller’s entities, and the recursive ones above', async () => {
    expect(idsOf((await as(techA).get('/api/computers')).body)).toEqual([pcA, pcA1, pcBlier].sort());
    expect(idsOf((await as(techB).get('/api/computers')).body)).toEqual([pcB]);
    expect(idsOf((await as(techA).get('/api/printers')).body)).toEqual([printerRootShared]);
    expect(idsOf((await as(admin).get('/api/printers')).body)).toEqual([printerRootShared, printerRootPrivate].sort());
  });

  it('never shows another entity’s asset, even asked by entity or by id', async () => {
    expect((await as(techA).get('/api/computers?entityId=B')).body.total).toBe(0);
    expect((await as(techA).get(`/api/computers/${pcB}`)).status).toBe(404);
    expect((await as(techA).get(`/api/computers/${pcB}/history`)).status).toBe(404);
    expect((await as(techA).get(`/api/printers/${printerRootPrivate}`)).status).toBe(404);
  });

  it('never lets a technician touch another entity’s asset, nor create one there', async () => {
    expect((await as(techA).patch(`/api/computers/${pcB}`, { name: 'pris' })).status).toBe(404);
    expect((await as(techA).delete(`/api/computers/${pcB}`)).status).toBe(404);
    expect((await as(techA).post(`/api/computers/${pcB}/restore`)).status).toBe(404);
    expect((await as(techA).delete(`/api/computers/${pcB}/purge`)).status).toBe(404);
    expect((await as(techA).post('/api/computers', { name: 'PC', entityId: 'B' })).status).toBe(403);
    expect((await as(admin).get(`/api/computers/${pcB}`)).body.name).toBe('PC-B');
  });

  it('reads a recursive asset from above without changing it', async () => {
    expect((await as(techA).get(`/api/printers/${printerRootShared}`)).status).toBe(200);
    expect((await as(techA).patch(`/api/printers/${printerRootShared}`, { name: 'x' })).status).toBe(403);
  });

  it('refuses a user who does not belong to the asset’s entity', async () => {
    const answer = await as(techB).post('/api/computers', { name: 'PC', entityId: 'B', userId: blier.userId });
    expect(answer.status).toBe(422);
    expect(answer.body.errors).toEqual([{ field: 'userId', message: expect.stringContaining('does not belong') }]);
  });
});

describe('rights', () => {
  it('lets an observer read but not write', async () => {
    expect((await as(observerA).get(`/api/computers/${pcA}`)).status).toBe(200);
    expect((await as(observerA).post('/api/computers', { name: 'PC', entityId: 'A' })).status).toBe(403);
    expect((await as(observerA).patch(`/api/computers/${pcA}`, { name: 'x' })).status).toBe(403);
  });

  it('lets a hotliner read but not trash', async () => {
    expect((await as(hotlinerA).get('/api/computers')).body.total).toBe(3);
    expect((await as(hotlinerA).delete(`/api/computers/${pcA}`)).status).toBe(403);
  });
});

describe('a self-service user', () => {
  it('sees his own devices only', async () => {
    expect(idsOf((await as(blier).get('/api/computers')).body)).toEqual([pcBlier]);
    expect((await as(blier).get(`/api/computers/${pcBlier}`)).body.name).toBe('PC-BLIER');
    expect((await as(blier).get(`/api/computers/${pcA}`)).status).toBe(404);
    expect((await as(blier).get(`/api/computers?userId=${other.userId}`)).body.total).toBe(0);
    expect((await as(other).get('/api/computers')).body.total).toBe(0);
  });

  it('cannot change them', async () => {
    expect((await as(blier).patch(`/api/computers/${pcBlier}`, { name: 'MON-PC' })).status).toBe(403);
    expect((await as(blier).delete(`/api/computers/${pcBlier}`)).status).toBe(403);
    expect((await as(blier).post('/api/computers', { name: 'PC' })).status).toBe(403);
  });

  it('cannot read the catalogues', async () => {
    expect((await as(blier).get('/api/asset-dropdowns/manufacturer')).status).toBe(403);
  });
});

describe('a transfer to another entity (GLPI’s Transférer)', () => {
  let pcMoving: string;

  beforeAll(async () => {
    pcMoving = created(await as(techA).post('/api/computers', { name: 'PC-DEMENAGE', entityId: 'A' })).assetId;
  });

  it('needs asset.write on the asset and the target in the caller’s scope; an unseen asset is not found', async () => {
    const toB = { entityId: 'B' };
    expect(refusalOf(await as(techA).post(`/api/computers/${pcMoving}/transfer`, toB))).toEqual([
      403,
      'entity B is outside your scope',
    ]);
    expect((await as(observerA).post(`/api/computers/${pcMoving}/transfer`, { entityId: 'A1' })).status).toBe(403);
    expect((await as(techB).post(`/api/computers/${pcMoving}/transfer`, toB)).status).toBe(404);
    expect((await as(admin).post(`/api/monitors/${pcMoving}/transfer`, toB)).status).toBe(404);
    expect((await as(admin).post(`/api/computers/${pcMoving}/transfer`, {})).status).toBe(400);
    const userStays = await as(admin).post(`/api/computers/${pcBlier}/transfer`, toB);
    expect(userStays.status).toBe(422);
    expect(userStays.body.errors).toEqual([{ field: 'userId', message: expect.stringContaining('does not belong') }]);
  });

  it('moves it: it leaves the former entity’s lists for the new one’s, and the history says so', async () => {
    const moved = await as(admin).post(`/api/computers/${pcMoving}/transfer`, { entityId: 'B' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ assetId: pcMoving, entityId: 'B', name: 'PC-DEMENAGE' });
    await eventually(
      async () => idsOf((await as(techB).get('/api/computers')).body).includes(pcMoving),
      10_000,
      'the transferred computer in B’s list',
    );
    expect(idsOf((await as(techA).get('/api/computers')).body)).not.toContain(pcMoving);
    expect((await as(techA).get(`/api/computers/${pcMoving}`)).status).toBe(404);
    expect((await as(techB).get('/api/computers?name=DEMENAGE')).body.total).toBe(1);
    const history = (await as(techB).get(`/api/computers/${pcMoving}/history`)).body as Array<{
      changes: Array<{ field: string; from: unknown; to: unknown }>;
    }>;
    expect(history.at(-1)?.changes).toContainEqual({ field: 'entityId', from: 'A', to: 'B' });
  });

  it('within the caller’s entities, a technician moves it down to a sub-entity', async () => {
    const down = await as(techA).post(`/api/computers/${pcA}/transfer`, { entityId: 'A1' });
    expect(down.status).toBe(200);
    expect(down.body.entityId).toBe('A1');
  });
});
