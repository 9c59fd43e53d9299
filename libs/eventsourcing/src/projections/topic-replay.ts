import type { EventEnvelope, UpcasterRegistry } from '@itsm/contracts';
import { decodeEvent } from '@itsm/messaging';
import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import type { Collection } from 'mongoose';
import { inLanes } from '../in-lanes';
import { applyAll, handledByStream } from './fold-into';
import type { ProjectedFields, Projection } from './projection';
import type { ProgressListener, Replay } from './replay';

/** A read model's topic, for a rebuild: read from its beginning by a consumer group of the rebuild's own. */
export interface TopicSource {
  kafka: Kafka;
  topic: string;
  upcasters: UpcasterRegistry;
  /** a group no one else uses; deleted when the rebuild is done */
  groupId: string;
}

/**
 * Replays a topic from its beginning into a rebuilt read model. The relay publishes each stream
 * in sequence order to one partition, so folding each partition in offset order folds each stream
 * in sequence order; duplicates are skipped by sequence. Only committed transactions are read.
 * A message that holds no event is skipped, as the live consumer dead-letters it.
 */
export class TopicReplay<Doc extends object> implements Replay {
  private consumer?: Consumer;
  /** per partition, the next offset to read */
  private readonly positions = new Map<number, bigint>();
  private progressed = () => {};
  private crash?: Error;
  /** progress is told during the first catch-up only */
  private reported = false;

  constructor(
    private readonly source: TopicSource,
    private readonly target: Collection<Doc & ProjectedFields>,
    private readonly projection: Projection<Doc>,
    /** told as the first pass reads on, in messages (offsets) */
    private readonly onProgress?: ProgressListener,
  ) {}

  /** Waits until the replay has read every partition up to its end (last stable offset) as of now. */
  async catchUp(): Promise<void> {
    await this.started();
    const admin = this.source.kafka.admin();
    await admin.connect();
    const ends = await admin.fetchTopicOffsets(this.source.topic).finally(() => admin.disconnect());
    const reached = () =>
      ends.every(({ partition, high, low }) => BigInt(high) <= (this.positions.get(partition) ?? BigInt(low)));
    const onProgress = this.reported ? undefined : this.onProgress;
    this.reported = true;
    const total = ends.reduce((sum, { high, low }) => sum + Number(BigInt(high) - BigInt(low)), 0);
    const done = () =>
      ends.reduce((sum, { partition, high, low }) => {
        const at = this.positions.get(partition) ?? BigInt(low);
        return sum + Number((at < BigInt(high) ? at : BigInt(high)) - BigInt(low));
      }, 0);
    while (!reached()) {
      if (this.crash) throw this.crash;
      await new Promise<void>((resolve) => (this.progressed = resolve));
      onProgress?.({ done: done(), total });
    }
  }

  async close(): Promise<void> {
    if (!this.consumer) return;
    await this.consumer.disconnect();
    const admin = this.source.kafka.admin();
    await admin.connect();
    await admin.deleteGroups([this.source.groupId]).catch(() => undefined);
    await admin.disconnect();
  }

  private async started(): Promise<void> {
    if (this.consumer) return;
    const consumer = this.source.kafka.consumer({ groupId: this.source.groupId, allowAutoTopicCreation: false });
    this.consumer = consumer;
    // emitted for batches of control records or aborted messages too: the position moves past them
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      this.positions.set(payload.partition, BigInt(payload.lastOffset) + 1n);
      this.progressed();
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.crash = payload.error;
      this.progressed();
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [this.source.topic], fromBeginning: true });
    await consumer.run({ eachBatch: ({ batch }) => this.fold(batch.messages) });
  }

  private async fold(messages: KafkaMessage[]): Promise<void> {
    const events = messages.flatMap((message) => this.decoded(message));
    await inLanes(handledByStream(this.projection, events), (stream) => applyAll(this.target, this.projection, stream));
  }

  private decoded(message: KafkaMessage): EventEnvelope[] {
    try {
      return [decodeEvent(message, this.source.upcasters)];
    } catch {
      return [];
    }
  }
}
