import { Inject, Injectable } from '@nestjs/common';
import { concurrentUpsert } from '@itsm/eventsourcing';
import { KAFKA, MONGO_CONNECTION } from '@itsm/runtime';
import type { Kafka } from 'kafkajs';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { REPORTING_SETTINGS, type ReportingSettings } from '../reporting.env';
import { FreshValue } from './queries/fresh-value';
import type { VersionDoc } from './read-models/statistics.store';

/** The version of the statistics this process computes (statisticsVersion(), or a test's own). */
export const STATISTICS_VERSION = Symbol('STATISTICS_VERSION');

/** Per topic, per partition: the first offset kept and the end. */
export type TopicEnds = Map<string, Array<{ partition: number; low: bigint; high: bigint }>>;

export interface Progress {
  /** events read by the version's consumer group, of `total` */
  read: number;
  total: number;
}

interface ActiveDoc {
  _id: 'active';
  version: string;
  since: string;
}

/**
 * Which version of the statistics answers queries: the one named by a single document, switched
 * in one write when a new version has caught up. Before any version was live, the one filling.
 */
@Injectable()
export class StatisticsVersions {
  private readonly active: Collection<ActiveDoc>;
  private readonly versions: Collection<VersionDoc>;
  private readonly answered: FreshValue<string>;

  constructor(
    @Inject(MONGO_CONNECTION) connection: Connection,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(STATISTICS_VERSION) readonly own: string,
    @Inject(REPORTING_SETTINGS) settings: ReportingSettings,
  ) {
    this.active = connection.collection<ActiveDoc>('reporting_active');
    this.versions = connection.collection<VersionDoc>('reporting_versions');
    const read = async () => (await this.active.findOne({ _id: 'active' }))?.version ?? this.own;
    this.answered = new FreshValue(read, settings.queryFreshMs);
  }

  /** The version answering queries (REPORTING_QUERY_FRESH_MS old at most, see FreshValue). */
  answering(): Promise<string> {
    return this.answered.get();
  }

  async activate(version: string): Promise<void> {
    const now = new Date().toISOString();
    // the switch is this one write; a crash before the next leaves the version to catch up again
    await concurrentUpsert(() =>
      this.active.updateOne({ _id: 'active' }, { $set: { version, since: now } }, { upsert: true }),
    );
    await this.versions.updateOne({ _id: version, status: 'replaying' }, { $set: { status: 'live', liveAt: now } });
  }

  async list() {
    const answering = await this.answering();
    const docs = await this.versions.find().sort({ startedAt: 1 }).toArray();
    return docs.map(({ _id, status, startedAt, liveAt }) => ({
      version: _id,
      status,
      answering: _id === answering,
      startedAt,
      liveAt,
    }));
  }

  async endOffsets(topics: string[]): Promise<TopicEnds> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const ends: TopicEnds = new Map();
      for (const topic of topics) {
        const offsets = await admin.fetchTopicOffsets(topic);
        ends.set(
          topic,
          offsets.map(({ partition, low, high }) => ({ partition, low: BigInt(low), high: BigInt(high) })),
        );
      }
      return ends;
    } finally {
      await admin.disconnect();
    }
  }

  /** How far a consumer group has read towards `targets` (what the topics held at some instant). */
  async progressOf(groupId: string, topics: string[], targets: TopicEnds): Promise<Progress> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const committed = await admin.fetchOffsets({ groupId, topics });
      let read = 0n;
      let total = 0n;
      for (const { topic, partitions } of committed) {
        for (const { partition, low, high } of targets.get(topic) ?? []) {
          const offset = BigInt(partitions.find((p) => p.partition === partition)?.offset ?? '-1');
          const at = offset < low ? low : offset > high ? high : offset;
          read += at - low;
          total += high - low;
        }
      }
      return { read: Number(read), total: Number(total) };
    } finally {
      await admin.disconnect();
    }
  }
}
