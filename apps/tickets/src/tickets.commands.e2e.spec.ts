import type { CommandEnvelope } from '@itsm/contracts';
import { IdentityFixture, type FixtureUser } from '@itsm/fixtures';
import { acceptedData, CommandSender, useIsolatedStack } from '@itsm/testing';
import { startTickets, type TicketsUnderTest } from './test-support/tickets-test-app';

// Other services open tickets by commands on itsm.tickets.commands: the same use case as
// POST /api/tickets, the same rights and entity scope, each command answered on the sender's topic.
const stack = useIsolatedStack();
let tickets: TicketsUnderTest;
let sender: CommandSender;
let admin: FixtureUser; // super-admin on root
let tech: FixtureUser; // technician on root: records tickets for others
let selfA: FixtureUser; // self-service on A: records tickets for themselves, in A only

beforeAll(async () => {
  const identity = new IdentityFixture(stack);
  await identity.connect();
  tickets = await startTickets(stack);
  await identity.entity('root', 'Entité racine', null);
  await identity.entity('A', 'Entité A', 'root');
  await identity.entity('B', 'Entité B', 'root');
  admin = await identity.user('glpi', 'super-admin');
  tech = await identity.user('tech', 'technician');
  selfA = await identity.user('s-a', 'self-service', { entityId: 'A', lastName: 'ALPHA' });
  await tickets.directoryHas(3, 3);
  sender = new CommandSender(stack, 'tickets');
  await sender.connect();
});

const open = (user: FixtureUser, data: object): CommandEnvelope =>
  sender.command('ticket.open', { description: 'par import', ...data }, { token: user.token });

async function ticketsTitled(title: string): Promise<string[]> {
  const page = await tickets.api(admin.token).get('/api/tickets?limit=100');
  return page.body.items.map((ticket: { title: string }) => ticket.title).filter((found: string) => found === title);
}

it('opens tickets sent in one batch and alone, each answered with its new stream', async () => {
  const batch = [
    open(tech, { title: 'Imprimante', entityId: 'A', requesters: [selfA.ref] }),
    open(tech, { title: 'Écran', entityId: 'A', requesters: [selfA.ref], urgency: 5 }),
  ];
  const alone = open(selfA, { title: 'Clavier' });
  await sender.send(batch);
  await sender.send(alone);
  const commands = [...batch, alone];
  const results = (await sender.resultsOf(commands)).map(([result]) => result);
  for (const [index, result] of results.entries()) {
    const { ticketId } = acceptedData(result).answer as { ticketId: string };
    expect(result).toMatchObject({ service: 'tickets', data: { streamId: `ticket-${ticketId}`, version: 1 } });
    const ticket = await tickets.api(admin.token).get(`/api/tickets/${ticketId}`);
    expect(ticket.body).toMatchObject({
      title: (commands[index].data as { title: string }).title,
      entityId: 'A',
      actors: { requester: [selfA.ref] },
    });
  }
});

it('answers a redelivered command again, identically, and opens one ticket', async () => {
  const command = open(tech, { title: 'Souris', entityId: 'A', requesters: [selfA.ref] });
  await sender.send(command);
  await sender.resultsOf([command]);
  await sender.send(command);
  const [[first, second]] = await sender.resultsOf([command], 2);
  expect(second).toEqual(first);
  expect(acceptedData(first).version).toBe(1);
  expect(await ticketsTitled('Souris')).toEqual(['Souris']);
});

it('refuses what POST /api/tickets refuses, with the same codes, and opens nothing', async () => {
  const outsideScope = open(selfA, { title: 'Hors périmètre', entityId: 'B' });
  const forSomeoneElse = open(selfA, { title: 'Pour autrui', requesters: [tech.ref] });
  const invalid = open(tech, { title: '', urgency: 9, colour: 'red' });
  const commands = [outsideScope, forSomeoneElse, invalid];
  await sender.send(commands);
  const [[scope], [others], [fields]] = await sender.resultsOf(commands);
  expect(scope).toMatchObject({
    type: 'command.refused',
    data: { code: 'forbidden', message: 'entity B is outside your scope' },
  });
  expect(others).toMatchObject({
    type: 'command.refused',
    data: { code: 'forbidden', message: 'recording a ticket for someone else needs ticket.update' },
  });
  expect(fields).toMatchObject({ type: 'command.refused', data: { code: 'invalid' } });
  expect(fields.type === 'command.refused' && fields.data.errors?.map((error) => error.field).sort()).toEqual([
    'colour',
    'title',
    'urgency',
  ]);
  for (const title of ['Hors périmètre', 'Pour autrui', '']) expect(await ticketsTitled(title)).toEqual([]);
});

it('takes no opening date: ticket.open (version 1) has none, openedAt is an unknown field', async () => {
  const dated = open(tech, { title: 'Appel daté', openedAt: new Date(Date.now() - 3_600_000).toISOString() });
  await sender.send(dated);
  const [[result]] = await sender.resultsOf([dated]);
  expect(result).toMatchObject({ type: 'command.refused', data: { code: 'invalid' } });
  expect(result.type === 'command.refused' && result.data.errors?.map((error) => error.field)).toEqual(['openedAt']);
  expect(await ticketsTitled('Appel daté')).toEqual([]);
});
