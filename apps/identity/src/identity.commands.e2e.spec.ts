import { randomUUID } from 'node:crypto';
import { AccessTokenIssuer } from '@itsm/auth';
import { deadLetterTopicFor, type CommandEnvelope } from '@itsm/contracts';
import { DEFAULT_PROFILES } from '@itsm/domain';
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
  const newerVersion = sender.command('user.register', { login: 'import.v3' }, { token: adminToken, schemaVersion: 3 });
  await sender.send([unknownType, newerVersion]);
  const [[first], [second]] = await sender.resultsOf([unknownType, newerVersion]);
  expect(first.data).toEqual({ code: 'invalid', message: 'identity takes no command user.teleport version 1' });
  expect(second.data).toEqual({ code: 'invalid', message: 'identity takes no command user.register version 3' });
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
