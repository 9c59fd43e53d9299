import { deadLetterTopicFor } from '@itsm/contracts';
import type { Kafka, KafkaMessage, Producer } from 'kafkajs';
import { createIdempotentProducer } from './producer';

/** sends refused in a row before the producer is replaced */
const REFUSALS_BEFORE_NEW_PRODUCER = 5;

/**
 * Where a consumer group copies its dead letters: `<topic>.dlq`, with the original key, value and
 * headers plus the error and where the message came from. Its producer is replaced after repeated
 * refusals: an idempotent producer may stay fenced after a broker restart.
 */
export class DeadLetterTopic {
  private producer: Producer;
  private refusals = 0;

  constructor(
    private readonly kafka: Kafka,
    private readonly groupId: string,
  ) {
    this.producer = createIdempotentProducer(kafka);
  }

  connect(): Promise<void> {
    return this.producer.connect();
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }

  async send(topic: string, partition: number, message: KafkaMessage, error: Error): Promise<void> {
    if (this.refusals >= REFUSALS_BEFORE_NEW_PRODUCER) await this.replaceProducer();
    try {
      await this.producer.send({
        topic: deadLetterTopicFor(topic),
        acks: -1,
        messages: [
          {
            key: message.key,
            value: message.value,
            headers: {
              ...message.headers,
              'dlq-error': error.message.slice(0, 2000),
              'dlq-source-topic': topic,
              'dlq-source-partition': String(partition),
              'dlq-source-offset': message.offset,
              'dlq-consumer-group': this.groupId,
            },
          },
        ],
      });
      this.refusals = 0;
    } catch (refusal) {
      this.refusals++;
      throw refusal;
    }
  }

  private async replaceProducer(): Promise<void> {
    await this.producer.disconnect().catch(() => undefined);
    this.producer = createIdempotentProducer(this.kafka);
    this.refusals = 0;
    await this.producer.connect();
  }
}
