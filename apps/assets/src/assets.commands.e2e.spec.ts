import { IdentityFixture, type FixtureUser } from '@itsm/fixtures';
import { acceptedData, CommandSender, eventually, useIsolatedStack } from '@itsm/testing';
import { assetsHas, startAssets, type AssetsUnderTest } from './test-support/assets-test-app';

// Imports drive assets by commands on itsm.assets.commands. `asset.create` version 2 carries a
// computer's operating system (an import's OS columns): the computer then shows it where an
// agent inventory's shows, GET /api/computers/:id/components; bad ones are refused, nothing written.
// A locations import creates locations with `dropdown.find-or-create` v2 (parent, comment) and
// changes their comment with `dropdown.update`, under POST/PATCH /api/asset-dropdowns' rules.
const stack = useIsolatedStack();
let assets: AssetsUnderTest;
let tech: FixtureUser;
let techB: FixtureUser; // technician on B only
let observer: FixtureUser; // reads assets, writes none
let sender: CommandSender;

beforeAll(async () => {
  const identity = new IdentityFixture(stack);
  await identity.connect();
  await identity.siblingTree();
  tech = await identity.user('tech', 'technician');
  techB = await identity.user('tech-b', 'technician', { entityId: 'B' });
  observer = await identity.user('obs', 'observer');
  assets = await startAssets(stack);
  await assetsHas(stack, 'auth_entity_tree', 4);
  sender = new CommandSender(stack, 'assets');
  await sender.connect();
});

const create = (data: object, schemaVersion = 2) =>
  sender.command('asset.create', { entityId: 'root', ...data }, { token: tech.token, schemaVersion });

it('creates a computer with its operating system (version 2), shown where an agent’s shows', async () => {
  const command = create({
    assetType: 'computer',
    name: 'PC-OS-01',
    operatingSystem: { name: ' Windows ', version: '11', edition: 'Professionnel', architecture: '64-bit' },
  });
  await sender.send(command);
  const [[result]] = await sender.resultsOf([command]);
  const { assetId } = acceptedData(result).answer as { assetId: string };
  const api = assets.api(tech.token);
  expect((await api.get(`/api/computers/${assetId}`)).body).toMatchObject({ name: 'PC-OS-01' });
  await eventually(
    async () => (await api.get(`/api/computers/${assetId}/components`)).body.operatingSystem !== null,
    20_000,
    'the computer’s composition',
  );
  expect((await api.get(`/api/computers/${assetId}/components`)).body).toMatchObject({
    operatingSystem: { name: 'Windows', version: '11', edition: 'Professionnel', architecture: '64-bit' },
    items: [],
  });
  const history = (await api.get(`/api/computers/${assetId}/history`)).body as Array<{ changes: unknown[] }>;
  expect(history.flatMap((entry) => entry.changes)).toContainEqual({
    field: 'operatingSystem',
    from: null,
    to: 'Windows 11',
  });
});

it('refuses an operating system on another type, one without a name or with unknown parts, writing nothing', async () => {
  const refused = [
    create({ assetType: 'monitor', name: 'ECRAN-OS', operatingSystem: { name: 'Windows' } }),
    create({ assetType: 'computer', name: 'PC-OS-02', operatingSystem: { version: '11' } }),
    create({ assetType: 'computer', name: 'PC-OS-03', operatingSystem: { name: 'Windows', flavour: 'x' } }),
    create({
      assetType: 'computer',
      name: 'PC-OS-04',
      operatingSystem: { name: 'Windows', architecture: 'x'.repeat(33) },
    }),
  ];
  await sender.send(refused);
  const results = (await sender.resultsOf(refused)).map(([result]) => result);
  for (const result of results) expect(result).toMatchObject({ type: 'command.refused', data: { code: 'invalid' } });
  const api = assets.api(tech.token);
  expect(
    (await api.get('/api/computers?name=PC-OS-0&limit=10')).body.items.map((c: { name: string }) => c.name),
  ).toEqual(['PC-OS-01']);
  expect((await api.get('/api/monitors?name=ECRAN-OS')).body.total).toBe(0);
});

describe('locations by commands (a locations import)', () => {
  const findOrCreate = (user: FixtureUser, data: object) =>
    sender.command('dropdown.find-or-create', { kind: 'location', ...data }, { token: user.token, schemaVersion: 2 });
  const update = (user: FixtureUser, data: object) =>
    sender.command('dropdown.update', { kind: 'location', ...data }, { token: user.token });
  const valueOf = (result: Parameters<typeof acceptedData>[0]) =>
    (acceptedData(result).answer as { valueId: string }).valueId;
  const tree = async () =>
    (await assets.api(tech.token).get('/api/asset-dropdowns/locations/tree')).body as Array<{
      name: string;
      comment: string | null;
      children: Array<{ name: string; comment: string | null; completeName: string }>;
    }>;

  it('creates a location under its parent with its comment; a redelivered command creates it once', async () => {
    const siege = findOrCreate(tech, { entityId: 'A', name: 'Siège', comment: 'Paris' });
    await sender.send(siege);
    const siegeId = valueOf((await sender.resultsOf([siege]))[0][0]);
    const building = findOrCreate(tech, { entityId: 'A', name: ' Bâtiment  A ', parentId: siegeId, comment: 'RDC' });
    await sender.send(building);
    await sender.resultsOf([building]);
    await sender.send(building);
    const [[first, again]] = await sender.resultsOf([building], 2);
    expect(again).toEqual(first);
    await eventually(async () => (await tree()).some((node) => node.children.length > 0), 20_000, 'the tree');
    expect((await tree()).filter((node) => node.name === 'Siège')).toEqual([
      expect.objectContaining({
        valueId: siegeId,
        comment: 'Paris',
        children: [
          expect.objectContaining({
            valueId: valueOf(first),
            name: 'Bâtiment A',
            comment: 'RDC',
            completeName: 'Siège > Bâtiment A',
          }),
        ],
      }),
    ]);
  });

  it('changes a location’s comment; a redelivered update is applied once', async () => {
    const created = findOrCreate(tech, { entityId: 'A', name: 'Lyon' });
    await sender.send(created);
    const lyonId = valueOf((await sender.resultsOf([created]))[0][0]);
    await eventually(async () => (await tree()).some((node) => node.name === 'Lyon'), 20_000, 'Lyon');
    const commented = update(tech, { valueId: lyonId, comment: 'Part-Dieu' });
    await sender.send(commented);
    await sender.resultsOf([commented]);
    await sender.send(commented);
    const [[first, again]] = await sender.resultsOf([commented], 2);
    expect(again).toEqual(first);
    expect(acceptedData(first).answer).toEqual({ valueId: lyonId });
    await eventually(
      async () => (await tree()).find((node) => node.name === 'Lyon')?.comment === 'Part-Dieu',
      20_000,
      'Lyon’s comment',
    );
  });

  it('refuses what the HTTP API refuses: no asset.write, an entity or a value outside the scope, a parent not usable', async () => {
    const created = findOrCreate(tech, { entityId: 'A', name: 'Annecy' });
    await sender.send(created);
    const annecyId = valueOf((await sender.resultsOf([created]))[0][0]);
    await eventually(async () => (await tree()).some((node) => node.name === 'Annecy'), 20_000, 'Annecy');
    const refused = [
      findOrCreate(observer, { entityId: 'A', name: 'Observée' }),
      findOrCreate(techB, { entityId: 'A', name: 'Hors périmètre' }),
      findOrCreate(tech, { entityId: 'B', name: 'Sous Annecy', parentId: annecyId }),
      update(observer, { valueId: annecyId, comment: 'non' }),
      update(techB, { valueId: annecyId, comment: 'non' }),
    ];
    await sender.send(refused);
    const results = (await sender.resultsOf(refused)).map(([result]) => result);
    expect(results.map((result) => result.type === 'command.refused' && result.data.code)).toEqual([
      'forbidden',
      'forbidden',
      'rule',
      'forbidden',
      'not_found',
    ]);
    const names = (await tree()).map((node) => node.name);
    expect(names).not.toContain('Observée');
    expect(names).not.toContain('Hors périmètre');
    expect((await tree()).find((node) => node.name === 'Annecy')).toMatchObject({ comment: null, children: [] });
  });
});

describe('software by commands (a software import)', () => {
  const register = (user: FixtureUser, data: object) =>
    sender.command('software.register', { entityId: 'A', ...data }, { token: user.token });
  const answerOf = (result: Parameters<typeof acceptedData>[0]) =>
    acceptedData(result).answer as { softwareId: string; versionId: string | null };

  it('records a software with its version, then another version of it; a redelivered command applies once', async () => {
    const first = register(tech, {
      name: ' Mozilla  Firefox ',
      publisher: 'Mozilla',
      comment: 'Navigateur',
      version: '115.0',
    });
    await sender.send(first);
    await sender.resultsOf([first]);
    await sender.send(first);
    const [[answer, again]] = await sender.resultsOf([first], 2);
    expect(again).toEqual(answer);
    const { softwareId, versionId } = answerOf(answer);
    const next = register(tech, { name: 'mozilla firefox', publisher: 'MOZILLA', comment: 'autre', version: '128.0' });
    await sender.send(next);
    const [[nextAnswer]] = await sender.resultsOf([next]);
    expect(answerOf(nextAnswer).softwareId).toBe(softwareId);
    const api = assets.api(tech.token);
    await eventually(
      async () => (await api.get(`/api/software/${softwareId}`)).body.versions?.length === 2,
      20_000,
      'two versions',
    );
    const software = (await api.get(`/api/software/${softwareId}`)).body;
    expect(software).toMatchObject({
      name: 'Mozilla Firefox',
      publisher: 'Mozilla',
      comment: 'Navigateur',
      entityId: 'A',
    });
    expect(software.versions.map((version: { versionId: string; name: string }) => version.name).sort()).toEqual([
      '115.0',
      '128.0',
    ]);
    expect(software.versions.map((version: { versionId: string }) => version.versionId)).toContain(versionId);
  });

  it('refuses what POST /api/software refuses: no software.write, an entity outside the scope, a bad name', async () => {
    const refused = [
      register(observer, { name: 'Observé' }),
      register(techB, { name: 'Hors périmètre' }),
      register(tech, { name: '', version: '' }),
    ];
    await sender.send(refused);
    const results = (await sender.resultsOf(refused)).map(([result]) => result);
    expect(results.map((result) => result.type === 'command.refused' && result.data.code)).toEqual([
      'forbidden',
      'forbidden',
      'invalid',
    ]);
    const names = (await assets.api(tech.token).get('/api/software?limit=100')).body.items.map(
      (software: { name: string }) => software.name,
    );
    expect(names).not.toContain('Observé');
    expect(names).not.toContain('Hors périmètre');
  });
});

describe('licences by commands (a licenses import)', () => {
  const command = (type: string, user: FixtureUser, data: object) => sender.command(type, data, { token: user.token });
  let softwareId: string;

  beforeAll(async () => {
    const registered = command('software.register', tech, { entityId: 'A', name: 'Microsoft Office', version: '2021' });
    await sender.send(registered);
    softwareId = (acceptedData((await sender.resultsOf([registered]))[0][0]).answer as { softwareId: string })
      .softwareId;
    await eventually(
      async () => (await assets.api(tech.token).get(`/api/software/${softwareId}`)).status === 200,
      20_000,
      'the software',
    );
  });

  it('records a licence, then changes its terms; a redelivered creation records one licence', async () => {
    const created = command('license.create', tech, {
      softwareId,
      entityId: 'A',
      name: 'Office 2021 - 25 postes',
      serial: 'KEY-1',
      seats: 25,
      expiresAt: '2027-12-31T23:59:59Z',
    });
    await sender.send(created);
    await sender.resultsOf([created]);
    await sender.send(created);
    const [[first, again]] = await sender.resultsOf([created], 2);
    expect(again).toEqual(first);
    const { licenseId } = acceptedData(first).answer as { licenseId: string };
    const changed = command('license.update', tech, { licenseId, seats: 30 });
    await sender.send(changed);
    const [[answer]] = await sender.resultsOf([changed]);
    expect(acceptedData(answer).answer).toEqual({ licenseId });
    const api = assets.api(tech.token);
    await eventually(async () => (await api.get(`/api/licenses/${licenseId}`)).body.seats === 30, 20_000, '30 seats');
    expect((await api.get(`/api/licenses/${licenseId}`)).body).toMatchObject({
      softwareId,
      entityId: 'A',
      name: 'Office 2021 - 25 postes',
      serial: 'KEY-1',
      expiresAt: '2027-12-31T23:59:59.000Z',
    });
    expect((await api.get(`/api/licenses?softwareId=${softwareId}`)).body.total).toBe(1);
  });

  it('refuses what POST and PATCH /api/licenses refuse: no license.write, a software or licence out of sight', async () => {
    const mine = command('license.create', tech, { softwareId, entityId: 'A', name: 'Office - 1 poste', seats: 1 });
    await sender.send(mine);
    const { licenseId } = acceptedData((await sender.resultsOf([mine]))[0][0]).answer as { licenseId: string };
    const refused = [
      command('license.create', observer, { softwareId, entityId: 'A', name: 'Observée', seats: 1 }),
      command('license.create', techB, { softwareId, entityId: 'B', name: 'Hors de vue', seats: 1 }),
      command('license.update', techB, { licenseId, seats: 99 }),
      command('license.create', tech, { softwareId, entityId: 'A', name: 'Sièges négatifs', seats: -5 }),
      command('license.create', tech, { softwareId, entityId: 'A', name: 'Sans sièges' }),
      command('license.update', tech, { licenseId, seats: 1, versionId: 'v1' }),
    ];
    await sender.send(refused);
    const results = (await sender.resultsOf(refused)).map(([result]) => result);
    expect(results.map((result) => result.type === 'command.refused' && result.data.code)).toEqual([
      'forbidden',
      'not_found',
      'not_found',
      'invalid',
      'invalid', // the seats, which a creation needs
      'invalid', // version 1 of license.update takes no versionId
    ]);
    const names = (await assets.api(tech.token).get(`/api/licenses?softwareId=${softwareId}`)).body.items.map(
      (license: { name: string; seats: number }) => `${license.name}:${license.seats}`,
    );
    expect(names.sort()).toEqual(['Office - 1 poste:1', 'Office 2021 - 25 postes:30']);
  });
});
