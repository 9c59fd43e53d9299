import type { CommandEnvelope } from '@itsm/contracts';
import { IdentityFixture, type FixtureUser } from '@itsm/fixtures';
import { acceptedData, CommandSender, eventually, useIsolatedStack } from '@itsm/testing';
import { startTickets, type TicketsUnderTest } from './test-support/tickets-test-app';

// Other services open tickets by commands on itsm.tickets.commands: the same use case as
// POST /api/tickets, the same rights and entity scope, each command answered on the sender's topic.
// An ITIL categories import creates categories by `category.create`, as POST /api/itil-categories.
const stack = useIsolatedStack();
let tickets: TicketsUnderTest;
let sender: CommandSender;
let admin: FixtureUser; // super-admin on root
let tech: FixtureUser; // technician on root: records tickets for others
let selfA: FixtureUser; // self-service on A: records tickets for themselves, in A only
let adminA: FixtureUser; // admin on A only: manages A's ITIL categories

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
  adminA = await identity.user('admin-a', 'admin', { entityId: 'A' });
  await tickets.directoryHas(4, 3);
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

describe('ITIL categories by commands (an import)', () => {
  const create = (user: FixtureUser, data: object): CommandEnvelope =>
    sender.command('category.create', data, { token: user.token });
  const categoryIdOf = (result: Parameters<typeof acceptedData>[0]) =>
    (acceptedData(result).answer as { categoryId: string }).categoryId;
  const categories = async () =>
    (await tickets.api(admin.token).get('/api/itil-categories?limit=100')).body.items as Array<{
      categoryId: string;
      name: string;
      parentId: string | null;
      entityId: string;
    }>;

  it('creates a category under its parent; a redelivered command creates it once', async () => {
    const parent = create(adminA, { name: 'Matériel', entityId: 'A' });
    await sender.send(parent);
    const parentId = categoryIdOf((await sender.resultsOf([parent]))[0][0]);
    await eventually(async () => (await categories()).some((c) => c.categoryId === parentId), 20_000, 'Matériel');
    const child = create(adminA, { name: 'Imprimante', parentId });
    await sender.send(child);
    await sender.resultsOf([child]);
    await sender.send(child);
    const [[first, again]] = await sender.resultsOf([child], 2);
    expect(again).toEqual(first);
    expect(first).toMatchObject({ data: { streamId: `category-${categoryIdOf(first)}`, version: 1 } });
    await eventually(async () => (await categories()).some((c) => c.name === 'Imprimante'), 20_000, 'Imprimante');
    expect((await categories()).filter((c) => c.name === 'Imprimante')).toEqual([
      expect.objectContaining({ categoryId: categoryIdOf(first), parentId, entityId: 'A' }),
    ]);
  });

  it('refuses what POST /api/itil-categories refuses, and creates nothing', async () => {
    const inB = create(admin, { name: 'Réseau B', entityId: 'B' });
    await sender.send(inB);
    const bCategory = categoryIdOf((await sender.resultsOf([inB]))[0][0]);
    const refused = [
      create(tech, { name: 'Sans le droit', entityId: 'A' }),
      create(adminA, { name: 'Hors périmètre', entityId: 'B' }),
      create(adminA, { name: 'Sous B', entityId: 'A', parentId: bCategory }),
      create(adminA, { name: '', entityId: 'A', colour: 'red' }),
    ];
    await sender.send(refused);
    const results = (await sender.resultsOf(refused)).map(([result]) => result);
    expect(results.map((result) => result.type === 'command.refused' && result.data.code)).toEqual([
      'forbidden',
      'forbidden',
      'rule',
      'invalid',
    ]);
    const names = (await categories()).map((category) => category.name);
    for (const name of ['Sans le droit', 'Hors périmètre', 'Sous B', '']) expect(names).not.toContain(name);
  });
});
