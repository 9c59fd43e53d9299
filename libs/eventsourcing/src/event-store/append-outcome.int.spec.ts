import { createServer, connect, type Server, type Socket } from 'node:net';
import { upcasterRegistry } from '@itsm/contracts';
import { useIsolatedStack } from '@itsm/testing';
import mongoose, { type Connection } from 'mongoose';
import { testMetadata } from '../test-support/kernel-harness';
import { MongoEventStore } from './event-store';
import { VersionConflictError } from './version-conflict.error';

// The database answers an append, and the answer never comes back: a proxy between the store and
// FerretDB forwards the insert and cuts the connection before the reply. The writer must tell the
// caller what happened (it did), and the stream must hold the commit once.
const stack = useIsolatedStack();
let proxy: CuttingProxy;
let connection: Connection;
let store: MongoEventStore;

/** A TCP proxy that, when armed, forwards the next insert into `events` and cuts its connection. */
interface CuttingProxy {
  port: number;
  armed: 'no' | 'after-sending' | 'before-sending';
  cuts: number;
  server: Server;
}

function startProxy(target: URL): Promise<CuttingProxy> {
  const proxy: CuttingProxy = { port: 0, armed: 'no', cuts: 0, server: createServer() };
  const sockets = new Set<Socket>();
  proxy.server.on('connection', (client) => {
    const server = connect(Number(target.port), target.hostname);
    sockets.add(client).add(server);
    client.on('data', (chunk) => {
      const isAppend = chunk.includes('insert') && chunk.includes('events');
      if (proxy.armed !== 'no' && isAppend) {
        if (proxy.armed === 'after-sending') server.write(chunk);
        proxy.armed = 'no';
        proxy.cuts++;
        client.destroy(); // the reply, if any, has nowhere to go
        setTimeout(() => server.destroy(), 1000);
        return;
      }
      server.write(chunk);
    });
    server.on('data', (chunk) => client.writable && client.write(chunk));
    for (const [one, other] of [
      [client, server],
      [server, client],
    ]) {
      one.on('error', () => other.destroy());
      one.on('close', () => (sockets.delete(one), other.destroy()));
    }
  });
  proxy.server.on('close', () => sockets.forEach((socket) => socket.destroy()));
  return new Promise((resolve) =>
    proxy.server.listen(0, '127.0.0.1', () => {
      proxy.port = (proxy.server.address() as { port: number }).port;
      resolve(proxy);
    }),
  );
}

beforeAll(async () => {
  proxy = await startProxy(new URL(stack.mongoUrl));
  stack.onTeardown(() => new Promise((resolve) => proxy.server.close(resolve)));
  connection = await mongoose
    .createConnection(`mongodb://127.0.0.1:${proxy.port}/`, { dbName: stack.dbName, directConnection: true })
    .asPromise();
  stack.onTeardown(() => connection.close());
  store = new MongoEventStore(connection, { upcasters: upcasterRegistry([]) });
  await store.createIndexes();
});

const increment = (by: number) => ({ type: 'counter.incremented' as const, data: { by } });

async function commitsOf(streamId: string) {
  return store.commits.find({ streamId }).toArray();
}

it('an append whose reply was cut after the store took it answers its events, and the stream holds it once', async () => {
  await store.append('counter-cut', 0, [increment(1)], testMetadata);
  proxy.armed = 'after-sending';
  const events = await store.append('counter-cut', 1, [increment(2)], testMetadata);
  expect(proxy.cuts).toBe(1);
  expect(events.map((event) => event.sequence)).toEqual([2]);
  const commits = await commitsOf('counter-cut');
  expect(commits.map((commit) => commit._id)).toEqual([expect.any(String), events[0].id]);
});

it('an append cut before it reached the store is written by the writer itself, once', async () => {
  proxy.armed = 'before-sending';
  const events = await store.append('counter-lost', 0, [increment(3)], testMetadata);
  expect(proxy.cuts).toBe(2);
  expect((await commitsOf('counter-lost')).map((commit) => commit._id)).toEqual([events[0].id]);
});

it('two writers after the same version, the append cut: one wins, the other hears a conflict, never a false success', async () => {
  await store.append('counter-race', 0, [increment(1)], testMetadata);
  proxy.armed = 'before-sending';
  const outcomes = await Promise.allSettled([
    store.append('counter-race', 1, [increment(5)], testMetadata),
    store.append('counter-race', 1, [increment(7)], testMetadata),
  ]);
  expect(proxy.cuts).toBe(3);
  expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
  const refused = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
  expect(refused.reason).toBeInstanceOf(VersionConflictError);
  expect((await commitsOf('counter-race')).map((commit) => commit.sequence)).toEqual([1, 2]);
});
