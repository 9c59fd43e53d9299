import { quickKafkaAdmin, type KafkaConnection } from '@itsm/messaging';
import type Redis from 'ioredis';
import type { Connection } from 'mongoose';

/** Each check resolves when the dependency really answers and throws with the reason otherwise. */
export async function pingMongo(connection: Connection): Promise<void> {
  await connection.asPromise();
  const db = connection.db;
  if (!db) throw new Error('no database handle');
  await db.admin().ping();
}

/** A throw-away client without retries: the check's own timeout decides, and the answer is reported. */
export async function describeKafka(connection: KafkaConnection, signal: AbortSignal): Promise<{ brokers: number }> {
  const admin = quickKafkaAdmin(connection);
  signal.addEventListener('abort', () => void admin.disconnect().catch(() => undefined), { once: true });
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return { brokers: cluster.brokers.length };
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

// While Redis is down the PING waits in ioredis' offline queue; the check's timeout reports it.
export async function pingRedis(redis: Redis): Promise<void> {
  const reply = await redis.ping();
  if (reply !== 'PONG') throw new Error(`PING answered ${reply}`);
}
