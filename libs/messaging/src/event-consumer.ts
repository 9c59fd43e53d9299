import { deadLetterTopicFor, upcast, type EventEnvelope, type UpcasterRegistry } from '@itsm/contracts';
import { isTransient } from '@itsm/domain';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { createIdempotentProducer } from './producer';

export interface EventConsumerOptions {
  kafka: Kafka;
  groupId: string;
  topics: string[];
  upcasters: UpcasterRegistry;
  handle(event: EventEnvelope): Promise<void>;
  /**
   * When given, each fetched batch of a partition is handled in one call; if that call fails, the
   * batch is handled again message by message through `handle`, with retries and the DLQ.
   */
  handleBatch?(events: EventEnvelope[]): Promise<void>;
  /** attempts per message before it goes to `<topic>.dlq` */
  maxAttempts?: number;
  /** first retry delay; doubles at each attempt */
  backoffMs?: number;
  /** partitions handled at once; order holds within a partition, so per stream (default 3) */
  partitionsConsumedConcurrently?: number;
  onDeadLetter?(topic: string, message: KafkaMessage, error: Error): void;
}

/**
 * A consumer group member: handles each message, commits only after handling, retries transient
 * failures with backoff, and after the last attempt (at once for a final DomainError) parks the message in the dead-letter topic (original key,
 * value and headers, plus the error) so the partition moves on.
 */
export class EventConsumer {
  private readonly consumer: Consumer;
  private readonly dlqProducer: Producer;

  constructor(private readonly options: EventConsumerOptions) {
    this.consumer = options.kafka.consumer({ groupId: options.groupId, allowAutoTopicCreation: false });
    this.dlqProducer = createIdempotentProducer(options.kafka);
  }

  async start(fromBeginning = true): Promise<void> {
    await this.dlqProducer.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.options.topics, fromBeginning });
    const partitionsConsumedConcurrently = this.options.partitionsConsumedConcurrently ?? 3;
    await this.consumer.run(
      this.options.handleBatch
        ? {
            partitionsConsumedConcurrently,
            eachBatchAutoResolve: false,
            eachBatch: (payload) => this.processBatch(payload),
          }
        : {
            partitionsConsumedConcurrently,
            eachMessage: ({ topic, partition, message }) => this.process(topic, partition, message),
          },
    );
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
    await this.dlqProducer.disconnect();
  }

  private async processBatch({ batch, resolveOffset, heartbeat }: EachBatchPayload): Promise<void> {
    try {
      await this.options.handleBatch!(batch.messages.map((message) => this.decode(message)));
      for (const message of batch.messages) resolveOffset(message.offset);
      return;
    } catch {
      // one bad message must not hold the others back: go message by message
    }
    for (const message of batch.messages) {
      await this.process(batch.topic, batch.partition, message);
      resolveOffset(message.offset);
      await heartbeat();
    }
  }

  private async process(topic: string, partition: number, message: KafkaMessage): Promise<void> {
    const maxAttempts = this.options.maxAttempts ?? 5;
    let lastError: Error = new Error('not handled');
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      try {
        await this.options.handle(this.decode(message));
        return;
      } catch (error) {
        lastError = error instanceof Error ? error : new Error(String(error));
        // retrying cannot help an undecodable message, nor a refusal the domain says is final
        if (lastError instanceof UndecodableMessageError || !isTransient(error)) break;
        if (attempt < maxAttempts) await sleep((this.options.backoffMs ?? 100) * 2 ** (attempt - 1));
      }
    }
    await this.deadLetter(topic, partition, message, lastError);
  }

  private decode(message: KafkaMessage): EventEnvelope {
    try {
      const envelope = JSON.parse(message.value?.toString('utf8') ?? '') as EventEnvelope;
      if (typeof envelope?.type !== 'string' || typeof envelope.sequence !== 'number')
        throw new Error('not an event envelope');
      return upcast(envelope, this.options.upcasters);
    } catch (error) {
      throw new UndecodableMessageError((error as Error).message);
    }
  }

  private async deadLetter(topic: string, partition: number, message: KafkaMessage, error: Error): Promise<void> {
    // if this send fails the handler throws, the offset is not committed and the message comes back
    await this.dlqProducer.send({
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
            'dlq-consumer-group': this.options.groupId,
          },
        },
      ],
    });
    this.options.onDeadLetter?.(topic, message, error);
  }
}

class UndecodableMessageError extends Error {
  constructor(reason: string) {
    super(`undecodable message: ${reason}`);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
