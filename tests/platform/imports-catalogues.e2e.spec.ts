import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { jsonApi } from '@itsm/runtime';
import { eventually, useIsolatedStack } from '@itsm/testing';
import { MongoClient } from 'mongodb';
import { startService, type ServiceProcess } from './service-process';

// Data Injection of locations (GLPI's tree: a name under its parent) end to end, each service its
// own built process. A first file makes the top of the tree in an entity; a second, with updates
// allowed, places a building under "Siège" by name, changes Siège's comment, and refuses a room
// whose parent nobody bears (33) rather than making it at the top. A model that allows the
// creation of dropdown values makes such a parent first. Each result is read through assets' API.
// Then ITIL categories, written by tickets' `category.create`: a tree the same way, the second
// file's children placed under the first file's parents, read through tickets' API. Last,
// software and their versions, written by assets' `software.register`, and licences of them
// (`license.create`, `license.update`), read through assets' API.
const stack = useIsolatedStack();
const run = promisify(execFile);
const repoRoot = path.resolve(__dirname, '../..');
let identity: ServiceProcess;
let assets: ServiceProcess;
let imports: ServiceProcess;
let tickets: ServiceProcess;
let mongo: MongoClient;
let token: string;
let grenoble: string;

const seedOf = (service: string, env: Record<string, string>) =>
  run(process.execPath, [path.join(repoRoot, 'apps', service, 'dist', 'seed.js')], {
    env: { ...process.env, ...stack.envFor(service), ...env },
  });

async function signIn(login: string): Promise<string> {
  return (await jsonApi(identity.url).post('/api/auth/login', { login, password: login })).body.accessToken;
}

async function upload(modelId: string, content: string) {
  const form = new FormData();
  form.append('modelId', modelId);
  form.append('entityId', grenoble);
  form.append('file', new Blob([content]), 'lieux.csv');
  const response = await fetch(`${imports.url}/api/import-runs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  expect(response.status).toBe(202);
  return ((await response.json()) as { runId: string }).runId;
}

async function ended(runId: string) {
  let found: Record<string, unknown> = {};
  await eventually(
    async () => {
      found = (await jsonApi(imports.url, token).get(`/api/import-runs/${runId}`)).body;
      return ['finished', 'failed', 'cancelled'].includes(found.status as string);
    },
    90_000,
    `run ${runId} ended`,
  );
  return found;
}

const linesOf = async (runId: string) =>
  (
    (await jsonApi(imports.url, token).get(`/api/import-runs/${runId}/lines?limit=100`)).body.items as Array<
      Record<string, unknown>
    >
  ).map(({ line, status, code, action, field }) => [line, status, code, action, field]);

interface LocationView {
  valueId: string;
  entityId: string;
  name: string;
  parentId: string | null;
  comment: string | null;
}

/** Grenoble's locations through assets' API, by name. */
async function locations(): Promise<Record<string, LocationView>> {
  const page = await jsonApi(assets.url, token).get('/api/asset-dropdowns/location?limit=100');
  const own = (page.body.items as LocationView[]).filter((location) => location.entityId === grenoble);
  return Object.fromEntries(own.map((location) => [location.name, location]));
}

/** Waits until the importer's copy holds that many of Grenoble's locations (the next run matches against it). */
async function importerKnows(count: number) {
  const importer = mongo.db(stack.envFor('imports').MONGO_DB);
  await eventually(
    async () => {
      const doc = await importer.collection('import_asset_dropdowns').findOne({ kind: 'location', entityId: grenoble });
      return (doc?.values.length ?? 0) === count;
    },
    30_000,
    `the importer knows ${count} locations`,
  );
}

const model = async (
  name: string,
  options: object,
  targetType = 'locations',
  mapping = [
    { column: 'Nom', field: 'name', linkField: true },
    { column: targetType === 'locations' ? 'Lieu parent' : 'Catégorie parente', field: 'parent' },
    { column: 'Commentaires', field: 'comment' },
  ],
) => {
  const created = await jsonApi(imports.url, token).post('/api/import-models', {
    name,
    targetType,
    private: false,
    options: { multilineValues: 'replace', ...options },
    mapping,
  });
  expect(created.status).toBe(201);
  return created.body.modelId as string;
};

beforeAll(async () => {
  identity = await startService(stack, 'identity');
  await seedOf('identity', {});
  [assets, imports, tickets] = await Promise.all([
    startService(stack, 'assets'),
    startService(stack, 'imports'),
    startService(stack, 'tickets'),
  ]);
  const admin = jsonApi(identity.url, await signIn('glpi'));
  grenoble = (await admin.post('/api/entities', { name: 'Agence de Grenoble', parentId: 'root' })).body.entityId;
  token = await signIn('glpi');
  mongo = await MongoClient.connect(stack.mongoUrl);
  stack.onTeardown(() => mongo.close());
  const importer = mongo.db(stack.envFor('imports').MONGO_DB);
  await eventually(
    async () => (await importer.collection('directory_entities').countDocuments({ entityId: grenoble })) === 1,
    60_000,
    'the importer knows the entity',
  );
}, 180_000);

it('imports a tree of locations: the top first, then a building under its parent by name, a comment updated', async () => {
  const modelId = await model('Lieux', { allowUpdate: true });
  const first = await upload(modelId, ['Nom;Lieu parent;Commentaires', 'Siège;;Place Grenette', 'Annexe;;'].join('\n'));
  expect(await ended(first)).toMatchObject({ status: 'finished', counts: { succeeded: 2, failed: 0 } });
  expect(await linesOf(first)).toEqual([
    [2, 'success', 10, 'create', null],
    [3, 'success', 10, 'create', null],
  ]);
  await importerKnows(2);

  const second = await upload(
    modelId,
    [
      'Nom;Lieu parent;Commentaires',
      'Bâtiment A;siège;Accueil',
      'Siège;;Place Grenette, 2e étage',
      'Salle 1;Bâtiment Z;',
    ].join('\n'),
  );
  expect(await ended(second)).toMatchObject({ status: 'finished', counts: { succeeded: 2, failed: 1 } });
  expect(await linesOf(second)).toEqual([
    [2, 'success', 10, 'create', null],
    [3, 'success', 10, 'update', null],
    [4, 'failed', 33, null, 'parent'],
  ]);
  await eventually(async () => Object.keys(await locations()).length === 3, 20_000, 'three locations');
  const found = await locations();
  expect(found).toEqual({
    Siège: expect.objectContaining({ parentId: null, comment: 'Place Grenette, 2e étage' }),
    Annexe: expect.objectContaining({ parentId: null, comment: null }),
    'Bâtiment A': expect.objectContaining({ parentId: found['Siège'].valueId, comment: 'Accueil' }),
  });
  const tree = (await jsonApi(assets.url, token).get('/api/asset-dropdowns/locations/tree')).body as Array<{
    valueId: string;
    children: Array<{ completeName: string }>;
  }>;
  expect(tree.find((node) => node.valueId === found['Siège'].valueId)?.children).toEqual([
    expect.objectContaining({ completeName: 'Siège > Bâtiment A', comment: 'Accueil' }),
  ]);
});

it('makes a parent nobody bears first when the model allows dropdown values to be created', async () => {
  await importerKnows(3);
  const modelId = await model('Lieux et parents', { allowDropdownCreation: true });
  const runId = await upload(
    modelId,
    ['Nom;Lieu parent;Commentaires', 'Salle 12;Bâtiment B;Salle de réunion'].join('\n'),
  );
  expect(await ended(runId)).toMatchObject({ status: 'finished', counts: { succeeded: 1, failed: 0 } });
  await eventually(async () => Object.keys(await locations()).length === 5, 20_000, 'five locations');
  const found = await locations();
  expect(found['Bâtiment B']).toMatchObject({ parentId: null, comment: null });
  expect(found['Salle 12']).toMatchObject({ parentId: found['Bâtiment B'].valueId, comment: 'Salle de réunion' });
});

describe('ITIL categories', () => {
  interface CategoryView {
    categoryId: string;
    name: string;
    parentId: string | null;
    entityId: string;
  }
  const categories = async (): Promise<Record<string, CategoryView>> => {
    const page = await jsonApi(tickets.url, token).get('/api/itil-categories?limit=100');
    const own = (page.body.items as CategoryView[]).filter((category) => category.entityId === grenoble);
    return Object.fromEntries(own.map((category) => [category.name, category]));
  };

  it('imports a tree of categories: the top first, then children under their parents; a found one is not updated', async () => {
    const modelId = await model('Catégories', { allowUpdate: true }, 'itil-categories');
    const header = 'Nom;Catégorie parente;Commentaires';
    const first = await upload(modelId, [header, 'Matériel;;', 'Logiciel;;Applications'].join('\n'));
    expect(await ended(first)).toMatchObject({ status: 'finished', counts: { succeeded: 2, failed: 0 } });
    expect(await linesOf(first)).toEqual([
      [2, 'success', 10, 'create', null],
      [3, 'success', 10, 'create', null],
    ]);
    const importer = mongo.db(stack.envFor('imports').MONGO_DB);
    await eventually(
      async () => (await importer.collection('import_itil_categories').countDocuments({ entityId: grenoble })) === 2,
      30_000,
      'the importer knows the two categories',
    );

    const second = await upload(
      modelId,
      [header, 'Imprimante;matériel;', 'Poste de travail;Matériel;', 'Matériel;;Mis à jour', 'Pilote;Réseau;'].join(
        '\n',
      ),
    );
    expect(await ended(second)).toMatchObject({ status: 'finished', counts: { succeeded: 2, failed: 2 } });
    expect(await linesOf(second)).toEqual([
      [2, 'success', 10, 'create', null],
      [3, 'success', 10, 'create', null],
      [4, 'failed', 32, null, null],
      [5, 'failed', 33, null, 'parent'],
    ]);
    await eventually(async () => Object.keys(await categories()).length === 4, 20_000, 'four categories');
    const found = await categories();
    expect(found).toEqual({
      Matériel: expect.objectContaining({ parentId: null }),
      Logiciel: expect.objectContaining({ parentId: null }),
      Imprimante: expect.objectContaining({ parentId: found['Matériel'].categoryId }),
      'Poste de travail': expect.objectContaining({ parentId: found['Matériel'].categoryId }),
    });
  });
});

describe('software', () => {
  interface SoftwareView {
    softwareId: string;
    entityId: string;
    name: string;
    publisher: string | null;
    comment: string | null;
    versions: Array<{ name: string }>;
  }
  const software = async (): Promise<Record<string, SoftwareView>> => {
    const page = await jsonApi(assets.url, token).get('/api/software?limit=100');
    const own = (page.body.items as SoftwareView[]).filter((one) => one.entityId === grenoble);
    return Object.fromEntries(own.map((one) => [one.name, one]));
  };
  const versionsOf = (one: SoftwareView | undefined) => (one?.versions ?? []).map((version) => version.name).sort();

  it('imports software with their versions; a line naming a known software adds its version', async () => {
    const modelId = await model('Logiciels', { allowUpdate: true }, 'software', [
      { column: 'Nom', field: 'name', linkField: true },
      { column: 'Editeur', field: 'publisher' },
      { column: 'Version', field: 'version' },
      { column: 'Commentaires', field: 'comment' },
    ]);
    const header = 'Nom;Editeur;Version;Commentaires';
    const first = await upload(
      modelId,
      [header, 'Mozilla Firefox;Mozilla;115.0;Navigateur', '7-Zip;;23.01;'].join('\n'),
    );
    expect(await ended(first)).toMatchObject({ status: 'finished', counts: { succeeded: 2, failed: 0 } });
    expect(await linesOf(first)).toEqual([
      [2, 'success', 10, 'create', null],
      [3, 'success', 10, 'create', null],
    ]);
    const importer = mongo.db(stack.envFor('imports').MONGO_DB);
    await eventually(
      async () => (await importer.collection('import_software').countDocuments({ entityId: grenoble })) === 2,
      30_000,
      'the importer knows the two software',
    );

    const second = await upload(
      modelId,
      [header, 'mozilla firefox;Mozilla;128.0;Autre', 'VLC;VideoLAN;3.0.20;'].join('\n'),
    );
    expect(await ended(second)).toMatchObject({ status: 'finished', counts: { succeeded: 2, failed: 0 } });
    expect(await linesOf(second)).toEqual([
      [2, 'success', 10, 'update', null],
      [3, 'success', 10, 'create', null],
    ]);
    await eventually(
      async () => versionsOf((await software())['Mozilla Firefox']).length === 2,
      20_000,
      'two versions',
    );
    const found = await software();
    expect(Object.keys(found).sort()).toEqual(['7-Zip', 'Mozilla Firefox', 'VLC']);
    expect(found['Mozilla Firefox']).toMatchObject({ publisher: 'Mozilla', comment: 'Navigateur' });
    expect(versionsOf(found['Mozilla Firefox'])).toEqual(['115.0', '128.0']);
    expect(found['7-Zip']).toMatchObject({ publisher: null });
    expect(versionsOf(found['7-Zip'])).toEqual(['23.01']);
    expect(versionsOf(found.VLC)).toEqual(['3.0.20']);
  });

  it('imports licences of the software by its name, updates their seats, refuses an unknown software (33)', async () => {
    const modelId = await model('Licences', { allowUpdate: true }, 'licenses', [
      { column: 'Nom', field: 'name', linkField: true },
      { column: 'Logiciel', field: 'software', linkField: true },
      { column: 'Numero de serie', field: 'serial' },
      { column: 'Nombre', field: 'seats' },
      { column: "Date d'expiration", field: 'expiresOn' },
    ]);
    const header = "Nom;Logiciel;Numero de serie;Nombre;Date d'expiration";
    const first = await upload(
      modelId,
      [
        header,
        'Firefox ESR;mozilla firefox;FF-1;50;2027-12-31',
        'Visio;Microsoft Visio;;5;',
        'Sans nombre;VLC;;;',
      ].join('\n'),
    );
    expect(await ended(first)).toMatchObject({ status: 'finished', counts: { succeeded: 1, failed: 2 } });
    expect(await linesOf(first)).toEqual([
      [2, 'success', 10, 'create', null],
      [3, 'failed', 33, null, 'software'],
      [4, 'failed', 23, null, 'seats'],
    ]);
    const firefox = (await software())['Mozilla Firefox'].softwareId;
    const licencesOf = async () =>
      (await jsonApi(assets.url, token).get(`/api/licenses?softwareId=${firefox}`)).body.items as Array<
        Record<string, unknown>
      >;
    await eventually(async () => (await licencesOf()).length === 1, 20_000, 'the licence');
    expect(await licencesOf()).toEqual([
      expect.objectContaining({
        name: 'Firefox ESR',
        entityId: grenoble,
        serial: 'FF-1',
        seats: 50,
        expiresAt: '2027-12-31T23:59:59.000Z',
      }),
    ]);
    const importer = mongo.db(stack.envFor('imports').MONGO_DB);
    await eventually(
      async () => (await importer.collection('import_licenses').countDocuments({ entityId: grenoble })) === 1,
      30_000,
      'the importer knows the licence',
    );

    const second = await upload(modelId, [header, 'firefox esr;Mozilla Firefox;;60;'].join('\n'));
    expect(await ended(second)).toMatchObject({ status: 'finished', counts: { succeeded: 1, failed: 0 } });
    expect(await linesOf(second)).toEqual([[2, 'success', 10, 'update', null]]);
    await eventually(async () => (await licencesOf())[0]?.seats === 60, 20_000, '60 seats');
    expect(await licencesOf()).toEqual([expect.objectContaining({ name: 'firefox esr', serial: 'FF-1', seats: 60 })]);
  });
});
