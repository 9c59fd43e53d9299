import { topicFor, type EventEnvelope } from '@itsm/contracts';
import { createIdempotentProducer, ensureTopics, eventMessage } from '@itsm/messaging';
import { type ManagedIsolatedStack, stackKafka } from '@itsm/testing';
import { Kafka, type Producer } from 'kafkajs';

/** The context whose topic carries an event of a TicketHistory. */
export const contextOf = (event: EventEnvelope): 'tickets' | 'sla' | 'assets' =>
  event.type.startsWith('sla.') || event.type.startsWith('calendar.')
    ? 'sla'
    : event.type.startsWith('asset')
      ? 'assets'
      : 'tickets';

/** Publishes a TicketHistory's envelopes as they are, each on its context's topic of the slice. */
export class HistoryPublisher {
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly topics: Record<'tickets' | 'sla' | 'assets', string>;

  constructor(stack: ManagedIsolatedStack) {
    this.kafka = stackKafka(stack);
    this.producer = createIdempotentProducer(this.kafka);
    this.topics = {
      tickets: topicFor('tickets', stack.topicPrefix),
      sla: topicFor('sla', stack.topicPrefix),
      assets: topicFor('assets', stack.topicPrefix),
    };
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
    for (const context of ['tickets', 'sla', 'assets'] as const) {
      const messages = events.filter((event) => contextOf(event) === context);
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
