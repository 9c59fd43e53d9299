import type { INestApplication } from '@nestjs/common';
import type { ManagedIsolatedStack } from '@itsm/testing';
import { MongoClient } from 'mongodb';
import { ticketsApi, type TicketsApi } from '../shared/json-client';
import { createTicketsApp } from '../tickets.app';
import { TicketsModule } from '../tickets.module';

export interface TicketsUnderTest {
  app: INestApplication;
  url: string;
  api(token?: string): TicketsApi;
  /** waits until the tickets service has taken in this many identity users and entities */
  directoryHas(users: number, entities: number): Promise<void>;
}

/** The tickets service on the test file's slice, with its own database; closed with the slice. */
export async function startTickets(
  stack: ManagedIsolatedStack,
  env: Record<string, string> = {},
): Promise<TicketsUnderTest> {
  // Kafka consumer groups are named after SERVICE_NAME, not the topic prefix: a name of the slice's
  // own keeps test files (and benches) on the shared broker from taking each other's partitions
  const serviceEnv: Record<string, string> = {
    SERVICE_NAME: `tickets-${stack.dbName}`,
    ...stack.envFor('tickets'),
    ...env,
  };
  const app = await createTicketsApp(TicketsModule.register(serviceEnv));
  stack.onTeardown(() => app.close());
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    app,
    url,
    api: (token?: string) => ticketsApi(url, token),
    async directoryHas(users: number, entities: number) {
      const client = await MongoClient.connect(stack.mongoUrl);
      try {
        const db = client.db(serviceEnv.MONGO_DB);
        const deadline = Date.now() + 60_000;
        for (;;) {
          const [known, tree] = await Promise.all([
            db.collection('directory_users').countDocuments(),
            db.collection('auth_entity_tree').countDocuments(),
          ]);
          if (known >= users && tree >= entities) return;
          if (Date.now() > deadline) throw new Error(`tickets knows ${known} users and ${tree} entities after 60 s`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      } finally {
        await client.close();
      }
    },
  };
}

export { ticketsApi, type TicketsApi };
