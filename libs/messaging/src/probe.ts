import { Kafka, logLevel } from 'kafkajs';

/**
 * One quick connection attempt, without kafkajs's retries: lets a background starter find out
 * that Kafka is down in a second instead of ten, and without a log line per retry.
 */
export async function probeKafka(brokers: string[]): Promise<void> {
  const admin = new Kafka({ brokers, retry: { retries: 0 }, connectionTimeout: 1000, logLevel: logLevel.NOTHING }).admin();
  try {
    await admin.connect();
  } finally {
    await admin.disconnect();
  }
}
