import type { ITopicConfig, Kafka } from 'kafkajs';

const ATTEMPTS = 6;

/** How topics are created; each setting left out is the broker's default. */
export interface TopicSettings {
  /** Kafka's unit of consumer parallelism (default 3) */
  partitions?: number;
  /** copies of each partition; -1 is the broker's `default.replication.factor` (default -1) */
  replicationFactor?: number;
  /** `retention.ms`: -1 keeps every message for ever */
  retentionMs?: number;
}

/**
 * Creates the topics that do not exist yet; those that do are left as they are. Several processes
 * may create the same topics at once (a service and its neighbours at start): a topic another one
 * just created can be unknown to the metadata for a moment, so try again.
 */
export async function ensureTopics(kafka: Kafka, topics: string[], settings: TopicSettings = {}): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await createMissing(kafka, topics, settings);
    } catch (error) {
      if (attempt >= ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
    }
  }
}

async function createMissing(kafka: Kafka, topics: string[], settings: TopicSettings): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      await admin.createTopics({ topics: missing.map((topic) => topicConfig(topic, settings)), waitForLeaders: true });
    }
  } finally {
    await admin.disconnect();
  }
}

function topicConfig(
  topic: string,
  { partitions = 3, replicationFactor = -1, retentionMs }: TopicSettings,
): ITopicConfig {
  const configEntries = retentionMs === undefined ? [] : [{ name: 'retention.ms', value: String(retentionMs) }];
  return { topic, numPartitions: partitions, replicationFactor, configEntries };
}
