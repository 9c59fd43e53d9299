import { IdentityFixture, type FixtureUser } from '@itsm/fixtures';
import { useIsolatedStack } from '@itsm/testing';
import { MongoClient } from 'mongodb';
import { startService, type ServiceProcess } from './service-process';

// Kubernetes stops a pod with SIGTERM and kills it 30 s later. Under a keep-alive load the built
// tickets service must stop accepting, finish what is under way, publish it, and exit in time;
// every ticket it answered 201 for is stored.
const stack = useIsolatedStack();
let tickets: ServiceProcess;
let tech: FixtureUser;

beforeAll(async () => {
  const identity = new IdentityFixture(stack);
  await identity.connect();
  await identity.entity('root', 'Entité racine', null);
  tech = await identity.user('tech', 'technician');
  tickets = await startService(stack, 'tickets', { SHUTDOWN_DRAIN_MS: '5000' });
}, 120_000);

/** One keep-alive client creating tickets until the service stops answering. */
async function client(created: string[], failures: number[]): Promise<void> {
  for (;;) {
    try {
      const response = await fetch(`${tickets.url}/api/tickets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tech.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Imprimante bloquée', description: 'au 2e étage' }),
      });
      const body = (await response.json()) as { ticketId?: string };
      if (response.status === 201 && body.ticketId) created.push(body.ticketId);
      else if (response.status !== 422) failures.push(response.status); // 422: tech not heard of yet
    } catch {
      return; // the connection was closed or refused: the service has stopped accepting
    }
  }
}

it('exits within 10 s of SIGTERM under load, with no 5xx and every created ticket stored and published', async () => {
  const created: string[] = [];
  const failures: number[] = [];
  const clients = Array.from({ length: 16 }, () => client(created, failures));
  const deadline = Date.now() + 60_000;
  while (created.length < 200 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(created.length).toBeGreaterThanOrEqual(200);

  const { code, signal, elapsedMs } = await tickets.terminate();
  await Promise.all(clients);

  // Nest runs the shutdown hooks, then ends the process by the signal it received
  expect({ code, signal }).toEqual({ code: null, signal: 'SIGTERM' });
  expect(elapsedMs).toBeLessThan(10_000);
  expect(failures.filter((status) => status >= 500)).toEqual([]);
  const mongo = await MongoClient.connect(stack.mongoUrl);
  try {
    const events = mongo.db(stack.envFor('tickets').MONGO_DB).collection('events');
    const stored = await events.distinct('streamId', { streamId: { $in: created.map((id) => `ticket-${id}`) } });
    expect(stored.length).toBe(created.length);
    // the relay's last turn published what the last requests appended: no outbox entry is left
    expect(await events.countDocuments({ streamId: '~outbox' })).toBe(0);
  } finally {
    await mongo.close();
  }
});
