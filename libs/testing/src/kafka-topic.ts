import type { EventEnvelope } from '@itsm/contracts';
import type { Kafka } from 'kafkajs';
import { readMessages, type TopicMessage } from './kafka-messages';

/** Reads a topic's events from the beginning until `done` says so (or the timeout passed). */
export async function readTopic(
  kafka: Kafka,
  topic: string,
  done: number | ((received: EventEnvelope[]) => boolean),
  timeoutMs = 60_000,
): Promise<EventEnvelope[]> {
  const valuesOf = (messages: TopicMessage[]) => messages.map((message) => message.value as EventEnvelope);
  const finished = typeof done === 'number' ? done : (messages: TopicMessage[]) => done(valuesOf(messages));
  return valuesOf(await readMessages(kafka, topic, finished, timeoutMs));
}

export async function eventually(check: () => Promise<boolean>, timeoutMs = 30_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} not met within ${timeoutMs} ms`);
}
