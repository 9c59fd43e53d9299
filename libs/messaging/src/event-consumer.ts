import { upcast, type EventEnvelope, type UpcasterRegistry } from '@itsm/contracts';
import type { KafkaMessage } from 'kafkajs';
import { MessageConsumer, type MessageConsumerOptions } from './message-consumer';

export interface EventConsumerOptions
  extends Omit<MessageConsumerOptions<EventEnvelope>, 'decode' | 'flowOf' | 'accepts'> {
  upcasters: UpcasterRegistry;
  /**
   * The event types the handler acts on, when it ignores the others: those are passed over
   * undecoded, told by their `event-type` header (a message without one is decoded as ever).
   */
  handles?: ReadonlySet<string>;
}

/**
 * A consumer of event envelopes, upcast to their newest version before they are handled; each is
 * handled in its flow: the event's correlation id, the event as the cause of what it leads to.
 */
export class EventConsumer extends MessageConsumer<EventEnvelope> {
  constructor(options: EventConsumerOptions) {
    super({
      ...options,
      decode: (message) => decodeEvent(message, options.upcasters),
      ...(options.handles && { accepts: (message: KafkaMessage) => ofTypes(message, options.handles!) }),
      flowOf: (event) => ({ correlationId: event.correlationId, causationId: event.id }),
    });
  }
}

/** Whether an event message is of one of these types, by its `event-type` header (upcasting keeps an event's type); true without one. */
export function ofTypes(message: KafkaMessage, types: ReadonlySet<string>): boolean {
  const type = message.headers?.['event-type'];
  if (type === undefined || type === null) return true;
  return types.has(Array.isArray(type) ? String(type[0]) : String(type));
}

/** A message's event envelope, upcast to its newest version; throws when the message holds none. */
export function decodeEvent(message: KafkaMessage, upcasters: UpcasterRegistry): EventEnvelope {
  const envelope = JSON.parse(message.value?.toString('utf8') ?? '') as EventEnvelope;
  if (typeof envelope?.type !== 'string' || typeof envelope.sequence !== 'number')
    throw new Error('not an event envelope');
  return upcast(envelope, upcasters);
}
