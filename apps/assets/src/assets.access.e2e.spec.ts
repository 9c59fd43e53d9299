import { IdentityFixture, type FixtureUser } from '@itsm/fixtures';
import type { JsonApi } from '@itsm/runtime';
import { useIsolatedStack } from '@itsm/testing';
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
