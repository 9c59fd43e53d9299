import { randomUUID } from 'node:crypto';
import {
  commandTopicFor,
  encodeCommands,
  type CommandAcceptedData,
  type CommandEnvelope,
  type CommandResult,
} from '@itsm/contracts';
import { createIdempotentProducer, ensureTopics } from '@itsm/messaging';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import { v7 as uuidv7 } from 'uuid';
import { eventually } from './kafka-topic';
import { stackKafka } from './stack-kafka';
import type { ManagedIsolatedStack } from './isolated-stack';

export interface CommandOptions {
  token: string;
  /** the Kafka key; default: a fresh one */
  streamId?: string;
  commandId?: string;
  schemaVersion?: number;
}

/**
 * Plays a service that drives another by commands (imports): sends envelopes to the service's
 * command topic of the test slice and collects the results published on its own reply topic.
 */
export class CommandSender {
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly consumer: Consumer;
  private readonly received: CommandResult[] = [];
  /** the headers each result came with, by its command id */
  readonly resultHeaders = new Map<string, Record<string, string>>();
  readonly topic: string;
  readonly replyTo: string;
  readonly correlationId = randomUUID();

  constructor(stack: ManagedIsolatedStack, service: string) {
    this.kafka = stackKafka(stack);
    this.producer = createIdempotentProducer(this.kafka);
    this.topic = commandTopicFor(service, stack.topicPrefix);
    this.replyTo = `${stack.topicPrefix}itsm.test-sender.${service}.results`;
    this.consumer = this.kafka.consumer({ groupId: `${this.replyTo}.${randomUUID()}` });
    stack.onTeardown(async () => {
      await this.consumer.disconnect();
      await this.producer.disconnect();
    });
  }

  async connect(): Promise<void> {
    await ensureTopics(this.kafka, [this.topic, this.replyTo]);
    await this.producer.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [this.replyTo], fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ message }) => {
        const result = JSON.parse(message.value!.toString()) as CommandResult;
        const headers = Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]);
        this.resultHeaders.set(result.commandId, Object.fromEntries(headers));
        this.received.push(result);
      },
    });
  }

  command(type: string, data: object, options: CommandOptions): CommandEnvelope {
    return {
      commandId: options.commandId ?? uuidv7(),
      type,
      schemaVersion: options.schemaVersion ?? 1,
      streamId: options.streamId ?? randomUUID(),
      caller: { accessToken: options.token },
      replyTo: this.replyTo,
      correlationId: this.correlationId,
      issuedAt: new Date().toISOString(),
      data,
    };
  }

  /** One command, or a batch in one message (keyed by its first command). */
  async send(commands: CommandEnvelope | CommandEnvelope[], headers: Record<string, string> = {}): Promise<void> {
    const key = Array.isArray(commands) ? commands[0].streamId : commands.streamId;
    await this.sendRaw(key, encodeCommands(commands), headers);
  }

  async sendRaw(key: string, value: string, headers: Record<string, string> = {}): Promise<void> {
    await this.producer.send({ topic: this.topic, acks: -1, messages: [{ key, value, headers }] });
  }

  /** Waits until each command has `answers` results (redeliveries are answered again); returns them in order. */
  async resultsOf(commands: CommandEnvelope[], answers = 1, timeoutMs = 60_000): Promise<CommandResult[][]> {
    const of = (command: CommandEnvelope) => this.received.filter((result) => result.commandId === command.commandId);
    const what = `${answers} result(s) for each of ${commands.length} command(s)`;
    await eventually(async () => commands.every((command) => of(command).length >= answers), timeoutMs, what);
    return commands.map(of);
  }

  /** Every result received so far, for a command that must stay unanswered. */
  resultsFor(commandId: string): CommandResult[] {
    return this.received.filter((result) => result.commandId === commandId);
  }
}

/** The data of an accepted result; a refused one fails the test with its reason. */
export function acceptedData(result: CommandResult): CommandAcceptedData {
  if (result.type !== 'command.accepted') throw new Error(`command refused: ${JSON.stringify(result.data)}`);
  return result.data;
}
