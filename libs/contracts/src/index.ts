export type { EventActor, EventEnvelope, DomainEvent, EventMetadata } from './envelope';
export type { ContractEvent, ContractEventType } from './contract-event';
export type { JsonSchema } from './json-schema';
export {
  topicFor,
  deadLetterTopicFor,
  definitionKey,
  latestVersions,
  type EventDefinition,
  type ContextEvents,
} from './event-definition';
export { envelopeSchema } from './envelope.schema';
export { newestVersion, upcast, upcasterRegistry, type Upcaster, type UpcasterRegistry } from './upcasting';
export { breakingChanges } from './schema-compatibility';
export { asyncApiDocument } from './asyncapi';
export { eventCatalogue, upcasters } from './registry';
export * from './identity/identity.events';
export * from './tickets/tickets.events';
export * from './sla/sla.events';
export * from './imports/imports.events';
export * from './assets/assets.events';
export * from './commands';
