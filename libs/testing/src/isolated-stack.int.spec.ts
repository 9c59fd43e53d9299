import Redis from 'ioredis';
import { stackKafka } from './stack-kafka';
import { MongoClient } from 'mongodb';
import { createIsolatedStack, destroyIsolatedStack } from './isolated-stack';

describe('isolated test stack', () => {
  it('gives each test file its own database, topic prefix and Redis prefix', () => {
    const first = createIsolatedStack();
    const second = createIsolatedStack();
    expect(first.dbName).not.toBe(second.dbName);
    expect(first.topicPrefix).not.toBe(second.topicPrefix);
    expect(first.redisPrefix).not.toBe(second.redisPrefix);
    expect(first.serviceEnv.MONGO_DB).toBe(first.dbName);
  });

  it('removes the database, topics and keys it was given', async () => {
    const stack = createIsolatedStack();
    const mongo = await MongoClient.connect(stack.mongoUrl);
    const admin = stackKafka(stack).admin();
    const redis = new Redis(stack.redisUrl);
    try {
      await mongo.db(stack.dbName).collection('probe').insertOne({ written: true });
      await admin.connect();
      await admin.createTopics({ topics: [{ topic: `${stack.topicPrefix}probe` }], waitForLeaders: true });
      await redis.set(`${stack.redisPrefix}:probe`, '1');

      await destroyIsolatedStack(stack);

      const databases = await mongo.db().admin().listDatabases();
      expect(databases.databases.map((db) => db.name)).not.toContain(stack.dbName);
      expect((await admin.listTopics()).filter((t) => t.startsWith(stack.topicPrefix))).toEqual([]);
      expect(await redis.exists(`${stack.redisPrefix}:probe`)).toBe(0);
    } finally {
      await mongo.close();
      await admin.disconnect();
      redis.disconnect();
    }
  });
});
