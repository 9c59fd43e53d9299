import type { Kafka, SeekEntry } from 'kafkajs';

/**
 * The commits of a group no member runs yet set to `partitions` (kafkajs's `admin.setOffsets`):
 * a consumer of the group joins, seeks (committed at its first fetch) and leaves. Its fetch finds
 * every partition paused and sleeps `maxWaitTimeInMs` before it says so: admin.setOffsets keeps
 * kafkajs's 5 s there, this one a moment.
 */
export async function setGroupOffsets(
  kafka: Kafka,
  { groupId, topic, partitions }: { groupId: string; topic: string; partitions: SeekEntry[] },
): Promise<void> {
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 50 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer.on(consumer.events.FETCH, () => resolve());
      consumer.on(consumer.events.CRASH, ({ payload }) => reject(payload.error));
      consumer.run({ eachBatchAutoResolve: false, eachBatch: async () => undefined }).catch(reject);
      // it reads nothing: the seeks alone, committed as the group's positions
      consumer.pause([{ topic }]);
      for (const entry of partitions) consumer.seek({ topic, ...entry });
    });
  } finally {
    await consumer.disconnect();
  }
}
