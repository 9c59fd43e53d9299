import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { commandTopicFor, encodeCommands, MAX_COMMANDS_PER_MESSAGE, type CommandEnvelope } from '@itsm/contracts';
import { createIdempotentProducer, ensureTopics } from '@itsm/messaging';
import { KAFKA, type ServiceEnv } from '@itsm/runtime';
import type { Kafka, Producer } from 'kafkajs';

/** The topic the owning services answer the importer's commands on. */
export const resultsTopic = (prefix: string) => `${prefix}itsm.imports.results`;

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
    const messages = [];
    for (let from = 0; from < commands.length; from += MAX_COMMANDS_PER_MESSAGE) {
      const batch = commands.slice(from, from + MAX_COMMANDS_PER_MESSAGE);
      messages.push({ key: batch[0].streamId, value: encodeCommands(batch) });
    }
    await producer.send({ topic, acks: -1, messages });
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
