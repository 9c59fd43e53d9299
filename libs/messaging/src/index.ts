export { ensureTopics, parseTopicOverrides, topicConfig, type TopicOverride, type TopicSettings } from './topics';
export { createIdempotentProducer, createTransactionalProducer } from './producer';
export { EventConsumer, decodeEvent, type EventConsumerOptions } from './event-consumer';
export { MessageConsumer, type MessageConsumerOptions, type MessageWhereabouts } from './message-consumer';
export type { Buffering } from './buffered-commits';
export { withinMessage } from './message-origin';
export { probeKafka, quickKafkaAdmin } from './probe';
export { FetchWaitKafka } from './fetch-wait-kafka';
export { setGroupOffsets } from './group-offsets';
export {
  kafkaConnectionFrom,
  SASL_MECHANISMS,
  type KafkaConnection,
  type KafkaConnectionEnv,
  type SaslMechanism,
} from './kafka-connection';
export { eventMessage, tracedEventMessage } from './event-message';
export { currentFlow, withinFlow, type Flow } from './flow';
export { activeTraceHeaders, inSpan, SpanKind, traceContextOf, tracer, type TraceHeaders } from './trace-context';
export {
  kafkaMessageOf,
  parkedMessageOf,
  type ParkedMessage,
  type ParkedStream,
  type StreamParking,
} from './stream-parking';
