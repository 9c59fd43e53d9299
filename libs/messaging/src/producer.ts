import type { Kafka, Producer } from 'kafkajs';

/** Idempotent producer: acks from all in-sync replicas, one request in flight, so retries neither reorder nor duplicate. */
export function createIdempotentProducer(kafka: Kafka): Producer {
  return kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
}

/**
 * The same, sending in transactions under `transactionalId`: a producer made later with the same
 * id fences this one (Kafka aborts its open transaction and refuses its later sends and commits).
 */
export function createTransactionalProducer(kafka: Kafka, transactionalId: string): Producer {
  return kafka.producer({ transactionalId, idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
}
