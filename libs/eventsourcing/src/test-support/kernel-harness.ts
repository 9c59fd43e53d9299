import { upcasterRegistry, type Upcaster } from '@itsm/contracts';
import { createTransactionalProducer, ensureTopics } from '@itsm/messaging';
import { stackKafka, type IsolatedStack } from '@itsm/testing';
import type { Kafka, Producer } from 'kafkajs';
import mongoose, { type Connection } from 'mongoose';
import { MongoEventStore } from '../event-store/event-store';

/** The kernel's pieces wired to a test file's slice of the real stack. */
export interface KernelHarness {
  connection: Connection;
  kafka: Kafka;
  topic: string;
  store: MongoEventStore;
  /** a relay's producer maker (OutboxRelayOptions.newProducer): relays of one outbox share the id */
  relayProducers(transactionalId: string): () => Promise<Producer>;
  close(): Promise<void>;
}

export async function kernelHarness(stack: IsolatedStack, upcasters: Upcaster[] = []): Promise<KernelHarness> {
  const connection = await mongoose
    .createConnection(stack.mongoUrl, { dbName: stack.dbName, maxPoolSize: 20 })
    .asPromise();
  const kafka = stackKafka(stack, 'kernel-test');
  const topic = `${stack.topicPrefix}itsm.test.events`;
  await ensureTopics(kafka, [topic, `${topic}.dlq`]);
  const store = new MongoEventStore(connection, { upcasters: upcasterRegistry(upcasters) });
  await store.createIndexes();
  const producers: Producer[] = [];
  const relayProducers = (transactionalId: string) => async () => {
    const producer = createTransactionalProducer(kafka, transactionalId);
    producers.push(producer);
    await producer.connect();
    return producer;
  };
  const close = async () => {
    // a relay lets its producer go when it stops; those of relays a test left are closed here
    await Promise.all(producers.map((producer) => producer.disconnect().catch(() => undefined)));
    await connection.close();
  };
  return { connection, kafka, topic, store, relayProducers, close };
}

export const testMetadata = {
  entityId: 'root',
  actor: { kind: 'system' as const, id: 'test' },
  correlationId: 'c',
  causationId: 'c',
};

export { eventually, readTopic } from '@itsm/testing';
