export { MongoEventStore, type EventStoreOptions, type RelayLag } from './event-store/event-store';
export { commitOf, PACKED_EVENTS_FROM_BYTES, type StoredCommitDoc } from './event-store/commit-encoding';
export {
  OUTBOX_STREAM,
  PARKED_STREAM,
  type OutboxEntry,
  type ParkedEntry,
  type ParkedReason,
  type RequestKey,
  type StoredCommit,
  type StoredSnapshot,
} from './event-store/stored-commit';
export {
  isDuplicateKeyError,
  RequestReplayedError,
  requestKeyReused,
  VersionConflictError,
} from './event-store/version-conflict.error';
export {
  handleCommand,
  handleRequest,
  loadAggregate,
  type CommandHandlingOptions,
  type CommandResult,
  type CommittedWrite,
  type LoadedAggregate,
  type RequestOnState,
  type StateRequest,
} from './command-handling/handle-command';
export { RecentAggregates } from './command-handling/recent-aggregates';
export { InsertBatcher, type InsertBatcherOptions } from './event-store/insert-batcher';
export { OutboxLease } from './outbox/outbox-lease';
export { OutboxRelay, type OutboxRelayOptions } from './outbox/outbox-relay';
export { publishableCommits } from './outbox/publishable-commits';
export type { Projection, ProjectedFields, ProjectionIndex } from './projections/projection';
export {
  defineProjection,
  handlersFor,
  type EnvelopeOf,
  type ProjectionDefinition,
  type ProjectionHandler,
  type ProjectionHandlers,
} from './projections/define-projection';
export { ProjectionStore, type ProjectionStoreOptions } from './projections/projection-store';
export type { StreamSource } from './projections/fold-into';
export type { StoreReplayOptions } from './projections/store-replay';
export type { TopicSource } from './projections/topic-replay';
export type { ProgressListener, RebuildProgress } from './projections/replay';
export { projectionConsumer } from './projections/projection-consumer';
export { KeyedQueue } from './keyed-queue';
export { concurrentUpsert } from './concurrent-upsert';
export { eventsByStream } from './by-stream';
export { inLanes } from './in-lanes';
export { asContractEnvelope, type ContractEnvelope } from './contract-envelope';
export { projectionHistory, type FieldChange, type HistoryEntry } from './projections/projection-history';
