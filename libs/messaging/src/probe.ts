import { Kafka, logLevel, type Admin } from 'kafkajs';

/** An admin client that tries once: the caller decides how long to wait, and nothing is logged. */
export function quickKafkaAdmin(brokers: string[]): Admin {
  return new Kafka({ brokers, retry: { retries: 0 }, connectionTimeout: 1000, logLevel: logLevel.NOTHING }).admin();
}

/**
 * One quick connection attempt, without kafkajs's retries: lets a background starter find out
 * that Kafka is down in a second instead of ten, and without a log line per retry.
 */
export async function probeKafka(brokers: string[]): Promise<void> {
  const admin = quickKafkaAdmin(brokers);
  try {
    await admin.connect();
  } finally {
    await admin.disconnect();
  }
}
