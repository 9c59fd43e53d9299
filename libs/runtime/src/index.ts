import 'reflect-metadata';
export { ServiceEnv, commandTopicSettings, eventTopicSettings } from './config/service-env';
export { validateServiceEnv, type ServiceDefaults } from './config/validate-service-env';
export { wholeNumberSetting } from './config/whole-number-setting';
export { KAFKA, KAFKA_CONNECTION, MONGO_CONNECTION, REDIS } from './connections/tokens';
export { RuntimeModule, type RuntimeOptions } from './runtime.module';
export { createServiceApp, listen } from './bootstrap';
export { createService, runService, type ServiceDescription } from './service';
export { startServiceUnderTest, type ServiceUnderTest, type TestSlice } from './service-under-test';
export {
  EventSourcingModule,
  projectionGroupId,
  type EventReactor,
  type EventSourcingOptions,
  type ReactorRegistration,
} from './event-sourcing/event-sourcing.module';
export {
  EventSourcedCommands,
  type CommandOutcome,
  type ExecuteOptions,
} from './event-sourcing/event-sourced-commands';
export {
  ProjectionRegistry,
  type InlineApplyListener,
  type RebuildSources,
} from './event-sourcing/projection-registry';
export { CachedReads } from './event-sourcing/cached-reads';
export { EVENT_STORE } from './event-sourcing/tokens';
export { consumerReports } from './event-sourcing/consumer-reports';
export { DeadLetters, type DeadLetterOptions } from './event-sourcing/dead-letters';
export type { DeadLetterReport } from './event-sourcing/parked-streams.store';
export { REQUIRED_RIGHTS, RequireRights } from './http/required-rights';
export { ProblemDetailsFilter } from './http/problem-details.filter';
export { problemOf, statusOf, PROBLEM_CONTENT_TYPE, type Problem } from './http/problem';
export { validationPipe } from './http/validation';
export { StepTimings, timingsOf } from './http/server-timing';
export { setupOpenApi, withProblems } from './openapi';
export { PageQuery, pageOf, contains, type Page } from './http/page';
export { fanOutPage, type FanOut } from './http/fan-out-page';
export { ID_PATTERN, IdField, IdParam } from './http/id';
export { RateLimits, type Budget } from './limits/rate-limits';
export { Idempotent } from './idempotency/idempotency.interceptor';
export { newId } from './idempotency/idempotent-request';
export { BodyLimit, RateLimit, SmallBody, type BodyLimits, type RouteClass } from './limits/route-limits';
export { IsCalendarDay, IsInstant, IsInstantOrDay } from './http/dates';
export { jsonApi, type ApiAnswer, type JsonApi } from './http/json-api';
export { startCommandConsumer } from './commands/command-consumer';
export { KafkaCommandServer, type KafkaCommandServerOptions } from './commands/kafka-command.server';
export { KafkaCommandContext } from './commands/kafka-command.context';
export { COMMAND_GUARD } from './commands/tokens';
export { RedisOutageLog, type OutageLogger } from './connections/redis-outage-log';
export { SingletonJob, type SingletonJobOptions } from './scheduled-jobs/singleton-job';
export {
  DelayedJobs,
  type DelayedJob,
  type DelayedJobsOptions,
  type FireDelayedJob,
} from './scheduled-jobs/delayed-jobs';
export { TimerKeeper, type TimerKeeperOptions } from './scheduled-jobs/timer-keeper';
export { keepTrying, type KeepTryingOptions } from './scheduled-jobs/keep-trying';
export { Metrics } from './observability/metrics';
export { ConsumerLag } from './observability/consumer-lag';
export { IndexReadiness, RowIndex, type IndexedRow } from './read-index/row-index';
export { ReadModelRows, latestSequences, type RowSource } from './read-index/read-model-rows';
export { ReadModelIndexFeed, type IndexFeedOptions } from './read-index/read-model-index.feed';
export { IndexFeeds, type IndexFeedStatus } from './read-index/index-feeds';
export type { FedIndex, SnapshotCapable, StreamEvent } from './read-index/fed-index';
export { IndexSnapshots, INDEX_SNAPSHOTS } from './read-index/index-snapshots';
export { selectRows, type RowSelection } from './read-index/select-rows';
