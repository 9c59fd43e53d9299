import { randomUUID } from 'node:crypto';
import {
  DynamicModule,
  Inject,
  Logger,
  Module,
  OnApplicationBootstrap,
  BeforeApplicationShutdown,
  type Type,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ConfigService } from '@nestjs/config';
import { deadLetterTopicFor, topicFor, upcasters, type EventEnvelope } from '@itsm/contracts';
import {
  MongoEventStore,
  OutboxLease,
  OutboxRelay,
  projectionConsumer,
  type Projection,
  type TopicSource,
} from '@itsm/eventsourcing';
import {
  createTransactionalProducer,
  ensureTopics,
  EventConsumer,
  probeKafka,
  withinMessage,
  type KafkaConnection,
} from '@itsm/messaging';
import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import { eventTopicSettings, type ServiceEnv } from '../config/service-env';
import { KAFKA, KAFKA_CONNECTION, MONGO_CONNECTION } from '../connections/tokens';
import { ConsumerLag } from '../observability/consumer-lag';
import { Metrics } from '../observability/metrics';
import { DeadLetters } from './dead-letters';
import { DeadLettersHttpController } from './dead-letters.http.controller';
import { EventSourcedCommands } from './event-sourced-commands';
import { ProjectionRegistry } from './projection-registry';
import { handleStreamsSideBySide } from './streams-side-by-side';
import { EVENT_STORE } from './tokens';

export interface EventSourcingOptions {
  /** the bounded context whose events this service stores and publishes */
  context: string;
  projections: Projection<object>[];
  /** read models of other contexts' events: identity's users, say, kept locally by tickets */
  feeds?: Array<{ context: string; projections: Projection<object>[] }>;
  /** false for one-shot processes (seeds): they append; the service's relay publishes */
  background?: boolean;
  /** consumers that act on events (run commands, send mail) rather than keep a read model */
  reactors?: ReactorRegistration[];
}

/** Handles each event of a topic once it is delivered; throwing means retry, then the DLQ. */
export interface EventReactor {
  handle(event: EventEnvelope): Promise<void>;
  /**
   * The event types it acts on, when it ignores the others: its consumer passes those over
   * undecoded (told by their `event-type` header), rather than decode each to ignore it.
   */
  readonly handles?: ReadonlySet<string>;
}

export interface ReactorRegistration {
  /** names its consumer group: `<prefix><service>.<name>` */
  name: string;
  /** the context whose topic it reads (its own included) */
  context: string;
  /** a provider of the service's module */
  reactor: Type<EventReactor>;
  /**
   * Streams of a fetched batch handled side by side (each in order); default 1: event by event.
   * Only for a reactor that may see an event twice (a failed batch is handled again event by event).
   */
  streamsSideBySide?: number;
}

const OPTIONS = Symbol('EVENT_SOURCING_OPTIONS');

/**
 * The consumer group that feeds a read model from Kafka. Its committed offsets tell how far the
 * read model has surely gone: what a process loads from it later needs no event before them.
 */
export const projectionGroupId = (topicPrefix: string, service: string, projection: string): string =>
  // the prefix keeps groups apart like the topics: slices of one broker never share a group
  `${topicPrefix}${service}.${projection}`;

/** Starts the outbox relay and the projection consumers; neither blocks the boot when Kafka is down. */
class EventSourcingLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('EventSourcing');
  private relay?: OutboxRelay;
  private consumers: EventConsumer[] = [];
  private starting?: Promise<void>;
  private stopped = false;
  private wake = () => {};

  constructor(
    @Inject(OPTIONS) private readonly options: EventSourcingOptions,
    @Inject(EVENT_STORE) private readonly store: MongoEventStore,
    @Inject(MONGO_CONNECTION) private readonly connection: Connection,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(KAFKA_CONNECTION) private readonly kafkaConnection: KafkaConnection,
    private readonly projections: ProjectionRegistry,
    private readonly config: ConfigService<ServiceEnv, true>,
    private readonly moduleRef: ModuleRef,
    private readonly deadLetters: DeadLetters,
    private readonly metrics: Metrics,
    private readonly lag: ConsumerLag,
  ) {}

  onApplicationBootstrap(): void {
    if (this.options.background === false) return;
    this.watchOutbox();
    this.starting = this.keepStarting();
  }

  /** After HTTP has drained (its last commands' events are published), before the connections close. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.starting;
    await this.relay?.stop();
    await Promise.all(this.consumers.map((consumer) => consumer.stop().catch(() => undefined)));
  }

  /** Kafka or Mongo may be down at boot: try again with a growing pause, the service answers meanwhile. */
  private async keepStarting(): Promise<void> {
    for (let attempt = 1; !this.stopped; attempt++) {
      try {
        return await this.start();
      } catch (error) {
        this.logger.warn(`event flow not started (attempt ${attempt}): ${(error as Error).message}`);
        await Promise.all(this.consumers.map((consumer) => consumer.stop().catch(() => undefined)));
        this.consumers = [];
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(30_000, 1000 * 2 ** attempt));
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }

  private async start(): Promise<void> {
    const service = this.config.get('SERVICE_NAME', { infer: true });
    const topic = topicFor(this.options.context, this.config.get('KAFKA_TOPIC_PREFIX', { infer: true }));
    await probeKafka(this.kafkaConnection);
    await this.store.createIndexes();
    const topicSettings = eventTopicSettings(this.config);
    await ensureTopics(this.kafka, [topic, deadLetterTopicFor(topic)], topicSettings);
    // publishing never waits for consumer groups to (re)join: after a kill that takes half a minute
    this.startRelay(topic, service);
    const prefix = this.config.get('KAFKA_TOPIC_PREFIX', { infer: true });
    const foreign = new Map(
      (this.options.feeds ?? []).flatMap((feed) =>
        feed.projections.map((projection) => [projection.name, feed.context]),
      ),
    );
    const reactors = this.options.reactors ?? [];
    const foreignTopics = [...new Set([...foreign.values(), ...reactors.map((reactor) => reactor.context)])]
      .filter((context) => context !== this.options.context)
      .map((context) => topicFor(context, prefix));
    // the other context may not have published yet: its topics are created the same way
    await ensureTopics(
      this.kafka,
      foreignTopics.flatMap((other) => [other, deadLetterTopicFor(other)]),
      topicSettings,
    );
    this.consumers = this.projections.all().map((store) => {
      const context = foreign.get(store.name);
      const source = context ? topicFor(context, prefix) : topic;
      const groupId = projectionGroupId(prefix, service, store.name);
      const consumer = projectionConsumer(
        this.kafka,
        source,
        groupId,
        upcasters,
        store,
        this.deadLetters.optionsFor(groupId, this.logger),
        (seconds, mode) => this.metrics.projectionApplies.observe({ projection: store.name, mode }, seconds),
      );
      this.deadLetters.register(groupId, consumer);
      this.lag.watch(groupId, [source]);
      return consumer;
    });
    this.consumers.push(...reactors.map((registration) => this.reactorConsumer(registration, `${prefix}${service}`)));
    await Promise.all(this.consumers.map((consumer) => consumer.start()));
  }

  /**
   * Once per process: a failed start of the consumers is tried again without a second relay. All
   * replicas share one lease and one transactional id: the relay holding the lease fences the
   * producers of those that held it before (see FencedProducer in @itsm/eventsourcing).
   */
  private startRelay(topic: string, service: string): void {
    if (this.relay || this.stopped) return;
    const transactionalId = `${this.config.get('KAFKA_TOPIC_PREFIX', { infer: true })}${service}.outbox`;
    this.relay = new OutboxRelay({
      store: this.store,
      newProducer: async () => {
        const producer = createTransactionalProducer(this.kafka, transactionalId);
        await producer.connect();
        return producer;
      },
      lease: new OutboxLease(this.connection, `${service}.outbox`, randomUUID(), 10_000),
      topic,
      maxBatchBytes: this.config.get('OUTBOX_MAX_BATCH_BYTES', { infer: true }),
      onError: (error) => this.logger.warn(`outbox relay turn failed: ${error.message}`),
      onParked: ({ commit }, reason, detail) => {
        const what = `outbox entry of ${commit.streamId} #${commit.sequence} (commit ${commit.id}) parked, ${reason}: ${detail}`;
        if (reason === 'too-large') this.logger.error(`${what}; its stream waits until it is released`);
        else this.logger.warn(what);
      },
    });
    this.relay.start();
  }

  /** Relay lag, read from the outbox at each scrape (one projected read of group entries' commit counts, one count, one indexed read). */
  private watchOutbox(): void {
    const lag = () => this.store.outboxLag();
    this.metrics.watch(
      'itsm_outbox_pending_commits',
      'Commits appended and not yet published to Kafka',
      ['state'],
      async () => {
        const { pending, parked } = await lag();
        return [
          { labels: { state: 'pending' }, value: pending },
          { labels: { state: 'parked' }, value: parked },
        ];
      },
    );
    this.metrics.watch(
      'itsm_outbox_oldest_pending_age_seconds',
      'Age of the oldest commit not yet published (0 when none waits)',
      [],
      async () => [{ labels: {}, value: (await lag()).oldestAgeSeconds }],
    );
  }

  private reactorConsumer(
    { name, context, reactor, streamsSideBySide = 1 }: ReactorRegistration,
    groupPrefix: string,
  ): EventConsumer {
    const instance = this.moduleRef.get(reactor, { strict: false });
    const groupId = `${groupPrefix}.${name}`;
    const topic = topicFor(context, this.config.get('KAFKA_TOPIC_PREFIX', { infer: true }));
    // each event in its own flow and trace, also when a batch is handled side by side
    const handle = (event: EventEnvelope) => withinMessage(event, () => instance.handle(event));
    const consumer = new EventConsumer({
      ...this.deadLetters.optionsFor(groupId, this.logger),
      kafka: this.kafka,
      groupId,
      topics: [topic],
      upcasters,
      ...(instance.handles && { handles: instance.handles }),
      handle: (event) => instance.handle(event),
      ...(streamsSideBySide > 1 && {
        handleBatch: (events) => handleStreamsSideBySide(events, handle, streamsSideBySide),
      }),
    });
    this.deadLetters.register(groupId, consumer);
    this.lag.watch(groupId, [topic]);
    return consumer;
  }
}

/** The topic a read model of another context is fed from, and a consumer group for one rebuild of it. */
function feedTopic(
  options: EventSourcingOptions,
  projection: string,
  kafka: Kafka,
  config: ConfigService<ServiceEnv, true>,
): TopicSource {
  const feed = (options.feeds ?? []).find((candidate) => candidate.projections.some((p) => p.name === projection));
  if (!feed) throw new Error(`${projection} is not fed by another context`);
  const prefix = config.get('KAFKA_TOPIC_PREFIX', { infer: true });
  const groupId = `${projectionGroupId(prefix, config.get('SERVICE_NAME', { infer: true }), projection)}.rebuild-${Date.now()}`;
  return { kafka, topic: topicFor(feed.context, prefix), upcasters, groupId };
}

@Module({})
export class EventSourcingModule {
  static forContext(options: EventSourcingOptions): DynamicModule {
    return {
      module: EventSourcingModule,
      global: true,
      controllers: [DeadLettersHttpController],
      providers: [
        DeadLetters,
        { provide: OPTIONS, useValue: options },
        {
          provide: EVENT_STORE,
          inject: [MONGO_CONNECTION, Metrics],
          useFactory: (connection: Connection, metrics: Metrics) =>
            new MongoEventStore(connection, {
              upcasters,
              onAppend: (seconds, outcome) => metrics.appends.observe({ outcome }, seconds),
            }),
        },
        {
          provide: ProjectionRegistry,
          inject: [MONGO_CONNECTION, EVENT_STORE, KAFKA, ConfigService],
          useFactory: (
            connection: Connection,
            store: MongoEventStore,
            kafka: Kafka,
            config: ConfigService<ServiceEnv, true>,
          ) =>
            new ProjectionRegistry(
              connection,
              options.projections,
              (options.feeds ?? []).flatMap((feed) => feed.projections),
              store,
              { store, topicOf: (projection) => feedTopic(options, projection, kafka, config) },
            ),
        },
        EventSourcedCommands,
        EventSourcingLifecycle,
      ],
      exports: [EVENT_STORE, ProjectionRegistry, EventSourcedCommands, DeadLetters],
    };
  }
}
