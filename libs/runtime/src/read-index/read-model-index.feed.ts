import { randomUUID } from 'node:crypto';
import { Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import type { ConfigService } from '@nestjs/config';
import { topicFor } from '@itsm/contracts';
import { setGroupOffsets } from '@itsm/messaging';
import type { Admin, Consumer, EachBatchPayload, Kafka, KafkaMessage, SeekEntry } from 'kafkajs';
import type { ServiceEnv } from '../config/service-env';
import { projectionGroupId } from '../event-sourcing/event-sourcing.module';
import type { ProjectionRegistry } from '../event-sourcing/projection-registry';
import type { Metrics } from '../observability/metrics';
import type { FedIndex, IndexLag, StreamEvent } from './fed-index';
import { CatchUp, HandledPositions, startPositions } from './feed-positions';
import type { IndexFeeds } from './index-feeds';
import { FeedSnapshots, type SnapshotStart } from './feed-snapshots';
import type { IndexSnapshots } from './index-snapshots';

/**
 * How long an index trusts the feed after its last heartbeat to Kafka (sent every 3 to 5 s): past
 * it, a Kafka outage may be hiding other replicas' changes, and the read model answers instead.
 */
const FRESH_AFTER_HEARTBEAT_MS = 20_000;
/** how long the feed waits before reading documents of events it hears of (see handle) */
const OWN_WRITES_WAIT_MS = 20;
/** how often the rows still behind their events are looked at (each has its own growing pause) */
const LAGGING_RETRY_MS = 250;

/**
 * What a service's feed is: its name in logs and consumer groups, its topic's context, its
 * indexes; with `snapshots` (every index snapshot-capable), it starts from its last packed
 * snapshot when there is a usable one, and writes one now and then (IndexSnapshotWriter).
 */
export interface IndexFeedOptions {
  name: string;
  context: string;
  indexes: FedIndex[];
  snapshots?: IndexSnapshots;
}

/**
 * Keeps a replica's in-memory indexes of one topic: loads them from their read models, then reads
 * every event through a consumer group of this process alone (each replica needs all partitions),
 * and marks them ready once caught up. The writer's own commands refresh them inline, before they
 * answer. Whatever fails, the indexes are marked stale (the read models answer) and the feed starts
 * over. A service's feed is a subclass naming its options (Nest injects it like any provider).
 */
export abstract class ReadModelIndexFeed implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger: Logger;
  private running?: Promise<void>;
  private stopped = false;
  private retrying?: Promise<unknown>;
  private stop = () => {};
  private readonly stopping = new Promise<void>((resolve) => (this.stop = resolve));
  /** the consumer group of the feed under way (tests check it is deleted) */
  groupId?: string;
  private readonly snapshots?: FeedSnapshots;
  /** where the feed under way stands: the positions a snapshot is taken at */
  private handled?: HandledPositions;

  constructor(
    private readonly kafka: Kafka,
    private readonly config: ConfigService<ServiceEnv, true>,
    private readonly projections: ProjectionRegistry,
    private readonly metrics: Metrics,
    private readonly feeds: IndexFeeds,
    private readonly options: IndexFeedOptions,
  ) {
    this.logger = new Logger(`${options.name} feed`);
    if (options.snapshots) {
      this.snapshots = new FeedSnapshots(options.snapshots, options.name, options.indexes, this.logger);
    }
  }

  onModuleInit(): void {
    this.projections.onInlineApplied((events) => this.refreshAll(events, 0));
    this.metrics.watch(
      'itsm_read_index_ready',
      'Whether the in-memory indexes of a feed answer the lists (1), or the read models (0)',
      ['feed'],
      async () => [{ labels: { feed: this.options.name }, value: this.ready ? 1 : 0 }],
    );
    this.metrics.watch(
      'itsm_read_index_from_snapshot',
      'Whether the in-memory indexes of a feed started from its packed snapshot (1) or from the read models (0)',
      ['feed'],
      async () => [{ labels: { feed: this.options.name }, value: this.startedFromSnapshot ? 1 : 0 }],
    );
    this.watchLag();
    this.feeds.register(() => {
      const lags = this.lags().map(([, lag]) => lag);
      return {
        feed: this.options.name,
        ready: this.ready,
        laggingRows: lags.reduce((sum, lag) => sum + lag.rows, 0),
        oldestLagMs: Math.max(0, ...lags.map((lag) => lag.oldestMs)),
      };
    });
  }

  /** The lag of each index that may lag, by its read model. */
  private lags(): Array<readonly [string, IndexLag]> {
    return this.options.indexes.flatMap((index) => (index.lag ? [[index.readModel, index.lag()] as const] : []));
  }

  /** The rows behind their events, the age of the oldest, those let go: by index (its read model). */
  private watchLag(): void {
    const by = (value: (lag: IndexLag) => number) => async () =>
      this.lags().map(([readModel, lag]) => ({
        labels: { feed: this.options.name, read_model: readModel },
        value: value(lag),
      }));
    const labels = ['feed', 'read_model'];
    this.metrics.watch(
      'itsm_read_index_lagging_rows',
      'Rows of an in-memory index whose read-model documents did not show their events yet (read again until they do)',
      labels,
      by((lag) => lag.rows),
    );
    this.metrics.watch(
      'itsm_read_index_lag_seconds',
      'How long the oldest lagging row of an in-memory index has been behind its events',
      labels,
      by((lag) => lag.oldestMs / 1000),
    );
    this.metrics.watch(
      'itsm_read_index_rows_given_up',
      'Rows whose documents were still absent 10 minutes after their events, let go (their stream may have ended)',
      labels,
      by((lag) => lag.givenUp),
    );
  }

  /** Where a snapshot may be taken now: every index ready and none behind its events; else undefined. */
  private snapshotPositions(): { topic: string; positions: SeekEntry[] } | undefined {
    if (!this.ready || !this.handled || this.lags().some(([, lag]) => lag.rows > 0)) return undefined;
    return { topic: this.topic(), positions: this.handled.positions() };
  }

  private topic(): string {
    return topicFor(this.options.context, this.config.get('KAFKA_TOPIC_PREFIX', { infer: true }));
  }

  /** Whether the indexes were last loaded from the feed's snapshot (else from the read models). */
  get startedFromSnapshot(): boolean {
    return this.snapshots?.fromSnapshot ?? false;
  }

  /** Whether every index of the feed answers. */
  get ready(): boolean {
    return this.options.indexes.every((index) => index.ready);
  }

  onApplicationBootstrap(): void {
    this.running = this.keepFeeding();
    const everySeconds = this.config.get('READ_INDEX_SNAPSHOT_SECONDS', { infer: true });
    if (everySeconds > 0) this.snapshots?.writeEvery(everySeconds * 1000, () => this.snapshotPositions());
  }

  async beforeApplicationShutdown(): Promise<void> {
    // a clean stop leaves a snapshot as fresh as can be for the next replica
    if (this.config.get('READ_INDEX_SNAPSHOT_SECONDS', { infer: true }) > 0) {
      await this.snapshots?.stop(() => this.snapshotPositions());
    }
    this.stopped = true;
    this.stop();
    await this.running;
  }

  private async refreshAll(events: StreamEvent[], firstWaitMs: number): Promise<void> {
    await Promise.all(this.options.indexes.map((index) => index.refresh(events, firstWaitMs)));
  }

  private each(act: (index: FedIndex) => void): void {
    for (const index of this.options.indexes) act(index);
  }

  /** Kafka or Mongo may be down, the consumer may die: start again with a growing pause. */
  private async keepFeeding(): Promise<void> {
    const prefix = this.config.get('KAFKA_TOPIC_PREFIX', { infer: true });
    const service = this.config.get('SERVICE_NAME', { infer: true });
    for (let attempt = 1; !this.stopped; attempt++) {
      // a group of this process alone, from the positions chosen below: no replica shares it
      const groupId = `${prefix}${service}.${this.options.name}.${randomUUID()}`;
      this.groupId = groupId;
      let consumer: Consumer | undefined;
      try {
        consumer = this.kafka.consumer({ groupId, allowAutoTopicCreation: false });
        const readModelGroups = this.options.indexes.map(({ readModel }) =>
          projectionGroupId(prefix, service, readModel),
        );
        const ended = await this.feed(consumer, groupId, this.topic(), readModelGroups);
        if (ended) this.logger.warn(`stopped, starting over: ${ended.message}`);
      } catch (error) {
        // at boot the topic may still be on its way (the event flow creates it): said once it lasts
        const log = attempt === 1 ? 'debug' : 'warn';
        this.logger[log](`failed (attempt ${attempt}): ${(error as Error).message}`);
      }
      this.each((index) => index.markStale());
      await consumer?.disconnect().catch(() => undefined);
      await this.deleteGroup(groupId);
      if (this.stopped) return;
      await Promise.race([
        this.stopping,
        new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 1000 * 2 ** attempt))),
      ]);
    }
  }

  /** One run of the feed: resolves with the consumer's fatal error, or nothing once stopping. */
  private async feed(
    consumer: Consumer,
    groupId: string,
    topic: string,
    readModelGroups: string[],
  ): Promise<Error | undefined> {
    const started = Date.now();
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const { starts, loaded, from } = await this.load(admin, topic, readModelGroups);
      if (this.stopped) return undefined;
      const handled = new HandledPositions(starts);
      const ends = (await admin.fetchTopicOffsets(topic)).map(({ partition, high }) => ({ partition, offset: high }));
      const catchUp = new CatchUp(starts, ends);
      let announced = false;
      const ready = () => {
        if (announced || !catchUp.done) return;
        announced = true;
        this.each((index) => index.confirmFresh(FRESH_AFTER_HEARTBEAT_MS));
        this.each((index) => index.markReady());
        this.handled = handled;
        this.logger.log(`ready: ${loaded.join(' + ')} loaded from ${from}, caught up in ${Date.now() - started} ms`);
      };
      const crashed = new Promise<Error>((resolve) =>
        consumer.on(consumer.events.CRASH, ({ payload }) => {
          if (!payload.restart) resolve(payload.error);
        }),
      );
      consumer.on(consumer.events.HEARTBEAT, () => this.each((index) => index.confirmFresh(FRESH_AFTER_HEARTBEAT_MS)));
      // the start positions as the group's commits, not seeks: a consumer kafkajs restarts after
      // a failure (or a rebalance) resumes from its commits, where one left without any would
      // start at the topic's end and skip what came meanwhile
      await setGroupOffsets(this.kafka, { groupId, topic, partitions: starts });
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: false });
      await consumer.run({
        partitionsConsumedConcurrently: 3,
        eachBatch: async (payload) => {
          await this.handle(payload);
          const next = Number(payload.batch.lastOffset()) + 1;
          catchUp.passed(payload.batch.partition, next);
          handled.passed(payload.batch.partition, next);
          ready();
        },
      });
      ready();
      const retrying = this.retryLagging();
      try {
        return await Promise.race([crashed, this.stopping.then(() => undefined)]);
      } finally {
        retrying.stop();
        this.handled = undefined;
      }
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  /**
   * The indexes from the feed's last snapshot when it is usable (see FeedSnapshots.start), else
   * from the read models: their consumer groups' positions first, then the load, so that no event
   * falls between what is loaded and what is read.
   */
  private async load(admin: Admin, topic: string, readModelGroups: string[]): Promise<SnapshotStart> {
    const fromSnapshot = await this.snapshots?.start(admin, topic, () => this.stopped);
    if (fromSnapshot) return fromSnapshot;
    const starts = await startPositions(admin, topic, readModelGroups);
    const loaded = await Promise.all(this.options.indexes.map((index) => index.loadAll(() => this.stopped)));
    return { starts, loaded, from: 'the read models' };
  }

  /** While the feed runs: the rows still behind their events are read again (see LaggingRows). */
  private retryLagging(): { stop(): void } {
    const timer = setInterval(() => {
      if (this.retrying) return;
      this.retrying = Promise.all(this.options.indexes.map((index) => index.retryLagging?.()))
        .catch((error: Error) => this.logger.debug(`lagging rows not read again yet: ${error.message}`))
        .finally(() => (this.retrying = undefined));
    }, LAGGING_RETRY_MS);
    return { stop: () => clearInterval(timer) };
  }

  private async handle({ batch, heartbeat }: EachBatchPayload): Promise<void> {
    const events = batch.messages.flatMap((message) => eventOf(message) ?? []);
    // the relay often publishes this replica's own commits before their inline apply has written
    // them: a short wait spares reading documents the inline refresh brings anyway
    await this.refreshAll(events, OWN_WRITES_WAIT_MS);
    await heartbeat();
  }

  /** A group of one process is of no use once it stops: the broker would keep it for days. */
  private async deleteGroup(groupId: string): Promise<void> {
    const admin = this.kafka.admin();
    try {
      await admin.connect();
      await admin.deleteGroups([groupId]);
    } catch {
      // never joined, or Kafka is down: the broker expires an empty group's offsets by itself
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}

/** The envelope fields the indexes read, with the event's data (an index may fold it); undefined for what is not an event. */
function eventOf(message: KafkaMessage): StreamEvent | undefined {
  try {
    const event = JSON.parse(message.value?.toString('utf8') ?? '') as Record<string, unknown>;
    const { type, streamId, sequence } = event;
    if (typeof type !== 'string' || typeof streamId !== 'string' || typeof sequence !== 'number') return undefined;
    return event as unknown as StreamEvent;
  } catch {
    return undefined;
  }
}
