import { IdentityFixture, type FixtureUser } from '@itsm/fixtures';
import type { JsonApi } from '@itsm/runtime';
import { useIsolatedStack } from '@itsm/testing';
import { assetsHas, created, startAssets, type AssetsUnderTest } from './test-support/assets-test-app';

// The catalogues of the Parc: names meet whatever their case and spacing, values are entity-scoped
// (recursive ones serve below), locations form a tree, and assets may name only what they reach.
const stack = useIsolatedStack();
let assets: AssetsUnderTest;
let identity: IdentityFixture;
let admin: FixtureUser;
let techA: FixtureUser;
let techB: FixtureUser;

const as = (user: FixtureUser): JsonApi => assets.api(user.token);

beforeAll(async () => {
  identity = new IdentityFixture(stack);
  await identity.connect();
  await identity.siblingTree();
  admin = await identity.user('glpi', 'super-admin');
  techA = await identity.user('tech-a', 'technician', { entityId: 'A' });
  techB = await identity.user('tech-b', 'technician', { entityId: 'B' });
  assets = await startAssets(stack);
  await Promise.all([assetsHas(stack, 'auth_entity_tree', 4), assetsHas(stack, 'directory_users', 3)]);
  await new Promise((resolve) => setTimeout(resolve, 1100)); // the entity tree cache (1 s) sees A, A1, B
});

describe('a catalogue', () => {
  let dell: string;

  it('keeps names trimmed, and "DELL Inc." meets "Dell Inc." (409)', async () => {
    const value = created(await as(admin).post('/api/asset-dropdowns/manufacturer', { name: '  Dell   Inc. ' }));
    dell = value.valueId;
    expect(value).toMatchObject({ name: 'Dell Inc.', entityId: 'root', recursive: true });
    const again = await as(admin).post('/api/asset-dropdowns/manufacturer', { name: 'DELL Inc.' });
    expect(again.status).toBe(409);
    expect((await as(techA).get('/api/asset-dropdowns/manufacturer?name=dell')).body.items).toEqual([
      expect.objectContaining({ valueId: dell }),
    ]);
  });

  it('renames a value, and refuses the name of another', async () => {
    created(await as(admin).post('/api/asset-dropdowns/manufacturer', { name: 'Lenovo' }));
    const renamed = await as(admin).patch(`/api/asset-dropdowns/manufacturer/${dell}`, { name: 'Dell Technologies' });
    expect(renamed.body).toMatchObject({ valueId: dell, name: 'Dell Technologies' });
    expect((await as(admin).patch(`/api/asset-dropdowns/manufacturer/${dell}`, { name: 'LENOVO' })).status).toBe(409);
  });

  it('keeps a comment given at creation, changes it alone, and clears it with null', async () => {
    const hp = created(
      await as(admin).post('/api/asset-dropdowns/manufacturer', { name: 'HP', comment: 'Imprimantes' }),
    );
    expect(hp).toMatchObject({ name: 'HP', comment: 'Imprimantes' });
    const path = `/api/asset-dropdowns/manufacturer/${hp.valueId}`;
    expect((await as(admin).patch(path, { comment: 'Postes et imprimantes' })).body).toMatchObject({
      name: 'HP',
      comment: 'Postes et imprimantes',
    });
    expect((await as(admin).patch(path, { comment: null })).body).toMatchObject({ name: 'HP', comment: null });
    expect((await as(admin).patch(path, { comment: 42 })).status).toBe(400);
  });

  it('keeps one entity’s values from another', async () => {
    const typeB = created(
      await as(techB).post('/api/asset-dropdowns/computer-type', { name: 'Portable', entityId: 'B' }),
    ).valueId;
    expect((await as(techA).get('/api/asset-dropdowns/computer-type')).body.total).toBe(0);
    expect((await as(techA).patch(`/api/asset-dropdowns/computer-type/${typeB}`, { name: 'x' })).status).toBe(404);
    const refused = await as(techA).post('/api/computers', { name: 'PC', entityId: 'A', typeId: typeB });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{ field: 'typeId', message: expect.stringContaining('usable in entity A') }]);
    expect((await as(techA).post('/api/asset-dropdowns/manufacturer', { name: 'HP', entityId: 'B' })).status).toBe(403);
  });

  it('refuses a value of the wrong catalogue, and an unknown kind', async () => {
    const monitorType = created(await as(admin).post('/api/asset-dropdowns/monitor-type', { name: 'LCD' })).valueId;
    const refused = await as(admin).post('/api/computers', { name: 'PC', typeId: monitorType });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({ field: 'typeId' });
    expect((await as(admin).get('/api/asset-dropdowns/password')).status).toBe(400);
  });

  it('gives an asset its names’ ids once they are checked', async () => {
    const status = created(await as(admin).post('/api/asset-dropdowns/status', { name: 'En service' })).valueId;
    const computer = created(
      await as(techA).post('/api/computers', { name: 'PC', entityId: 'A', manufacturerId: dell, statusId: status }),
    );
    expect(computer).toMatchObject({ manufacturerId: dell, statusId: status });
    expect((await as(techA).get(`/api/computers?statusId=${status}`)).body.total).toBe(1);
  });
});

describe('locations', () => {
  it('form a tree with complete names; a parent must be a location the entity reaches', async () => {
    const siege = created(await as(admin).post('/api/asset-dropdowns/location', { name: 'Siège' })).valueId;
    const batiment = created(
      await as(admin).post('/api/asset-dropdowns/location', { name: 'Bâtiment A', parentId: siege }),
    ).valueId;
    created(
      await as(techA).post('/api/asset-dropdowns/location', { name: 'Salle 12', parentId: batiment, entityId: 'A' }),
    );
    // each building may have its own "Salle 12", not two in one
    expect(
      (await as(techA).post('/api/asset-dropdowns/location', { name: 'salle 12', parentId: batiment, entityId: 'A' }))
        .status,
    ).toBe(409);
    const tree = (await as(techA).get('/api/asset-dropdowns/locations/tree')).body;
    expect(tree[0].children[0].children[0].completeName).toBe('Siège > Bâtiment A > Salle 12');
    const brand = created(await as(admin).post('/api/asset-dropdowns/manufacturer', { name: 'Apple' })).valueId;
    const wrongParent = await as(admin).post('/api/asset-dropdowns/location', { name: 'Cave', parentId: brand });
    expect(wrongParent.status).toBe(422);
  });
});
