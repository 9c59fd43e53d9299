import type { Kafka } from 'kafkajs';

const ATTEMPTS = 6;

/**
 * Creates the topics that do not exist yet (partitions are Kafka's unit of consumer parallelism).
 * Several processes may create the same topics at once (a service and its neighbours at start): a
 * topic another one just created can be unknown to the metadata for a moment, so try again.
 */
export async function ensureTopics(kafka: Kafka, topics: string[], numPartitions = 3): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await createMissing(kafka, topics, numPartitions);
    } catch (error) {
      if (attempt >= ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
    }
  }
}

async function createMissing(kafka: Kafka, topics: string[], numPartitions: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      await admin.createTopics({
        topics: missing.map((topic) => ({ topic, numPartitions, replicationFactor: -1 })),
        waitForLeaders: true,
      });
    }
  } finally {
    await admin.disconnect();
  }
}
