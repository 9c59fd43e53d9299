import { upcasterRegistry, type EventEnvelope, type Upcaster } from '@itsm/contracts';
import { ensureTopics } from '@itsm/messaging';
import type { IsolatedStack } from '@itsm/testing';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import mongoose, { type Connection } from 'mongoose';
import { MongoEventStore } from '../event-store/event-store';

/** The kernel's pieces wired to a test file's slice of the real stack. */
export interface KernelHarness {
  connection: Connection;
  kafka: Kafka;
  topic: string;
  store: MongoEventStore;
  close(): Promise<void>;
}

export async function kernelHarness(stack: IsolatedStack, upcasters: Upcaster[] = []): Promise<KernelHarness> {
  const connection = await mongoose
    .createConnection(stack.mongoUrl, { dbName: stack.dbName, maxPoolSize: 20 })
    .asPromise();
  const kafka = new Kafka({
    brokers: stack.kafkaBrokers.split(','),
    logLevel: logLevel.NOTHING,
    clientId: 'kernel-test',
  });
  const topic = `${stack.topicPrefix}itsm.test.events`;
  await ensureTopics(kafka, [topic, `${topic}.dlq`]);
  const store = new MongoEventStore(connection, { upcasters: upcasterRegistry(upcasters) });
  await store.createIndexes();
  return { connection, kafka, topic, store, close: () => connection.close() };
}

/** Reads a topic from the beginning until `done` says so (or the timeout passed). */
export async function readTopic(
  kafka: Kafka,
  topic: string,
  done: number | ((received: EventEnvelope[]) => boolean),
  timeoutMs = 60_000,
): Promise<EventEnvelope[]> {
  const finished = typeof done === 'number' ? (received: EventEnvelope[]) => received.length >= done : done;
  const consumer: Consumer = kafka.consumer({ groupId: `reader-${topic}-${Math.random()}` });
  const received: EventEnvelope[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${received.length} messages on ${topic}`)), timeoutMs);
      void consumer.run({
        eachMessage: async ({ message }) => {
          received.push(JSON.parse(message.value!.toString()));
          if (finished(received)) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return received;
}

export async function eventually(check: () => Promise<boolean>, timeoutMs = 30_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} not met within ${timeoutMs} ms`);
}

export const testMetadata = {
  entityId: 'root',
  actor: { kind: 'system' as const, id: 'test' },
  correlationId: 'c',
  causationId: 'c',
};
