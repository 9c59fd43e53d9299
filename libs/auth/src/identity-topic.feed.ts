import { Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { ConfigService } from '@nestjs/config';
import { deadLetterTopicFor, topicFor, upcasters } from '@itsm/contracts';
import { projectionConsumer, type ProjectionStore } from '@itsm/eventsourcing';
import { ensureTopics, probeKafka, type EventConsumer } from '@itsm/messaging';
import { consumerReports, type ServiceEnv } from '@itsm/runtime';
import type { Kafka } from 'kafkajs';

const MAX_BACKOFF_MS = 30_000;

/**
 * Keeps one of the guard's read models fed from identity's topic, through a consumer group of its
 * own. Started in the background and retried with backoff: a service boots and answers (with the
 * model it already has) while Kafka is down.
 */
export class IdentityTopicFeed implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(this.constructor.name);
  private consumer?: EventConsumer;
  private running?: Promise<void>;
  private stopped = false;
  private wake = () => {};

  constructor(
    private readonly kafka: Kafka,
    // typed loosely: projectionConsumer takes any projection's store
    private readonly store: ProjectionStore<object>,
    private readonly config: ConfigService<ServiceEnv, true>,
    /** names the consumer group: `<prefix><service>.<name>` */
    private readonly name: string,
    /** what the logs call the model */
    private readonly model: string,
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
    const groupId = `${this.config.get('KAFKA_TOPIC_PREFIX')}${this.config.get('SERVICE_NAME')}.${this.name}`;
    for (let attempt = 1; !this.stopped; attempt++) {
      const consumer = projectionConsumer(
        this.kafka,
        topic,
        groupId,
        upcasters,
        this.store,
        consumerReports(this.logger, groupId),
      );
      try {
        await probeKafka(this.config.get('KAFKA_BROKERS').split(','));
        // identity may not have published yet; creating an existing topic is a no-op
        await ensureTopics(this.kafka, [topic, deadLetterTopicFor(topic)]);
        await this.store.ensureIndexes();
        await consumer.start();
        this.consumer = consumer;
        this.logger.log(`${this.model} fed from ${topic}`);
        return;
      } catch (error) {
        await consumer.stop().catch(() => undefined);
        if (this.stopped) return; // failed because the service is shutting down
        const delayMs = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (attempt - 1));
        this.logger.error(`${this.model} feed could not start (attempt ${attempt}, next in ${delayMs} ms): ${error}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delayMs);
          this.wake = () => (clearTimeout(timer), resolve());
        });
      }
    }
  }
}
