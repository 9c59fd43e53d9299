import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { deadLetterTopicFor, topicFor, upcasters } from '@itsm/contracts';
import { projectionConsumer, type ProjectionStore } from '@itsm/eventsourcing';
import { ensureTopics, probeKafka, type EventConsumer } from '@itsm/messaging';
import { consumerReports, DeadLetters, KAFKA, type ServiceEnv } from '@itsm/runtime';
import type { Kafka } from 'kafkajs';
import { ENTITY_TREE_STORE } from './tokens';

const MAX_BACKOFF_MS = 30_000;

/**
 * Keeps the entity tree fed from identity's topic. Started in the background and retried with
 * backoff: a service boots and answers (with the tree it already has) while Kafka is down.
 */
@Injectable()
export class EntityTreeFeed implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(EntityTreeFeed.name);
  private consumer?: EventConsumer;
  private running?: Promise<void>;
  private stopped = false;
  private wake = () => {};

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    // typed loosely: projectionConsumer takes any projection's store
    @Inject(ENTITY_TREE_STORE) private readonly store: ProjectionStore<object>,
    private readonly config: ConfigService<ServiceEnv, true>,
    // absent where the service keeps no event flow of its own: dead letters are then only logged
    @Optional() private readonly deadLetters?: DeadLetters,
  ) {}

  onApplicationBootstrap(): void {
    this.running = this.keepStarting();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.running;
    await this.consumer?.stop();
  }

  private async keepStarting(): Promise<void> {
    const topic = topicFor('identity', this.config.get('KAFKA_TOPIC_PREFIX'));
    const groupId = `${this.config.get('KAFKA_TOPIC_PREFIX')}${this.config.get('SERVICE_NAME')}.auth-entity-tree`;
    for (let attempt = 1; !this.stopped; attempt++) {
      const consumer = projectionConsumer(
        this.kafka,
        topic,
        groupId,
        upcasters,
        this.store,
        this.deadLetters?.optionsFor(groupId, this.logger) ?? consumerReports(this.logger, groupId),
      );
      this.deadLetters?.register(groupId, consumer);
      try {
        await probeKafka(this.config.get('KAFKA_BROKERS').split(','));
        // identity may not have published yet; creating an existing topic is a no-op
        await ensureTopics(this.kafka, [topic, deadLetterTopicFor(topic)]);
        await consumer.start();
        this.consumer = consumer;
        this.logger.log(`entity tree fed from ${topic}`);
        return;
      } catch (error) {
        await consumer.stop().catch(() => undefined);
        if (this.stopped) return; // failed because the service is shutting down
        const delayMs = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (attempt - 1));
        this.logger.error(`entity tree feed could not start (attempt ${attempt}, next in ${delayMs} ms): ${error}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delayMs);
          this.wake = () => (clearTimeout(timer), resolve());
        });
      }
    }
  }
}
