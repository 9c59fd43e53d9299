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
import { ensureTopics, probeKafka, type EventConsumer, type KafkaConnection } from '@itsm/messaging';
import {
  ConsumerLag,
  consumerReports,
  DeadLetters,
  eventTopicSettings,
  KAFKA,
  KAFKA_CONNECTION,
  Metrics,
  type ServiceEnv,
} from '@itsm/runtime';
import type { Kafka } from 'kafkajs';
import { ACCESS_REVOCATION_STORE, ENTITY_TREE_STORE } from './tokens';

const MAX_BACKOFF_MS = 30_000;

/**
 * Keeps the guard's read models fed from identity's topic: the entity tree and the access
 * revocations, each through a consumer group of its own (the revocations' group starts at the
 * topic's beginning: it needs every grant to know what a revocation leaves the user). Started in
 * the background and retried with backoff: a service boots and answers (with the models it already
 * has) while Kafka is down.
 */
@Injectable()
export class IdentityTopicFeed implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(IdentityTopicFeed.name);
  private consumers: EventConsumer[] = [];
  private running?: Promise<void>;
  private stopped = false;
  private wake = () => {};
  /** by the name of their consumer group, `<prefix><service>.<name>`; typed loosely: projectionConsumer takes any store */
  private readonly stores: ReadonlyArray<[string, ProjectionStore<object>]>;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(KAFKA_CONNECTION) private readonly kafkaConnection: KafkaConnection,
    @Inject(ENTITY_TREE_STORE) entityTree: ProjectionStore<object>,
    @Inject(ACCESS_REVOCATION_STORE) revocations: ProjectionStore<object>,
    private readonly config: ConfigService<ServiceEnv, true>,
    // absent where the service keeps no event flow of its own: dead letters are then only logged
    @Optional() private readonly deadLetters?: DeadLetters,
    @Optional() private readonly metrics?: Metrics,
    @Optional() private readonly lag?: ConsumerLag,
  ) {
    this.stores = [
      ['auth-entity-tree', entityTree],
      ['auth-access-revocations', revocations],
    ];
  }

  onApplicationBootstrap(): void {
    this.running = this.keepStarting();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.running;
    await this.stopConsumers();
  }

  private async keepStarting(): Promise<void> {
    for (let attempt = 1; !this.stopped; attempt++) {
      try {
        return await this.start();
      } catch (error) {
        await this.stopConsumers();
        if (this.stopped) return; // failed because the service is shutting down
        const delayMs = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (attempt - 1));
        this.logger.error(`identity feeds could not start (attempt ${attempt}, next in ${delayMs} ms): ${error}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delayMs);
          this.wake = () => (clearTimeout(timer), resolve());
        });
      }
    }
  }

  private async start(): Promise<void> {
    const prefix = this.config.get('KAFKA_TOPIC_PREFIX');
    const topic = topicFor('identity', prefix);
    await probeKafka(this.kafkaConnection);
    // identity may not have published yet; creating an existing topic is a no-op
    await ensureTopics(this.kafka, [topic, deadLetterTopicFor(topic)], eventTopicSettings(this.config));
    this.consumers = await Promise.all(
      this.stores.map(async ([name, store]) => {
        await store.ensureIndexes();
        const groupId = `${prefix}${this.config.get('SERVICE_NAME')}.${name}`;
        const reports = this.deadLetters?.optionsFor(groupId, this.logger) ?? consumerReports(this.logger, groupId);
        const consumer = projectionConsumer(this.kafka, topic, groupId, upcasters, store, reports, (seconds, mode) =>
          this.metrics?.projectionApplies.observe({ projection: name, mode }, seconds),
        );
        this.deadLetters?.register(groupId, consumer);
        this.lag?.watch(groupId, [topic]);
        return consumer;
      }),
    );
    await Promise.all(this.consumers.map((consumer) => consumer.start()));
    this.logger.log(`entity tree and access revocations fed from ${topic}`);
  }

  private async stopConsumers(): Promise<void> {
    await Promise.all(this.consumers.map((consumer) => consumer.stop().catch(() => undefined)));
    this.consumers = [];
  }
}
