import type { EventEnvelope } from '@itsm/contracts';
import type { Consumer, Kafka } from 'kafkajs';

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
