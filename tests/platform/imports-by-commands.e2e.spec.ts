import { randomUUID } from 'node:crypto';
import { AccessTokenIssuer } from '@itsm/auth';
import type { CommandEnvelope, CommandResult } from '@itsm/contracts';
import { RIGHTS } from '@itsm/domain';
import { jsonApi } from '@itsm/runtime';
import { acceptedData, CommandSender, eventually, useIsolatedStack } from '@itsm/testing';
import { startService, type ServiceProcess } from './service-process';

// What imports will do, with the services as built, each its own process: register users by a
// batch of commands on identity, then open tickets for them by commands on tickets, which learns
// the new users from identity's events. Only Kafka between them; HTTP only to look.
const stack = useIsolatedStack();
const issuer = new AccessTokenIssuer({ privateKey: stack.serviceEnv.JWT_PRIVATE_KEY });
const tokenFor = (rights: readonly string[]) =>
  issuer.issue({
    sub: randomUUID(),
    login: 'import',
    name: 'Import',
    pid: 'import',
    rights: [...rights],
    eid: 'root',
    rec: true,
    sid: randomUUID(),
  }).token;
const importer = tokenFor(RIGHTS);
let identity: ServiceProcess;
let tickets: ServiceProcess;
let toIdentity: CommandSender;
let toTickets: CommandSender;

beforeAll(async () => {
  [identity, tickets] = await Promise.all([startService(stack, 'identity'), startService(stack, 'tickets')]);
  toIdentity = new CommandSender(stack, 'identity');
  toTickets = new CommandSender(stack, 'tickets');
  await Promise.all([toIdentity.connect(), toTickets.connect()]);
}, 120_000);

async function answer(sender: CommandSender, command: CommandEnvelope): Promise<CommandResult> {
  await sender.send(command);
  const [[result]] = await sender.resultsOf([command]);
  return result;
}

/** Tickets hears of identity's users and their authorizations from its events: a command naming one is refused until then. */
async function untilAccepted(
  build: () => CommandEnvelope,
): Promise<{ command: CommandEnvelope; result: CommandResult }> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const command = build();
    const result = await answer(toTickets, command);
    if (result.type === 'command.accepted' || Date.now() > deadline) return { command, result };
  }
}

/**
 * Registers the users by a batch of commands, then gives each GLPI's default profile on the root
 * entity (as GLPI's data injection links users to an entity): a ticket names only users who belong
 * to its entity.
 */
async function register(logins: string[]): Promise<string[]> {
  // identity creates the root entity once it runs: not necessarily before it answers
  await eventually(
    async () => (await jsonApi(identity.url, importer).get('/api/entities/root')).status === 200,
    60_000,
    'identity’s root entity',
  );
  const batch = logins.map((login) =>
    toIdentity.command('user.register', { login, lastName: login.toUpperCase() }, { token: importer, streamId: login }),
  );
  await toIdentity.send(batch);
  const userIds = (await toIdentity.resultsOf(batch)).map(
    ([result]) => (acceptedData(result).answer as { userId: string }).userId,
  );
  // identity creates GLPI's default profiles once it runs: not necessarily before it answers
  await eventually(
    async () => (await jsonApi(identity.url, importer).get('/api/profiles/self-service')).status === 200,
    60_000,
    'identity’s default profiles',
  );
  for (const userId of userIds) {
    const granted = await jsonApi(identity.url, importer).post(`/api/users/${userId}/authorizations`, {
      profileId: 'self-service',
      entityId: 'root',
    });
    if (granted.status !== 201) throw new Error(`no authorization for ${userId}: ${JSON.stringify(granted.body)}`);
  }
  return userIds;
}

const openFor = (userId: string, title: string) => () =>
  toTickets.command(
    'ticket.open',
    { title, description: 'importé', requesters: [{ kind: 'user', id: userId }] },
    { token: importer, streamId: `${title}-${userId}` },
  );

it('registers users by a batch on identity, then opens their tickets by commands on tickets', async () => {
  const [blier, dupont] = await register(['blier', 'dupont']);
  for (const [userId, title] of [
    [blier, 'Imprimante'],
    [dupont, 'Clavier'],
  ]) {
    const { result } = await untilAccepted(openFor(userId, title));
    const { ticketId } = acceptedData(result).answer as { ticketId: string };
    const ticket = await jsonApi(tickets.url, importer).get(`/api/tickets/${ticketId}`);
    expect(ticket.body).toMatchObject({ title, actors: { requester: [{ kind: 'user', id: userId }] } });
  }
  const user = await jsonApi(identity.url, importer).get(`/api/users/${blier}`);
  expect(user.body).toMatchObject({ login: 'blier', lastName: 'BLIER' });
});

it('answers a ticket command sent again with the same result, and opens one ticket', async () => {
  const [martin] = await register(['martin']);
  const { command, result } = await untilAccepted(openFor(martin, 'Écran'));
  await toTickets.send(command);
  const [[first, second]] = await toTickets.resultsOf([command], 2);
  expect(first).toEqual(result);
  expect(second).toEqual(first);
  const { ticketId } = acceptedData(first).answer as { ticketId: string };
  const list = await jsonApi(tickets.url, importer).get('/api/tickets?limit=100');
  expect(list.body.items.filter((item: { title: string }) => item.title === 'Écran')).toEqual([
    expect.objectContaining({ ticketId }),
  ]);
});

it('refuses a registration by a caller without user.write, and identity registers nobody', async () => {
  const command = toIdentity.command(
    'user.register',
    { login: 'intrus' },
    { token: tokenFor(['ticket.create', 'user.read']), streamId: 'intrus' },
  );
  const result = await answer(toIdentity, command);
  expect(result).toMatchObject({
    type: 'command.refused',
    data: { code: 'forbidden', message: 'missing right user.write' },
  });
  const users = await jsonApi(identity.url, importer).get('/api/users?login=intrus');
  expect(users.body.items).toEqual([]);
});
