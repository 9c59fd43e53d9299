import type { KafkaMessage } from 'kafkajs';
import { withinFlow, type Flow } from './flow';
import { inSpan, SpanKind, traceContextOf } from './trace-context';

/** Where a decoded message came from: what its handling continues (trace, flow). */
interface MessageOrigin {
  topic: string;
  partition: number;
  message: KafkaMessage;
  groupId: string;
  flow?: Flow;
}

// by the decoded message itself: a batch handler handing its events one by one needs no more than them
const origins = new WeakMap<object, MessageOrigin>();

export function rememberOrigin(decoded: unknown, origin: MessageOrigin): void {
  if (typeof decoded === 'object' && decoded !== null) origins.set(decoded, origin);
}

/**
 * Runs the handling of a decoded message within its flow and a consumer span, child of the trace
 * context it came with (its `traceparent` header). A value not decoded by a consumer runs as is.
 */
export function withinMessage<T>(decoded: unknown, handle: () => Promise<T>): Promise<T> {
  const origin = typeof decoded === 'object' && decoded !== null ? origins.get(decoded) : undefined;
  if (!origin) return handle();
  const { topic, partition, message, groupId, flow } = origin;
  const traced = () =>
    inSpan(
      `${topic} process`,
      {
        kind: SpanKind.CONSUMER,
        parent: traceContextOf(message.headers),
        attributes: {
          'messaging.system': 'kafka',
          'messaging.operation.type': 'process',
          'messaging.destination.name': topic,
          'messaging.destination.partition.id': String(partition),
          'messaging.kafka.offset': Number(message.offset),
          'messaging.consumer.group.name': groupId,
          ...(message.headers?.['event-type'] && { 'itsm.event.type': String(message.headers['event-type']) }),
        },
      },
      handle,
    );
  return flow ? withinFlow(flow, traced) : traced();
}
