import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { TEST_FETCH_MAX_WAIT_MS } from './stack-kafka';

/** A Kafka message as it travelled: its key and headers as UTF-8 strings (a repeated header as a list), its value parsed from JSON. */
export interface TopicMessage {
  key: string | null;
  headers: Record<string, string | string[]>;
  value: unknown;
}

/** Reads a topic from the beginning until `done` says so (a count, or a test of what came), keys and headers included. */
export async function readMessages(
  kafka: Kafka,
  topic: string,
  done: number | ((received: TopicMessage[]) => boolean),
  timeoutMs = 60_000,
): Promise<TopicMessage[]> {
  const finished = typeof done === 'number' ? (received: TopicMessage[]) => received.length >= done : done;
  // whichever client it is given: its stop waits for the fetch under way
  const consumer: Consumer = kafka.consumer({
    groupId: `reader-${topic}-${Math.random()}`,
    maxWaitTimeInMs: TEST_FETCH_MAX_WAIT_MS,
  });
  const received: TopicMessage[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${received.length} messages on ${topic}`)), timeoutMs);
      void consumer.run({
        eachMessage: async ({ message }) => {
          received.push(decoded(message));
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

function decoded(message: KafkaMessage): TopicMessage {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.map(String) : String(value);
  }
  return {
    key: message.key?.toString('utf8') ?? null,
    headers,
    value: JSON.parse(message.value?.toString('utf8') ?? 'null'),
  };
}
