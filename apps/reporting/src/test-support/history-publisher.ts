import { topicFor, type EventEnvelope } from '@itsm/contracts';
import { createIdempotentProducer, ensureTopics, eventMessage } from '@itsm/messaging';
import type { ManagedIsolatedStack } from '@itsm/testing';
import { Kafka, logLevel, type Producer } from 'kafkajs';

/** Publishes a TicketHistory's envelopes as they are, each on its context's topic of the slice (sla.*: sla). */
export class HistoryPublisher {
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly topics: Record<'tickets' | 'sla', string>;

  constructor(stack: ManagedIsolatedStack) {
    this.kafka = new Kafka({ brokers: stack.kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
    this.producer = createIdempotentProducer(this.kafka);
    this.topics = { tickets: topicFor('tickets', stack.topicPrefix), sla: topicFor('sla', stack.topicPrefix) };
    stack.onTeardown(() => this.producer.disconnect());
  }

  async connect(): Promise<void> {
    await ensureTopics(
      this.kafka,
      Object.values(this.topics).flatMap((topic) => [topic, `${topic}.dlq`]),
    );
    await this.producer.connect();
  }

  async publish(events: readonly EventEnvelope[]): Promise<void> {
    for (const context of ['tickets', 'sla'] as const) {
      const messages = events.filter((event) => (event.type.startsWith('sla.') ? 'sla' : 'tickets') === context);
      for (let at = 0; at < messages.length; at += 500) {
        await this.producer.send({
          topic: this.topics[context],
          acks: -1,
          messages: messages.slice(at, at + 500).map(eventMessage),
        });
      }
    }
  }
}
