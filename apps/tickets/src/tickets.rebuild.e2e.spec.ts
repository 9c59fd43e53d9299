import { IdentityFixture, type FixtureUser } from '@itsm/fixtures';
import { ProjectionRegistry } from '@itsm/runtime';
import { useIsolatedStack } from '@itsm/testing';
import { startTickets, type TicketsUnderTest } from './test-support/tickets-test-app';

// Read models rebuilt while the service runs, equal to what it kept live: its own from its event
// store, identity's (the directory) from identity's topic, from the beginning.
const stack = useIsolatedStack();
let tickets: TicketsUnderTest;
let identity: IdentityFixture;
let admin: FixtureUser;
let requester: FixtureUser;

beforeAll(async () => {
  identity = new IdentityFixture(stack);
  await identity.connect();
  tickets = await startTickets(stack);
  await identity.entity('root', 'Entité racine', null);
  await identity.entity('E1', 'Agence Est', 'root');
  admin = await identity.user('glpi', 'super-admin');
  requester = await identity.user('req', 'self-service', { firstName: 'Rémi', lastName: 'UN' });
  await identity.user('tech', 'technician', { firstName: 'Ugo', lastName: 'TECHUN', emails: ['ugo@example.org'] });
  await identity.deactivate(requester);
  await tickets.directoryHas(3, 2);
});

async function contents<Doc extends object>(name: string) {
  const registry = tickets.app.get(ProjectionRegistry);
  return (await registry.collection<Doc>(name)).find().sort({ _id: 1 }).toArray();
}

describe('rebuilding read models', () => {
  it('rebuilds a read model fed by identity from its topic, equal to the one kept live', async () => {
    const before = await contents<{ login: string }>('directory_users');
    expect(before.map((user) => user.login).sort()).toEqual(['glpi', 'req', 'tech']);
    const live = (await tickets.app.get(ProjectionRegistry).collection('directory_users')).collectionName;

    const rebuilt = await tickets.app.get(ProjectionRegistry).rebuild('directory_users');

    expect(rebuilt).not.toBe(live);
    expect(await contents('directory_users')).toEqual(before);
  });

  it('rebuilds a read model of its own events from its event store, equal to the one kept live', async () => {
    const api = tickets.api(admin.token);
    for (let n = 1; n <= 4; n++) {
      const opened = await api.post('/api/tickets', { title: `Ticket ${n}`, description: 'À reconstruire' });
      expect(opened.status).toBe(201);
      const followed = await api.post(`/api/tickets/${opened.body.ticketId}/followups`, { content: `suivi ${n}` });
      expect(followed.status).toBe(201);
    }
    const before = await contents('ticket_view');
    expect(before).toHaveLength(4);

    await tickets.app.get(ProjectionRegistry).rebuild('ticket_view');

    expect(await contents('ticket_view')).toEqual(before);
  });
});
