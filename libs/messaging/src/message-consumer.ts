import { setTimeout as sleep } from 'node:timers/promises';
import { deadLetterTopicFor } from '@itsm/contracts';
import { failureKind, isDomainError } from '@itsm/domain';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { createIdempotentProducer } from './producer';

export interface MessageConsumerOptions<Message> {
  kafka: Kafka;
  groupId: string;
  topics: string[];
  /** reads a message; throwing sends it to the dead-letter topic at once (retrying cannot help) */
  decode(message: KafkaMessage): Message;
  handle(message: Message): Promise<void>;
  /**
   * When given, each fetched batch of a partition is handled in one call; if that call fails, the
   * batch is handled again message by message through `handle`, with retries and the DLQ.
   */
  handleBatch?(messages: Message[]): Promise<void>;
  /** attempts of a message failing in an unknown way (a bug, a surprise) before it goes to `<topic>.dlq` */
  maxAttempts?: number;
  /** first retry delay; doubles at each attempt, up to `maxBackoffMs` (default 30 s) */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** partitions handled at once; order holds within a partition, so per stream (default 3) */
  partitionsConsumedConcurrently?: number;
  onDeadLetter?(topic: string, message: KafkaMessage, error: Error): void;
  /** each failed attempt that will be retried: a dependency is away, or an unknown failure */
  onRetry?(error: unknown, attempt: number): void;
}

/**
 * A consumer group member: handles each message and commits only after handling. A transient
 * failure (a dependency away: `failureKind` in @itsm/domain) is retried until it is back, with a
 * capped backoff, holding only its partition; a final one (a DomainError, an undecodable message)
 * goes at once to the dead-letter topic (original key, value and headers, plus the error), an
 * unknown one after `maxAttempts`, so the partition moves on.
 */
export class MessageConsumer<Message> {
  private readonly consumer: Consumer;
  private readonly dlqProducer: Producer;
  private readonly stopping = new AbortController();

  constructor(private readonly options: MessageConsumerOptions<Message>) {
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
    // a message waiting for a dependency gives up: uncommitted, it comes back after the restart
    this.stopping.abort();
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
      } catch (error) {
        const kind = error instanceof UndecodableMessageError ? 'final' : failureKind(error);
        if (kind === 'final' || (kind === 'unknown' && attempt >= maxAttempts)) {
          return this.deadLetter(topic, partition, message, asError(error));
        }
        this.options.onRetry?.(error, attempt);
        await this.pause(attempt);
        // the group must not take the partition away while a message waits for a dependency
        await heartbeat().catch(() => undefined);
      }
    }
  }

  private async pause(attempt: number): Promise<void> {
    const delayMs = Math.min(this.options.maxBackoffMs ?? 30_000, (this.options.backoffMs ?? 100) * 2 ** (attempt - 1));
    // stopping rejects the wait: the message stays uncommitted
    await sleep(delayMs, undefined, { signal: this.stopping.signal });
  }

  private decode(message: KafkaMessage): Message {
    try {
      return this.options.decode(message);
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

/** Handlers may throw values that are not Errors (domain errors): the DLQ header needs their reason. */
function asError(error: unknown): Error {
  if (error instanceof Error) return error;
  return new Error(isDomainError(error) ? `${error.code}: ${error.message}` : String(error));
}

class UndecodableMessageError extends Error {
  constructor(reason: string) {
    super(`undecodable message: ${reason}`);
  }
}
