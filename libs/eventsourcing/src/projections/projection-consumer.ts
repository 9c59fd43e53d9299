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
  reports: Pick<EventConsumerOptions, 'onDeadLetter' | 'onRetry'> = {},
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
