import { startServiceUnderTest, type ServiceUnderTest } from '@itsm/runtime';
import type { ManagedIsolatedStack } from '@itsm/testing';
import { MongoClient } from 'mongodb';
import { ticketsApi, type TicketsApi } from '../shared/json-client';
import { TICKETS_SERVICE } from '../tickets.app';
import { TicketsModule } from '../tickets.module';

export interface TicketsUnderTest extends ServiceUnderTest {
  /** waits until the tickets service has taken in this many identity users (with their authorizations) and entities */
  directoryHas(users: number, entities: number): Promise<void>;
  /** waits until the tickets service has taken in this many assets (and trashed this many of them) */
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
  /** Counts documents of the service's read models until `reached` says so, for up to 60 s. */
  const until = async (
    counts: Record<string, [collection: string, filter: object]>,
    reached: (found: Record<string, number>) => boolean,
    what: string,
  ) => {
    const client = await MongoClient.connect(stack.mongoUrl);
    try {
      const db = client.db(tickets.env.MONGO_DB);
      const deadline = Date.now() + 60_000;
      for (;;) {
        const found = Object.fromEntries(
          await Promise.all(
            Object.entries(counts).map(async ([key, [collection, filter]]) => [
              key,
              await db.collection(collection).countDocuments(filter),
            ]),
          ),
        );
        if (reached(found)) return;
        if (Date.now() > deadline) throw new Error(`tickets knows ${what} ${JSON.stringify(found)} after 60 s`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await client.close();
    }
  };
  return {
    ...tickets,
    directoryHas: (users: number, entities: number) =>
      until(
        {
          known: ['directory_users', {}],
          belonging: ['directory_authorizations', {}],
          tree: ['auth_entity_tree', {}],
        },
        ({ known, belonging, tree }) => known >= users && belonging >= users && tree >= entities,
        'users and entities',
      ),
    assetsKnown: (assets: number, trashed = 0) =>
      until(
        { all: ['ticket_assets', {}], trashed: ['ticket_assets', { trashed: true }] },
        (found) => found.all >= assets && found.trashed >= trashed,
        'assets',
      ),
  };
}

export { ticketsApi, type TicketsApi };
