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
  /** settings of named topics (full names), over the ones above */
  byTopic?: Record<string, TopicOverride>;
}

export type TopicOverride = Omit<TopicSettings, 'byTopic'>;

const OVERRIDE_KEYS: Record<string, keyof TopicOverride> = {
  partitions: 'partitions',
  replication: 'replicationFactor',
  'retention.ms': 'retentionMs',
};

/**
 * Reads per-topic settings, `<topic>:partitions=12,replication=3,retention.ms=-1;<topic>:…` (topic
 * names hold no `:`); throws a message naming what is wrong.
 */
export function parseTopicOverrides(text: string): Record<string, TopicOverride> {
  const overrides: Record<string, TopicOverride> = {};
  for (const entry of text
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [topic, settings, extra] = entry.split(':');
    if (!/^[A-Za-z0-9._-]+$/.test(topic ?? '') || !settings || extra !== undefined) {
      throw new Error(`KAFKA_TOPIC_OVERRIDES: "${entry}" is not <topic>:<setting>=<value>[,…]`);
    }
    overrides[topic] = Object.fromEntries(settings.split(',').map((pair) => overrideOf(entry, pair)));
  }
  return overrides;
}

function overrideOf(entry: string, pair: string): [keyof TopicOverride, number] {
  const [name, value] = pair.split('=').map((part) => part.trim());
  const key = OVERRIDE_KEYS[name ?? ''];
  const number = Number(value);
  if (!key || value === '' || !Number.isInteger(number) || number < -1 || (key === 'partitions' && number < 1)) {
    throw new Error(
      `KAFKA_TOPIC_OVERRIDES: "${pair}" in "${entry}" must be partitions=<1 or more>, replication=<n or -1> or retention.ms=<ms or -1>`,
    );
  }
  return [key, number];
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

/** How one topic is created: its own settings over the common ones, the broker's for what neither says. */
export function topicConfig(topic: string, settings: TopicSettings): ITopicConfig {
  const { partitions = 3, replicationFactor = -1, retentionMs } = { ...settings, ...settings.byTopic?.[topic] };
  const configEntries = retentionMs === undefined ? [] : [{ name: 'retention.ms', value: String(retentionMs) }];
  return { topic, numPartitions: partitions, replicationFactor, configEntries };
}
