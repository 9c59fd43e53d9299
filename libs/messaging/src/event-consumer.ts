import { deadLetterTopicFor, upcast, type EventEnvelope, type UpcasterRegistry } from '@itsm/contracts';
import { failureKind, isDomainError } from '@itsm/domain';
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
  /** attempts of a message failing in an unknown way before it goes to `<topic>.dlq` */
  maxAttempts?: number;
  /** first retry delay; doubles at each attempt */
  backoffMs?: number;
  /** the longest pause between two attempts of a transient failure, retried without limit */
  maxBackoffMs?: number;
  /** partitions handled at once; order holds within a partition, so per stream (default 3) */
  partitionsConsumedConcurrently?: number;
  onDeadLetter?(topic: string, message: KafkaMessage, error: Error): void;
  /** told of each retry of a transient failure: a dependency is away */
  onRetry?(topic: string, error: Error, attempt: number): void;
}

/**
 * A consumer group member: handles each message and commits only after handling. A transient
 * failure (a dependency away) is retried until it is back, with a capped backoff, holding only its
 * partition; a final one (a DomainError, an undecodable message) goes at once to the dead-letter
 * topic (original key, value and headers, plus the error), an unknown one after `maxAttempts`, so
 * the partition moves on.
 */
export class EventConsumer {
  private readonly consumer: Consumer;
  private readonly dlqProducer: Producer;
  private stopping = false;

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
            eachMessage: ({ topic, partition, message, heartbeat }) =>
              this.process(topic, partition, message, heartbeat),
          },
    );
  }

  async stop(): Promise<void> {
    this.stopping = true;
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
      await this.process(batch.topic, batch.partition, message, heartbeat);
      resolveOffset(message.offset);
      await heartbeat();
    }
  }

  private async process(
    topic: string,
    partition: number,
    message: KafkaMessage,
    heartbeat: () => Promise<void>,
  ): Promise<void> {
    const maxAttempts = this.options.maxAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.options.handle(this.decode(message));
        return;
      } catch (caught) {
        const kind = caught instanceof UndecodableMessageError ? 'final' : failureKind(caught);
        const error = asError(caught);
        if (kind === 'final' || (kind === 'unknown' && attempt >= maxAttempts)) {
          return this.deadLetter(topic, partition, message, error);
        }
        // not committed: the message comes back to whoever consumes the partition next
        if (this.stopping) throw error;
        if (kind === 'transient') this.options.onRetry?.(topic, error, attempt);
        const backoff = (this.options.backoffMs ?? 100) * 2 ** Math.min(attempt - 1, 20);
        await sleep(Math.min(backoff, this.options.maxBackoffMs ?? 30_000));
        // waiting for a dependency must not cost the partition its place in the group
        await heartbeat().catch(() => undefined);
      }
    }
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

/** A domain error is a value, not an Error: its code and message make the dead letter's reason. */
function asError(caught: unknown): Error {
  if (caught instanceof Error) return caught;
  return new Error(isDomainError(caught) ? `${caught.code}: ${caught.message}` : String(caught));
}
