import type { Admin, Kafka } from 'kafkajs';

/** One partition's lag: messages on it that the group has not committed yet. */
export interface PartitionLag {
  group: string;
  topic: string;
  partition: number;
  lag: number;
}

/** How long a reading serves scrapes: two admin round trips per group are not worth a scrape each. */
const FRESH_MS = 10_000;

/**
 * The lag of the service's consumer groups per partition, from the broker's committed offsets
 * and high watermarks (admin fetchOffsets / fetchTopicOffsets), read on scrape at most every ten
 * seconds, by one admin connection kept open. Every replica reports the same lag of its groups.
 */
export class ConsumerLag {
  private readonly groups = new Map<string, string[]>();
  private admin?: Admin;
  private reading?: Promise<PartitionLag[]>;
  private readAt = 0;
  private last: PartitionLag[] = [];

  constructor(private readonly kafka: Kafka) {}

  /** A consumer group of the service, and the topics it reads. */
  watch(group: string, topics: string[]): void {
    this.groups.set(group, topics);
  }

  async read(): Promise<PartitionLag[]> {
    if (Date.now() - this.readAt < FRESH_MS) return this.last;
    this.reading ??= this.fetch().finally(() => (this.reading = undefined));
    return this.reading;
  }

  async close(): Promise<void> {
    await this.admin?.disconnect().catch(() => undefined);
    this.admin = undefined;
  }

  private async fetch(): Promise<PartitionLag[]> {
    if (this.groups.size === 0) return [];
    try {
      this.admin ??= this.kafka.admin();
      await this.admin.connect();
      const topics = [...new Set([...this.groups.values()].flat())];
      const ends = new Map(
        await Promise.all(topics.map(async (topic) => [topic, await this.admin!.fetchTopicOffsets(topic)] as const)),
      );
      const lags = await Promise.all(
        [...this.groups].map(async ([group, groupTopics]) => {
          const committed = await this.admin!.fetchOffsets({ groupId: group, topics: groupTopics });
          return committed.flatMap(({ topic, partitions }) =>
            partitions.map(({ partition, offset }) => {
              const end = ends.get(topic)?.find((candidate) => candidate.partition === partition);
              return { group, topic, partition, lag: partitionLag(offset, end) };
            }),
          );
        }),
      );
      this.last = lags.flat();
      this.readAt = Date.now();
      return this.last;
    } catch (error) {
      await this.close();
      throw error;
    }
  }
}

/**
 * What is left to consume of a partition: from the committed offset (or, none committed yet, from
 * the oldest message kept) to the high watermark.
 */
export function partitionLag(committed: string, end: { high: string; low: string } | undefined): number {
  if (!end) return 0;
  const from = Number(committed) >= 0 ? Number(committed) : Number(end.low);
  return Math.max(0, Number(end.high) - from);
}
