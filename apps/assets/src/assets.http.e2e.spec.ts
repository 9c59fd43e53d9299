import { IdentityFixture, type FixtureUser } from '@itsm/fixtures';
import type { JsonApi } from '@itsm/runtime';
import { eventually, useIsolatedStack } from '@itsm/testing';
import { assetsHas, created, startAssets, type AssetsUnderTest } from './test-support/assets-test-app';

// Every asset type over HTTP, as a technician of root uses them: create, read, list with GLPI's
// criteria, edit, history, the trash; type-specific and financial fields; bad input refused whole.
// The warranty notice comes from the BullMQ timer, set 30 days before the end (the default).
const stack = useIsolatedStack();
let assets: AssetsUnderTest;
let identity: IdentityFixture;
let tech: FixtureUser;
let blier: FixtureUser;
let api: JsonApi;

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  identity = new IdentityFixture(stack);
  await identity.connect();
  await identity.siblingTree();
  tech = await identity.user('tech', 'technician');
  blier = await identity.user('blier', 'self-service', { firstName: 'Bertrand', lastName: 'BLIER' });
  assets = await startAssets(stack);
  api = assets.api(tech.token);
  await Promise.all([assetsHas(stack, 'auth_entity_tree', 4), assetsHas(stack, 'directory_users', 2)]);
});

describe('computers', () => {
  let computerId: string;

  it('are created with GLPI’s fields, trimmed, and read back alone and in the list', async () => {
    const computer = created(
      await api.post('/api/computers', {
        name: 'PC-BLIER',
        serial: ' SN 123 ',
        inventoryNumber: 'INV-0042',
        userId: blier.userId,
        contact: 'blier',
        entityId: 'root',
      }),
    );
    computerId = computer.assetId;
    expect(computer).toMatchObject({ assetType: 'computer', name: 'PC-BLIER', serial: 'SN 123', trashed: false });
    expect((await api.get(`/api/computers/${computerId}`)).body).toMatchObject({ userId: blier.userId });
    const list = await api.get(`/api/computers?serial=sn%20123&userId=${blier.userId}&entityId=root`);
    expect(list.body).toMatchObject({ total: 1, items: [{ assetId: computerId }] });
  });

  it('are listed sorted and paginated, with their total', async () => {
    for (const name of ['pc-c', 'PC-A', 'pc-b']) created(await api.post('/api/computers', { name }));
    const page = await api.get('/api/computers?name=pc-&sort=name&limit=2&page=1');
    expect(page.body.total).toBe(4);
    expect(page.body.items.map((item: { name: string }) => item.name)).toEqual(['PC-A', 'pc-b']);
    const desc = await api.get('/api/computers?name=pc-&sort=name&order=desc&limit=1');
    expect(desc.body.items[0].name).toBe('pc-c');
  });

  it('are edited field by field, and the history says who changed what', async () => {
    const edited = await api.patch(`/api/computers/${computerId}`, { serial: 'SN 124', comment: 'écran fissuré' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ serial: 'SN 124', comment: 'écran fissuré', name: 'PC-BLIER' });
    const history = await api.get(`/api/computers/${computerId}/history`);
    const last = history.body.at(-1);
    expect(last).toMatchObject({ event: 'asset.updated', actorName: expect.any(String) });
    expect(last.changes).toEqual(
      expect.arrayContaining([
        { field: 'serial', from: 'SN 123', to: 'SN 124' },
        { field: 'comment', from: null, to: 'écran fissuré' },
      ]),
    );
  });

  it('go to the trash, out of the lists, come back, and are purged from the trash only', async () => {
    const purgeInUse = await api.delete(`/api/computers/${computerId}/purge`);
    expect(purgeInUse.status).toBe(409);
    expect((await api.delete(`/api/computers/${computerId}`)).body).toMatchObject({ trashed: true });
    expect((await api.get('/api/computers?name=PC-BLIER')).body.total).toBe(0);
    expect((await api.get('/api/computers?name=PC-BLIER&trashed=true')).body.total).toBe(1);
    expect((await api.patch(`/api/computers/${computerId}`, { name: 'x' })).status).toBe(409);
    expect((await api.post(`/api/computers/${computerId}/restore`)).body).toMatchObject({ trashed: false });
    await api.delete(`/api/computers/${computerId}`);
    expect((await api.delete(`/api/computers/${computerId}/purge`)).status).toBe(204);
    expect((await api.get(`/api/computers/${computerId}`)).status).toBe(404);
  });
});

describe('the other types', () => {
  it('have their own fields, and refuse another type’s, naming it', async () => {
    const printer = created(
      await api.post('/api/printers', { name: 'Imprimante Compta', initialPageCounter: 0, lastPageCounter: 1200 }),
    );
    expect(printer).toMatchObject({ assetType: 'printer', lastPageCounter: 1200 });
    const monitor = created(await api.post('/api/monitors', { name: 'Écran 24', sizeInches: 24 }));
    expect(monitor.sizeInches).toBe(24);
    const switchBody = { name: 'SW-CORE', firmware: '15.2', ramMb: 512, cpu: 'MIPS' };
    expect(created(await api.post('/api/network-equipments', switchBody))).toMatchObject(switchBody);
    expect(created(await api.post('/api/phones', { name: 'Poste 12', phoneNumber: '+33 1 23' })).phoneNumber).toBe(
      '+33 1 23',
    );
    expect(created(await api.post('/api/peripherals', { name: 'Webcam' })).assetType).toBe('peripheral');

    const refused = await api.post('/api/computers', { name: 'PC', phoneNumber: '12' });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{ field: 'phoneNumber', message: 'a computer has no phoneNumber' }]);
  });

  it('are not reached through another type’s route', async () => {
    const phone = created(await api.post('/api/phones', { name: 'Poste 13' }));
    expect((await api.get(`/api/computers/${phone.assetId}`)).status).toBe(404);
    expect((await api.patch(`/api/computers/${phone.assetId}`, { name: 'x' })).status).toBe(404);
  });
});

describe('financial information', () => {
  it('gives the warranty’s end and the net value of the day', async () => {
    const computer = created(
      await api.post('/api/computers', {
        name: 'PC-FIN',
        purchaseDate: '2020-01-01',
        value: 1200,
        depreciationType: 'linear',
        depreciationYears: 3,
        warrantyStartDate: '2020-01-01',
        warrantyMonths: 36,
        supplier: 'Dell France',
        invoiceNumber: 'F-2020-001',
      }),
    );
    expect(computer).toMatchObject({ warrantyExpiresOn: '2022-12-31', netValue: 0, supplier: 'Dell France' });
  });

  it('announces a warranty ending within the notice days (asset.warranty-expiring)', async () => {
    const start = new Date(Date.now() - 350 * 86_400_000).toISOString().slice(0, 10);
    const computer = created(
      await api.post('/api/computers', { name: 'PC-GARANTIE', warrantyStartDate: start, warrantyMonths: 12 }),
    );
    expect(computer.warrantyExpiresOn > inDays(0)).toBe(true);
    await eventually(
      async () =>
        (await api.get(`/api/computers/${computer.assetId}/history`)).body.some(
          (entry: { event: string }) => entry.event === 'asset.warranty-expiring',
        ),
      30_000,
      'the warranty notice',
    );
    // the asset's page is a read model: it follows the history
    await eventually(
      async () =>
        (await api.get(`/api/computers/${computer.assetId}`)).body.warrantyAnnouncedFor === computer.warrantyExpiresOn,
      30_000,
      'the notice on the asset',
    );
  });
});

describe('bad input', () => {
  it('is a 400 naming the field, and writes nothing', async () => {
    const cases = [
      { name: 42 },
      { name: 'x', unknownField: 1 },
      { name: 'x', warrantyMonths: -2 },
      { name: 'x', purchaseDate: '2024-02-30' },
      { name: 'x', userId: '../../etc' },
      { name: 'x', depreciationType: 'sideways' },
      { name: 'x'.repeat(256) },
    ];
    for (const body of cases) {
      const answer = await api.post('/api/computers', body);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ status: 400 });
    }
    expect((await api.get('/api/computers?name=x&limit=100')).body.total).toBe(0);
    expect((await api.get('/api/computers?sort=password')).status).toBe(400);
    expect((await api.get('/api/computers?inventoriedAfter=yesterday')).status).toBe(400);
    expect((await api.get('/api/computers/not%20an%20id')).status).toBe(400);
  });

  it('takes a formula or markup as plain text', async () => {
    const computer = created(
      await api.post('/api/computers', { name: '=HYPERLINK("x")', comment: '<script>1</script>' }),
    );
    expect((await api.get(`/api/computers/${computer.assetId}`)).body).toMatchObject({
      name: '=HYPERLINK("x")',
      comment: '<script>1</script>',
    });
  });

  it('refuses an unknown user or group with a 422 naming the field', async () => {
    const answer = await api.post('/api/computers', { name: 'PC', userId: 'nobody', groupId: 'nogroup' });
    expect(answer.status).toBe(422);
    expect(answer.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['groupId', 'userId']);
  });
});

describe('the OpenAPI document', () => {
  it('lists every type’s routes, each operation named once', async () => {
    const document = (await (await fetch(`${assets.url}/api/docs-json`)).json()) as {
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    const paths = Object.keys(document.paths);
    for (const route of ['computers', 'monitors', 'printers', 'network-equipments', 'phones', 'peripherals']) {
      expect(paths).toEqual(
        expect.arrayContaining([`/api/${route}`, `/api/${route}/{id}`, `/api/${route}/{id}/history`]),
      );
    }
    expect(paths).toEqual(
      expect.arrayContaining(['/api/asset-dropdowns/{kind}', '/api/asset-dropdowns/locations/tree']),
    );
    const operationIds = Object.values(document.paths).flatMap((methods) =>
      Object.values(methods).map((operation) => operation.operationId),
    );
    expect(new Set(operationIds).size).toBe(operationIds.length);
  });

  it('answers failures as problem+json', async () => {
    const refused = await fetch(`${assets.url}/api/computers`, { headers: { authorization: 'Bearer nonsense' } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
