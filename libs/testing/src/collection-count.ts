import { MongoClient } from 'mongodb';
import type { ManagedIsolatedStack } from './isolated-stack';

/** Waits until a service's database on the slice has at least `count` documents in `collection`. */
export async function untilServiceHas(
  stack: ManagedIsolatedStack,
  service: string,
  collection: string,
  count: number,
): Promise<void> {
  const client = await MongoClient.connect(stack.mongoUrl);
  try {
    const db = client.db(stack.envFor(service).MONGO_DB);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const known = await db.collection(collection).countDocuments();
      if (known >= count) return;
      if (Date.now() > deadline) throw new Error(`${service} has ${known} ${collection} after 60 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await client.close();
  }
}
