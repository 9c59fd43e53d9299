import { randomUUID } from 'node:crypto';
import { AccessTokenIssuer } from '@itsm/auth';
import { DEFAULT_PROFILES, RIGHTS } from '@itsm/domain';
import { jsonApi } from '@itsm/runtime';
import { eventually, useIsolatedStack } from '@itsm/testing';
import { MongoClient } from 'mongodb';
import { startService, type ServiceProcess } from './service-process';

// Data Injection end to end, each service its own built process: a users file imported into
// identity through the importer's commands, line by line checked through identity's API; then an
// authorizations file whose line granting Super-Admin is refused by identity's own rules while the
// others pass; then the users file again, every line now an update the model does not allow. Then
// users files into two entities, each user with their default profile there, granted by identity
// under its escalation rules: a line giving Super-Admin is refused while the others pass.
const stack = useIsolatedStack();
const issuer = new AccessTokenIssuer({ privateKey: stack.serviceEnv.JWT_PRIVATE_KEY });
const tokenFor = (profileId: string) =>
  issuer.issue({
    sub: randomUUID(),
    login: profileId,
    name: profileId,
    pid: profileId,
    rights: [...(DEFAULT_PROFILES.find((profile) => profile.profileId === profileId)?.rights ?? RIGHTS)],
    eid: 'root',
    rec: true,
    sid: randomUUID(),
  }).token;
const superAdmin = tokenFor('super-admin');
const admin = tokenFor('admin');
let identity: ServiceProcess;
let imports: ServiceProcess;
let mongo: MongoClient;

const usersFile = [
  'Prenom;Nom de famille;Login;Adresse mail;Actif (Oui = 1 - Non = 0)',
  'Bertrand;BLIER;bblier;bertrand.blier@example.org;1',
  'Jeanne;MOREAU;jmoreau;jeanne.moreau@example.org;1',
  'Patrick;DEWAERE;pdewaere;patrick.dewaere@example.org;0',
  'Miou;MIOU-MIOU;miou;pas-une-adresse;1',
].join('\r\n');

const authorizationsFile = [
  'Login;Profil;Entité',
  'bblier;Self-Service;root',
  'jmoreau;Technician;root',
  'pdewaere;Super-Admin;root',
].join('\n');

async function upload(token: string, modelId: string, name: string, content: string, fields = {}) {
  const form = new FormData();
  form.append('modelId', modelId);
  for (const [field, value] of Object.entries(fields)) form.append(field, String(value));
  form.append('file', new Blob([content]), name);
  const response = await fetch(`${imports.url}/api/import-runs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  expect(response.status).toBe(202);
  return ((await response.json()) as { runId: string }).runId;
}

async function ended(token: string, runId: string) {
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

const linesOf = async (token: string, runId: string) =>
  (
    (await jsonApi(imports.url, token).get(`/api/import-runs/${runId}/lines?limit=100`)).body.items as Array<
      Record<string, unknown>
    >
  ).map(({ line, status, code, action }) => [line, status, code, action]);

async function model(token: string, body: object): Promise<string> {
  const created = await jsonApi(imports.url, token).post('/api/import-models', { private: false, ...body });
  expect(created.status).toBe(201);
  return created.body.modelId;
}

beforeAll(async () => {
  [identity, imports] = await Promise.all([startService(stack, 'identity'), startService(stack, 'imports')]);
  mongo = await MongoClient.connect(stack.mongoUrl);
  stack.onTeardown(() => mongo.close());
  await eventually(
    async () => (await jsonApi(identity.url, superAdmin).get('/api/profiles/self-service')).status === 200,
    60_000,
    'identity’s default profiles',
  );
}, 120_000);

it('imports users through identity’s commands, each line answered by identity', async () => {
  const usersModel = await model(superAdmin, {
    name: 'Utilisateurs',
    targetType: 'users',
    mapping: [
      { column: 'Prenom', field: 'firstName' },
      { column: 'Nom de famille', field: 'lastName' },
      { column: 'Login', field: 'login', linkField: true },
      { column: 'Adresse mail', field: 'email' },
      { column: 'Actif (Oui = 1 - Non = 0)', field: 'active' },
    ],
  });
  const runId = await upload(superAdmin, usersModel, 'utilisateurs.csv', usersFile);
  expect(await ended(superAdmin, runId)).toMatchObject({
    status: 'finished',
    counts: { succeeded: 3, warnings: 0, failed: 1 },
  });
  expect(await linesOf(superAdmin, runId)).toEqual([
    [2, 'success', 10, 'create'],
    [3, 'success', 10, 'create'],
    [4, 'success', 10, 'create'],
    [5, 'failed', 22, null],
  ]);
  const blier = (await jsonApi(identity.url, superAdmin).get('/api/users?login=bblier')).body.items;
  expect(blier).toEqual([
    expect.objectContaining({
      login: 'bblier',
      firstName: 'Bertrand',
      lastName: 'BLIER',
      emails: ['bertrand.blier@example.org'],
    }),
  ]);
  const dewaere = (await jsonApi(identity.url, superAdmin).get('/api/users?login=pdewaere')).body.items;
  expect(dewaere).toEqual([expect.objectContaining({ active: false })]);
  expect((await jsonApi(identity.url, superAdmin).get('/api/users?login=miou')).body.items).toEqual([]);

  // the importer hears of the new users from identity's events before it can name them in authorizations
  const db = mongo.db(stack.envFor('imports').MONGO_DB);
  await eventually(
    async () =>
      (await db.collection('directory_users').countDocuments({ login: { $in: ['bblier', 'jmoreau', 'pdewaere'] } })) ===
      3,
    60_000,
    'the importer knows the users',
  );
  // and of the root entity the authorizations name (another read model, fed on its own)
  await eventually(
    async () => (await db.collection('directory_entities').countDocuments({ entityId: 'root' })) === 1,
    60_000,
    'the importer knows the root entity',
  );

  const authorizations = await model(admin, {
    name: 'Habilitations',
    targetType: 'authorizations',
    mapping: [
      { column: 'Login', field: 'login', linkField: true },
      { column: 'Profil', field: 'profile', linkField: true },
      { column: 'Entité', field: 'entity', linkField: true },
    ],
  });
  // a dry run foresees identity's refusal with identity's own rules, and sends nothing
  await eventually(
    async () => (await db.collection('import_profiles').countDocuments({ profileId: 'super-admin' })) === 1,
    60_000,
    'the importer knows identity’s profiles',
  );
  const foreseen = await upload(admin, authorizations, 'habilitations.csv', authorizationsFile, { dryRun: true });
  expect(await ended(admin, foreseen)).toMatchObject({ status: 'finished', counts: { succeeded: 2, failed: 1 } });
  expect(await linesOf(admin, foreseen)).toEqual([
    [2, 'success', 10, 'create'],
    [3, 'success', 10, 'create'],
    [4, 'failed', 39, null],
  ]);
  const foreseenLines = (await jsonApi(imports.url, admin).get(`/api/import-runs/${foreseen}/lines?status=failed`))
    .body;
  expect(foreseenLines.items[0].message).toMatch(/^profile Super-Admin holds rights your profile lacks/);

  const granting = await upload(admin, authorizations, 'habilitations.csv', authorizationsFile);
  expect(await ended(admin, granting)).toMatchObject({ status: 'finished', counts: { succeeded: 2, failed: 1 } });
  const lines = (await jsonApi(imports.url, admin).get(`/api/import-runs/${granting}/lines?status=failed`)).body.items;
  expect(lines).toEqual([
    expect.objectContaining({
      line: 4,
      code: 39,
      message: expect.stringMatching(/Super-Admin holds rights your profile lacks/),
    }),
  ]);
  const dewaereId = dewaere[0].userId as string;
  const held = (await jsonApi(identity.url, superAdmin).get(`/api/users/${dewaereId}/authorizations`)).body;
  expect(JSON.stringify(held)).not.toContain('super-admin');

  // the same file again: every line finds its user, and the model allows no update
  const again = await upload(superAdmin, usersModel, 'utilisateurs.csv', usersFile);
  expect(await ended(superAdmin, again)).toMatchObject({ status: 'finished', counts: { succeeded: 0, failed: 4 } });
  expect((await linesOf(superAdmin, again)).map(([, , code]) => code)).toEqual([32, 32, 32, 22]);
});

it('updates users once the model allows it, through identity’s rules: their details and whether they are active', async () => {
  const updating = await model(superAdmin, {
    name: 'Utilisateurs (mise à jour)',
    targetType: 'users',
    options: { allowUpdate: true, allowCreation: false },
    mapping: [
      { column: 'Login', field: 'login', linkField: true },
      { column: 'Nom de famille', field: 'lastName' },
      { column: 'Adresse mail', field: 'email' },
      { column: 'Actif', field: 'active' },
    ],
  });
  const file = [
    'Login;Nom de famille;Adresse mail;Actif',
    'BBLIER;BLIER-DUPONT;b.blier@example.org;1', // the login found whatever its case
    'jmoreau;MOREAU;jeanne.moreau@example.org;0',
    'inconnu;PERSONNE;personne@example.org;1', // no such user, and no creation allowed (31)
  ].join('\r\n');
  const runId = await upload(superAdmin, updating, 'mise-a-jour.csv', file);
  expect(await ended(superAdmin, runId)).toMatchObject({ status: 'finished', counts: { succeeded: 2, failed: 1 } });
  expect(await linesOf(superAdmin, runId)).toEqual([
    [2, 'success', 10, 'update'],
    [3, 'success', 10, 'update'],
    [4, 'failed', 31, null],
  ]);
  const user = async (login: string) =>
    (await jsonApi(identity.url, superAdmin).get(`/api/users?login=${login}`)).body.items[0];
  expect(await user('bblier')).toMatchObject({
    login: 'bblier',
    firstName: 'Bertrand',
    lastName: 'BLIER-DUPONT',
    emails: ['b.blier@example.org'],
    active: true,
  });
  expect(await user('jmoreau')).toMatchObject({ lastName: 'MOREAU', active: false });
});

it('imports users into two entities with their default profile, a line giving Super-Admin or naming an entity beyond the scope refused and the others passing', async () => {
  const entities: string[] = [];
  for (const name of ['Agence de Lyon', 'Agence de Nantes']) {
    const created = await jsonApi(identity.url, superAdmin).post('/api/entities', { name, parentId: 'root' });
    expect(created.status).toBe(201);
    entities.push(created.body.entityId);
  }
  const db = mongo.db(stack.envFor('imports').MONGO_DB);
  await eventually(
    async () => (await db.collection('directory_entities').countDocuments({ entityId: { $in: entities } })) === 2,
    60_000,
    'the importer knows the entities',
  );
  await new Promise((resolve) => setTimeout(resolve, 1100)); // its entity tree cache (1 s) sees them: the callers' scope
  const withProfiles = await model(admin, {
    name: 'Utilisateurs et profils',
    targetType: 'users',
    mapping: [
      { column: 'Login', field: 'login', linkField: true },
      { column: 'Nom de famille', field: 'lastName' },
      { column: 'Profil par défaut', field: 'defaultProfile' },
    ],
  });
  for (const [at, entityId] of entities.entries()) {
    const file = [
      'Login;Nom de famille;Profil par défaut',
      `agent${at};AGENT;Self-Service`,
      `chef${at};CHEF;Super-Admin`, // more than the admin holds: identity refuses it, registers nobody
      `tech${at};TECH;Technician`,
    ].join('\r\n');
    const form = new FormData();
    form.append('modelId', withProfiles);
    form.append('entityId', entityId);
    form.append('file', new Blob([file]), 'agence.csv');
    const response = await fetch(`${imports.url}/api/import-runs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}` },
      body: form,
    });
    expect(response.status).toBe(202);
    const { runId } = (await response.json()) as { runId: string };
    expect(await ended(admin, runId)).toMatchObject({ status: 'finished', counts: { succeeded: 2, failed: 1 } });
    expect(await linesOf(admin, runId)).toEqual([
      [2, 'success', 10, 'create'],
      [3, 'failed', 39, null],
      [4, 'success', 10, 'create'],
    ]);
    const refused = (await jsonApi(imports.url, admin).get(`/api/import-runs/${runId}/lines?status=failed`)).body.items;
    expect(refused[0].message).toMatch(/^profile Super-Admin holds rights your profile lacks/);

    const user = async (login: string) =>
      (await jsonApi(identity.url, superAdmin).get(`/api/users?login=${login}`)).body.items[0];
    for (const [login, profileId] of [
      [`agent${at}`, 'self-service'],
      [`tech${at}`, 'technician'],
    ]) {
      const found = await user(login);
      expect(found).toMatchObject({ login, defaultEntityId: entityId, defaultProfileId: profileId });
      const held = (await jsonApi(identity.url, superAdmin).get(`/api/users/${found.userId}/authorizations`)).body;
      expect(held).toEqual([expect.objectContaining({ profileId, entityId, recursive: false })]);
    }
    expect(await user(`chef${at}`)).toBeUndefined();
  }

  // an administrator of Lyon only: an authorization on Nantes is outside their scope, refused on its line
  const lyonAdmin = issuer.issue({
    sub: randomUUID(),
    login: 'admin-lyon',
    name: 'admin-lyon',
    pid: 'admin',
    rights: [...DEFAULT_PROFILES.find((profile) => profile.profileId === 'admin')!.rights],
    eid: entities[0],
    rec: true,
    sid: randomUUID(),
  }).token;
  const grants = await model(lyonAdmin, {
    name: 'Habilitations de Lyon',
    targetType: 'authorizations',
    mapping: [
      { column: 'Login', field: 'login', linkField: true },
      { column: 'Profil', field: 'profile', linkField: true },
      { column: 'Entité', field: 'entity', linkField: true },
    ],
  });
  const file = ['Login;Profil;Entité', 'tech0;Self-Service;Agence de Lyon', 'tech0;Self-Service;Agence de Nantes'].join(
    '\n',
  );
  const runId = await upload(lyonAdmin, grants, 'habilitations-lyon.csv', file);
  expect(await ended(lyonAdmin, runId)).toMatchObject({ status: 'finished', counts: { succeeded: 1, failed: 1 } });
  const results = (await jsonApi(imports.url, lyonAdmin).get(`/api/import-runs/${runId}/lines`)).body.items;
  expect(results.map(({ line, code }: { line: number; code: number }) => [line, code])).toEqual([
    [2, 10],
    [3, 39],
  ]);
  expect(results[1].message).toMatch(/outside your scope/);
  const tech0 = (await jsonApi(identity.url, superAdmin).get('/api/users?login=tech0')).body.items[0];
  const held = (await jsonApi(identity.url, superAdmin).get(`/api/users/${tech0.userId}/authorizations`)).body;
  expect(held.map(({ profileId, entityId }: { profileId: string; entityId: string }) => [profileId, entityId])).toEqual(
    expect.arrayContaining([
      ['technician', entities[0]],
      ['self-service', entities[0]],
    ]),
  );
  expect(JSON.stringify(held)).not.toContain(entities[1]);
});
