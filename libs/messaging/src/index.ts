export { ensureTopics, parseTopicOverrides, topicConfig, type TopicOverride, type TopicSettings } from './topics';
export { createIdempotentProducer, createTransactionalProducer } from './producer';
export { EventConsumer, decodeEvent, type EventConsumerOptions } from './event-consumer';
export { MessageConsumer, type MessageConsumerOptions } from './message-consumer';
export { probeKafka, quickKafkaAdmin } from './probe';
export {
  kafkaConnectionFrom,
  SASL_MECHANISMS,
  type KafkaConnection,
  type KafkaConnectionEnv,
  type SaslMechanism,
} from './kafka-connection';
export { eventMessage } from './event-message';
export {
  kafkaMessageOf,
  parkedMessageOf,
  type ParkedMessage,
  type ParkedStream,
  type StreamParking,
} from './stream-parking';
