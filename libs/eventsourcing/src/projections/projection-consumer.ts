import type { UpcasterRegistry } from '@itsm/contracts';
import { EventConsumer, type EventConsumerOptions } from '@itsm/messaging';
import type { Kafka } from 'kafkajs';
import type { ProjectionStore } from './projection-store';

/** Feeds a projection from its topic through a consumer group of its own. */
export function projectionConsumer(
  kafka: Kafka,
  topic: string,
  groupId: string,
  upcasters: UpcasterRegistry,
  store: ProjectionStore<object>,
  /** how its dead letters and retries are reported, and where its dead letters park their streams */
  reports: Pick<EventConsumerOptions, 'onDeadLetter' | 'onRetry' | 'onRestart' | 'parking'> = {},
): EventConsumer {
  return new EventConsumer({
    ...reports,
    kafka,
    groupId,
    topics: [topic],
    upcasters,
    handle: (event) => store.apply(event),
    handleBatch: (events) => store.applyBatch(events),
  });
}
