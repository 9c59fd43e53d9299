import { randomUUID } from 'node:crypto';
import { AccessTokenIssuer } from '@itsm/auth';
import { RIGHTS } from '@itsm/domain';
import { jsonApi } from '@itsm/runtime';
import { eventually, useIsolatedStack } from '@itsm/testing';
import { MongoClient } from 'mongodb';
import { startService, type ServiceProcess } from './service-process';

// Identity's other targets end to end, each service its own built process: entities imported
// under parents named by name or id (a parent beyond the run's entity not found, 33), groups, then
// memberships by login and group name (unknown ones 33, a membership imported again written once),
// then users whose group column makes them members. Everything checked through identity's API.
const stack = useIsolatedStack();
const issuer = new AccessTokenIssuer({ privateKey: stack.serviceEnv.JWT_PRIVATE_KEY });
const tokenOn = (entityId: string) =>
  issuer.issue({
    sub: randomUUID(),
    login: `import-${entityId}`,
    name: 'import',
    pid: 'super-admin',
    rights: [...RIGHTS],
    eid: entityId,
    rec: true,
    sid: randomUUID(),
  }).token;
const superAdmin = tokenOn('root');
let identity: ServiceProcess;
let imports: ServiceProcess;
let mongo: MongoClient;

type Line = [number, string, number, string | null];

async function run(token: string, modelId: string, lines: string[]): Promise<{ runId: string; lines: Line[] }> {
  const form = new FormData();
  form.append('modelId', modelId);
  form.append('file', new Blob([lines.join('\r\n')]), 'fichier.csv');
  const response = await fetch(`${imports.url}/api/import-runs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  expect(response.status).toBe(202);
  const { runId } = (await response.json()) as { runId: string };
  await eventually(
    async () => (await jsonApi(imports.url, token).get(`/api/import-runs/${runId}`)).body.status === 'finished',
    90_000,
    `run ${runId} finished`,
  );
  const items = (await jsonApi(imports.url, token).get(`/api/import-runs/${runId}/lines?limit=100`)).body
    .items as Array<Record<string, unknown>>;
  return { runId, lines: items.map(({ line, status, code, action }) => [line, status, code, action] as Line) };
}

async function model(token: string, targetType: string, mapping: object[], options: object = {}): Promise<string> {
  const created = await jsonApi(imports.url, token).post('/api/import-models', {
    name: `${targetType} ${randomUUID()}`,
    targetType,
    private: false,
    mapping,
    options,
  });
  expect(created.status).toBe(201);
  return created.body.modelId;
}

const identityApi = () => jsonApi(identity.url, superAdmin);
const importerDb = () => mongo.db(stack.envFor('imports').MONGO_DB);
const failedMessages = async (token: string, runId: string) =>
  (
    (await jsonApi(imports.url, token).get(`/api/import-runs/${runId}/lines?status=failed`)).body.items as Array<{
      line: number;
      field: string | null;
      message: string;
    }>
  ).map(({ line, field, message }) => [line, field, message]);

beforeAll(async () => {
  [identity, imports] = await Promise.all([startService(stack, 'identity'), startService(stack, 'imports')]);
  mongo = await MongoClient.connect(stack.mongoUrl);
  stack.onTeardown(() => mongo.close());
  await eventually(
    async () => (await identityApi().get('/api/entities/root')).status === 200,
    60_000,
    'identity’s root entity',
  );
  // and the importer's copy of it, which a run's lines name parents from
  await eventually(
    async () => (await importerDb().collection('directory_entities').countDocuments({ entityId: 'root' })) === 1,
    60_000,
    'the importer knows the root entity',
  );
}, 120_000);

it('imports entities under parents named by name or id; a parent beyond the run’s entity not found (33)', async () => {
  const entities = await model(superAdmin, 'entities', [
    { column: 'Nom', field: 'name', linkField: true },
    { column: 'Entité parente', field: 'parent' },
  ]);
  const first = await run(superAdmin, entities, [
    'Nom;Entité parente',
    'Agence de Brest;Entité racine',
    'Agence de Brest;root', // an earlier line creates it: no twin
    'Quai;Agence inconnue', // 33
  ]);
  expect(first.lines).toEqual([
    [2, 'success', 10, 'create'],
    [3, 'failed', 39, null],
    [4, 'failed', 33, null],
  ]);
  const listed = (await identityApi().get('/api/entities?limit=100')).body.items as Array<Record<string, string>>;
  const brest = listed.filter((entity) => entity.name === 'Agence de Brest');
  expect(brest).toEqual([expect.objectContaining({ parentId: 'root' })]);

  // a caller of Brest only: an entity under Brest passes, the root is beyond their scope: not found
  await eventually(
    async () =>
      (await importerDb().collection('directory_entities').countDocuments({ entityId: brest[0].entityId })) === 1,
    60_000,
    'the importer knows Brest',
  );
  await new Promise((resolve) => setTimeout(resolve, 1100)); // its entity tree cache (1 s) sees it: the caller's scope
  const ofBrest = tokenOn(brest[0].entityId);
  const second = await run(
    ofBrest,
    await model(ofBrest, 'entities', [
      { column: 'Nom', field: 'name', linkField: true },
      { column: 'Entité parente', field: 'parent' },
    ]),
    ['Nom;Entité parente', 'Quai;Agence de Brest', 'Port;Entité racine'],
  );
  expect(second.lines).toEqual([
    [2, 'success', 10, 'create'],
    [3, 'failed', 33, null],
  ]);
  expect(await failedMessages(ofBrest, second.runId)).toEqual([[3, 'parent', expect.any(String)]]);
  const names = ((await identityApi().get('/api/entities?limit=100')).body.items as Array<Record<string, string>>).map(
    (entity) => [entity.name, entity.parentId],
  );
  expect(names).toContainEqual(['Quai', brest[0].entityId]);
  expect(names.map(([name]) => name)).not.toContain('Port');
});

it('imports groups, then memberships by login and group name, then users joining a group, each membership once', async () => {
  const userIds: Record<string, string> = {};
  for (const login of ['bblier', 'jmoreau']) {
    const created = await identityApi().post('/api/users', { login, lastName: login.toUpperCase() });
    expect(created.status).toBe(201);
    userIds[login] = created.body.userId;
  }
  const groups = await model(superAdmin, 'groups', [
    { column: 'Nom', field: 'name', linkField: true },
    { column: 'Commentaires', field: 'comment' },
  ]);
  expect((await run(superAdmin, groups, ['Nom;Commentaires', 'Support N1;premier niveau', 'Réseau;'])).lines).toEqual([
    [2, 'success', 10, 'create'],
    [3, 'success', 10, 'create'],
  ]);
  const groupsNamed = async () =>
    Object.fromEntries(
      ((await identityApi().get('/api/groups?limit=100')).body.items as Array<Record<string, unknown>>).map((group) => [
        group.name,
        group,
      ]),
    ) as Record<string, { groupId: string; entityId: string; members: string[] }>;
  const { 'Support N1': support, Réseau: network } = await groupsNamed();
  expect(support).toMatchObject({ entityId: 'root', members: [] });
  expect(network).toMatchObject({ entityId: 'root', members: [] });

  const directory = importerDb();
  await eventually(
    async () =>
      (await directory
        .collection('directory_groups')
        .countDocuments({ groupId: { $in: [support.groupId, network.groupId] } })) === 2 &&
      (await directory.collection('directory_users').countDocuments({ userId: { $in: Object.values(userIds) } })) === 2,
    60_000,
    'the importer knows the groups and the users',
  );
  const memberships = await model(
    superAdmin,
    'group-memberships',
    [
      { column: 'Utilisateur', field: 'login', linkField: true },
      { column: 'Groupe', field: 'group', linkField: true },
    ],
    { allowUpdate: true },
  );
  const file = [
    'Utilisateur;Groupe',
    'bblier;Support N1',
    'JMOREAU;support n1',
    'inconnu;Support N1',
    'bblier;Groupe inconnu',
  ];
  const first = await run(superAdmin, memberships, file);
  expect(first.lines).toEqual([
    [2, 'success', 10, 'create'],
    [3, 'success', 10, 'create'],
    [4, 'failed', 33, null],
    [5, 'failed', 33, null],
  ]);
  expect(await failedMessages(superAdmin, first.runId)).toEqual([
    [4, 'login', '"inconnu" was not found for login'],
    [5, 'group', '"Groupe inconnu" was not found for group'],
  ]);
  expect((await groupsNamed())['Support N1'].members.sort()).toEqual([userIds.bblier, userIds.jmoreau].sort());

  // the same file once the importer knows the memberships: each line finds its own, nothing added twice
  await eventually(
    async () =>
      ((await directory.collection('directory_groups').findOne({ groupId: support.groupId }))?.members.length ?? 0) ===
      2,
    60_000,
    'the importer knows the members',
  );
  expect((await run(superAdmin, memberships, file)).lines.slice(0, 2)).toEqual([
    [2, 'success', 10, 'update'],
    [3, 'success', 10, 'update'],
  ]);
  expect((await groupsNamed())['Support N1'].members).toHaveLength(2);

  const users = await model(superAdmin, 'users', [
    { column: 'Login', field: 'login', linkField: true },
    { column: 'Nom de famille', field: 'lastName' },
    { column: 'Groupe', field: 'group' },
  ]);
  const joining = await run(superAdmin, users, [
    'Login;Nom de famille;Groupe',
    'pdewaere;DEWAERE;réseau',
    'miou;MIOU-MIOU;Groupe inconnu', // registered, the group left out with a warning
  ]);
  expect(joining.lines).toEqual([
    [2, 'success', 10, 'create'],
    [3, 'warning', 12, 'create'],
  ]);
  const dewaere = (await identityApi().get('/api/users?login=pdewaere')).body.items[0];
  expect((await groupsNamed()).Réseau.members).toEqual([dewaere.userId]);
  expect((await identityApi().get('/api/users?login=miou')).body.items).toEqual([
    expect.objectContaining({ login: 'miou' }),
  ]);
});
