import type { Kafka, Producer } from 'kafkajs';

/** Idempotent producer: acks from all in-sync replicas, one request in flight, so retries neither reorder nor duplicate. */
export function createIdempotentProducer(kafka: Kafka): Producer {
  return kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
}
