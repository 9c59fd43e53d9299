export { ensureTopics } from './topics';
export { createIdempotentProducer } from './producer';
export { EventConsumer, type EventConsumerOptions } from './event-consumer';
export { MessageConsumer, type MessageConsumerOptions } from './message-consumer';
export { probeKafka, quickKafkaAdmin } from './probe';
export { eventMessage } from './event-message';
export {
  kafkaMessageOf,
  parkedMessageOf,
  type ParkedMessage,
  type ParkedStream,
  type StreamParking,
} from './stream-parking';
