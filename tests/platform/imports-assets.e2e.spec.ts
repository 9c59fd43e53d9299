import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { jsonApi } from '@itsm/runtime';
import { eventually, useIsolatedStack } from '@itsm/testing';
import { MongoClient } from 'mongodb';
import { startService, type ServiceProcess } from './service-process';

// Data Injection of computers end to end, each service its own built process: the seed's
// "Ordinateurs" model (its headers, Nom as link field) imports one file into two entities through
// assets' `asset.create` commands, each computer then read through the assets API with its
// catalogue values, users and financial dates resolved; a manufacturer nobody knows is left out
// with a warning (33), and a computer's operating system columns give it its operating system, read
// where an agent's shows (a dry run checks them first). The same file again with updates allowed updates the first entity's
// computers, creating none, and leaves the other entity's alone. Last, the demo: the seed's two
// models import the demo's two files (apps/imports/demo), every line passing.
const stack = useIsolatedStack();
const run = promisify(execFile);
const repoRoot = path.resolve(__dirname, '../..');
let identity: ServiceProcess;
let assets: ServiceProcess;
let imports: ServiceProcess;
let mongo: MongoClient;
let token: string;
const entities: Record<'lyon' | 'nantes', string> = { lyon: '', nantes: '' };

const HEADER =
  'Nom;Fabricant;Modele;Numero de serie;Responsable technique;Statut;Type;Usager;Nom OS;Version OS;Edition;' +
  "Architecture;Date d'achat;Date de mise en service;Date debut garantie;Duree garantie (en mois)";
const computersFile = (secondStatus: string, warranty: number, secondOs = ';;;') =>
  [
    HEADER,
    `PC-IMP-01;Dell Inc.;OptiPlex 7090;SN-001;tech;En service;;S1;Windows 11;23H2;Pro;x86_64;2024-01-15;2024-02-01;2024-01-15;${warranty}`,
    `PC-IMP-02;Lenovo;ThinkPad T14;SN-002;;${secondStatus};;;${secondOs};2023-06-30;;;`,
    `PC-IMP-03;Fabricant Inconnu;;SN-003;;;;;;;;;;;;`,
  ].join('\r\n');

const seedOf = (service: string, env: Record<string, string>) =>
  run(process.execPath, [path.join(repoRoot, 'apps', service, 'dist', 'seed.js')], {
    env: { ...process.env, ...stack.envFor(service), ...env },
  });

async function signIn(login: string): Promise<string> {
  return (await jsonApi(identity.url).post('/api/auth/login', { login, password: login })).body.accessToken;
}

async function upload(modelId: string, entityId: string, content: string | Buffer, name = 'parc.csv', dryRun = false) {
  const form = new FormData();
  form.append('modelId', modelId);
  form.append('entityId', entityId);
  if (dryRun) form.append('dryRun', 'true');
  form.append('file', new Blob([content]), name);
  const response = await fetch(`${imports.url}/api/import-runs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  expect(response.status).toBe(202);
  return ((await response.json()) as { runId: string }).runId;
}

async function ended(runId: string) {
  let run: Record<string, unknown> = {};
  await eventually(
    async () => {
      run = (await jsonApi(imports.url, token).get(`/api/import-runs/${runId}`)).body;
      return ['finished', 'failed', 'cancelled'].includes(run.status as string);
    },
    90_000,
    `run ${runId} ended`,
  );
  return run;
}

const linesOf = async (runId: string) =>
  (
    (await jsonApi(imports.url, token).get(`/api/import-runs/${runId}/lines?limit=100`)).body.items as Array<
      Record<string, unknown>
    >
  ).map(({ line, status, code, action, field }) => [line, status, code, action, field]);

/** The operating system GET /api/computers/:id/components shows, where an agent's shows too. */
const operatingSystemOf = async (assetId: string) =>
  (await jsonApi(assets.url, token).get(`/api/computers/${assetId}/components`)).body.operatingSystem;

const computersOf = async (entityId: string) =>
  (
    (await jsonApi(assets.url, token).get(`/api/computers?entityId=${entityId}&limit=100`)).body.items as Array<
      Record<string, unknown>
    >
  ).sort((a, b) => String(a.name).localeCompare(String(b.name)));

const valueId = async (kind: string, name: string) =>
  (await jsonApi(assets.url, token).get(`/api/asset-dropdowns/${kind}?name=${encodeURIComponent(name)}`)).body.items[0]
    .valueId as string;

const userId = async (login: string) =>
  (await jsonApi(identity.url, token).get(`/api/users?login=${login}`)).body.items[0].userId as string;

let modelId: string;

beforeAll(async () => {
  identity = await startService(stack, 'identity');
  await seedOf('identity', {});
  [assets, imports] = await Promise.all([startService(stack, 'assets'), startService(stack, 'imports')]);
  await seedOf('assets', { ITSM_IDENTITY_URL: identity.url, ITSM_ASSETS_URL: assets.url });
  const admin = jsonApi(identity.url, await signIn('glpi'));
  for (const [key, name] of [
    ['lyon', 'Agence de Lyon'],
    ['nantes', 'Agence de Nantes'],
  ] as const) {
    entities[key] = (await admin.post('/api/entities', { name, parentId: 'root' })).body.entityId;
  }
  token = await signIn('glpi');
  mongo = await MongoClient.connect(stack.mongoUrl);
  stack.onTeardown(() => mongo.close());
  const importer = mongo.db(stack.envFor('imports').MONGO_DB);
  await eventually(
    async () =>
      (await importer.collection('directory_entities').countDocuments({ entityId: entities.nantes })) === 1 &&
      (await importer.collection('import_asset_dropdowns').countDocuments({ kind: 'computer-model' })) === 1 &&
      (await importer.collection('import_assets').countDocuments({})) >= 3,
    60_000,
    'the importer knows the entities, catalogues and seeded assets',
  );
  const created = await jsonApi(imports.url, token).post('/api/import-models', {
    name: 'Ordinateurs',
    targetType: 'computers',
    private: false,
    mapping: [
      { column: 'Nom', field: 'name', linkField: true },
      { column: 'Fabricant', field: 'manufacturer' },
      { column: 'Modele', field: 'model' },
      { column: 'Numero de serie', field: 'serial' },
      { column: 'Responsable technique', field: 'techUserId' },
      { column: 'Statut', field: 'status' },
      { column: 'Type', field: 'type' },
      { column: 'Usager', field: 'userId' },
      { column: 'Nom OS', field: 'osName' },
      { column: 'Version OS', field: 'osVersion' },
      { column: 'Edition', field: 'osEdition' },
      { column: 'Architecture', field: 'osArchitecture' },
      { column: "Date d'achat", field: 'purchaseDate' },
      { column: 'Date de mise en service', field: 'inServiceDate' },
      { column: 'Date debut garantie', field: 'warrantyStartDate' },
      { column: 'Duree garantie (en mois)', field: 'warrantyMonths' },
    ],
  });
  expect(created.status).toBe(201);
  modelId = created.body.modelId;
}, 180_000);

it('a dry run reports the lines as the run will, the operating system columns checked too', async () => {
  const tooLong = 'x86_64-but-much-longer-than-assets-keeps';
  const runId = await upload(
    modelId,
    entities.lyon,
    `${computersFile('En stock', 36)}\r\nPC-IMP-04;;;SN-004;;;;;Debian;12;;${tooLong};;;;`,
    'parc.csv',
    true,
  );
  expect(await ended(runId)).toMatchObject({ status: 'finished', counts: { succeeded: 3, warnings: 1, failed: 1 } });
  expect(await linesOf(runId)).toEqual([
    [2, 'success', 10, 'create', null],
    [3, 'success', 10, 'create', null],
    [4, 'warning', 12, 'create', 'manufacturer'],
    [5, 'failed', 37, null, 'Architecture'],
  ]);
  expect(await computersOf(entities.lyon)).toEqual([]);
});

it('imports the computers of one file into two entities, each line answered by assets', async () => {
  for (const entityId of [entities.lyon, entities.nantes]) {
    const runId = await upload(modelId, entityId, computersFile('En stock', 36));
    expect(await ended(runId)).toMatchObject({
      status: 'finished',
      counts: { succeeded: 3, warnings: 1, failed: 0 },
    });
    expect(await linesOf(runId)).toEqual([
      [2, 'success', 10, 'create', null],
      [3, 'success', 10, 'create', null],
      [4, 'warning', 12, 'create', 'manufacturer'],
    ]);
  }
  const [dell, lenovo, optiplex, inService, inStock, tech, blier] = await Promise.all([
    valueId('manufacturer', 'Dell Inc.'),
    valueId('manufacturer', 'Lenovo'),
    valueId('computer-model', 'OptiPlex 7090'),
    valueId('status', 'En service'),
    valueId('status', 'En stock'),
    userId('tech'),
    userId('S1'),
  ]);
  for (const entityId of [entities.lyon, entities.nantes]) {
    const computers = await computersOf(entityId);
    expect(computers).toEqual([
      expect.objectContaining({
        entityId,
        name: 'PC-IMP-01',
        serial: 'SN-001',
        manufacturerId: dell,
        modelId: optiplex,
        statusId: inService,
        technicianId: tech,
        userId: blier,
        purchaseDate: '2024-01-15',
        inServiceDate: '2024-02-01',
        warrantyStartDate: '2024-01-15',
        warrantyMonths: 36,
      }),
      expect.objectContaining({ name: 'PC-IMP-02', manufacturerId: lenovo, statusId: inStock, userId: null }),
      expect.objectContaining({ name: 'PC-IMP-03', serial: 'SN-003', manufacturerId: null }),
    ]);
    // the line's operating system, where an agent inventory's shows; none where the line gives none
    expect(await operatingSystemOf(computers[0].assetId as string)).toEqual({
      name: 'Windows 11',
      version: '23H2',
      edition: 'Pro',
      architecture: 'x86_64',
    });
    expect(await operatingSystemOf(computers[1].assetId as string)).toBeNull();
  }
});

it('updates the computers the same file names again once the model allows updates, in its entity only, an operating system too', async () => {
  const changed = await jsonApi(imports.url, token).patch(`/api/import-models/${modelId}`, {
    options: { allowUpdate: true },
  });
  expect(changed.status).toBe(200);
  const importer = mongo.db(stack.envFor('imports').MONGO_DB);
  await eventually(
    async () => (await importer.collection('import_assets').countDocuments({ entityId: entities.lyon })) === 3,
    60_000,
    'the importer knows the created computers',
  );
  const runId = await upload(modelId, entities.lyon, computersFile('En service', 48, 'Ubuntu;24.04;;x86_64'));
  expect(await ended(runId)).toMatchObject({ status: 'finished', counts: { succeeded: 3, warnings: 1, failed: 0 } });
  expect(await linesOf(runId)).toEqual([
    [2, 'success', 10, 'update', null],
    [3, 'success', 10, 'update', null],
    [4, 'warning', 12, 'update', 'manufacturer'],
  ]);
  const inService = await valueId('status', 'En service');
  const lyon = await computersOf(entities.lyon);
  expect(lyon.map(({ name, statusId, warrantyMonths }) => [name, statusId, warrantyMonths])).toEqual([
    ['PC-IMP-01', inService, 48],
    ['PC-IMP-02', inService, null],
    ['PC-IMP-03', null, null],
  ]);
  // the second computer had none: it gets the line's (asset.update v2), the first keeps its own
  expect(await operatingSystemOf(lyon[1].assetId as string)).toMatchObject({
    name: 'Ubuntu',
    version: '24.04',
    architecture: 'x86_64',
  });
  expect(await operatingSystemOf(lyon[0].assetId as string)).toMatchObject({ name: 'Windows 11' });
  const nantes = await computersOf(entities.nantes);
  expect(nantes.map(({ warrantyMonths }) => warrantyMonths)).toEqual([36, null, null]);
  expect(nantes[1].statusId).not.toBe(inService);
  expect(await operatingSystemOf(nantes[1].assetId as string)).toBeNull();
});

it('creates the catalogue values the lines name once the model allows it, one per name whatever its case', async () => {
  const changed = await jsonApi(imports.url, token).patch(`/api/import-models/${modelId}`, {
    options: { allowDropdownCreation: true },
  });
  expect(changed.status).toBe(200);
  const file = [
    HEADER,
    'PC-DRP-01;Fabricant  Nouveau ;Modele Neuf;SN-101;;En réparation;;;;;;;;;;',
    'PC-DRP-02;fabricant nouveau;;SN-102;;;;;;;;;;;;',
  ].join('\r\n');
  const runId = await upload(modelId, entities.nantes, file);
  expect(await ended(runId)).toMatchObject({ status: 'finished', counts: { succeeded: 2, warnings: 0, failed: 0 } });
  expect(await linesOf(runId)).toEqual([
    [2, 'success', 10, 'create', null],
    [3, 'success', 10, 'create', null],
  ]);
  const manufacturers = (
    await jsonApi(assets.url, token).get(`/api/asset-dropdowns/manufacturer?name=${encodeURIComponent('nouveau')}`)
  ).body.items as Array<{ valueId: string; name: string }>;
  expect(manufacturers.map(({ name }) => name)).toEqual(['Fabricant Nouveau']);
  const [repair, model] = await Promise.all([
    valueId('status', 'En réparation'),
    valueId('computer-model', 'Modele Neuf'),
  ]);
  const created = (await computersOf(entities.nantes)).filter(({ name }) => String(name).startsWith('PC-DRP'));
  expect(created.map(({ manufacturerId, modelId: model, statusId }) => [manufacturerId, model, statusId])).toEqual([
    [manufacturers[0].valueId, model, repair],
    [manufacturers[0].valueId, null, null],
  ]);
});

it("imports the demo's two files with the seed's two models, every line passing", async () => {
  await seedOf('imports', { ITSM_IDENTITY_URL: identity.url, ITSM_IMPORTS_URL: imports.url });
  const models = (await jsonApi(imports.url, token).get('/api/import-models?limit=100')).body.items as Array<{
    modelId: string;
    name: string;
  }>;
  const seeded = (name: string) => models.find((model) => model.name === name)!.modelId;
  const demo = (file: string) => readFileSync(path.join(repoRoot, 'apps/imports/demo', file));

  const computers = await upload(
    seeded('Import_ordinateurs'),
    entities.lyon,
    demo('ordinateurs.csv'),
    'ordinateurs.csv',
  );
  expect(await ended(computers)).toMatchObject({ status: 'finished', counts: { succeeded: 3, failed: 0 } });
  expect((await linesOf(computers)).map(([line, , , action]) => [line, action])).toEqual([
    [2, 'create'],
    [3, 'create'],
    [4, 'create'],
  ]);
  const [blier] = (await computersOf(entities.lyon)).filter(({ name }) => name === 'PC-BLIER');
  expect(blier).toMatchObject({ serial: '7XK2M93', purchaseDate: '2024-03-15', warrantyMonths: 36 });
  expect(await operatingSystemOf(blier.assetId as string)).toEqual({
    name: 'Windows',
    version: '11',
    edition: 'Professionnel',
    architecture: '64-bit',
  });

  const users = await upload(seeded('Import_utilisateurs'), 'root', demo('utilisateurs.csv'), 'utilisateurs.csv');
  expect(await ended(users)).toMatchObject({ status: 'finished', counts: { succeeded: 2, warnings: 0, failed: 0 } });
  const lucie = (await jsonApi(identity.url, token).get('/api/users?login=lmartin')).body.items[0];
  expect(lucie).toMatchObject({ firstName: 'Lucie', lastName: 'MARTIN', defaultProfileId: 'self-service' });
  expect((await jsonApi(identity.url, token).get(`/api/users/${lucie.userId}/authorizations`)).body).toEqual([
    expect.objectContaining({ profileId: 'self-service', entityId: 'root' }),
  ]);
});
