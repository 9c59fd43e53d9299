export { ensureTopics } from './topics';
export { createIdempotentProducer } from './producer';
export { EventConsumer, type EventConsumerOptions } from './event-consumer';
export { probeKafka, quickKafkaAdmin } from './probe';
