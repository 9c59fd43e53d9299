import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { MongoClient } from 'mongodb';
import { StackEndpoints, stackEndpoints } from './stack-endpoints';
import { stackKafka, TEST_FETCH_MAX_WAIT_MS } from './stack-kafka';

/** A test file's own slice of the shared stack: a database, a topic prefix, a Redis key prefix. */
export interface IsolatedStack extends StackEndpoints {
  dbName: string;
  topicPrefix: string;
  redisPrefix: string;
  /** The environment a service under test needs to use exactly this slice. */
  serviceEnv: Record<string, string>;
  /** The same for one of several services on the slice: each keeps its own database, as in production. */
  envFor(service: string): Record<string, string>;
}

const GENEROUS_RATE_LIMITS = [
  'RATE_LIMIT_READ_PER_CALLER',
  'RATE_LIMIT_READ_PER_ADDRESS',
  'RATE_LIMIT_WRITE_PER_CALLER',
  'RATE_LIMIT_WRITE_PER_ADDRESS',
  'RATE_LIMIT_LOGIN_PER_ADDRESS',
];

export function createIsolatedStack(): IsolatedStack {
  const endpoints = stackEndpoints();
  // a signing key of the file's own: identity signs with it, every other service verifies
  const keys = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const id = randomBytes(5).toString('hex');
  const isolated = {
    ...endpoints,
    dbName: `test_${id}`,
    topicPrefix: `test-${id}.`,
    redisPrefix: `test-${id}`,
  };
  const serviceEnv = {
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'warn',
    KAFKA_BROKERS: isolated.kafkaBrokers,
    MONGO_URL: isolated.mongoUrl,
    MONGO_DB: isolated.dbName,
    KAFKA_TOPIC_PREFIX: isolated.topicPrefix,
    REDIS_URL: isolated.redisUrl,
    REDIS_KEY_PREFIX: `${isolated.redisPrefix}:`,
    JWT_PRIVATE_KEY: keys.privateKey,
    JWT_PUBLIC_KEYS: keys.publicKey,
    // a service stops in a moment rather than in 5 s per consumer group it stops in turn
    KAFKA_FETCH_MAX_WAIT_MS: String(TEST_FETCH_MAX_WAIT_MS),
    // every request from 127.0.0.1, a few users doing what a day of work holds: the limits stay
    // on (their Redis round trips too) but far above what a test does unless it sets its own
    ...Object.fromEntries(GENEROUS_RATE_LIMITS.map((name) => [name, '1000000'])),
  };
  return {
    ...isolated,
    serviceEnv,
    envFor: (service) => ({ ...serviceEnv, MONGO_DB: `${isolated.dbName}_${service}` }),
  };
}

/** Drops the slice's database, deletes its topics and Redis keys. */
export async function destroyIsolatedStack(stack: IsolatedStack): Promise<void> {
  await Promise.all([dropDatabase(stack), deleteTopics(stack), deleteRedisKeys(stack)]);
}

/** A slice whose owner closes what was registered (apps, clients) before removing the slice. */
export interface ManagedIsolatedStack extends IsolatedStack {
  /** runs before the slice is removed, last registered first: close apps before their topics go */
  onTeardown(close: () => Promise<unknown>): void;
}

/** Gives the calling test file its slice and removes it after the file's last test. */
export function useIsolatedStack(): ManagedIsolatedStack {
  const stack = createIsolatedStack();
  const closers: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
    await destroyIsolatedStack(stack);
  });
  return { ...stack, onTeardown: (close) => void closers.push(close) };
}

async function dropDatabase({ mongoUrl, dbName }: IsolatedStack) {
  const client = await MongoClient.connect(mongoUrl);
  try {
    // the slice's database, and those of each service started on it (`<dbName>_<service>`)
    const { databases } = await client.db().admin().listDatabases({ nameOnly: true });
    const owned = databases.map((db) => db.name).filter((name) => name === dbName || name.startsWith(`${dbName}_`));
    // side by side: a platform test's six databases, one after the other, took seconds on FerretDB
    await Promise.all(owned.map((name) => client.db(name).dropDatabase()));
  } finally {
    await client.close();
  }
}

async function deleteTopics(stack: IsolatedStack) {
  const admin = stackKafka(stack).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(stack.topicPrefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}

async function deleteRedisKeys({ redisUrl, redisPrefix }: IsolatedStack) {
  const redis = new Redis(redisUrl, { lazyConnect: true });
  await redis.connect();
  try {
    const keys = await redis.keys(`${redisPrefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}
