import type { INestApplication } from '@nestjs/common';
import { jsonApi, type JsonApi } from '@itsm/runtime';
import type { ManagedIsolatedStack } from '@itsm/testing';
import { MongoClient } from 'mongodb';
import { createSlaApp } from '../sla.app';
import { SlaModule } from '../sla.module';

export interface SlaUnderTest {
  app: INestApplication;
  url: string;
  api(token?: string): JsonApi;
  close(): Promise<void>;
}

/**
 * The sla service on the test file's slice, with its own database. Several may run at once on the
 * same database, Kafka group and Redis prefix: replicas of one service.
 */
export async function startSla(stack: ManagedIsolatedStack, env: Record<string, string> = {}): Promise<SlaUnderTest> {
  // consumer groups are named after SERVICE_NAME: one of the slice's own keeps test files apart
  const serviceEnv = { SERVICE_NAME: `sla-${stack.dbName}`, ...stack.envFor('sla'), ...env };
  const app = await createSlaApp(SlaModule.register(serviceEnv));
  let closed = false;
  const close = async () => {
    if (!closed) await app.close();
    closed = true;
  };
  stack.onTeardown(close);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, url, api: (token?: string) => jsonApi(url, token), close };
}

/** Waits until the sla service's database has at least `count` documents in `collection`. */
export async function slaHas(stack: ManagedIsolatedStack, collection: string, count: number): Promise<void> {
  const client = await MongoClient.connect(stack.mongoUrl);
  try {
    const db = client.db(stack.envFor('sla').MONGO_DB);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const known = await db.collection(collection).countDocuments();
      if (known >= count) return;
      if (Date.now() > deadline) throw new Error(`sla has ${known} ${collection} after 60 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await client.close();
  }
}
