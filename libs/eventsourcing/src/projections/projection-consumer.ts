import type { UpcasterRegistry } from '@itsm/contracts';
import { EventConsumer } from '@itsm/messaging';
import type { Kafka } from 'kafkajs';
import type { ProjectionStore } from './projection-store';

/** Feeds a projection from its topic through a consumer group of its own. */
export function projectionConsumer(
  kafka: Kafka,
  topic: string,
  groupId: string,
  upcasters: UpcasterRegistry,
  store: ProjectionStore<object>,
): EventConsumer {
  return new EventConsumer({
    kafka,
    groupId,
    topics: [topic],
    upcasters,
    handle: (event) => store.apply(event),
    handleBatch: (events) => store.applyBatch(events),
  });
}
