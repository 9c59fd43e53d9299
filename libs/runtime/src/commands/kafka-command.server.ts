import { Logger } from '@nestjs/common';
import { Server, type CustomTransportStrategy } from '@nestjs/microservices';
import {
  commandCatalogue,
  commandTopicFor,
  deadLetterTopicFor,
  decodeCommands,
  definitionKey,
  refusedResult,
  type CommandEnvelope,
  type CommandResult,
  type ResultStamp,
} from '@itsm/contracts';
import {
  activeTraceHeaders,
  createIdempotentProducer,
  ensureTopics,
  MessageConsumer,
  withinMessage,
  probeKafka,
  type KafkaConnection,
  type TopicSettings,
} from '@itsm/messaging';
import type { Kafka, Message, Producer } from 'kafkajs';
import { LRUCache } from 'lru-cache';
import { lastValueFrom } from 'rxjs';
import { v7 as uuidv7 } from 'uuid';
import { answerOf, answerOfCommit, committedAnswerOf, type UseCaseOutcome } from './command-answer';
import type { CommandResults } from './command-result.store';
import { withinCommand } from './command-scope';
import { commandFingerprint, withinKeyedCommand } from '../idempotency/idempotent-request';
import { consumerReports, type CountedReports } from '../event-sourcing/consumer-reports';
import { jsonProblem } from '../http/json-guard';
import { KafkaCommandContext } from './kafka-command.context';

export interface KafkaCommandServerOptions {
  kafka: Kafka;
  /** the same cluster as `kafka`, for the quick probe before each start */
  connection: KafkaConnection;
  /** the service whose command topic is read: `itsm.<service>.commands` */
  service: string;
  topicPrefix: string;
  groupId: string;
  results: CommandResults;
  /** attempts after an unexplained failure before the dead-letter topic (default 10), first delay (200 ms) */
  retry?: { maxAttempts: number; backoffMs: number };
  /** how the command topic is created */
  topicSettings?: TopicSettings;
  /** counts its retries and dead letters (the service's metrics) */
  counted?: CountedReports;
}

const MAX_START_BACKOFF_MS = 30_000;

/** A command's answer, and whether it has nothing to record (the one stored, or rebuilt from its commit). */
interface Answered {
  command: CommandEnvelope;
  result: CommandResult;
  stored: boolean;
}
/**
 * streams of one batch run at once: a whole batch of an import's lines, so that their writes meet
 * in the stores' group commits (MONGO_MAX_POOL_SIZE bounds what reaches the database at once)
 */
const STREAMS_AT_ONCE = 500;
/**
 * what a fetch of a partition brings at most: messages of up to 512 KiB (an import's ~200 commands
 * each), so that its batches in flight are answered together rather than one or two at a time
 */
const BATCH_BYTES = 8 * 2 ** 20;

/**
 * Nest's transport for the service's command topic: each command goes to the handler declared
 * with `@EventPattern('<command type>')`, behind the same guard and validation as HTTP, once per
 * command id; its result is published on the sender's `replyTo`.
 */
export class KafkaCommandServer extends Server implements CustomTransportStrategy {
  private readonly log = new Logger('Commands');
  private readonly topic: string;
  private readonly producer: Producer;
  private readonly known: ReadonlySet<string>;
  /** results computed on an attempt that failed to record them: a retry must not run the use case again */
  private readonly unrecorded = new LRUCache<string, CommandResult>({ max: 10_000 });
  /** handlers found, by command type (see handlerOf) */
  private readonly handlers = new Map<string, NonNullable<ReturnType<Server['getHandlerByPattern']>>>();
  private consumer?: MessageConsumer<CommandEnvelope[]>;
  private starting?: Promise<void>;
  private stopped = false;
  private wake = () => {};

  constructor(private readonly options: KafkaCommandServerOptions) {
    super();
    this.topic = commandTopicFor(options.service, options.topicPrefix);
    this.producer = createIdempotentProducer(options.kafka);
    const commands = commandCatalogue.find((catalogue) => catalogue.service === options.service)?.commands ?? [];
    this.known = new Set(commands.map((command) => definitionKey(command.type, command.schemaVersion)));
  }

  /** Kafka may be down at boot: the service starts anyway and the consumer joins once it answers. */
  listen(callback: () => void): void {
    this.starting = this.keepStarting();
    callback();
  }

  async close(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.starting;
    await this.consumer?.stop();
    await this.producer.disconnect();
  }

  on(): never {
    throw new Error('the command server emits no events');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  private async keepStarting(): Promise<void> {
    for (let attempt = 1; !this.stopped; attempt++) {
      const consumer = this.createConsumer();
      try {
        await probeKafka(this.options.connection);
        await ensureTopics(
          this.options.kafka,
          [this.topic, deadLetterTopicFor(this.topic)],
          this.options.topicSettings,
        );
        await this.producer.connect();
        await consumer.start();
        this.consumer = consumer;
        return;
      } catch (error) {
        await consumer.stop().catch(() => undefined);
        if (this.stopped) return;
        const delayMs = Math.min(MAX_START_BACKOFF_MS, 1000 * 2 ** (attempt - 1));
        this.log.warn(`command consumer not started (attempt ${attempt}, next in ${delayMs} ms): ${error}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delayMs);
          this.wake = () => (clearTimeout(timer), resolve());
        });
      }
    }
  }

  private createConsumer(): MessageConsumer<CommandEnvelope[]> {
    return new MessageConsumer({
      kafka: this.options.kafka,
      groupId: this.options.groupId,
      topics: [this.topic],
      decode: (message) => decodeCommands(message.value?.toString('utf8') ?? ''),
      handle: (commands) => this.answerAll([commands]),
      // a fetched batch's messages at once: a sender's batches in flight meet in one round
      handleBatch: (messages) => this.answerAll(messages),
      maxBytesPerPartition: BATCH_BYTES,
      // a command that failed in its batch ran once already: the message by message retry has one attempt less
      maxAttempts: Math.max(1, (this.options.retry?.maxAttempts ?? 10) - 1),
      backoffMs: this.options.retry?.backoffMs ?? 200,
      ...consumerReports(this.log, this.options.groupId, this.options.counted),
    });
  }

  /**
   * A batch of messages: each stream's commands in their order, many streams at once (a batch of
   * an import's lines names hundreds of streams, each command waiting on the database, whose group
   * commits gather their writes), the new answers recorded in one insert, and each message's
   * answers in one send per reply topic, within the message's span (the sender's trace goes on).
   * A batch that failed is retried message by message once every command has settled: those that
   * ran are answered again from their results, kept in memory until recorded.
   */
  private async answerAll(messages: CommandEnvelope[][]): Promise<void> {
    const streams = new Map<string, Array<[CommandEnvelope, CommandEnvelope[]]>>();
    for (const message of messages) {
      for (const command of message) {
        const queue = streams.get(command.streamId);
        if (queue) queue.push([command, message]);
        else streams.set(command.streamId, [[command, message]]);
      }
    }
    const queues = [...streams.values()];
    const answered = new Map<CommandEnvelope, Answered>();
    let next = 0;
    const lane = async () => {
      for (let queue = queues[next++]; queue; queue = queues[next++]) {
        for (const [command, message] of queue) {
          const result = await withinMessage(message, () => this.resultOf(command));
          answered.set(command, { command, ...result });
        }
      }
    };
    const lanes = await Promise.allSettled(Array.from({ length: Math.min(STREAMS_AT_ONCE, queues.length) }, lane));
    const recorded = new Map(await this.recordNew([...answered.values()]));
    const failed = lanes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    for (const message of messages) {
      const answers = message.map((command): [CommandEnvelope, CommandResult] => [command, recorded.get(command)!]);
      await withinMessage(message, () => this.sendAnswers(answers));
    }
  }

  /** Records the answers not stored before, in one insert; the first recorded stays. */
  private async recordNew(answered: Answered[]): Promise<Array<[CommandEnvelope, CommandResult]>> {
    const fresh = answered.filter((one) => !one.stored).map((one) => one.result);
    const kept = new Map((await this.options.results.record(fresh)).map((result) => [result.commandId, result]));
    for (const result of fresh) this.unrecorded.delete(result.commandId);
    return answered.map(({ command, result }) => [command, kept.get(command.commandId) ?? result]);
  }

  private async sendAnswers(answered: Array<[CommandEnvelope, CommandResult]>): Promise<void> {
    const byTopic = new Map<string, Message[]>();
    // within the command message's span: the sender's trace goes on with the answers
    const trace = activeTraceHeaders();
    for (const [command, result] of answered) {
      const message = {
        key: command.streamId,
        value: JSON.stringify(result),
        headers: { 'result-type': result.type, 'command-id': command.commandId, ...trace },
      };
      byTopic.set(command.replyTo, [...(byTopic.get(command.replyTo) ?? []), message]);
    }
    for (const [topic, messages] of byTopic) await this.producer.send({ topic, acks: -1, messages });
  }

  /**
   * The command runs, keyed by its id (see withinKeyedCommand): its writes happen once whatever
   * its deliveries. A command whose last write committed is answered from that commit (see
   * committedAnswerOf): nothing is stored, and a redelivery, replaying its writes, rebuilds the
   * same answer. Other answers (refusals, commands that committed nothing) are stored, and looked
   * for only when the command may have come before (a write found done, a refusal, nothing
   * written): a redelivery is answered as the first delivery was, and a new write costs no read.
   * Stored answers come first, so that answers recorded before this layout still answer.
   */
  private async resultOf(command: CommandEnvelope): Promise<Omit<Answered, 'command'>> {
    const computed = this.unrecorded.get(command.commandId);
    if (computed) return { result: computed, stored: false };
    const { result, replayed, committed } = await this.run(command);
    if (committed && !replayed) return { result, stored: true };
    const wroteBefore = committed ? undefined : await this.lastCommitOf(command);
    if (!committed && !wroteBefore && result.type === 'command.accepted' && !replayed) return this.unanswered(result);
    const first = (await this.options.results.find([command.commandId])).get(command.commandId);
    if (first) return this.sameCommand(command, first) ? { result: first, stored: true } : this.reused(command);
    if (committed) return { result, stored: true };
    // an id whose commits asked something else; or nothing written now, a commit written at an
    // earlier delivery (a value found that it created)
    if (wroteBefore && wroteBefore.fingerprint !== commandFingerprint(command)) return this.reused(command);
    if (wroteBefore && result.type === 'command.accepted') {
      return { result: answerOfCommit(command, wroteBefore, result.data.answer, this.options.service), stored: true };
    }
    return this.unanswered(result);
  }

  /** The last commit an earlier delivery of this command (or another under its id) wrote, when this one committed nothing. */
  private lastCommitOf(command: CommandEnvelope) {
    return this.options.results.lastCommitOf(command.commandId);
  }

  /** A redelivery is the same command; an id reused for another one learns nothing of the first. */
  private sameCommand(command: CommandEnvelope, first: CommandResult): boolean {
    return first.commandType === command.type && first.streamId === command.streamId;
  }

  private reused(command: CommandEnvelope): Omit<Answered, 'command'> {
    const message = `command id ${command.commandId} was already used for another command`;
    return { result: refusedResult(command, { code: 'conflict', message }, this.stamp()), stored: true };
  }

  /** An answer to record: kept in memory until it is, so that a retry of the batch does not run its command again. */
  private unanswered(result: CommandResult): Omit<Answered, 'command'> {
    this.unrecorded.set(result.commandId, result);
    return { result, stored: false };
  }

  /**
   * The answer, whether a write was found done before, and whether the answer is its last commit's.
   * Throws what is worth retrying: such a command gets no answer until it ran.
   */
  private async run(
    command: CommandEnvelope,
  ): Promise<{ result: CommandResult; replayed: boolean; committed: boolean }> {
    const handler = this.handlerOf(command.type);
    if (!handler || !this.known.has(definitionKey(command.type, command.schemaVersion))) {
      const message = `${this.options.service} takes no command ${command.type} version ${command.schemaVersion}`;
      return {
        result: refusedResult(command, { code: 'invalid', message }, this.stamp()),
        replayed: false,
        committed: false,
      };
    }
    // the same guard as HTTP bodies: control characters, prototype keys, absurd shapes
    const unfit = jsonProblem(command.data, 'command data');
    if (unfit) {
      const refusal = { code: unfit.code, message: unfit.message, errors: unfit.errors };
      return { result: refusedResult(command, refusal, this.stamp()), replayed: false, committed: false };
    }
    // keyed by its id: a redelivery whose answer was lost writes nothing twice
    const outcome = await withinCommand(command, () =>
      withinKeyedCommand(command, async () => {
        const answer = await handler(command.data, new KafkaCommandContext(command));
        return lastValueFrom(this.transformToObservable(answer), { defaultValue: undefined });
      }),
    ).then(
      ({ value, writes }): UseCaseOutcome => ({ ok: true, value, writes }),
      (error: unknown): UseCaseOutcome => ({ ok: false, error }),
    );
    const replayed = outcome.ok && outcome.writes.some((write) => write.replayed);
    const committed = committedAnswerOf(command, outcome, this.options.service);
    if (committed) return { result: committed, replayed, committed: true };
    const result = answerOf(command, outcome, this.stamp());
    if (!result) throw (outcome as { error: unknown }).error;
    return { result, replayed, committed: false };
  }

  /**
   * The handler of a command type, looked up once: Nest's lookup tries the pattern as JSON first,
   * and a type such as `asset.create` throws a SyntaxError each time (an import's every line).
   * Only found ones are kept: the types of a topic's messages are whatever producers send, and a
   * miss kept would grow the map with each bad type (and hide a handler added later).
   */
  private handlerOf(type: string) {
    const kept = this.handlers.get(type);
    if (kept) return kept;
    const found = this.getHandlerByPattern(type);
    if (found) this.handlers.set(type, found);
    return found;
  }

  private stamp(): ResultStamp {
    return { id: uuidv7(), service: this.options.service, occurredAt: new Date().toISOString() };
  }
}
