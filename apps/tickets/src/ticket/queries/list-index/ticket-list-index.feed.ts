import { randomUUID } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { topicFor } from '@itsm/contracts';
import { KAFKA, ProjectionRegistry, projectionGroupId, type ServiceEnv } from '@itsm/runtime';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { ticketViewProjection } from '../../read-models/ticket-view.projection';
import { CatchUp, startPositions } from './feed-positions';
import { TicketListIndex } from './ticket-list-index';
import { latestSequences, TicketListRows } from './ticket-list-rows';

/**
 * How long the index trusts the feed after its last heartbeat to Kafka (sent every 3 to 5 s): past
 * it, a Kafka outage may be hiding other replicas' changes, and the read model answers instead.
 */
const FRESH_AFTER_HEARTBEAT_MS = 20_000;
/** how long the feed waits before reading documents of events it hears of (see handle) */
const OWN_WRITES_WAIT_MS = 20;

/**
 * Keeps this replica's list index: loads it from the read model, then reads every ticket event
 * through a consumer group of this process alone (each replica needs all partitions), and marks
 * it ready once caught up. The writer's own commands refresh it inline, before they answer.
 * Whatever fails, the index is marked stale (the read model answers) and the feed starts over.
 */
@Injectable()
export class TicketListIndexFeed implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(TicketListIndexFeed.name);
  private running?: Promise<void>;
  private stopped = false;
  private stop = () => {};
  private readonly stopping = new Promise<void>((resolve) => (this.stop = resolve));
  /** the consumer group of the feed under way (tests check it is deleted) */
  groupId?: string;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly config: ConfigService<ServiceEnv, true>,
    private readonly projections: ProjectionRegistry,
    private readonly index: TicketListIndex,
    private readonly rows: TicketListRows,
  ) {}

  onModuleInit(): void {
    this.projections.onInlineApplied((events) => this.rows.refresh(latestSequences(events)));
  }

  onApplicationBootstrap(): void {
    this.running = this.keepFeeding();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.stop();
    await this.running;
  }

  /** Kafka or Mongo may be down, the consumer may die: start again with a growing pause. */
  private async keepFeeding(): Promise<void> {
    const prefix = this.config.get('KAFKA_TOPIC_PREFIX', { infer: true });
    const service = this.config.get('SERVICE_NAME', { infer: true });
    for (let attempt = 1; !this.stopped; attempt++) {
      // a group of this process alone, from the positions chosen below: no replica shares it
      const groupId = `${prefix}${service}.ticket-list-index.${randomUUID()}`;
      this.groupId = groupId;
      let consumer: Consumer | undefined;
      try {
        consumer = this.kafka.consumer({ groupId, allowAutoTopicCreation: false });
        const ended = await this.feed(
          consumer,
          topicFor('tickets', prefix),
          projectionGroupId(prefix, service, ticketViewProjection.name),
        );
        if (ended) this.logger.warn(`ticket list index feed stopped, starting over: ${ended.message}`);
      } catch (error) {
        // at boot the topic may still be on its way (the event flow creates it): said once it lasts
        const log = attempt === 1 ? 'debug' : 'warn';
        this.logger[log](`ticket list index feed failed (attempt ${attempt}): ${(error as Error).message}`);
      }
      this.index.markStale();
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
  private async feed(consumer: Consumer, topic: string, readModelGroupId: string): Promise<Error | undefined> {
    const started = Date.now();
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      // the positions first, then the load: no event falls between what is loaded and what is read
      const starts = await startPositions(admin, topic, readModelGroupId);
      const loaded = await this.rows.loadAll(() => this.stopped);
      if (this.stopped) return undefined;
      const ends = (await admin.fetchTopicOffsets(topic)).map(({ partition, high }) => ({ partition, offset: high }));
      const catchUp = new CatchUp(starts, ends);
      let announced = false;
      const ready = () => {
        if (announced || !catchUp.done) return;
        announced = true;
        this.index.confirmFresh(FRESH_AFTER_HEARTBEAT_MS);
        this.index.markReady();
        this.logger.log(`ticket list index ready: ${loaded} tickets loaded, caught up in ${Date.now() - started} ms`);
      };
      const crashed = new Promise<Error>((resolve) =>
        consumer.on(consumer.events.CRASH, ({ payload }) => {
          if (!payload.restart) resolve(payload.error);
        }),
      );
      consumer.on(consumer.events.HEARTBEAT, () => this.index.confirmFresh(FRESH_AFTER_HEARTBEAT_MS));
      await consumer.connect();
      // from the latest offset until the seeks below apply: nothing old is read in between
      await consumer.subscribe({ topics: [topic], fromBeginning: false });
      await consumer.run({
        partitionsConsumedConcurrently: 3,
        eachBatch: async (payload) => {
          await this.handle(payload);
          catchUp.passed(payload.batch.partition, Number(payload.batch.lastOffset()) + 1);
          ready();
        },
      });
      for (const start of starts) consumer.seek({ topic, ...start });
      ready();
      return await Promise.race([crashed, this.stopping.then(() => undefined)]);
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  private async handle({ batch, heartbeat }: EachBatchPayload): Promise<void> {
    const events = batch.messages.flatMap((message) => eventOf(message) ?? []);
    // the relay often publishes this replica's own commits before their inline apply has written
    // them: a short wait spares reading documents the inline refresh brings anyway
    await this.rows.refresh(latestSequences(events), OWN_WRITES_WAIT_MS);
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

/** The envelope fields the index needs; undefined for what is not an event (the DLQ's concern). */
function eventOf(message: KafkaMessage): { type: string; streamId: string; sequence: number } | undefined {
  try {
    const { type, streamId, sequence } = JSON.parse(message.value?.toString('utf8') ?? '') as Record<string, unknown>;
    if (typeof type !== 'string' || typeof streamId !== 'string' || typeof sequence !== 'number') return undefined;
    return { type, streamId, sequence };
  } catch {
    return undefined;
  }
}
