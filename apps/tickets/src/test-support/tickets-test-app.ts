import { startServiceUnderTest, type ServiceUnderTest } from '@itsm/runtime';
import { untilServiceHas, type ManagedIsolatedStack } from '@itsm/testing';
import { MongoClient } from 'mongodb';
import { ticketsApi, type TicketsApi } from '../shared/json-client';
import { TICKETS_SERVICE } from '../tickets.app';
import { TicketsModule } from '../tickets.module';

export interface TicketsUnderTest extends ServiceUnderTest {
  /** waits until the tickets service has taken in this many identity users (with their authorizations) and entities */
  directoryHas(users: number, entities: number): Promise<void>;
  /** waits until the tickets service has taken in this many assets, this many of them trashed */
  assetsKnown(assets: number, trashed?: number): Promise<void>;
}

/** The tickets service on the test file's slice, with its own database; closed with the slice. */
export async function startTickets(
  stack: ManagedIsolatedStack,
  env: Record<string, string> = {},
): Promise<TicketsUnderTest> {
  const tickets = await startServiceUnderTest(
    stack,
    TICKETS_SERVICE,
    (serviceEnv) => TicketsModule.register(serviceEnv),
    env,
  );
  return {
    ...tickets,
    async assetsKnown(assets: number, trashed = 0) {
      await untilServiceHas(stack, 'tickets', 'ticket_assets', assets);
      await untilServiceHas(stack, 'tickets', 'ticket_assets', trashed, { trashed: true });
    },
    async directoryHas(users: number, entities: number) {
      const client = await MongoClient.connect(stack.mongoUrl);
      try {
        const db = client.db(tickets.env.MONGO_DB);
        const deadline = Date.now() + 60_000;
        for (;;) {
          const [known, belonging, tree] = await Promise.all([
            db.collection('directory_users').countDocuments(),
            db.collection('directory_authorizations').countDocuments(),
            db.collection('auth_entity_tree').countDocuments(),
          ]);
          if (known >= users && belonging >= users && tree >= entities) return;
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
