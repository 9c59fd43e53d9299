import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { commandTopicFor, encodeCommands, MAX_COMMANDS_PER_MESSAGE, type CommandEnvelope } from '@itsm/contracts';
import { createIdempotentProducer, ensureTopics } from '@itsm/messaging';
import { KAFKA, type ServiceEnv } from '@itsm/runtime';
import type { Kafka, Producer } from 'kafkajs';

/** The topic the owning services answer the importer's commands on. */
export const resultsTopic = (prefix: string) => `${prefix}itsm.imports.results`;

/** a message's size at most: Kafka refuses one over 1 MB, and each command carries its caller's token */
const MAX_MESSAGE_BYTES = 512 * 1024;

/** The commands in messages of at most MAX_COMMANDS_PER_MESSAGE commands and MAX_MESSAGE_BYTES. */
export function messagesOf(commands: CommandEnvelope[]): CommandEnvelope[][] {
  const messages: CommandEnvelope[][] = [];
  let message: CommandEnvelope[] = [];
  let bytes = 0;
  for (const command of commands) {
    const size = Buffer.byteLength(JSON.stringify(command));
    if (message.length > 0 && (message.length === MAX_COMMANDS_PER_MESSAGE || bytes + size > MAX_MESSAGE_BYTES)) {
      messages.push(message);
      [message, bytes] = [[], 0];
    }
    message.push(command);
    bytes += size;
  }
  if (message.length > 0) messages.push(message);
  return messages;
}

/** Sends a batch's commands to the owning service's command topic, many per message. */
@Injectable()
export class RunCommands implements OnModuleDestroy {
  private producer?: Promise<Producer>;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly config: ConfigService<ServiceEnv, true>,
  ) {}

  get replyTo(): string {
    return resultsTopic(this.config.get('KAFKA_TOPIC_PREFIX', { infer: true }));
  }

  async send(service: string, commands: CommandEnvelope[]): Promise<void> {
    if (commands.length === 0) return;
    const topic = commandTopicFor(service, this.config.get('KAFKA_TOPIC_PREFIX', { infer: true }));
    const producer = await this.connected([topic, this.replyTo]);
    // one message a send: a send's messages of one partition travel as one record batch, which Kafka
    // refuses over 1 MB, and an idempotent producer retries a refusal forever
    for (const batch of messagesOf(commands)) {
      await producer.send({ topic, acks: -1, messages: [{ key: batch[0].streamId, value: encodeCommands(batch) }] });
    }
  }

  private connected(topics: string[]): Promise<Producer> {
    this.producer ??= (async () => {
      await ensureTopics(this.kafka, topics);
      const producer = createIdempotentProducer(this.kafka);
      await producer.connect();
      return producer;
    })().catch((error: Error) => {
      this.producer = undefined; // Kafka was away: connect again at the next batch
      throw error;
    });
    return this.producer;
  }

  async onModuleDestroy(): Promise<void> {
    await (await this.producer?.catch(() => undefined))?.disconnect();
  }
}
