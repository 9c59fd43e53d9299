import { IdentityFixture, ticketOpened, type FixtureUser } from '@itsm/fixtures';
import { eventually, EventPublisher, untilServiceHas, useIsolatedStack } from '@itsm/testing';
import { v7 as uuidv7 } from 'uuid';
import { assetsHas, created, startAssets, type AssetsUnderTest } from './test-support/assets-test-app';
import { softwareEntry, softwareInventory } from './test-support/software-events';
import { INSTALLATION_MARKS } from './installation/read-models/software-installations.feed';

// Software, installations and licences over HTTP, with GLPI's rights and the entity tree:
// root > A > A1, and B beside A. Technicians of A and of B; an observer and a self-service user of A.
const stack = useIsolatedStack();
let assets: AssetsUnderTest;
let admin: FixtureUser, techA: FixtureUser, techB: FixtureUser, observerA: FixtureUser, selfA: FixtureUser;

beforeAll(async () => {
  const identity = new IdentityFixture(stack);
  await identity.connect();
  await identity.siblingTree();
  admin = await identity.user('glpi', 'super-admin');
  techA = await identity.user('techA', 'technician', { entityId: 'A' });
  techB = await identity.user('techB', 'technician', { entityId: 'B' });
  observerA = await identity.user('obsA', 'observer', { entityId: 'A' });
  selfA = await identity.user('selfA', 'self-service', { entityId: 'A' });
  assets = await startAssets(stack);
  await Promise.all([assetsHas(stack, 'auth_entity_tree', 4), assetsHas(stack, 'directory_users', 5)]);
});

const as = (user: FixtureUser) => assets.api(user.token);
const computer = async (name: string, entityId: string) =>
  created(await as(admin).post('/api/computers', { name, entityId })).assetId as string;

describe('the software catalogue', () => {
  let firefox: string;

  it('adds a software with clean names, once: another spelling of it is a 409', async () => {
    const answer = created(
      await as(techA).post('/api/software', { name: ' Mozilla   Firefox ', publisher: 'Mozilla', entityId: 'A' }),
    );
    firefox = answer.softwareId;
    expect(answer).toMatchObject({ name: 'Mozilla Firefox', publisher: 'Mozilla', entityId: 'A', versions: [] });
    const again = await as(techA).post('/api/software', {
      name: 'MOZILLA FIREFOX',
      publisher: ' mozilla',
      entityId: 'A',
    });
    expect(again.status).toBe(409);
  });

  it('needs software.write to add and software.read to read', async () => {
    expect((await as(observerA).post('/api/software', { name: 'VLC', entityId: 'A' })).status).toBe(403);
    expect((await as(selfA).get('/api/software')).status).toBe(403);
    expect((await as(observerA).get(`/api/software/${firefox}`)).status).toBe(200);
  });

  it('keeps each entity’s software to its tree: B neither lists nor reads A’s', async () => {
    expect((await as(techB).get(`/api/software/${firefox}`)).status).toBe(404);
    expect((await as(techB).get('/api/software?name=firefox')).body).toMatchObject({ total: 0, items: [] });
    expect((await as(techA).get('/api/software?name=FIREFOX')).body).toMatchObject({ total: 1 });
    expect((await as(techB).post('/api/software', { name: 'Firefox', entityId: 'A' })).status).toBe(403);
  });

  it('adds versions, each once', async () => {
    const version = await as(techA).post(`/api/software/${firefox}/versions`, { name: '115.0', arch: 'x86_64' });
    expect(version.status).toBe(201);
    expect(version.body).toMatchObject({ name: '115.0', arch: 'x86_64' });
    expect(
      (await as(techA).post(`/api/software/${firefox}/versions`, { name: ' 115.0 ', arch: 'X86_64' })).status,
    ).toBe(409);
    expect((await as(techB).post(`/api/software/${firefox}/versions`, { name: '116.0' })).status).toBe(404);
  });
});

describe('installations and licences', () => {
  let office: string, version: string, pc1: string, pc2: string, pcB: string, license: string;

  beforeAll(async () => {
    office = created(
      await as(techA).post('/api/software', { name: 'LibreOffice', publisher: 'TDF', entityId: 'A' }),
    ).softwareId;
    version = created(await as(techA).post(`/api/software/${office}/versions`, { name: '7.5.4' })).versionId;
    [pc1, pc2, pcB] = await Promise.all([computer('PC-A1', 'A1'), computer('PC-A2', 'A'), computer('PC-B', 'B')]);
  });

  it('installs a version on a computer by hand, and answers which computers have it', async () => {
    const installed = await as(techA).post(`/api/computers/${pc1}/software`, {
      softwareId: office,
      versionId: version,
    });
    expect(installed.status).toBe(201);
    expect(installed.body.items).toMatchObject([
      { softwareName: 'LibreOffice', versionName: '7.5.4', source: 'manual' },
    ]);
    expect(
      (await as(techA).post(`/api/computers/${pc1}/software`, { softwareId: office, versionId: version })).status,
    ).toBe(409);
    const having = await as(observerA).get(`/api/software/${office}/installations?versionId=${version}`);
    expect(having.body).toMatchObject({
      total: 1,
      items: [{ computerId: pc1, computerName: 'PC-A1', entityId: 'A1' }],
    });
    const versions = await as(techA).get(`/api/software/${office}/versions`);
    expect(versions.body).toEqual([{ versionId: version, name: '7.5.4', arch: null, installations: 1 }]);
  });

  it('keeps a computer’s software to those who see the computer', async () => {
    expect((await as(techB).get(`/api/computers/${pc1}/software`)).status).toBe(404);
    expect((await as(techA).get(`/api/computers/${pc1}/software`)).body).toMatchObject({ total: 1 });
    // A's software is not visible in B: not installable there
    const onB = await as(admin).post(`/api/computers/${pcB}/software`, { softwareId: office, versionId: version });
    expect([onB.status, onB.body.errors?.[0]?.field]).toEqual([422, 'softwareId']);
    expect(
      (await as(observerA).post(`/api/computers/${pc2}/software`, { softwareId: office, versionId: version })).status,
    ).toBe(403);
  });

  it('gives seats up to those bought, and refuses one more unless over-quota is allowed', async () => {
    const answer = created(
      await as(techA).post('/api/licenses', { softwareId: office, name: 'LibreOffice site', seats: 1, entityId: 'A' }),
    );
    license = answer.licenseId;
    expect(answer).toMatchObject({
      seats: 1,
      overQuotaAllowed: false,
      compliance: { seatsUsed: 0, seatsFree: 1, compliant: true },
    });
    const first = await as(techA).post(`/api/licenses/${license}/computers`, { computerId: pc1 });
    expect(first.body).toMatchObject({ computerIds: [pc1], compliance: { seatsUsed: 1, seatsFree: 0 } });
    const refused = await as(techA).post(`/api/licenses/${license}/computers`, { computerId: pc2 });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([
      {
        field: 'computerId',
        message: 'all 1 seats of licence LibreOffice site are assigned; over-quota is not allowed',
      },
    ]);
    expect((await as(techA).get(`/api/licenses/${license}`)).body.computerIds).toEqual([pc1]);
    const allowed = await as(techA).patch(`/api/licenses/${license}`, { overQuotaAllowed: true });
    expect(allowed.body.overQuotaAllowed).toBe(true);
    const over = await as(techA).post(`/api/licenses/${license}/computers`, { computerId: pc2 });
    expect(over.body).toMatchObject({ compliance: { seatsUsed: 2, overQuota: true, compliant: false } });
  });

  it('tells a software’s compliance: installations against seats', async () => {
    const compliance = await as(observerA).get(`/api/software/${office}/compliance`);
    expect(compliance.body).toMatchObject({ seatsBought: 1, seatsAssigned: 2, installations: 1, compliant: false });
  });

  it('keeps licences to their tree and their writers', async () => {
    expect((await as(techB).get(`/api/licenses/${license}`)).status).toBe(404);
    expect((await as(techB).get('/api/licenses')).body.total).toBe(0);
    expect((await as(observerA).patch(`/api/licenses/${license}`, { seats: 5 })).status).toBe(403);
    expect((await as(selfA).get('/api/licenses')).status).toBe(403);
    const toB = await as(admin).post(`/api/licenses/${license}/computers`, { computerId: pcB });
    expect([toB.status, toB.body.errors?.[0]?.field]).toEqual([422, 'computerId']);
    expect((await as(techA).post('/api/licenses', { softwareId: office, name: 'x', seats: -2 })).status).toBe(400);
    // a creation needs its name and seats (PATCH's terms are each optional)
    for (const body of [
      { softwareId: office, name: 'x' },
      { softwareId: office, seats: 2 },
    ]) {
      const refused = await as(techA).post('/api/licenses', body);
      const fields = new Set(refused.body.errors?.map((error: { field: string }) => error.field));
      expect([refused.status, [...fields]]).toEqual([400, ['name' in body ? 'seats' : 'name']]);
    }
  });

  it('covers another version of its software after its creation, then any version again', async () => {
    const toVersion = await as(techA).patch(`/api/licenses/${license}`, { versionId: version });
    expect([toVersion.status, toVersion.body.versionId]).toEqual([200, version]);
    const unknown = await as(techA).patch(`/api/licenses/${license}`, { versionId: 'no-such-version' });
    expect([unknown.status, unknown.body.errors]).toEqual([
      422,
      [{ field: 'versionId', message: expect.stringContaining('has no version no-such-version') }],
    ]);
    const anyVersion = await as(techA).patch(`/api/licenses/${license}`, { versionId: null });
    expect([anyVersion.status, anyVersion.body.versionId]).toEqual([200, null]);
    expect((await as(techA).patch(`/api/licenses/${license}`, { softwareId: office })).status).toBe(400);
  });

  it('frees seats, uninstalls, and deletes a licence', async () => {
    const freed = await as(techA).delete(`/api/licenses/${license}/computers/${pc2}`);
    expect(freed.body.computerIds).toEqual([pc1]);
    expect((await as(techA).delete(`/api/computers/${pc1}/software/${version}`)).status).toBe(204);
    expect((await as(techA).delete(`/api/computers/${pc1}/software/${version}`)).status).toBe(404);
    expect((await as(techA).get(`/api/software/${office}/installations`)).body.total).toBe(0);
    expect((await as(techA).delete(`/api/licenses/${license}`)).status).toBe(204);
    expect((await as(techA).get(`/api/licenses/${license}`)).status).toBe(404);
  });
});

describe('a computer created with no software', () => {
  it('leaves the installations feed no mark, and its installations follow its rename, its facts read from the store', async () => {
    const pc = await computer('PC-LAZY', 'A');
    const editor = created(await as(techA).post('/api/software', { name: 'Notepad++', entityId: 'A' })).softwareId;
    const versionId = created(await as(techA).post(`/api/software/${editor}/versions`, { name: '8.6' })).versionId;
    expect((await as(techA).post(`/api/computers/${pc}/software`, { softwareId: editor, versionId })).status).toBe(201);
    expect((await as(techA).patch(`/api/computers/${pc}`, { name: 'PC-RENAMED' })).status).toBe(200);
    const names = async () =>
      (await as(techA).get(`/api/software/${editor}/installations`)).body.items.map(
        (item: { computerName: string }) => item.computerName,
      );
    await eventually(async () => (await names())[0] === 'PC-RENAMED', 30_000, 'the installation renamed');
    // the rename (the stream's second event) marked the stream, and read the computer from the store
    await untilServiceHas(stack, 'assets', INSTALLATION_MARKS, 1, { _id: `asset-${pc}`, sequence: 2 });
  });
});

describe('what inventories find', () => {
  it('catalogues and installs the software of an inventory, and follows its upgrades', async () => {
    const events = new EventPublisher(stack, 'assets');
    await events.connect();
    const assetId = uuidv7();
    const stream = `asset-${assetId}`;
    await events.publish(stream, 'A', [
      {
        type: 'asset.created',
        data: { assetId, assetType: 'computer', entityId: 'A', dynamic: true, fields: { name: 'PC-INV' } },
      },
      softwareInventory(assetId, {
        installed: [
          softwareEntry('Mozilla Firefox', '128.0', 'Mozilla'),
          softwareEntry('7-Zip', '23.01', 'Igor Pavlov'),
        ],
      }),
    ]);
    const names = async () =>
      ((await as(techA).get(`/api/computers/${assetId}/software`)).body.items ?? []).map(
        (item: { softwareName: string; versionName: string }) => `${item.softwareName} ${item.versionName}`,
      );
    await eventually(async () => (await names()).length === 2, 30_000, 'the inventory’s installations');
    expect(await names()).toEqual(['7-Zip 23.01', 'Mozilla Firefox 128.0']);
    await eventually(
      async () => (await as(techA).get('/api/software?name=7-zip')).body.total === 1,
      30_000,
      '7-Zip catalogued',
    );
    await events.publish(stream, 'A', [
      softwareInventory(assetId, {
        upgraded: [
          {
            from: softwareEntry('Mozilla Firefox', '128.0', 'Mozilla'),
            to: softwareEntry('Mozilla Firefox', '129.0', 'Mozilla'),
          },
        ],
      }),
    ]);
    await eventually(async () => (await names()).includes('Mozilla Firefox 129.0'), 30_000, 'the upgrade');
    expect(await names()).toEqual(['7-Zip 23.01', 'Mozilla Firefox 129.0']);
    // the computers list's "software installed" criterion finds it, and only it
    const [sevenZip] = (
      (await as(techA).get(`/api/computers/${assetId}/software`)).body.items as Array<{
        softwareName: string;
        softwareId: string;
      }>
    ).filter((item) => item.softwareName === '7-Zip');
    const withIt = async () => (await as(techA).get(`/api/computers?softwareId=${sevenZip.softwareId}`)).body;
    await eventually(async () => (await withIt()).total === 1, 30_000, 'the list by software');
    expect((await withIt()).items.map((item: { name: string }) => item.name)).toEqual(['PC-INV']);
  });
});

describe('a purged computer', () => {
  it('gives its licence seats back (the trash keeps them)', async () => {
    const software = created(await as(techA).post('/api/software', { name: 'Seated', entityId: 'A' })).softwareId;
    const licence = created(
      await as(techA).post('/api/licenses', { softwareId: software, name: 'Seated site', seats: 2, entityId: 'A' }),
    ).licenseId;
    const [kept, purged] = [await computer('PC-KEPT', 'A'), await computer('PC-PURGED', 'A')];
    for (const computerId of [kept, purged]) {
      expect((await as(techA).post(`/api/licenses/${licence}/computers`, { computerId })).status).toBe(200);
    }
    expect((await as(admin).delete(`/api/computers/${purged}`)).status).toBe(200);
    const seats = async () => (await as(techA).get(`/api/licenses/${licence}`)).body.computerIds;
    expect(await seats()).toEqual([kept, purged]);
    expect((await as(admin).delete(`/api/computers/${purged}/purge`)).status).toBe(204);
    await eventually(async () => (await seats()).length === 1, 30_000, 'the seat given back');
    expect(await seats()).toEqual([kept]);
  });
});

describe('an asset’s tickets', () => {
  it('lists the tickets naming the asset, as the caller may see them', async () => {
    const printer = created(
      await as(admin).post('/api/printers', { name: 'HP-BLIER', entityId: 'A', userId: selfA.userId }),
    ).assetId;
    const tickets = new EventPublisher(stack, 'tickets');
    await tickets.connect();
    const item = { itemType: 'printer', itemId: printer };
    const [mine, others] = [uuidv7(), uuidv7()];
    await tickets.publish(`ticket-${mine}`, 'A', [
      ticketOpened(mine, {
        title: "Problème d'impression",
        description: 'Lignes décalées',
        requesters: [{ kind: 'user', id: selfA.userId }],
        entityId: 'A',
        items: [item],
        openedAt: '2022-01-24T21:03:00.000Z',
      }),
    ]);
    await tickets.publish(`ticket-${others}`, 'A', [
      ticketOpened(others, {
        title: 'Toner vide',
        description: '',
        requesters: [{ kind: 'user', id: techA.userId }],
        entityId: 'A',
        items: [item],
        openedAt: '2022-01-26T08:00:00.000Z',
      }),
    ]);
    const titles = async (user: FixtureUser) =>
      ((await as(user).get(`/api/printers/${printer}/tickets`)).body.items ?? []).map(
        (t: { title: string }) => t.title,
      );
    await eventually(async () => (await titles(techA)).length === 2, 30_000, 'both tickets');
    expect(await titles(techA)).toEqual(['Toner vide', "Problème d'impression"]);
    // self-service: his own device, his own tickets only
    expect(await titles(selfA)).toEqual(["Problème d'impression"]);
    expect((await as(techB).get(`/api/printers/${printer}/tickets`)).status).toBe(404);
    expect((await as(techA).get(`/api/computers/${printer}/tickets`)).status).toBe(404);
  });
});
