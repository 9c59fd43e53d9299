import { upcast, type EventEnvelope, type UpcasterRegistry } from '@itsm/contracts';
import type { KafkaMessage } from 'kafkajs';
import { MessageConsumer, type MessageConsumerOptions } from './message-consumer';

export interface EventConsumerOptions extends Omit<MessageConsumerOptions<EventEnvelope>, 'decode' | 'flowOf'> {
  upcasters: UpcasterRegistry;
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
      flowOf: (event) => ({ correlationId: event.correlationId, causationId: event.id }),
    });
  }
}

/** A message's event envelope, upcast to its newest version; throws when the message holds none. */
export function decodeEvent(message: KafkaMessage, upcasters: UpcasterRegistry): EventEnvelope {
  const envelope = JSON.parse(message.value?.toString('utf8') ?? '') as EventEnvelope;
  if (typeof envelope?.type !== 'string' || typeof envelope.sequence !== 'number')
    throw new Error('not an event envelope');
  return upcast(envelope, upcasters);
}
