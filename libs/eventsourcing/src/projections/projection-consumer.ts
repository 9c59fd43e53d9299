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
  /** each apply's duration (the service's metrics) */
  onApplied?: (seconds: number, mode: 'event' | 'batch') => void,
): EventConsumer {
  const timed = async (mode: 'event' | 'batch', apply: () => Promise<void>) => {
    const started = performance.now();
    await apply();
    onApplied?.((performance.now() - started) / 1000, mode);
  };
  return new EventConsumer({
    ...reports,
    kafka,
    groupId,
    topics: [topic],
    upcasters,
    // the events it has no handler for are never decoded (a service reads its own topic once per
    // projection: an import's computers, for each of them)
    handles: store.handles,
    handle: (event) => timed('event', () => store.apply(event)),
    handleBatch: (events) => timed('batch', () => store.applyBatch(events)),
  });
}
