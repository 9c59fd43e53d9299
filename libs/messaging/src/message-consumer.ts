import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DomainError, failureKind, isDomainError } from '@itsm/domain';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { BufferedCommits, type Buffering } from './buffered-commits';
import { DeadLetterTopic } from './dead-letter-topic';
import type { Flow } from './flow';
import { kafkaMessageOf, parkedMessageOf, type StreamParking } from './stream-parking';
import { rememberOrigin, withinMessage } from './message-origin';

/** Where a message came from, as its reports (retries, dead letters) name it. */
export interface MessageWhereabouts {
  topic: string;
  partition: number;
  offset: string;
  key?: string;
  /** the `event-id` header of an event message */
  eventId?: string;
}

export interface MessageConsumerOptions<Message> {
  kafka: Kafka;
  groupId: string;
  topics: string[];
  /** reads a message; throwing sends it to the dead-letter topic at once (retrying cannot help) */
  decode(message: KafkaMessage): Message;
  handle(message: Message): Promise<void>;
  /**
   * When given, a message it refuses is passed over undecoded and unhandled (its offset is
   * committed with the others): what the handler would have ignored anyway, told from its headers.
   */
  accepts?(message: KafkaMessage): boolean;
  /** the flow handling a message continues (its correlation id and cause), for its events and logs */
  flowOf?(message: Message): Flow | undefined;
  /**
   * When given, each fetched batch of a partition is handled in one call; if that call fails, the
   * batch is handled again message by message through `handle`, with retries and the DLQ.
   */
  handleBatch?(messages: Message[]): Promise<void>;
  /**
   * When given, the handlers may keep what they handled in memory (a read model written in bulk):
   * offsets are committed only once `flush` has made it durable (see BufferedCommits for when),
   * and what is held is flushed before the member stops.
   */
  buffering?: Buffering;
  /** attempts of a message failing in an unknown way (a bug, a surprise) before it goes to `<topic>.dlq` */
  maxAttempts?: number;
  /** first retry delay; doubles at each attempt, up to `maxBackoffMs` (default 30 s) */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** partitions handled at once; order holds within a partition, so per stream (default 3) */
  partitionsConsumedConcurrently?: number;
  /** what a fetch brings of a partition at most (kafkajs's default 1 MiB): a batch's size for `handleBatch` */
  maxBytesPerPartition?: number;
  /**
   * When given, a dead letter parks its stream (the message key): the stream's later messages wait
   * in it, in order, until `replay`; messages without a key are dead-lettered alone.
   */
  parking?: StreamParking;
  onDeadLetter?(message: MessageWhereabouts, error: Error): void;
  /** each failed attempt that will be retried: a dependency is away, or an unknown failure (of a message, when one) */
  onRetry?(error: unknown, attempt: number, message?: MessageWhereabouts): void;
  /** the group member crashed in a way kafkajs does not recover from, and is being recreated */
  onRestart?(error: Error): void;
}

/** kafkajs's default heartbeat interval: a waiting message beats as often */
const HEARTBEAT_MS = 3000;

/** How long a replay holds its stream before another may take it over (renewed at each turn of the replay). */
const REPLAY_LEASE_MS = 60_000;

/**
 * A consumer group member: handles each message and commits only after handling. A transient
 * failure (a dependency away: `failureKind` in @itsm/domain) is retried until it is back, with a
 * capped backoff, holding only its partition; a final one (a DomainError, an undecodable message)
 * goes at once to the dead-letter topic (original key, value and headers, plus the error), an
 * unknown one after `maxAttempts`, and with `parking` its stream is parked. A member that kafkajs
 * gives up on (a broker away too long, a coordinator not found) is recreated until it runs again.
 */
export class MessageConsumer<Message> {
  private consumer: Consumer;
  private readonly dlq: DeadLetterTopic;
  private readonly stopping = new AbortController();
  private fromBeginning = true;
  private restarting?: Promise<void>;
  /** keys of parked streams, as this member last learnt them (a key replayed elsewhere lingers until met) */
  private readonly parked = new Set<string>();
  private parkedLoaded: Promise<void> = Promise.resolve();
  private readonly commits?: BufferedCommits;

  constructor(private readonly options: MessageConsumerOptions<Message>) {
    this.consumer = this.createConsumer();
    this.dlq = new DeadLetterTopic(options.kafka, options.groupId);
    if (options.buffering) {
      this.commits = new BufferedCommits(
        options.buffering,
        () => this.consumer,
        (error) => options.onRetry?.(error, 1),
      );
    }
  }

  async start(fromBeginning = true): Promise<void> {
    this.fromBeginning = fromBeginning;
    await this.dlq.connect();
    await this.run(this.consumer);
  }

  async stop(): Promise<void> {
    // a message waiting for a dependency gives up: uncommitted, it comes back after the restart
    this.stopping.abort();
    await this.restarting;
    if (this.commits) {
      this.commits.stop();
      // no new batch; one under way is read again at the next start, changing nothing. A member
      // that never ran, or a store away: what was handled since the last flush is read again too.
      await (async () => {
        this.consumer.pause(this.options.topics.map((topic) => ({ topic })));
        await this.commits!.flushAndCommit();
      })().catch(() => undefined);
    }
    await this.consumer.disconnect();
    await this.dlq.disconnect();
  }

  /**
   * Puts a parked stream back: hands its dead letter (unless `skipDeadLetter`), then each message
   * that waited behind it, to the handler in order, and unparks it. A failure leaves the stream
   * parked where the replay stopped, and is thrown.
   */
  async replay(key: string, skipDeadLetter = false): Promise<{ delivered: number }> {
    const parking = this.options.parking;
    if (!parking) throw new DomainError('not_found', `${this.options.groupId} parks no stream`);
    const replayer = randomUUID();
    let delivered = 0;
    for (;;) {
      const stream = await parking.claim(this.options.groupId, key, replayer, REPLAY_LEASE_MS);
      if (stream === 'busy') throw new DomainError('conflict', `stream ${key} is being replayed`);
      if (!stream) throw new DomainError('not_found', `no parked stream ${key} in ${this.options.groupId}`);
      try {
        for (let index = stream.delivered; index < stream.messages.length; index++) {
          if (index > 0 || !skipDeadLetter) {
            const parked = stream.messages[index];
            const message = this.decode(parked.topic, parked.partition, kafkaMessageOf(parked));
            await withinMessage(message, () => this.options.handle(message));
            delivered++;
          }
          await parking.delivered(this.options.groupId, key, index + 1);
        }
      } catch (error) {
        await parking.release(this.options.groupId, key, replayer).catch(() => undefined);
        throw error;
      }
      // messages held while this replay ran are delivered by the next turn
      if (await parking.unpark(this.options.groupId, key, stream.messages.length)) {
        this.parked.delete(key);
        return { delivered };
      }
    }
  }

  private createConsumer(): Consumer {
    const consumer = this.options.kafka.consumer({
      groupId: this.options.groupId,
      allowAutoTopicCreation: false,
      // (kafkajs's whole fetch is 10 MiB at most)
      ...(this.options.maxBytesPerPartition && { maxBytesPerPartition: this.options.maxBytesPerPartition }),
    });
    // partitions may have moved: another member may have parked streams this one will now read
    consumer.on(consumer.events.GROUP_JOIN, () => this.loadParked());
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart && !this.stopping.signal.aborted) this.restartAfter(payload.error);
    });
    return consumer;
  }

  private async run(consumer: Consumer): Promise<void> {
    await consumer.connect();
    await consumer.subscribe({ topics: this.options.topics, fromBeginning: this.fromBeginning });
    const partitionsConsumedConcurrently = this.options.partitionsConsumedConcurrently ?? 3;
    await consumer.run(
      this.options.handleBatch
        ? {
            partitionsConsumedConcurrently,
            eachBatchAutoResolve: false,
            autoCommit: !this.options.buffering,
            eachBatch: (payload) => this.processBatch(payload),
          }
        : {
            partitionsConsumedConcurrently,
            eachMessage: ({ topic, partition, message, heartbeat }) =>
              this.process(topic, partition, message, heartbeat),
          },
    );
  }

  /** kafkajs does not restart a member after a non-retriable crash: a new one joins in its place. */
  private restartAfter(error: Error): void {
    this.options.onRestart?.(error);
    this.restarting = (async () => {
      for (let attempt = 1; !this.stopping.signal.aborted; attempt++) {
        await this.consumer.disconnect().catch(() => undefined);
        this.consumer = this.createConsumer();
        try {
          await this.run(this.consumer);
          return;
        } catch (failure) {
          this.options.onRetry?.(failure, attempt);
          await this.pause(attempt).catch(() => undefined);
        }
      }
    })();
  }

  private loadParked(): void {
    const parking = this.options.parking;
    if (!parking) return;
    this.parkedLoaded = (async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          // a union: a key this member parks while the list is read must stay parked
          for (const key of await parking.parkedKeys(this.options.groupId)) this.parked.add(key);
          return;
        } catch (error) {
          this.options.onRetry?.(error, attempt);
          await this.pause(attempt);
        }
      }
    })();
    // awaited by each message; a stop while loading must not surface as an unhandled rejection
    this.parkedLoaded.catch(() => undefined);
  }

  private async processBatch(payload: EachBatchPayload): Promise<void> {
    // a batch may take long (a command server's hundreds of commands on a loaded database; a
    // buffering handler waiting for a flush under way): the member beats meanwhile
    const beating = setInterval(() => void payload.heartbeat().catch(() => undefined), HEARTBEAT_MS);
    try {
      await this.handleBatch(payload);
      if (!this.commits?.handled(payload.batch)) return;
      for (let attempt = 1; ; attempt++) {
        try {
          return await this.commits.flushAndCommit();
        } catch (error) {
          // the store is away: what was handled stays in memory, uncommitted, until it is back
          this.options.onRetry?.(error, attempt);
          await this.pause(attempt);
        }
      }
    } finally {
      clearInterval(beating);
    }
  }

  private async handleBatch({ batch, resolveOffset, heartbeat }: EachBatchPayload): Promise<void> {
    await this.parkedLoaded;
    if (!batch.messages.some((message) => this.parked.has(message.key?.toString() ?? ''))) {
      try {
        const messages = batch.messages
          .filter((message) => this.accepted(message))
          .map((message) => this.decode(batch.topic, batch.partition, message));
        if (messages.length > 0) await this.options.handleBatch!(messages);
        for (const message of batch.messages) resolveOffset(message.offset);
        return;
      } catch {
        // one bad message must not hold the others back: go message by message
      }
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
    let failure: Error | undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        if (failure) return await this.deadLetter(topic, partition, message, failure);
        if (!this.accepted(message)) return;
        if (await this.heldBehindParked(topic, partition, message)) return;
        const decoded = this.decode(topic, partition, message);
        await withinMessage(decoded, () => this.options.handle(decoded));
        return;
      } catch (error) {
        const kind = error instanceof UndecodableMessageError ? 'final' : failureKind(error);
        if (!failure && (kind === 'final' || (kind === 'unknown' && attempt >= maxAttempts))) {
          failure = asError(error);
          continue;
        }
        // a dependency is away (or, dead-lettering, Kafka or the parking store is)
        this.options.onRetry?.(error, attempt, whereabouts(topic, partition, message));
        await this.pause(attempt, heartbeat);
      }
    }
  }

  /** A message of a parked stream waits in it; true when it did. */
  private async heldBehindParked(topic: string, partition: number, message: KafkaMessage): Promise<boolean> {
    const key = message.key?.toString('utf8');
    if (!this.options.parking || !key) return false;
    await this.parkedLoaded;
    if (!this.parked.has(key)) return false;
    if (await this.options.parking.hold(this.options.groupId, parkedMessageOf(topic, partition, message))) return true;
    this.parked.delete(key); // replayed meanwhile, maybe by another replica
    return false;
  }

  /**
   * Waits before the next attempt; stopping rejects the wait (the message stays uncommitted). With
   * `heartbeat`, beats every few seconds: the group must not take the partition away (its session
   * lasts 30 s) while a message waits for a dependency.
   */
  private async pause(attempt: number, heartbeat?: () => Promise<void>): Promise<void> {
    const delayMs = Math.min(this.options.maxBackoffMs ?? 30_000, (this.options.backoffMs ?? 100) * 2 ** (attempt - 1));
    for (let waited = 0; waited < delayMs; waited += HEARTBEAT_MS) {
      await sleep(Math.min(HEARTBEAT_MS, delayMs - waited), undefined, { signal: this.stopping.signal });
      await heartbeat?.().catch(() => undefined);
    }
  }

  private accepted(message: KafkaMessage): boolean {
    return this.options.accepts?.(message) ?? true;
  }

  /** The message read, remembering where it came from: its handling continues its trace and flow. */
  private decode(topic: string, partition: number, message: KafkaMessage): Message {
    let decoded: Message;
    try {
      decoded = this.options.decode(message);
    } catch (error) {
      throw new UndecodableMessageError((error as Error).message);
    }
    rememberOrigin(decoded, {
      topic,
      partition,
      message,
      groupId: this.options.groupId,
      flow: this.options.flowOf?.(decoded),
    });
    return decoded;
  }

  /** Parks the stream first (durable), then copies the message to the DLQ: a retry repeats both harmlessly. */
  private async deadLetter(topic: string, partition: number, message: KafkaMessage, error: Error): Promise<void> {
    const key = message.key?.toString('utf8');
    if (this.options.parking && key) {
      await this.options.parking.park(this.options.groupId, parkedMessageOf(topic, partition, message), error.message);
      this.parked.add(key);
    }
    await this.dlq.send(topic, partition, message, error);
    this.options.onDeadLetter?.(whereabouts(topic, partition, message), error);
  }
}

function whereabouts(topic: string, partition: number, message: KafkaMessage): MessageWhereabouts {
  const eventId = message.headers?.['event-id']?.toString();
  return { topic, partition, offset: message.offset, key: message.key?.toString('utf8'), ...(eventId && { eventId }) };
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
