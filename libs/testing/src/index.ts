export { stackEndpoints, type StackEndpoints } from './stack-endpoints';
export { stackKafka, TEST_FETCH_MAX_WAIT_MS } from './stack-kafka';
export {
  createIsolatedStack,
  destroyIsolatedStack,
  useIsolatedStack,
  type IsolatedStack,
  type ManagedIsolatedStack,
} from './isolated-stack';
export { deciderSpecification } from './decider-specification';
export { untilServiceHas } from './collection-count';
export { eventually, readTopic } from './kafka-topic';
export { startSmtpSink, type ReceivedMail, type SmtpSink } from './smtp-sink';
export { startWebhookSink, type ReceivedWebhook, type WebhookResponder, type WebhookSink } from './webhook-sink';
export { EventPublisher } from './event-publisher';
export { acceptedData, CommandSender, type CommandOptions } from './command-sender';
export { projectEvents, type FoldableProjection, type GivenEvent } from './project-events';
export { readMessages, type TopicMessage } from './kafka-messages';
export { asyncApiConformance, type AsyncApiDocument } from './asyncapi-conformance';
export { freePort, startPrivatePiece, type PrivatePiece } from './private-piece';
