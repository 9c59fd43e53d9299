import { randomUUID } from 'node:crypto';
import { AccessTokenIssuer } from '@itsm/auth';
import { deadLetterTopicFor, type CommandEnvelope } from '@itsm/contracts';
import { DEFAULT_PROFILES, RIGHTS } from '@itsm/domain';
import { acceptedData, CommandSender, readTopic, stackKafka, useIsolatedStack } from '@itsm/testing';
import { MongoClient } from 'mongodb';
import { startIdentity, type Api, type IdentityUnderTest } from './test-support/identity-test-app';

// Imports drive identity by commands on itsm.identity.commands: users registered by batch, each
// command answered on the sender's topic, behind the same rights and validation as POST /api/users.
const stack = useIsolatedStack();
let identity: IdentityUnderTest;
let glpi: Api;
let adminToken: string;
let sender: CommandSender;

beforeAll(async () => {
  identity = await startIdentity(stack);
  adminToken = (await identity.login('glpi')).accessToken;
  glpi = identity.api(adminToken);
  sender = new CommandSender(stack, 'identity');
  await sender.connect();
});

const register = (login: string, token = adminToken, extra: object = {}): CommandEnvelope =>
  sender.command('user.register', { login, lastName: login.toUpperCase(), ...extra }, { token, streamId: login });

async function usersNamed(login: string): Promise<string[]> {
  const page = await glpi.get(`/api/users?login=${login}&limit=100`);
  return page.body.items.map((user: { login: string }) => user.login).filter((found: string) => found === login);
}

it('registers a batch of users, each answered accepted with its new stream and version', async () => {
  const batch = ['import.ada', 'import.alan', 'import.grace'].map((login) => register(login));
  await sender.send(batch);
  const results = (await sender.resultsOf(batch)).map(([result]) => result);
  for (const [index, result] of results.entries()) {
    const { userId } = acceptedData(result).answer as { userId: string };
    expect(result).toMatchObject({
      service: 'identity',
      commandType: 'user.register',
      streamId: batch[index].streamId,
      correlationId: sender.correlationId,
      data: { streamId: `user-${userId}`, version: 1 },
    });
    const user = await glpi.get(`/api/users/${userId}`);
    expect(user.body).toMatchObject({ login: batch[index].streamId, lastName: batch[index].streamId.toUpperCase() });
  }
});

it('answers a redelivered command again, identically, and registers the user once', async () => {
  const command = register('import.twice');
  await sender.send(command);
  await sender.resultsOf([command]);
  await sender.send(command);
  const [[first, second]] = await sender.resultsOf([command], 2);
  expect(second).toEqual(first);
  const { streamId } = acceptedData(first);
  expect(await usersNamed('import.twice')).toEqual(['import.twice']);
  // the events name the command as their cause and carry the sender's flow
  const client = await MongoClient.connect(stack.mongoUrl);
  try {
    const commits = await client.db(stack.dbName).collection('events').find({ streamId }).toArray();
    expect(commits).toHaveLength(1);
    expect(commits[0].events[0]).toMatchObject({ causationId: command.commandId, correlationId: sender.correlationId });
  } finally {
    await client.close();
  }
});

it('refuses a caller without user.write, as POST /api/users does, and writes nothing', async () => {
  const observer = await identity.login('normal');
  const command = register('import.forbidden', observer.accessToken);
  await sender.send(command);
  const [[result]] = await sender.resultsOf([command]);
  expect(result).toMatchObject({
    type: 'command.refused',
    data: { code: 'forbidden', message: 'missing right user.write' },
  });
  expect(await usersNamed('import.forbidden')).toEqual([]);
});

it('refuses an invalid token as unauthenticated', async () => {
  const command = register('import.nobody', 'not-a-token');
  await sender.send(command);
  const [[result]] = await sender.resultsOf([command]);
  expect(result.data).toMatchObject({ code: 'unauthenticated' });
});

it('refuses invalid data field by field with the HTTP route’s validation, a password included', async () => {
  const command = register('bad login', adminToken, { password: 'secret-password', emails: ['nope'] });
  await sender.send(command);
  const [[result]] = await sender.resultsOf([command]);
  expect(result).toMatchObject({ type: 'command.refused', data: { code: 'invalid' } });
  expect(result.type === 'command.refused' && result.data.errors?.map((error) => error.field).sort()).toEqual([
    'emails',
    'login',
    'password',
  ]);
});

it('refuses control characters in command data as HTTP refuses them in bodies', async () => {
  const command = register('import.bell', adminToken, { firstName: 'In\u0000es' });
  await sender.send(command);
  const [[result]] = await sender.resultsOf([command]);
  expect(result.data).toEqual({
    code: 'invalid',
    message: 'field firstName contains a control character',
    errors: [{ field: 'firstName', message: 'field firstName contains a control character' }],
  });
});

it('refuses a command id reused for another command, telling nothing of the first', async () => {
  const first = register('import.first');
  await sender.send(first);
  await sender.resultsOf([first]);
  const reused = { ...register('import.other'), commandId: first.commandId };
  await sender.send(reused);
  // the second answer under that id is the reused one's
  const [[, result]] = await sender.resultsOf([reused], 2);
  expect(result).toMatchObject({ type: 'command.refused', data: { code: 'conflict' } });
  expect(await usersNamed('import.other')).toEqual([]);
});

it('registers a user with the profile they start with (v2) only if the caller may grant it, as for an authorization', async () => {
  const admin = new AccessTokenIssuer({ privateKey: stack.serviceEnv.JWT_PRIVATE_KEY }).issue({
    sub: randomUUID(),
    login: 'an-admin',
    name: 'an-admin',
    pid: 'admin',
    rights: [...DEFAULT_PROFILES.find((profile) => profile.profileId === 'admin')!.rights],
    eid: 'root',
    rec: true,
    sid: randomUUID(),
  }).token;
  const withProfile = (login: string, profileId: string) =>
    sender.command(
      'user.register',
      { login, lastName: login.toUpperCase(), profileId },
      { token: admin, streamId: login, schemaVersion: 2 },
    );
  const batch = [
    withProfile('import.self', 'self-service'),
    withProfile('import.root', 'super-admin'),
    withProfile('import.nobody-knows', 'no-such-profile'),
  ];
  await sender.send(batch);
  const [[granted], [escalating], [unknown]] = await sender.resultsOf(batch);
  const { userId } = acceptedData(granted).answer as { userId: string };
  expect((await glpi.get(`/api/users/${userId}`)).body).toMatchObject({
    login: 'import.self',
    defaultProfileId: 'self-service',
  });
  expect((await glpi.get(`/api/users/${userId}/authorizations`)).body).toEqual([
    expect.objectContaining({ profileId: 'self-service', entityId: 'root', recursive: false }),
  ]);
  expect(escalating).toMatchObject({
    type: 'command.refused',
    data: { code: 'forbidden', message: expect.stringMatching(/^profile Super-Admin holds rights your profile lacks/) },
  });
  expect(unknown).toMatchObject({ type: 'command.refused', data: { code: 'not_found' } });
  expect(await usersNamed('import.root')).toEqual([]);
  expect(await usersNamed('import.nobody-knows')).toEqual([]);
});

it('refuses a command type identity does not take, and an unknown version', async () => {
  const unknownType = sender.command('user.teleport', {}, { token: adminToken });
  const newerVersion = sender.command('user.register', { login: 'import.v4' }, { token: adminToken, schemaVersion: 4 });
  await sender.send([unknownType, newerVersion]);
  const [[first], [second]] = await sender.resultsOf([unknownType, newerVersion]);
  expect(first.data).toEqual({ code: 'invalid', message: 'identity takes no command user.teleport version 1' });
  expect(second.data).toEqual({ code: 'invalid', message: 'identity takes no command user.register version 4' });
});

describe('groups, memberships and entities', () => {
  /** A caller with these rights whose active entity is `entityId` (recursive unless said). */
  const callerOn = (entityId: string, rights: readonly string[] = RIGHTS, recursive = true) =>
    new AccessTokenIssuer({ privateKey: stack.serviceEnv.JWT_PRIVATE_KEY }).issue({
      sub: randomUUID(),
      login: `caller-on-${entityId}`,
      name: 'caller',
      pid: 'custom',
      rights: [...rights],
      eid: entityId,
      rec: recursive,
      sid: randomUUID(),
    }).token;
  const root = () => callerOn('root');
  const answered = async (command: CommandEnvelope) => {
    await sender.send(command);
    const [[result]] = await sender.resultsOf([command]);
    return result;
  };
  const idOf = (result: Awaited<ReturnType<typeof answered>>, key: string) =>
    (acceptedData(result).answer as Record<string, string>)[key];
  const createGroup = (name: string, token = root(), extra: object = {}) =>
    sender.command('group.create', { name, ...extra }, { token, streamId: `group:${name}` });
  const addMember = (groupId: string, userId: string, token = root()) =>
    sender.command('group.add-member', { groupId, userId }, { token, streamId: `group-${groupId}` });
  const registered = async (login: string, extra: object = {}, schemaVersion = 1, token = root()) =>
    answered(
      sender.command('user.register', { login, lastName: login, ...extra }, { token, streamId: login, schemaVersion }),
    );
  const membersOf = async (groupId: string) => (await glpi.get(`/api/groups/${groupId}`)).body.members;
  let subEntityId: string;

  beforeAll(async () => {
    const created = await glpi.post('/api/entities', { name: 'Filiale des imports', parentId: 'root' });
    expect(created.status).toBe(201);
    subEntityId = created.body.entityId;
  });

  it('creates and renames a group, and fills it, by commands as the group routes do; a member added twice once', async () => {
    const created = await answered(createGroup('Import support'));
    const groupId = idOf(created, 'groupId');
    expect(created.data).toMatchObject({ streamId: `group-${groupId}`, version: 1 });
    const renamed = await answered(
      sender.command(
        'group.update',
        { groupId, name: 'Import support N1' },
        { token: root(), streamId: `group-${groupId}` },
      ),
    );
    expect(renamed).toMatchObject({ type: 'command.accepted', data: { answer: { groupId } } });
    const userId = idOf(await registered('import.member'), 'userId');
    const [first, second] = [addMember(groupId, userId), addMember(groupId, userId)];
    expect(await answered(first)).toMatchObject({ type: 'command.accepted', data: { answer: { groupId, userId } } });
    // another command for a membership that exists: accepted, nothing written
    expect(await answered(second)).toMatchObject({ type: 'command.accepted', data: { version: 3 } });
    expect((await glpi.get(`/api/groups/${groupId}`)).body).toMatchObject({
      name: 'Import support N1',
      entityId: 'root',
      members: [userId],
    });
  });

  it('refuses group commands without group.write, and groups, users or entities beyond the caller’s scope', async () => {
    const rootGroup = idOf(await answered(createGroup('Import siège')), 'groupId');
    const rootUser = idOf(await registered('import.siege'), 'userId');
    const noGroupWrite = callerOn('root', ['group.read', 'user.read', 'user.write']);
    expect(await answered(createGroup('Import sans droit', noGroupWrite))).toMatchObject({
      type: 'command.refused',
      data: { code: 'forbidden', message: 'missing right group.write' },
    });
    expect(await answered(addMember(rootGroup, rootUser, noGroupWrite))).toMatchObject({
      type: 'command.refused',
      data: { code: 'forbidden', message: 'missing right group.write' },
    });
    const onSubEntity = callerOn(subEntityId);
    expect(await answered(createGroup('Import hors champ', onSubEntity, { entityId: 'root' }))).toMatchObject({
      type: 'command.refused',
      data: { code: 'not_found', message: 'no entity root in your scope' },
    });
    expect(await answered(addMember(rootGroup, rootUser, onSubEntity))).toMatchObject({
      type: 'command.refused',
      data: { code: 'not_found' },
    });
    const rename = (token: string) =>
      sender.command(
        'group.update',
        { groupId: rootGroup, name: 'Renommé' },
        { token, streamId: `group-${rootGroup}` },
      );
    expect(await answered(rename(onSubEntity))).toMatchObject({
      type: 'command.refused',
      data: { code: 'not_found', message: `no group ${rootGroup} in your scope` },
    });
    expect(await answered(rename(noGroupWrite))).toMatchObject({
      type: 'command.refused',
      data: { code: 'forbidden', message: 'missing right group.write' },
    });
    expect((await glpi.get(`/api/groups/${rootGroup}`)).body).toMatchObject({ name: 'Import siège' });
    // a group of the caller's entity, a user beyond it
    const subGroup = idOf(await answered(createGroup('Import filiale', onSubEntity)), 'groupId');
    expect((await glpi.get(`/api/groups/${subGroup}`)).body).toMatchObject({ entityId: subEntityId });
    expect(await answered(addMember(subGroup, rootUser, onSubEntity))).toMatchObject({
      type: 'command.refused',
      data: { code: 'not_found', message: `no user ${rootUser} in your scope` },
    });
    expect(await membersOf(rootGroup)).toEqual([]);
    expect(await membersOf(subGroup)).toEqual([]);
    const groups = (await glpi.get('/api/groups?limit=100')).body.items.map((group: { name: string }) => group.name);
    expect(groups).not.toContain('Import sans droit');
    expect(groups).not.toContain('Import hors champ');
  });

  it('registers a user into groups (v3) once, however often delivered; a group refused registers nobody', async () => {
    const groupId = idOf(await answered(createGroup('Import arrivants')), 'groupId');
    const command = sender.command(
      'user.register',
      { login: 'import.arrivant', lastName: 'ARRIVANT', groupIds: [groupId] },
      { token: root(), streamId: 'import.arrivant', schemaVersion: 3 },
    );
    await sender.send(command);
    await sender.send(command);
    const [[first, second]] = await sender.resultsOf([command], 2);
    expect(second).toEqual(first);
    const userId = idOf(first, 'userId');
    expect(first.data).toMatchObject({ streamId: `group-${groupId}` });
    expect(await membersOf(groupId)).toEqual([userId]);
    expect(await usersNamed('import.arrivant')).toEqual(['import.arrivant']);

    const rootGroup = idOf(await answered(createGroup('Import siège fermé')), 'groupId');
    const beyond = await registered(
      'import.hors-champ',
      { groupIds: [rootGroup], defaultEntityId: subEntityId },
      3,
      callerOn(subEntityId),
    );
    expect(beyond).toMatchObject({ type: 'command.refused', data: { code: 'not_found' } });
    const withoutRight = await registered(
      'import.sans-groupe',
      { groupIds: [groupId] },
      3,
      callerOn('root', ['user.read', 'user.write']),
    );
    expect(withoutRight).toMatchObject({
      type: 'command.refused',
      data: { code: 'forbidden', message: 'missing right group.write' },
    });
    // a version whose contract has no groupIds: refused, not silently honoured
    const tooOld = await registered('import.v2-groupes', { groupIds: [groupId] }, 2);
    expect(tooOld).toMatchObject({
      type: 'command.refused',
      data: {
        code: 'invalid',
        errors: [{ field: 'groupIds', message: 'groupIds is taken by user.register version 3 and later' }],
      },
    });
    expect(await usersNamed('import.v2-groupes')).toEqual([]);
    expect(await usersNamed('import.hors-champ')).toEqual([]);
    expect(await usersNamed('import.sans-groupe')).toEqual([]);
    expect(await membersOf(rootGroup)).toEqual([]);
  });

  it('makes an updated user join groups (v2), one they are in left as it is', async () => {
    const [first, second] = [
      idOf(await answered(createGroup('Import mise à jour 1')), 'groupId'),
      idOf(await answered(createGroup('Import mise à jour 2')), 'groupId'),
    ];
    const userId = idOf(await registered('import.maj', { groupIds: [first] }, 3), 'userId');
    const update = sender.command(
      'user.update',
      { userId, firstName: 'Maj', groupIds: [first, second] },
      { token: root(), streamId: `user-${userId}`, schemaVersion: 2 },
    );
    expect(await answered(update)).toMatchObject({ type: 'command.accepted', data: { answer: { userId } } });
    expect(await membersOf(first)).toEqual([userId]);
    expect(await membersOf(second)).toEqual([userId]);
    expect((await glpi.get(`/api/users/${userId}`)).body).toMatchObject({ firstName: 'Maj' });
  });

  it('creates an entity by command as POST /api/entities does; a parent beyond the scope is not found', async () => {
    const created = await answered(
      sender.command(
        'entity.create',
        { name: 'Import agence', parentId: subEntityId },
        { token: root(), streamId: 'agence' },
      ),
    );
    const entityId = idOf(created, 'entityId');
    expect((await glpi.get(`/api/entities/${entityId}`)).body).toMatchObject({
      name: 'Import agence',
      parentId: subEntityId,
    });
    const refusals = [
      // a parent identity knows, beyond the caller's scope: as if it did not exist, as over HTTP
      [callerOn(subEntityId), 'root', { code: 'not_found' }],
      [callerOn('root', ['entity.read']), 'root', { code: 'forbidden', message: 'missing right entity.write' }],
      [
        callerOn(subEntityId, RIGHTS, false),
        subEntityId,
        { code: 'forbidden', message: 'creating a sub-entity needs a recursive authorization on its parent' },
      ],
      [root(), 'no-such-entity', { code: 'not_found' }],
    ] as const;
    for (const [token, parentId, refusal] of refusals) {
      const command = sender.command(
        'entity.create',
        { name: 'Import refusée', parentId },
        { token, streamId: 'refusee' },
      );
      expect(await answered(command)).toMatchObject({ type: 'command.refused', data: refusal });
    }
    const names = (await glpi.get('/api/entities?limit=100')).body.items.map((entity: { name: string }) => entity.name);
    expect(names).not.toContain('Import refusée');
  });
});

it('parks a message that breaks the envelope contract in the dead-letter topic, the whole batch unanswered', async () => {
  const good = register('import.parked');
  await sender.sendRaw('broken', JSON.stringify([good, { ...good, commandId: 'not-a-uuid' }]));
  const kafka = stackKafka(stack);
  const [parked] = await readTopic(kafka, deadLetterTopicFor(sender.topic), 1);
  expect(parked).toEqual([good, { ...good, commandId: 'not-a-uuid' }]);
  expect(sender.resultsFor(good.commandId)).toEqual([]);
  expect(await usersNamed('import.parked')).toEqual([]);
});
