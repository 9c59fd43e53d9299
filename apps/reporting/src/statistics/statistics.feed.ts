import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { deadLetterTopicFor, topicFor, upcasters } from '@itsm/contracts';
import { ensureTopics, EventConsumer } from '@itsm/messaging';
import { DeadLetters, eventTopicSettings, KAFKA, MONGO_CONNECTION, type ServiceEnv } from '@itsm/runtime';
import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import { REPORTING_SETTINGS, type ReportingSettings } from '../reporting.env';
import { StatisticsStore } from './read-models/statistics.store';
import { StatisticsFolder } from './statistics.folder';
import { StatisticsVersions, STATISTICS_VERSION, type Progress } from './statistics.versions';

/** The topics the statistics are folded from: tickets, their deadlines and calendars, the assets they link. */
export const STATISTICS_CONTEXTS = ['tickets', 'sla', 'assets'];

/**
 * Feeds this process's version of the statistics from the tickets and sla topics, from their
 * beginning for a version never seen. While it fills, queries are answered from the version that
 * was live; once it has read what the topics held when it started, it becomes the live one (one
 * write). One replica feeds (the records have one writer); more replicas answer queries.
 */
@Injectable()
export class StatisticsFeed implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('StatisticsFeed');
  private consumer?: EventConsumer;
  private watcher?: NodeJS.Timeout;
  private starting?: Promise<void>;
  private stopped = false;

  constructor(
    @Inject(MONGO_CONNECTION) private readonly connection: Connection,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(REPORTING_SETTINGS) private readonly settings: ReportingSettings,
    @Inject(STATISTICS_VERSION) private readonly version: string,
    private readonly config: ConfigService<ServiceEnv, true>,
    private readonly deadLetters: DeadLetters,
    private readonly versions: StatisticsVersions,
  ) {}

  get groupId(): string {
    const prefix = this.config.get('KAFKA_TOPIC_PREFIX', { infer: true });
    return `${prefix}reporting.statistics-${this.version}`;
  }

  get topics(): string[] {
    const prefix = this.config.get('KAFKA_TOPIC_PREFIX', { infer: true });
    return STATISTICS_CONTEXTS.map((context) => topicFor(context, prefix));
  }

  /** How far this process's version has read the topics, as they are now. */
  async progress(): Promise<Progress> {
    return this.versions.progressOf(this.groupId, this.topics, await this.versions.endOffsets(this.topics));
  }

  onApplicationBootstrap(): void {
    this.starting = this.keepStarting();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.watcher);
    await this.starting;
    await this.consumer?.stop().catch(() => undefined);
  }

  /** Kafka or Mongo may be away at boot: try again, the service answers meanwhile. */
  private async keepStarting(): Promise<void> {
    for (let attempt = 1; !this.stopped; attempt++) {
      try {
        return await this.start();
      } catch (error) {
        this.logger.warn(`statistics feed not started (attempt ${attempt}): ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 1000 * 2 ** attempt)));
      }
    }
  }

  private async start(): Promise<void> {
    const store = new StatisticsStore(this.connection, this.version);
    const state = await store.prepare();
    if (await store.recoverInterruptedFlush(this.settings.calendar)) {
      this.logger.warn(`statistics ${this.version}: an interrupted flush was repaired from the ticket records`);
    }
    const topics = this.topics;
    await ensureTopics(
      this.kafka,
      topics.flatMap((topic) => [topic, deadLetterTopicFor(topic)]),
      eventTopicSettings(this.config),
    );
    const folder = new StatisticsFolder(
      store,
      this.settings.calendar,
      this.settings.cachedTickets,
      this.settings.flushTickets,
    );
    folder.catchingUp = state.status === 'replaying';
    const groupId = this.groupId;
    this.consumer = new EventConsumer({
      ...this.deadLetters.optionsFor(groupId, this.logger),
      kafka: this.kafka,
      groupId,
      topics,
      upcasters,
      // one batch at a time: a ticket's events come from two topics
      partitionsConsumedConcurrently: 1,
      handle: (event) => folder.fold([event]),
      handleBatch: (events) => folder.fold(events),
      // a replay keeps thousands of tickets in memory between writes; live, each batch is written
      buffering: folder,
    });
    this.deadLetters.register(groupId, this.consumer);
    if (this.stopped) return;
    await this.consumer.start(true);
    if (state.status === 'replaying') await this.watchCatchUp(folder);
  }

  /** Becomes the live version once the group has read what the topics held now. */
  private async watchCatchUp(folder: StatisticsFolder): Promise<void> {
    const targets = await this.versions.endOffsets(this.topics);
    const check = async () => {
      const progress = await this.versions.progressOf(this.groupId, this.topics, targets);
      if (progress.read < progress.total) return;
      clearInterval(this.watcher);
      folder.catchingUp = false;
      await this.versions.activate(this.version);
      this.logger.log(`statistics ${this.version} caught up (${progress.total} events): now live`);
    };
    this.watcher = setInterval(
      () => void check().catch((error: Error) => this.logger.warn(`catch-up check failed: ${error.message}`)),
      this.settings.catchUpCheckMs,
    );
  }
}
