import { randomUUID } from 'node:crypto';
import { newestVersion, topicFor, upcasters, type DomainEvent } from '@itsm/contracts';
import { createIdempotentProducer, ensureTopics, eventMessage } from '@itsm/messaging';
import type { Kafka, Producer } from 'kafkajs';
import { v7 as uuidv7 } from 'uuid';
import type { ManagedIsolatedStack } from './isolated-stack';
import { stackKafka } from './stack-kafka';

/**
 * Plays another context in a service's tests: well-formed envelopes on that context's topic of
 * the test slice, sequences counted per stream. The service under test sees only the contracts.
 */
export class EventPublisher {
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly sequences = new Map<string, number>();
  readonly topic: string;

  constructor(
    stack: ManagedIsolatedStack,
    private readonly context: string,
  ) {
    this.kafka = stackKafka(stack);
    this.producer = createIdempotentProducer(this.kafka);
    this.topic = topicFor(context, stack.topicPrefix);
    stack.onTeardown(() => this.producer.disconnect());
  }

  async connect(): Promise<void> {
    await ensureTopics(this.kafka, [this.topic, `${this.topic}.dlq`]);
    await this.producer.connect();
  }

  /** Publishes the events as the stream's next ones; returns their envelopes. */
  async publish(streamId: string, entityId: string, events: DomainEvent[], occurredAt = new Date()) {
    const first = this.sequences.get(streamId) ?? 0;
    this.sequences.set(streamId, first + events.length);
    const envelopes = events.map((event, index) => ({
      id: uuidv7(),
      type: event.type,
      // in their newest version, as their service writes them
      schemaVersion: newestVersion(event.type, upcasters),
      streamId,
      sequence: first + index + 1,
      entityId,
      occurredAt: occurredAt.toISOString(),
      actor: { kind: 'system' as const, id: `${this.context}-fixture` },
      correlationId: randomUUID(),
      causationId: randomUUID(),
      data: event.data,
    }));
    await this.producer.send({
      topic: this.topic,
      acks: -1,
      messages: envelopes.map(eventMessage),
    });
    return envelopes;
  }
}
