import { Kafka, logLevel, type Admin } from 'kafkajs';
import type { KafkaConnection } from './kafka-connection';

/** An admin client that tries once: the caller decides how long to wait, and nothing is logged. */
export function quickKafkaAdmin(connection: KafkaConnection): Admin {
  return new Kafka({
    ...connection,
    retry: { retries: 0 },
    connectionTimeout: 1000,
    logLevel: logLevel.NOTHING,
  }).admin();
}

/**
 * One quick connection attempt, without kafkajs's retries: lets a background starter find out
 * that Kafka is down in a second instead of ten, and without a log line per retry.
 */
export async function probeKafka(connection: KafkaConnection): Promise<void> {
  const admin = quickKafkaAdmin(connection);
  try {
    await admin.connect();
  } finally {
    await admin.disconnect();
  }
}
